package dev.strata.metrics;

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
}
