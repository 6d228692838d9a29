package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;

/**
 * Binary crossentropy, as {@code keras.losses.BinaryCrossentropy} (default name {@code "binary_crossentropy"},
 * {@code fromLogits} false, {@code labelSmoothing} 0, {@code axis} -1): per sample the mean over {@code axis} of
 * {@code -(t log(p) + (1 - t) log(1 - p))}. Probabilities are clipped to {@code [1e-7, 1 - 1e-7]}; logits go
 * through the stable softplus form. Label smoothing moves targets towards 0.5: {@code t (1 - s) + 0.5 s}.
 */
public final class BinaryCrossentropy extends Crossentropy {
    /** With Keras's defaults: predictions are probabilities. */
    public BinaryCrossentropy() {
        this(false);
    }

    /** Predictions are logits if {@code fromLogits}, else probabilities. */
    public BinaryCrossentropy(boolean fromLogits) {
        this(fromLogits, 0.0);
    }

    /** With label smoothing in {@code [0, 1]}. */
    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing) {
        this(fromLogits, labelSmoothing, -1, Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With every option but the name. */
    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing, int axis, Reduction reduction) {
        this(fromLogits, labelSmoothing, axis, reduction, "binary_crossentropy");
    }

    /**
     * With every option.
     *
     * @throws IllegalArgumentException if {@code labelSmoothing} is outside {@code [0, 1]}
     */
    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing, int axis, Reduction reduction,
                              String name) {
        super(name, reduction, fromLogits, labelSmoothing, axis);
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.binaryCrossentropy(yTrue, yPred, fromLogits(), labelSmoothing(), axis());
    }

    /** Keras's {@code from_config}: {@code from_logits}, {@code label_smoothing} and {@code axis}, Keras's defaults. */
    public static BinaryCrossentropy fromConfig(Config config) {
        // name and reduction are the base keys Loss.FAMILY applies
        return new BinaryCrossentropy(config.bool("from_logits", false), config.number("label_smoothing", 0.0),
                config.integer("axis", -1), Reduction.SUM_OVER_BATCH_SIZE);
    }
}
