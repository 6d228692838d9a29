package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;

/**
 * The root of the weighted mean of squared errors, like {@code keras.metrics.RootMeanSquaredError} (default name
 * {@code "root_mean_squared_error"}): squared errors are averaged as a {@link Mean} does (per sample, then
 * weighted over samples and batches) and {@link #result} is the square root.
 */
public final class RootMeanSquaredError extends Mean {
    /** Named {@code "root_mean_squared_error"}. */
    public RootMeanSquaredError() {
        this("root_mean_squared_error");
    }

    /** With the given name. */
    public RootMeanSquaredError(String name) {
        super(name);
    }

    /** Accumulates the squared errors {@code (yPred - yTrue)²} (ranks aligned as Keras) with per-sample weights. */
    @Override
    public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Tensor[] a = MetricSupport.alignRanks(MetricSupport.concrete(this, "yTrue", yTrue),
                MetricSupport.concrete(this, "yPred", yPred));
        accumulate(Ops.square(Ops.subtract(a[1], a[0])), MetricSupport.concrete(this, "sampleWeight", sampleWeight));
    }

    /** The square root of the weighted mean of squared errors. */
    @Override
    public double result() {
        return Math.sqrt(super.result());
    }

    /** Keras's {@code from_config}: the metric has no arguments besides its name and dtype. */
    public static RootMeanSquaredError fromConfig(Config config) {
        return new RootMeanSquaredError(); // name and dtype are the base keys Metric.FAMILY applies
    }
}
