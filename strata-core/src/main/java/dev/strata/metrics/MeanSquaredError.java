package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.losses.Losses;

/**
 * The mean squared error, as {@code keras.metrics.MeanSquaredError} (default name {@code "mean_squared_error"}):
 * the weighted mean over samples of {@link Losses#meanSquaredError}.
 */
public final class MeanSquaredError extends MeanMetricWrapper {
    /** Named {@code "mean_squared_error"}. */
    public MeanSquaredError() {
        this("mean_squared_error");
    }

    /** With the given name. */
    public MeanSquaredError(String name) {
        super(Losses::meanSquaredError, name);
    }

    /** Keras's {@code from_config}: the metric has no arguments besides its name and dtype. */
    public static MeanSquaredError fromConfig(Config config) {
        return new MeanSquaredError(); // name and dtype are the base keys Metric.FAMILY applies
    }
}
