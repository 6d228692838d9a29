package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.losses.Losses;

/**
 * The Kullback-Leibler divergence as a metric, as {@code keras.metrics.KLDivergence} (default name {@code "kl_divergence"}): the weighted mean over
 * samples of {@link Losses#klDivergence}.
 */
public final class KLDivergence extends MeanMetricWrapper {
    /** Named {@code "kl_divergence"}. */
    public KLDivergence() {
        this("kl_divergence");
    }

    /** With the given name. */
    public KLDivergence(String name) {
        super(Losses::klDivergence, name);
    }

    /** Keras's {@code from_config}: the metric has no arguments besides its name and dtype. */
    public static KLDivergence fromConfig(Config config) {
        return new KLDivergence(); // name and dtype are the base keys Metric.FAMILY applies
    }
}
