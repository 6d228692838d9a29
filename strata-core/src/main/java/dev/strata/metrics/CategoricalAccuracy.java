package dev.strata.metrics;

import dev.strata.config.Config;

/**
 * How often the predicted class (argmax of y_pred) is the target's (argmax of a one-hot y_true), like
 * {@code keras.metrics.CategoricalAccuracy} (default name {@code "categorical_accuracy"}).
 */
public final class CategoricalAccuracy extends MeanMetricWrapper {
    /** Named {@code "categorical_accuracy"}. */
    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    /** With the given name. */
    public CategoricalAccuracy(String name) {
        super(Metrics::categoricalAccuracy, name);
    }

    /** Keras's {@code from_config}: the metric has no arguments besides its name and dtype. */
    public static CategoricalAccuracy fromConfig(Config config) {
        return new CategoricalAccuracy(); // name and dtype are the base keys Metric.FAMILY applies
    }
}
