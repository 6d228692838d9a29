package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;

/**
 * Categorical crossentropy, as {@code keras.losses.CategoricalCrossentropy} (default name
 * {@code "categorical_crossentropy"}, {@code fromLogits} false, {@code labelSmoothing} 0, {@code axis} -1): per
 * sample {@code -sum(t log p)} over {@code axis}, targets one-hot (or any distribution). Probabilities are divided
 * by their sum along the axis and clipped to {@code [1e-7, 1 - 1e-7]}; logits go through log-softmax. Label
 * smoothing: {@code t (1 - s) + s / numClasses}.
 */
public final class CategoricalCrossentropy extends Crossentropy {
    /** With Keras's defaults: predictions are probabilities. */
    public CategoricalCrossentropy() {
        this(false);
    }

    /** Predictions are logits if {@code fromLogits}, else probabilities. */
    public CategoricalCrossentropy(boolean fromLogits) {
        this(fromLogits, 0.0);
    }

    /** With label smoothing in {@code [0, 1]}. */
    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
        this(fromLogits, labelSmoothing, -1, Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With every option but the name. */
    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing, int axis, Reduction reduction) {
        this(fromLogits, labelSmoothing, axis, reduction, "categorical_crossentropy");
    }

    /**
     * With every option.
     *
     * @throws IllegalArgumentException if {@code labelSmoothing} is outside {@code [0, 1]}
     */
    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing, int axis, Reduction reduction,
                                   String name) {
        super(name, reduction, fromLogits, labelSmoothing, axis);
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.categoricalCrossentropy(yTrue, yPred, fromLogits(), labelSmoothing(), axis());
    }

    /** Keras's {@code from_config}: {@code from_logits}, {@code label_smoothing} and {@code axis}, Keras's defaults. */
    public static CategoricalCrossentropy fromConfig(Config config) {
        // name and reduction are the base keys Loss.FAMILY applies
        return new CategoricalCrossentropy(config.bool("from_logits", false), config.number("label_smoothing", 0.0),
                config.integer("axis", -1), Reduction.SUM_OVER_BATCH_SIZE);
    }
}
