package dev.strata.config;

import dev.strata.internal.config.Registry;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The custom classes that loading may instantiate, by registered name ({@code "Custom>WideAndDeepModel"}), like
 * Keras's {@code register_keras_serializable}. Loading a config never instantiates a class just because the file
 * names it: only Strata's built-in classes and the classes registered here (or passed in
 * {@link dev.strata.saving.LoadOptions#customObject}) are ever created.
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
    public static String register(String registeredName, Class<?> type) {
        Objects.requireNonNull(registeredName, "registeredName");
        Objects.requireNonNull(type, "type");
        if (registeredName.isBlank()) {
            throw new IllegalArgumentException("a registered name must not be blank");
        }
        return Registry.register(registeredName, type);
    }

    /** Forgets a class and all its names (for plug-ins being unloaded, and tests). */
    public static void unregister(Class<?> type) {
        Registry.unregister(type);
    }

    /** The name {@code type} is registered under (the first, if several), if it is. */
    public static Optional<String> registeredName(Class<?> type) {
        return Registry.registeredName(type);
    }

    /** The class registered under {@code registeredName}, if any. */
    public static Optional<Class<?>> lookup(String registeredName) {
        return Registry.lookup(registeredName);
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
}
