package dev.strata.metrics;

import dev.strata.tensor.Shape;

/** The built-in metrics by Keras name. (Being completed.) */
public final class Metrics {
    private Metrics() {
    }

    /** The metric with Keras's name, for targets and predictions of the given shapes. */
    public static Metric get(String name, Shape yTrue, Shape yPred) {
        throw new IllegalArgumentException("unknown metric '" + name + "'");
    }
}
