package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.losses.Losses;

/**
 * The mean logarithm of the hyperbolic cosine of the error, as {@code keras.metrics.LogCoshError} (default name
 * {@code "logcosh"}): the weighted mean over samples of {@link Losses#logCosh}.
 */
public final class LogCoshError extends MeanMetricWrapper {
    /** Named {@code "logcosh"}. */
    public LogCoshError() {
        this("logcosh");
    }

    /** With the given name. */
    public LogCoshError(String name) {
        super(Losses::logCosh, name);
    }

    /** Keras's {@code from_config}: the metric has no arguments besides its name and dtype. */
    public static LogCoshError fromConfig(Config config) {
        return new LogCoshError(); // name and dtype are the base keys Metric.FAMILY applies
    }
}
