package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Tensor;

/**
 * Population variance over axes ({@code null}: all), like {@code keras.ops.var} (ddof 0):
 * {@code mean(square(x - mean(x)))}, two passes for accuracy. Built from differentiable ops.
 */
final class Variance {
    /** {@code keras.ops.var(x, axis=None, keepdims=False)}. */
    static final OpSpec SPEC = OpSpec.op("var").numpy("Var")
            .config("axis", Type.OPTIONAL_INTS).config("keepdims", Type.BOOL, false)
            .rebuild((in, args) -> apply(in.get(0), args.ints("axis"), args.bool("keepdims")));

    private Variance() {
    }

    static Tensor apply(Tensor x, int[] axes, boolean keepDims) {
        int[] ax = Reductions.axes("var", x.shape(), axes);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(ax, keepDims),
                    Reductions.shape(x.shape(), ax, keepDims), in -> apply(in.get(0), ax, keepDims), x);
        }
        Tensor centred = Subtract.apply(x, Mean.apply(x, ax, true));
        return Mean.apply(Square.apply(centred), ax, keepDims);
    }
}
