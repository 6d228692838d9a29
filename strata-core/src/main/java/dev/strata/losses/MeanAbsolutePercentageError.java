package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;

/**
 * The mean absolute percentage error, {@code 100 * mean(abs(yTrue - yPred) / maximum(abs(yTrue), 1e-7), axis=-1)}
 * per sample, as {@code keras.losses.MeanAbsolutePercentageError} (default name {@code
 * "mean_absolute_percentage_error"}, reduction {@code sum_over_batch_size}).
 */
public final class MeanAbsolutePercentageError extends Loss {
    /** With Keras's defaults. */
    public MeanAbsolutePercentageError() {
        this(Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With the given reduction. */
    public MeanAbsolutePercentageError(Reduction reduction) {
        this(reduction, "mean_absolute_percentage_error");
    }

    /** With the given reduction and name. */
    public MeanAbsolutePercentageError(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.meanAbsolutePercentageError(yTrue, yPred);
    }

    /** Keras's {@code from_config}: the loss has no arguments besides its name and reduction. */
    public static MeanAbsolutePercentageError fromConfig(Config config) {
        return new MeanAbsolutePercentageError(); // name and reduction are the base keys Loss.FAMILY applies
    }
}
