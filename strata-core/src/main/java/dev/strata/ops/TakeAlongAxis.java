package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Picks elements along an axis with an index tensor of the same rank, like
 * {@code keras.ops.take_along_axis(x, indices, axis)} (numpy's): {@code out[..., i, ...] =
 * x[..., indices[..., i, ...], ...]}. The other axes broadcast between x and indices; the output has the
 * indices' size on {@code axis}. Indices follow {@link Take}'s rules. The gradient scatters back into x.
 */
final class TakeAlongAxis {
    /** {@code keras.ops.take_along_axis(x, indices, axis=None)}; Strata's needs an axis. */
    static final OpSpec SPEC = OpSpec.op("take_along_axis").numpy("TakeAlongAxis").binary()
            .config("axis", Type.OPTIONAL_INT)
            .rebuild((in, args) -> {
                Integer axis = args.optionalInt("axis");
                if (axis == null) {
                    throw OpSpec.unsupported("take_along_axis without an axis (over the flattened input) is not "
                            + "supported");
                }
                return apply(in.get(0), in.get(1), axis);
            });

    private TakeAlongAxis() {
    }

    static Tensor apply(Tensor x, Tensor indices, int axis) {
        Shape s = x.shape();
        Shape is = indices.shape();
        if (s.rank() != is.rank()) {
            throw new ShapeException("takeAlongAxis: x of shape " + s + " and indices of shape " + is
                    + " must have the same rank");
        }
        if (s.rank() == 0 || axis < -s.rank() || axis >= s.rank()) {
            throw new ShapeException("takeAlongAxis: axis " + axis + " is out of bounds for a tensor of shape " + s
                    + " (rank " + s.rank() + ")");
        }
        int a = axis < 0 ? axis + s.rank() : axis;
        Shape common;
        try {
            common = Broadcasting.shape("takeAlongAxis", s.withDim(a, 1), is.withDim(a, 1));
        } catch (ShapeException e) {
            throw new ShapeException("takeAlongAxis: x of shape " + s + " and indices of shape " + is
                    + " must match (or be 1) on every axis but axis " + a);
        }
        Shape out = common.withDim(a, is.get(a));
        if (x.isSymbolic() || indices.isSymbolic()) {
            return OpSupport.record(SPEC.args(a), out, in -> apply(in.get(0), in.get(1), a), x, indices);
        }
        int d = s.get(a);
        // broadcast x (differentiably, so its gradient sums back) and the indices to the common shape
        Tensor xb = BroadcastTo.apply(x, common.withDim(a, d));
        int[] idx = Take.indices("takeAlongAxis", BroadcastTo.copy(OpSupport.data(indices), is, out), d, a, s);
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= out.get(i);
        }
        int inner = 1;
        for (int i = a + 1; i < out.rank(); i++) {
            inner *= out.get(i);
        }
        int n = out.get(a);
        int[] map = new int[idx.length];
        for (int o = 0, r = 0; o < outer; o++) {
            for (int i = 0; i < n; i++) {
                for (int q = 0; q < inner; q++, r++) {
                    map[r] = (o * d + idx[r]) * inner + q;
                }
            }
        }
        return Gather.apply(xb, map, 1, out);
    }
}
