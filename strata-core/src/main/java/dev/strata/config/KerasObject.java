package dev.strata.config;

import java.util.Map;

/**
 * An object Keras saves as {@code {"module", "class_name", "config", "registered_name"}}: layers, models,
 * optimizers, losses, metrics, initializers, regularizers. Its class is its identity: Strata's own classes are found
 * by discovery (a class with a {@code public static fromConfig(Config)} is a built-in, named as Keras names it),
 * a user's class is registered with {@link SavingRegistry}. {@link #getConfig()} gives the arguments that make it
 * again, like Keras's {@code get_config()}; {@link KerasObjects} writes and reads the saved form.
 *
 * <p>Layers and models also carry what Keras saves beside the config: how they were built
 * ({@link #getBuildConfig()}) and compiled ({@link #getCompileConfig()}).
 */
public interface KerasObject {
    /**
     * The arguments that recreate this object, by Keras's keys, as plain values or objects
     * {@link KerasObjects#toJson} can write (numbers, strings, lists, maps, shapes, nested Keras objects).
     */
    Map<String, Object> getConfig();

    /**
     * Keras's {@code get_build_config()}: what {@link #buildFromConfig} needs to build the object again (a layer's
     * input shapes), or null if there is nothing to save (not built, or built at construction).
     */
    default Map<String, Object> getBuildConfig() {
        return null;
    }

    /** Keras's {@code build_from_config()}: builds the object as {@link #getBuildConfig()} describes. */
    default void buildFromConfig(Config buildConfig) {
    }

    /** Keras's {@code get_compile_config()}: how a model was compiled, or null if it was not. */
    default Map<String, Object> getCompileConfig() {
        return null;
    }

    /** Keras's {@code compile_from_config()}: compiles the model as {@link #getCompileConfig()} describes. */
    default void compileFromConfig(Config compileConfig) {
    }
}
