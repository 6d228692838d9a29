package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/**
 * Population standard deviation over axes ({@code null}: all), like {@code keras.ops.std}: the square root of
 * {@link Variance}. Gradient: through the variance, times {@code 1 / (2·std)} (infinite where the std is 0,
 * as in every framework: the square root has no derivative at 0).
 */
final class Std {
    /** {@code keras.ops.std(x, axis=None, keepdims=False)}. */
    static final OpSpec SPEC = OpSpec.op("std").numpy("Std")
            .config("axis", Type.OPTIONAL_INTS).config("keepdims", Type.BOOL, false)
            .rebuild((in, args) -> apply(in.get(0), args.ints("axis"), args.bool("keepdims")));

    private Std() {
    }

    static Tensor apply(Tensor x, int[] axes, boolean keepDims) {
        int[] ax = Reductions.axes("std", x.shape(), axes);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(ax, keepDims),
                    Reductions.shape(x.shape(), ax, keepDims), in -> apply(in.get(0), ax, keepDims), x);
        }
        Tensor v = Variance.apply(x, ax, keepDims);
        Tensor y = Elementwise.unary(UnaryOp.SQRT, v);
        OpSupport.gradient(y, v, (g, needed) -> new Tensor[] {
            Divide.apply(g, Multiply.apply(y, Tensor.scalar(2f)))});
        return y;
    }
}
