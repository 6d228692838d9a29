package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.losses.Losses;

/**
 * The mean absolute error, as {@code keras.metrics.MeanAbsoluteError} (default name {@code "mean_absolute_error"}):
 * the weighted mean over samples of {@link Losses#meanAbsoluteError}.
 */
public final class MeanAbsoluteError extends MeanMetricWrapper {
    /** Named {@code "mean_absolute_error"}. */
    public MeanAbsoluteError() {
        this("mean_absolute_error");
    }

    /** With the given name. */
    public MeanAbsoluteError(String name) {
        super(Losses::meanAbsoluteError, name);
    }

    /** Keras's {@code from_config}: the metric has no arguments besides its name and dtype. */
    public static MeanAbsoluteError fromConfig(Config config) {
        return new MeanAbsoluteError(); // name and dtype are the base keys Metric.FAMILY applies
    }
}
