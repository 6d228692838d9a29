package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.losses.Losses;

/**
 * The hinge loss as a metric, as {@code keras.metrics.Hinge} (default name {@code "hinge"}): the weighted mean over
 * samples of {@link Losses#hinge}.
 */
public final class Hinge extends MeanMetricWrapper {
    /** Named {@code "hinge"}. */
    public Hinge() {
        this("hinge");
    }

    /** With the given name. */
    public Hinge(String name) {
        super(Losses::hinge, name);
    }

    /** Keras's {@code from_config}: the metric has no arguments besides its name and dtype. */
    public static Hinge fromConfig(Config config) {
        return new Hinge(); // name and dtype are the base keys Metric.FAMILY applies
    }
}
