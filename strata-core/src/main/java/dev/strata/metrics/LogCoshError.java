package dev.strata.metrics;

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
}
