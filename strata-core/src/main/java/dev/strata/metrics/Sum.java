package dev.strata.metrics;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;

/**
 * The weighted sum of values, like {@code keras.metrics.Sum} (default name {@code "sum"}). Feed it values with
 * {@link #updateState(Tensor)} or {@link #updateState(Tensor, Tensor)} (Keras's {@code update_state(values,
 * sample_weight)}); like {@link Mean}, it has no targets.
 *
 * <p>As Keras's {@code reduce_to_samplewise_values} with a sum: values are multiplied by their weights (summed over
 * the axes the weights do not have first) and everything is added to a float32 total.
 */
public final class Sum extends Metric {
    private float total;

    /** A sum named {@code "sum"}. */
    public Sum() {
        this("sum");
    }

    /** A sum with the given name. */
    public Sum(String name) {
        super(name);
    }

    /** Adds values, each with weight 1. */
    public void updateState(Tensor values) {
        updateState(values, null);
    }

    /**
     * Adds values with weights (null for none). The weights may have fewer axes than the values (then the values
     * are summed over the extra axes first) or a trailing axis of size 1.
     *
     * @throws ShapeException if the weights cannot be broadcast to the values
     */
    public void updateState(Tensor values, Tensor sampleWeight) {
        Tensor v = MetricSupport.concrete(this, "values", values);
        Tensor w = MetricSupport.concrete(this, "sampleWeight", sampleWeight);
        if (w != null) {
            Tensor[] a = MetricSupport.alignRanks(v, w);
            v = a[0];
            w = a[1];
            if (v.rank() > w.rank()) {
                v = Ops.sum(v, MetricSupport.range(w.rank(), v.rank()), false);
            }
            try {
                v = Ops.multiply(v, Ops.broadcastTo(w, v.shape()));
            } catch (ShapeException e) {
                throw new ShapeException("metric '" + name() + "' (Sum): sample weights " + sampleWeight.shape()
                        + " cannot be broadcast to the values " + values.shape());
            }
        }
        total += (float) MetricSupport.sum(v);
    }

    /**
     * Not supported: a sum has no targets. Use {@link #updateState(Tensor, Tensor)}.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        throw new UnsupportedOperationException("metric '" + name() + "' (Sum) adds up values and has no targets: "
                + "call updateState(values) or updateState(values, sampleWeight)");
    }

    /** The total so far. */
    @Override
    public double result() {
        return total;
    }

    @Override
    public void reset() {
        total = 0;
    }

    /** Keras's {@code from_config}: the metric has no arguments besides its name and dtype. */
    public static Sum fromConfig(Config config) {
        return new Sum(); // name and dtype are the base keys Metric.FAMILY applies
    }
}
