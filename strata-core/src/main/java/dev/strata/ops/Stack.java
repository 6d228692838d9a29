package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins tensors of one shape along a new axis, like {@code keras.ops.stack(x, axis)}: each input gets an axis
 * of size 1 at {@code axis} and the results are concatenated there (so the gradient is concatenate's).
 */
final class Stack {
    /** {@code keras.ops.stack(xs, axis=0)}. */
    static final OpSpec SPEC = OpSpec.op("stack").numpy("Stack").list().config("axis", Type.INT, 0)
            .rebuild((in, args) -> apply(in, args.integer("axis")));

    private Stack() {
    }

    static Tensor apply(List<? extends Tensor> xs, int axis) {
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("stack: needs at least one tensor, got an empty list");
        }
        Shape s = xs.getFirst().shape();
        int[] merged = s.toArray();
        for (Tensor t : xs) {
            if (!t.shape().isCompatibleWith(s)) {
                throw new ShapeException("stack: all tensors must have the same shape, got shapes "
                        + Concatenate.shapes(xs));
            }
            for (int i = 0; i < merged.length; i++) {
                if (merged[i] == Shape.UNKNOWN) {
                    merged[i] = t.shape().get(i);
                }
            }
        }
        int r = s.rank();
        if (axis < -r - 1 || axis > r) {
            throw new ShapeException("stack: axis " + axis + " is out of bounds for stacking tensors of shape " + s
                    + ": it must be in [" + (-r - 1) + ", " + r + "]");
        }
        int a = axis < 0 ? axis + r + 1 : axis;
        if (Graph.isSymbolic(xs)) {
            int[] out = new int[r + 1];
            for (int i = 0, j = 0; i <= r; i++) {
                out[i] = i == a ? xs.size() : merged[j++];
            }
            return OpSupport.record(SPEC.args(a), Shape.of(out), in -> apply(in, a), xs.toArray(Tensor[]::new));
        }
        List<Tensor> expanded = new ArrayList<>(xs.size());
        for (Tensor t : xs) {
            expanded.add(ExpandDims.apply(t, a));
        }
        return Concatenate.apply(expanded, a);
    }
}
