package dev.strata.metrics;

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
}
