package dev.strata.metrics;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;

/**
 * The weighted mean of values, like {@code keras.metrics.Mean} (default name {@code "mean"}). Feed it values with
 * {@link #updateState(Tensor)} or {@link #updateState(Tensor, Tensor)} (Keras's {@code update_state(values,
 * sample_weight)}); it has no targets, so the {@code update(yTrue, yPred, ...)} form of other metrics is rejected.
 *
 * <p>As Keras: values are first averaged down to one per sample (over the axes the weights do not have, then over
 * all but the first); each sample counts with its weight (1 without weights); the result is
 * {@code Σ value·weight / Σ weight}, or 0 before any update. Sums are kept in double precision.
 */
public class Mean extends Metric {
    private double total;
    private double count;

    /** A mean named {@code "mean"}. */
    public Mean() {
        this("mean");
    }

    /** A mean with the given name. */
    public Mean(String name) {
        super(name);
    }

    /** Accumulates values, each sample with weight 1. */
    public final void updateState(Tensor values) {
        updateState(values, null);
    }

    /**
     * Accumulates values with per-sample weights (null for none). The weights may have fewer axes than the values
     * (then the values are averaged over the extra axes first) or a trailing axis of size 1.
     *
     * @throws ShapeException if the weights cannot be broadcast to the values
     */
    public final void updateState(Tensor values, Tensor sampleWeight) {
        accumulate(MetricSupport.concrete(this, "values", values),
                MetricSupport.concrete(this, "sampleWeight", sampleWeight));
    }

    /**
     * Accumulates one value with a weight, in double precision: {@code update_state(value, sample_weight=weight)} for
     * a scalar value, without making tensors (the training loop's loss trackers add each step's loss so, weighted by
     * the batch size).
     *
     * @throws IllegalArgumentException if the weight is negative or not finite
     */
    public final void updateState(double value, double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("metric '" + name() + "': the weight must be >= 0 and finite, got "
                    + weight);
        }
        total += value * weight;
        count += weight;
    }

    /**
     * Not supported: a mean has no targets. Use {@link #updateState(Tensor, Tensor)}, or a
     * {@link MeanMetricWrapper} to average a function of targets and predictions.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        throw new UnsupportedOperationException("metric '" + name() + "' (Mean) averages values and has no targets: "
                + "call updateState(values) or updateState(values, sampleWeight), or use a MeanMetricWrapper for a "
                + "function of (yTrue, yPred)");
    }

    /** Keras's {@code reduce_to_samplewise_values} with a mean, then the running sums. */
    final void accumulate(Tensor values, Tensor sampleWeight) {
        Tensor w = sampleWeight;
        if (w != null) {
            Tensor[] a = MetricSupport.alignRanks(values, w);
            values = a[0];
            w = a[1];
            int wn = w.rank();
            int vn = values.rank();
            if (vn > wn) {
                values = Ops.mean(values, MetricSupport.range(wn, vn), false);
            }
            try {
                w = Ops.broadcastTo(w, values.shape());
            } catch (ShapeException e) {
                throw new ShapeException("metric '" + name() + "': sample weights " + sampleWeight.shape()
                        + " cannot be broadcast to the per-sample values " + values.shape() + " ("
                        + e.getMessage() + ")");
            }
            values = Ops.multiply(values, w);
            if (wn > 1) {
                w = Ops.mean(w, MetricSupport.range(1, wn), false);
            }
        }
        if (values.rank() > 1) {
            values = Ops.mean(values, MetricSupport.range(1, values.rank()), false);
        }
        total += MetricSupport.sum(values);
        if (w != null) {
            count += MetricSupport.sum(w);
        } else {
            count += values.rank() >= 1 ? values.shape().get(0) : 1;
        }
    }

    /** The weighted mean so far ({@code total / count}), or 0 if nothing (or only zero weight) was seen. */
    @Override
    public double result() {
        return count == 0 ? 0.0 : total / count;
    }

    /** Sets the sums back to zero. */
    @Override
    public void reset() {
        total = 0;
        count = 0;
    }

    /** Keras's {@code from_config}: the metric has no arguments besides its name and dtype. */
    public static Mean fromConfig(Config config) {
        return new Mean(); // name and dtype are the base keys Metric.FAMILY applies
    }
}
