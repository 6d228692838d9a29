package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Inserts an axis of size 1 at {@code axis} (in {@code [-rank-1, rank]}; -1 appends), like
 * {@code keras.ops.expand_dims}. A reshape, so its gradient is a reshape back.
 */
final class ExpandDims {
    /** {@code keras.ops.expand_dims(x, axis)}. */
    static final OpSpec SPEC = OpSpec.op("expand_dims").numpy("ExpandDims").config("axis", Type.INT)
            .rebuild((in, args) -> apply(in.get(0), args.integer("axis")));

    private ExpandDims() {
    }

    static Tensor apply(Tensor x, int axis) {
        Shape s = x.shape();
        int r = s.rank();
        if (axis < -r - 1 || axis > r) {
            throw new ShapeException("expandDims: axis " + axis + " is out of bounds for a tensor of shape " + s
                    + ": it must be in [" + (-r - 1) + ", " + r + "]");
        }
        int a = axis < 0 ? axis + r + 1 : axis;
        int[] dims = new int[r + 1];
        for (int i = 0, j = 0; i <= r; i++) {
            dims[i] = i == a ? 1 : s.get(j++);
        }
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(a), Shape.of(dims), in -> apply(in.get(0), a), x);
        }
        return Reshape.apply(x, dims);
    }
}
