package dev.strata.config;

import java.util.Collection;

/**
 * A library's custom layers, models and other saveable classes, found with {@link java.util.ServiceLoader} so that
 * files using them load without registering each class by hand. Declare an implementation with
 * {@code provides dev.strata.config.SerializableClassProvider with ...;} in {@code module-info.java} (or in
 * {@code META-INF/services/dev.strata.config.SerializableClassProvider} on the class path). Its classes are
 * registered with {@link SavingRegistry#register(Class)} the first time the registry is consulted.
 */
public interface SerializableClassProvider {
    /** The classes to register; each gets its {@link KerasSerializable} name or {@code "Custom>SimpleName"}. */
    Collection<Class<?>> classes();
}
