package dev.strata.metrics;

import dev.strata.config.Config;

/**
 * How often predictions equal targets exactly, like {@code keras.metrics.Accuracy} (default name
 * {@code "accuracy"}): the weighted mean of {@link Metrics#accuracy}. For classifiers use {@link BinaryAccuracy},
 * {@link CategoricalAccuracy} or {@link SparseCategoricalAccuracy} (the string {@code "accuracy"} in
 * {@link Metrics#get(String, dev.strata.tensor.Shape, dev.strata.tensor.Shape)} picks one of them).
 */
public final class Accuracy extends MeanMetricWrapper {
    /** Named {@code "accuracy"}. */
    public Accuracy() {
        this("accuracy");
    }

    /** With the given name. */
    public Accuracy(String name) {
        super(Metrics::accuracy, name);
    }

    /** Keras's {@code from_config}: the metric has no arguments besides its name and dtype. */
    public static Accuracy fromConfig(Config config) {
        return new Accuracy(); // name and dtype are the base keys Metric.FAMILY applies
    }
}
