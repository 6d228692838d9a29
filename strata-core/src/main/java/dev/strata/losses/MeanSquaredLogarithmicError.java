package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;

/**
 * The mean squared logarithmic error, {@code mean(square(log(maximum(yPred, 1e-7) + 1) - log(maximum(yTrue, 1e-7) +
 * 1)), axis=-1)} per sample, as {@code keras.losses.MeanSquaredLogarithmicError} (default name {@code
 * "mean_squared_logarithmic_error"}, reduction {@code sum_over_batch_size}).
 */
public final class MeanSquaredLogarithmicError extends Loss {
    /** With Keras's defaults. */
    public MeanSquaredLogarithmicError() {
        this(Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With the given reduction. */
    public MeanSquaredLogarithmicError(Reduction reduction) {
        this(reduction, "mean_squared_logarithmic_error");
    }

    /** With the given reduction and name. */
    public MeanSquaredLogarithmicError(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.meanSquaredLogarithmicError(yTrue, yPred);
    }

    /** Keras's {@code from_config}: the loss has no arguments besides its name and reduction. */
    public static MeanSquaredLogarithmicError fromConfig(Config config) {
        return new MeanSquaredLogarithmicError(); // name and reduction are the base keys Loss.FAMILY applies
    }
}
