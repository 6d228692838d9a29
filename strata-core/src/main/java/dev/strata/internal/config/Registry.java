package dev.strata.internal.config;

import dev.strata.config.SavingRegistry;
import dev.strata.config.SerializableClassProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The table behind {@link SavingRegistry}: registered names and classes, and the providers found by
 * {@link ServiceLoader}, loaded the first time the table is consulted. Also what only Strata's own saving and loading
 * ask of it: registering a class as it is saved, and finding a class by the name part of its registered name.
 * Thread-safe (one lock for the table).
 */
public final class Registry {
    private static final Map<String, Class<?>> BY_NAME = new HashMap<>();
    private static final Map<Class<?>, String> BY_CLASS = new HashMap<>();
    private static boolean providersLoaded;

    private Registry() {
    }

    /** See {@link SavingRegistry#register(String, Class)}. */
    public static synchronized String register(String registeredName, Class<?> type) {
        Class<?> existing = BY_NAME.get(registeredName);
        if (existing != null && existing != type) {
            throw new IllegalStateException("cannot register " + type.getName() + " as '" + registeredName
                    + "': that name already belongs to " + existing.getName() + "; give one of them another name "
                    + "(@KerasSerializable(packageName = ...) or register(type, packageName))");
        }
        BY_NAME.put(registeredName, type);
        BY_CLASS.putIfAbsent(type, registeredName);
        return registeredName;
    }

    /** See {@link SavingRegistry#unregister(Class)}. */
    public static synchronized void unregister(Class<?> type) {
        BY_CLASS.remove(type);
        BY_NAME.values().removeIf(c -> c == type);
    }

    /** See {@link SavingRegistry#registeredName(Class)}. */
    public static synchronized Optional<String> registeredName(Class<?> type) {
        loadProviders();
        return Optional.ofNullable(BY_CLASS.get(type));
    }

    /** See {@link SavingRegistry#lookup(String)}. */
    public static synchronized Optional<Class<?>> lookup(String registeredName) {
        loadProviders();
        return Optional.ofNullable(BY_NAME.get(registeredName));
    }

    /**
     * The one registered class whose name part (after {@code '>'}) is {@code simpleName}, for files that give only
     * the class name (Keras writes {@code "registered_name": "WideAndDeepModel"} for a class registered without a
     * package). Empty if none or several match.
     */
    public static synchronized Optional<Class<?>> lookupByName(String simpleName) {
        loadProviders();
        List<Class<?>> found = new ArrayList<>();
        for (Map.Entry<String, Class<?>> e : BY_NAME.entrySet()) {
            String key = e.getKey();
            String name = key.substring(key.indexOf('>') + 1);
            if (name.equals(simpleName) && !found.contains(e.getValue())) {
                found.add(e.getValue());
            }
        }
        return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
    }

    /**
     * The registered name of {@code type}, registering it first (as saving does) if it is not yet; the name comes
     * from {@code KerasSerializable} or is {@code "Custom>SimpleName"} ({@link SavingRegistry#defaultName}).
     */
    public static synchronized String ensureRegistered(Class<?> type) {
        String name = BY_CLASS.get(type);
        return name != null ? name : register(SavingRegistry.defaultName(type), type);
    }

    private static void loadProviders() {
        if (providersLoaded) {
            return;
        }
        providersLoaded = true;
        for (SerializableClassProvider p : ServiceLoader.load(SerializableClassProvider.class)) {
            for (Class<?> c : p.classes()) {
                String name = SavingRegistry.defaultName(c);
                if (!BY_CLASS.containsKey(c) && !BY_NAME.containsKey(name)) {
                    register(name, c);
                }
            }
        }
    }
}
