package dev.strata.metrics;

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
}
