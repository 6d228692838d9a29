package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;

/**
 * The logarithm of the hyperbolic cosine of the error, {@code mean(log(cosh(yPred - yTrue)), axis=-1)} per sample,
 * computed stably, as {@code keras.losses.LogCosh} (default name {@code "log_cosh"}, reduction {@code
 * sum_over_batch_size}).
 */
public final class LogCosh extends Loss {
    /** With Keras's defaults. */
    public LogCosh() {
        this(Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With the given reduction. */
    public LogCosh(Reduction reduction) {
        this(reduction, "log_cosh");
    }

    /** With the given reduction and name. */
    public LogCosh(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.logCosh(yTrue, yPred);
    }

    /** Keras's {@code from_config}: the loss has no arguments besides its name and reduction. */
    public static LogCosh fromConfig(Config config) {
        return new LogCosh(); // name and reduction are the base keys Loss.FAMILY applies
    }
}
