package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;

/**
 * The mean of squared errors, {@code mean(square(yTrue - yPred), axis=-1)} per sample, as {@code
 * keras.losses.MeanSquaredError} (default name {@code "mean_squared_error"}, reduction {@code
 * sum_over_batch_size}).
 */
public final class MeanSquaredError extends Loss {
    /** With Keras's defaults. */
    public MeanSquaredError() {
        this(Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With the given reduction. */
    public MeanSquaredError(Reduction reduction) {
        this(reduction, "mean_squared_error");
    }

    /** With the given reduction and name. */
    public MeanSquaredError(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.meanSquaredError(yTrue, yPred);
    }

    /** Keras's {@code from_config}: the loss has no arguments besides its name and reduction. */
    public static MeanSquaredError fromConfig(Config config) {
        return new MeanSquaredError(); // name and reduction are the base keys Loss.FAMILY applies
    }
}
