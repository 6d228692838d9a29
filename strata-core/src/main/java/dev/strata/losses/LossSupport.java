package dev.strata.losses;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.graph.Operation;
import dev.strata.internal.TensorAccess;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Shape plumbing shared by the losses: squeezing and adding a size-1 axis on tensors whose other dimensions
 * may be unknown, element counts, and the integer labels of the sparse crossentropy.
 */
final class LossSupport {
    /** Keras's {@code backend.epsilon()}: probabilities are clipped to {@code [EPSILON, 1 - EPSILON]}. */
    static final float EPSILON = 1e-7f;
    /** {@code 1 - epsilon} rounded to float32, as Keras computes it (0.99999988). */
    static final float ONE_MINUS_EPSILON = (float) (1.0 - 1e-7);

    private LossSupport() {
    }

    /** Removes axis {@code axis} (which has size 1). */
    static Tensor squeeze(Tensor t, int axis) {
        int k = t.shape().normalizeAxis(axis);
        int[] dims = t.shape().toArray();
        int[] out = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != k) {
                out[j++] = dims[i];
            }
        }
        return reshapeLike(t, Shape.of(out), "squeeze", x -> squeeze(x, k));
    }

    /** Inserts an axis of size 1 at {@code axis} of the result (-1: at the end). */
    static Tensor expandDims(Tensor t, int axis) {
        int r = t.rank() + 1;
        int k = axis < 0 ? axis + r : axis;
        int[] dims = t.shape().toArray();
        int[] out = new int[r];
        for (int i = 0, j = 0; i < r; i++) {
            out[i] = i == k ? 1 : dims[j++];
        }
        return reshapeLike(t, Shape.of(out), "expand_dims", x -> expandDims(x, k));
    }

    /**
     * Reshapes to {@code target}. Concrete tensors (and symbolic ones with at most one unknown dimension) go
     * through {@link Ops#reshape}; with several unknown dimensions a node is recorded that reshapes whatever
     * concrete shape it later receives, since one -1 cannot express the target.
     */
    private static Tensor reshapeLike(Tensor t, Shape target, String name, UnaryOperator<Tensor> replay) {
        int unknown = 0;
        for (int d : target.toArray()) {
            unknown += d == Shape.UNKNOWN ? 1 : 0;
        }
        if (unknown <= 1) {
            return Ops.reshape(t, target.toArray()); // UNKNOWN is -1: inferred at run time
        }
        Operation op = new Operation() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Tensors apply(List<? extends Tensor> inputs) {
                return Tensors.of(replay.apply(inputs.getFirst()));
            }
        };
        return Graph.record(op, List.of(t), target);
    }

    /** A tensor of ones with t's shape (known only at run time for symbolic tensors). Not differentiable. */
    static Tensor onesLike(Tensor t) {
        if (!t.isSymbolic()) {
            return Tensor.ones(t.shape());
        }
        return Ops.notEqual(t, Float.NaN); // x != NaN holds for every x, NaN included
    }

    /** The number of elements of t as a scalar tensor (computed at run time if t's shape is not known). */
    static Tensor elementCount(Tensor t) {
        Shape s = t.shape();
        if (s.isFullyDefined()) {
            return Tensor.scalar(s.size());
        }
        return Ops.sum(onesLike(t));
    }

    /** {@code a / b}, or 0 where {@code b} is 0 (Keras's {@code divide_no_nan}); no NaN gradient either. */
    static Tensor divideNoNan(Tensor a, Tensor b) {
        if (!b.isSymbolic() && b.rank() == 0) {
            float d = b.item();
            return d == 0f ? Ops.multiply(a, 0f) : Ops.divide(a, b);
        }
        Tensor zero = Ops.equal(b, 0f);
        Tensor safe = Ops.where(zero, Tensor.scalar(1f), b);
        return Ops.where(zero, Tensor.scalar(0f), Ops.divide(a, safe));
    }

    /**
     * Keras's sparse labels: truncated toward zero (Keras casts them to int32) and given a trailing axis of
     * size 1, ready to compare with the class indices. Not differentiable.
     */
    static Tensor sparseLabels(Tensor labels) {
        Shape out = labels.shape().append(1);
        if (labels.isSymbolic()) {
            Operation op = new Operation() {
                @Override
                public String name() {
                    return "sparse_labels";
                }

                @Override
                public Tensors apply(List<? extends Tensor> inputs) {
                    return Tensors.of(sparseLabels(inputs.getFirst()));
                }
            };
            return Graph.record(op, List.of(labels), out);
        }
        float[] v = TensorAccess.data(labels);
        float[] t = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            t[i] = (float) (long) v[i];
        }
        return TensorAccess.wrap(t, out);
    }

    /** The class indices 0..n-1 as a vector. */
    static Tensor classIndices(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return Tensor.of(v, n);
    }

    /**
     * Checks that target and output have the same shape (unknown dimensions match anything), as Keras's
     * backend crossentropies require.
     */
    static void checkSameShape(String loss, Tensor target, Tensor output) {
        if (!target.shape().isCompatibleWith(output.shape())) {
            throw new ShapeException(loss + ": y_true " + target.shape() + " and y_pred " + output.shape()
                    + " must have the same shape (after a trailing axis of size 1 is squeezed or added)");
        }
    }
}
