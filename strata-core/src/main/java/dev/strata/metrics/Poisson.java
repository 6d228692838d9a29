package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.losses.Losses;

/**
 * The Poisson loss as a metric, as {@code keras.metrics.Poisson} (default name {@code "poisson"}): the weighted mean over
 * samples of {@link Losses#poisson}.
 */
public final class Poisson extends MeanMetricWrapper {
    /** Named {@code "poisson"}. */
    public Poisson() {
        this("poisson");
    }

    /** With the given name. */
    public Poisson(String name) {
        super(Losses::poisson, name);
    }

    /** Keras's {@code from_config}: the metric has no arguments besides its name and dtype. */
    public static Poisson fromConfig(Config config) {
        return new Poisson(); // name and dtype are the base keys Metric.FAMILY applies
    }
}
