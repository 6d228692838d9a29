package dev.strata.ops;

import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Population standard deviation over axes ({@code null}: all), like {@code keras.ops.std}: the square root of
 * {@link Variance}. Gradient: through the variance, times {@code 1 / (2·std)} (infinite where the std is 0,
 * as in every framework: the square root has no derivative at 0).
 */
final class Std {
    private Std() {
    }

    static Tensor apply(Tensor x, int[] axes, boolean keepDims) {
        int[] ax = Reductions.axes("std", x.shape(), axes);
        if (x.isSymbolic()) {
            return OpSupport.record("std", Map.of("axis", Arrays.toString(ax), "keepdims", keepDims),
                    Reductions.shape(x.shape(), ax, keepDims), in -> apply(in.get(0), ax, keepDims), x);
        }
        Tensor v = Variance.apply(x, ax, keepDims);
        Tensor y = Elementwise.unary(UnaryOp.SQRT, v);
        OpSupport.gradient(y, v, (g, needed) -> new Tensor[] {
            Divide.apply(g, Multiply.apply(y, Tensor.scalar(2f)))});
        return y;
    }
}
