package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.losses.Losses;

/**
 * The mean absolute percentage error, as {@code keras.metrics.MeanAbsolutePercentageError} (default name {@code
 * "mean_absolute_percentage_error"}): the weighted mean over samples of {@link Losses#meanAbsolutePercentageError}.
 */
public final class MeanAbsolutePercentageError extends MeanMetricWrapper {
    /** Named {@code "mean_absolute_percentage_error"}. */
    public MeanAbsolutePercentageError() {
        this("mean_absolute_percentage_error");
    }

    /** With the given name. */
    public MeanAbsolutePercentageError(String name) {
        super(Losses::meanAbsolutePercentageError, name);
    }

    /** Keras's {@code from_config}: the metric has no arguments besides its name and dtype. */
    public static MeanAbsolutePercentageError fromConfig(Config config) {
        return new MeanAbsolutePercentageError(); // name and dtype are the base keys Metric.FAMILY applies
    }
}
