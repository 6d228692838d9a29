package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.losses.Losses;

/**
 * The mean squared logarithmic error, as {@code keras.metrics.MeanSquaredLogarithmicError} (default name {@code
 * "mean_squared_logarithmic_error"}): the weighted mean over samples of {@link Losses#meanSquaredLogarithmicError}.
 */
public final class MeanSquaredLogarithmicError extends MeanMetricWrapper {
    /** Named {@code "mean_squared_logarithmic_error"}. */
    public MeanSquaredLogarithmicError() {
        this("mean_squared_logarithmic_error");
    }

    /** With the given name. */
    public MeanSquaredLogarithmicError(String name) {
        super(Losses::meanSquaredLogarithmicError, name);
    }

    /** Keras's {@code from_config}: the metric has no arguments besides its name and dtype. */
    public static MeanSquaredLogarithmicError fromConfig(Config config) {
        return new MeanSquaredLogarithmicError(); // name and dtype are the base keys Metric.FAMILY applies
    }
}
