package dev.strata.metrics;

import dev.strata.ShapeException;
import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Keras's {@code top_k_categorical_accuracy} and {@code sparse_top_k_categorical_accuracy} on concrete tensors, for
 * {@link TopKCategoricalAccuracy} and {@link SparseTopKCategoricalAccuracy}.
 */
final class TopK {
    private TopK() {
    }

    static void checkK(Metric metric, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("metric '" + metric.name() + "' (" + metric.getClass().getSimpleName()
                    + "): k must be at least 1, got " + k);
        }
    }

    /** 1 where argmax(y_true) is in the top k of y_pred, shaped as y_true without its last axis. */
    static Tensor categorical(String metric, Tensor yTrue, Tensor yPred, int k) {
        if (yPred.rank() < 1 || yTrue.rank() < 1 || yTrue.shape().get(-1) != yPred.shape().get(-1)
                || yTrue.shape().size() != yPred.shape().size()) {
            throw new ShapeException("metric '" + metric + "' (TopKCategoricalAccuracy): y_true " + yTrue.shape()
                    + " must be one-hot with y_pred's shape " + yPred.shape());
        }
        Tensor labels = MetricSupport.argmaxLast(yTrue);
        return matches(metric, "TopKCategoricalAccuracy", labels, yPred, k, false);
    }

    /** 1 where the integer label is in the top k of y_pred (or among its first k sorted ids). */
    static Tensor sparse(String metric, Tensor yTrue, Tensor yPred, int k, boolean fromSortedIds) {
        return matches(metric, "SparseTopKCategoricalAccuracy", yTrue, yPred, k, fromSortedIds);
    }

    private static Tensor matches(String metric, String cls, Tensor labels, Tensor yPred, int k, boolean sortedIds) {
        if (yPred.rank() < 1) {
            throw new ShapeException("metric '" + metric + "' (" + cls + "): y_pred must have a class axis, got "
                    + yPred.shape());
        }
        int c = yPred.shape().get(-1);
        int rows = c == 0 ? 0 : yPred.shape().size() / c;
        float[] label = TensorAccess.data(labels);
        if (label.length != rows) {
            throw new ShapeException("metric '" + metric + "' (" + cls + "): y_true " + labels.shape()
                    + " must have one label per row of y_pred " + yPred.shape());
        }
        float[] p = TensorAccess.data(yPred);
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            int base = r * c;
            if (sortedIds) { // the first k ids, sorted by score; several matches count once
                for (int j = 0; j < Math.min(k, c); j++) {
                    if (p[base + j] == label[r]) {
                        out[r] = 1f;
                        break;
                    }
                }
                continue;
            }
            int target = (int) label[r]; // Keras casts labels to int32
            if (target < 0 || target >= c) {
                throw new IllegalArgumentException("metric '" + metric + "' (" + cls + "): label " + label[r]
                        + " is outside the " + c + " classes of y_pred " + yPred.shape());
            }
            float at = p[base + target];
            if (Float.isNaN(at)) {
                at = Float.NEGATIVE_INFINITY; // NaN is not a large probability
            }
            int larger = 0;
            for (int j = 0; j < c; j++) {
                if (p[base + j] > at) {
                    larger++;
                }
            }
            out[r] = larger + 1 <= k ? 1f : 0f;
        }
        Shape shape = labels.shape();
        return TensorAccess.wrap(out, shape.rank() == 0 ? Shape.of(1) : shape);
    }
}
