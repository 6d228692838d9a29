package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Repeats each element {@code repeats} times along an axis, like {@code keras.ops.repeat(x, repeats, axis)};
 * without an axis x is flattened first (numpy). Built as reshape to {@code (..., d, 1, ...)}, broadcast to
 * {@code (..., d, repeats, ...)} and reshape, so the gradient sums the copies.
 */
final class Repeat {
    /** {@code keras.ops.repeat(x, repeats, axis=None)}. */
    static final OpSpec SPEC = OpSpec.op("repeat").numpy("Repeat")
            .config("repeats", Type.INT).config("axis", Type.OPTIONAL_INT)
            .rebuild((in, args) -> apply(in.get(0), args.integer("repeats"), args.optionalInt("axis")));

    private Repeat() {
    }

    /** {@code axis == null} repeats the flattened x. */
    static Tensor apply(Tensor x, int repeats, Integer axis) {
        Shape s = x.shape();
        if (repeats < 0) {
            throw new IllegalArgumentException("repeat: repeats must be non-negative, got " + repeats
                    + " (tensor of shape " + s + ")");
        }
        if (axis == null) {
            int n = s.isFullyDefined() ? s.size() : Shape.UNKNOWN;
            int total = n == Shape.UNKNOWN ? (repeats == 0 ? 0 : Shape.UNKNOWN) : n * repeats;
            if (x.isSymbolic()) {
                return OpSupport.record(SPEC.args(repeats, null), Shape.of(total),
                        in -> apply(in.get(0), repeats, null), x);
            }
            return apply(Reshape.apply(x, n), repeats, 0);
        }
        if (axis < -s.rank() || axis >= s.rank()) {
            throw new ShapeException("repeat: axis " + axis + " is out of bounds for a tensor of shape " + s
                    + " (rank " + s.rank() + ")");
        }
        int a = axis < 0 ? axis + s.rank() : axis;
        int d = s.get(a);
        Shape out = s.withDim(a, d == Shape.UNKNOWN ? (repeats == 0 ? 0 : Shape.UNKNOWN) : d * repeats);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(repeats, a), out, in -> apply(in.get(0), repeats, a), x);
        }
        int[] dims = s.toArray();
        int[] inserted = new int[dims.length + 1];
        int[] broadcast = new int[dims.length + 1];
        for (int i = 0, j = 0; i < inserted.length; i++) {
            if (i == a + 1) {
                inserted[i] = 1;
                broadcast[i] = repeats;
            } else {
                inserted[i] = dims[j];
                broadcast[i] = dims[j];
                j++;
            }
        }
        Tensor spread = BroadcastTo.apply(Reshape.apply(x, inserted), Shape.of(broadcast));
        return Reshape.apply(spread, out);
    }
}
