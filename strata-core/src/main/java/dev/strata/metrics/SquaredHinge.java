package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.losses.Losses;

/**
 * The squared hinge loss as a metric, as {@code keras.metrics.SquaredHinge} (default name {@code "squared_hinge"}): the weighted mean over
 * samples of {@link Losses#squaredHinge}.
 */
public final class SquaredHinge extends MeanMetricWrapper {
    /** Named {@code "squared_hinge"}. */
    public SquaredHinge() {
        this("squared_hinge");
    }

    /** With the given name. */
    public SquaredHinge(String name) {
        super(Losses::squaredHinge, name);
    }

    /** Keras's {@code from_config}: the metric has no arguments besides its name and dtype. */
    public static SquaredHinge fromConfig(Config config) {
        return new SquaredHinge(); // name and dtype are the base keys Metric.FAMILY applies
    }
}
