package dev.strata.metrics;

import dev.strata.config.Config;

/**
 * How often the predicted class (argmax of y_pred) equals an integer label, like
 * {@code keras.metrics.SparseCategoricalAccuracy} (default name {@code "sparse_categorical_accuracy"}). Labels
 * have y_pred's shape without its last axis, or with a last axis of size 1.
 */
public final class SparseCategoricalAccuracy extends MeanMetricWrapper {
    /** Named {@code "sparse_categorical_accuracy"}. */
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    /** With the given name. */
    public SparseCategoricalAccuracy(String name) {
        super(Metrics::sparseCategoricalAccuracy, name);
    }

    /** Keras's {@code from_config}: the metric has no arguments besides its name and dtype. */
    public static SparseCategoricalAccuracy fromConfig(Config config) {
        return new SparseCategoricalAccuracy(); // name and dtype are the base keys Metric.FAMILY applies
    }
}
