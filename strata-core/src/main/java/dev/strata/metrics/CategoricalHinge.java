package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.losses.Losses;

/**
 * The categorical hinge loss as a metric, as {@code keras.metrics.CategoricalHinge} (default name {@code "categorical_hinge"}): the weighted mean over
 * samples of {@link Losses#categoricalHinge}.
 */
public final class CategoricalHinge extends MeanMetricWrapper {
    /** Named {@code "categorical_hinge"}. */
    public CategoricalHinge() {
        this("categorical_hinge");
    }

    /** With the given name. */
    public CategoricalHinge(String name) {
        super(Losses::categoricalHinge, name);
    }

    /** Keras's {@code from_config}: the metric has no arguments besides its name and dtype. */
    public static CategoricalHinge fromConfig(Config config) {
        return new CategoricalHinge(); // name and dtype are the base keys Metric.FAMILY applies
    }
}
