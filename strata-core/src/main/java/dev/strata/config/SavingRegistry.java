package dev.strata.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The custom classes that loading may instantiate, by registered name ({@code "Custom>WideAndDeepModel"}), like
 * Keras's {@code register_keras_serializable}. Loading a config never instantiates a class just because the file
 * names it: only Strata's built-in classes and the classes registered here (or passed in
 * {@link LoadOptions#customObject}) are ever created.
 *
 * <p>A class gets registered
 * <ul>
 *   <li>explicitly: {@code SavingRegistry.register(WideAndDeepModel.class)};
 *   <li>automatically when a model using it is saved (turned into a config) in this JVM, so that a model saved
 *       and loaded in the same program needs nothing;
 *   <li>through a {@link SerializableClassProvider} found by {@link ServiceLoader}, for libraries.
 * </ul>
 *
 * <p>The registered name is {@code "package>Name"}: the package is {@value #DEFAULT_PACKAGE} unless the class says
 * otherwise with {@link KerasSerializable} or is registered with {@link #register(Class, String)}; the name is the
 * class's simple name. Thread-safe.
 */
public final class SavingRegistry {
    /** Keras's default package for registered names. */
    public static final String DEFAULT_PACKAGE = "Custom";

    private static final Map<String, Class<?>> BY_NAME = new HashMap<>();
    private static final Map<Class<?>, String> BY_CLASS = new HashMap<>();
    private static boolean providersLoaded;

    private SavingRegistry() {
    }

    /**
     * Registers {@code type} under its {@link KerasSerializable} name or {@code "Custom>SimpleName"}; returns the
     * registered name. Registering a class again under the same name does nothing.
     *
     * @throws IllegalStateException if another class already has that name
     */
    public static String register(Class<?> type) {
        return register(defaultName(type), type);
    }

    /** Registers {@code type} as {@code "packageName>SimpleName"}; returns the registered name. */
    public static String register(Class<?> type, String packageName) {
        Objects.requireNonNull(packageName, "packageName");
        return register(packageName + ">" + nameOf(type), type);
    }

    /**
     * Registers {@code type} under {@code registeredName} (any string; Keras's form is {@code "package>Name"});
     * returns it. A class may be registered under several names, for reading files that name it differently
     * (Keras 2 wrote {@code "MyDense"}, Keras 3 {@code "Custom>MyDense"}); saving writes the first one.
     *
     * @throws IllegalStateException if another class already has that name
     */
    public static synchronized String register(String registeredName, Class<?> type) {
        Objects.requireNonNull(registeredName, "registeredName");
        Objects.requireNonNull(type, "type");
        if (registeredName.isBlank()) {
            throw new IllegalArgumentException("a registered name must not be blank");
        }
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

    /** Forgets a class and all its names (for plug-ins being unloaded, and tests). */
    public static synchronized void unregister(Class<?> type) {
        BY_CLASS.remove(type);
        BY_NAME.values().removeIf(c -> c == type);
    }

    /** The name {@code type} is registered under (the first, if several), if it is. */
    public static synchronized Optional<String> registeredName(Class<?> type) {
        loadProviders();
        return Optional.ofNullable(BY_CLASS.get(type));
    }

    /** The class registered under {@code registeredName}, if any. */
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
     * from {@link KerasSerializable} or is {@code "Custom>SimpleName"}.
     */
    public static synchronized String ensureRegistered(Class<?> type) {
        String name = BY_CLASS.get(type);
        return name != null ? name : register(type);
    }

    /** The registered name {@code type} gets by default. */
    public static String defaultName(Class<?> type) {
        KerasSerializable a = type.getAnnotation(KerasSerializable.class);
        String pkg = a == null ? DEFAULT_PACKAGE : a.packageName();
        return pkg + ">" + nameOf(type);
    }

    private static String nameOf(Class<?> type) {
        KerasSerializable a = type.getAnnotation(KerasSerializable.class);
        return a == null || a.name().isEmpty() ? type.getSimpleName() : a.name();
    }

    private static void loadProviders() {
        if (providersLoaded) {
            return;
        }
        providersLoaded = true;
        for (SerializableClassProvider p : ServiceLoader.load(SerializableClassProvider.class)) {
            for (Class<?> c : p.classes()) {
                String name = defaultName(c);
                if (!BY_CLASS.containsKey(c) && !BY_NAME.containsKey(name)) {
                    register(name, c);
                }
            }
        }
    }
}
