package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;

/**
 * The mean of absolute errors, {@code mean(abs(yTrue - yPred), axis=-1)} per sample, as {@code
 * keras.losses.MeanAbsoluteError} (default name {@code "mean_absolute_error"}, reduction {@code
 * sum_over_batch_size}).
 */
public final class MeanAbsoluteError extends Loss {
    /** With Keras's defaults. */
    public MeanAbsoluteError() {
        this(Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With the given reduction. */
    public MeanAbsoluteError(Reduction reduction) {
        this(reduction, "mean_absolute_error");
    }

    /** With the given reduction and name. */
    public MeanAbsoluteError(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.meanAbsoluteError(yTrue, yPred);
    }

    /** Keras's {@code from_config}: the loss has no arguments besides its name and reduction. */
    public static MeanAbsoluteError fromConfig(Config config) {
        return new MeanAbsoluteError(); // name and reduction are the base keys Loss.FAMILY applies
    }
}
