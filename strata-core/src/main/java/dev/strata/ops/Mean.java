package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Tensor;

/** Mean over axes ({@code null}: all): the sum divided by the count, so its gradient is sum's, scaled. */
final class Mean {
    /** {@code keras.ops.mean(x, axis=None, keepdims=False)}. */
    static final OpSpec SPEC = OpSpec.op("mean").numpy("Mean")
            .config("axis", Type.OPTIONAL_INTS).config("keepdims", Type.BOOL, false)
            .rebuild((in, args) -> apply(in.get(0), args.ints("axis"), args.bool("keepdims")));

    private Mean() {
    }

    static Tensor apply(Tensor x, int[] axes, boolean keepDims) {
        int[] ax = Reductions.axes("mean", x.shape(), axes);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(ax, keepDims),
                    Reductions.shape(x.shape(), ax, keepDims), in -> apply(in.get(0), ax, keepDims), x);
        }
        int count = Reductions.count(x.shape(), ax);
        return Multiply.apply(Sum.apply(x, ax, keepDims), Tensor.scalar(count == 0 ? Float.NaN : 1f / count));
    }
}
