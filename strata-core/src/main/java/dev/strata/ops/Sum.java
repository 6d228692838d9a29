package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.ReduceOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/** Sum over axes ({@code null}: all). Gradient: the upstream gradient broadcast back over the reduced axes. */
final class Sum {
    /** {@code keras.ops.sum(x, axis=None, keepdims=False)}. */
    static final OpSpec SPEC = OpSpec.op("sum").numpy("Sum")
            .config("axis", Type.OPTIONAL_INTS).config("keepdims", Type.BOOL, false)
            .rebuild((in, args) -> apply(in.get(0), args.ints("axis"), args.bool("keepdims")));

    private Sum() {
    }

    static Tensor apply(Tensor x, int[] axes, boolean keepDims) {
        int[] ax = Reductions.axes("sum", x.shape(), axes);
        Shape kept = Reductions.shape(x.shape(), ax, true);
        Shape out = keepDims ? kept : Reductions.shape(x.shape(), ax, false);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(ax, keepDims), out, in -> apply(in.get(0), ax, keepDims), x);
        }
        Tensor y = OpSupport.wrap(Reductions.reduce(ReduceOp.SUM, x, ax), out);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            BroadcastTo.apply(Reshape.apply(g, kept), x.shape())});
        return y;
    }
}
