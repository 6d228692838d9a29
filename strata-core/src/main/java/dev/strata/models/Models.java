package dev.strata.models;

import dev.strata.saving.ConfigOptions;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.LoadOptions;

/**
 * Operations on whole models, like {@code keras.models}.
 */
public final class Models {
    private Models() {
    }

    /**
     * A new model with the same architecture and fresh weights, like Keras's {@code clone_model}: the same layers
     * (same classes, configs and names), wired the same way, newly initialized and not compiled. Works for all three
     * styles: a Functional or Sequential model is rebuilt from its config; a subclassed model is made again from
     * its config ({@code fromConfig(getConfig())}: its static {@code fromConfig} or the constructor matching its
     * auto-config) and built for the same input shapes. Lambda layers keep their functions.
     *
     * <pre>{@code
     * Model copy = Models.cloneModel(model);
     * copy.setWeights(model.getWeights());   // now computes the same outputs
     * }</pre>
     *
     * @throws dev.strata.config.KerasConfigException if the model cannot be described by a config (an op with no
     *     Keras form) or a custom class cannot be made again from its config (the message says what to add)
     */
    public static Model cloneModel(Model model) {
        return KerasConfig.cloneModel(model);
    }

    /**
     * Loads a model saved by {@link Model#save} or by Python Keras ({@code .keras}, or a legacy {@code .h5} model),
     * like {@code keras.saving.load_model}: compiled from its saved settings with its optimizer state, ready to
     * predict or to continue training. Only built-in and registered classes are made (see
     * {@link dev.strata.config.SavingRegistry}).
     *
     * <pre>{@code
     * Model model = Models.loadModel(Path.of("wide_and_deep.keras"));
     * }</pre>
     *
     * @throws dev.strata.ModelFormatException for any problem with the file, naming the file, the path in it
     *     and what was wrong
     */
    public static Model loadModel(java.nio.file.Path path) {
        return dev.strata.saving.Saving.loadModel(path);
    }

    /**
     * Loads a model with options: custom classes, Lambda functions, {@code compile(false)}, restoring the random
     * generator for an exact continuation of training.
     */
    public static Model loadModel(java.nio.file.Path path, LoadOptions options) {
        return dev.strata.saving.Saving.loadModel(path, options);
    }

    /**
     * Whether {@code model} is a Functional model: made by {@link Model#of}, by {@link Model#toFunctional()} or
     * loaded from a Functional config.
     */
    public static boolean isFunctional(Model model) {
        return model instanceof Functional;
    }

    /** {@link KerasConfig#modelToJson(Model, ConfigOptions)}: the model's Keras config as JSON text. */
    public static String toJson(Model model) {
        return KerasConfig.modelToJson(model, new ConfigOptions());
    }

    /** {@link KerasConfig#modelFromJson(String, LoadOptions)} with default options. */
    public static Model fromJson(String json) {
        return KerasConfig.modelFromJson(json, new LoadOptions());
    }
}
