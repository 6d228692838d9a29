package dev.strata.metrics;

import dev.strata.internal.TensorAccess;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/** Concrete-tensor helpers shared by the metrics: rank alignment, argmax, sums in double precision. */
final class MetricSupport {
    private MetricSupport() {
    }

    /**
     * A concrete, untracked copy of a metric input: metrics never take part in gradients, so a tape that happens
     * to be recording does not record their arithmetic.
     *
     * @throws IllegalArgumentException for a symbolic tensor (metrics need values)
     */
    static Tensor concrete(Metric metric, String what, Tensor t) {
        if (t == null) {
            return null;
        }
        if (t.isSymbolic()) {
            throw new IllegalArgumentException("metric '" + metric.name() + "': " + what + " is symbolic " + t.shape()
                    + "; metrics are computed on concrete values, after the model has run");
        }
        return Ops.stopGradient(t);
    }

    /**
     * Keras's {@code squeeze_or_expand_to_same_rank} on concrete tensors: when ranks differ by one and the longer
     * has a last axis of size 1, squeeze it (or, if the shorter is rank 1, give the shorter a trailing axis).
     */
    static Tensor[] alignRanks(Tensor a, Tensor b) {
        int ra = a.rank();
        int rb = b.rank();
        if (ra == rb + 1 && a.shape().get(-1) == 1) {
            return rb == 1 ? new Tensor[] {a, expandLast(b)} : new Tensor[] {squeezeLast(a), b};
        }
        if (rb == ra + 1 && b.shape().get(-1) == 1) {
            return ra == 1 ? new Tensor[] {expandLast(a), b} : new Tensor[] {a, squeezeLast(b)};
        }
        return new Tensor[] {a, b};
    }

    static Tensor squeezeLast(Tensor t) {
        return Ops.reshape(t, t.shape().subShape(0, t.rank() - 1));
    }

    static Tensor expandLast(Tensor t) {
        return Ops.reshape(t, t.shape().append(1));
    }

    /** The index of the largest value along the last axis (the first one on ties, NaN counting as largest). */
    static Tensor argmaxLast(Tensor t) {
        if (t.rank() == 0) {
            throw new IllegalArgumentException("argmax: needs a tensor of rank 1 or more, got a scalar");
        }
        int n = t.shape().get(-1);
        float[] v = TensorAccess.data(t);
        int rows = n == 0 ? 0 : v.length / n;
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            int base = r * n;
            int best = 0;
            for (int j = 1; j < n; j++) {
                float x = v[base + j];
                float b = v[base + best];
                if (!Float.isNaN(b) && (x > b || Float.isNaN(x))) {
                    best = j;
                }
            }
            out[r] = best;
        }
        return TensorAccess.wrap(out, t.shape().subShape(0, t.rank() - 1));
    }

    /** The sum of the elements, in double. */
    static double sum(Tensor t) {
        double s = 0;
        for (float x : TensorAccess.data(t)) {
            s += x;
        }
        return s;
    }

    /** The axes {@code from..to-1}. */
    static int[] range(int from, int to) {
        int[] axes = new int[to - from];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = from + i;
        }
        return axes;
    }

    /** A float32 result as Keras returns it: a scalar for one value, else a vector. */
    static Tensor scalarOrVector(float[] values) {
        return values.length == 1 ? Tensor.scalar(values[0]) : Tensor.of(values.clone(), Shape.of(values.length));
    }

    /** The mean of the elements, as Keras's progress bar shows a vector result. */
    static double mean(float[] values) {
        double s = 0;
        for (float x : values) {
            s += x;
        }
        return values.length == 0 ? Double.NaN : s / values.length;
    }
}
