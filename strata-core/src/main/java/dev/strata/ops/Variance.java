package dev.strata.ops;

import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Population variance over axes ({@code null}: all), like {@code keras.ops.var} (ddof 0):
 * {@code mean(square(x - mean(x)))}, two passes for accuracy. Built from differentiable ops.
 */
final class Variance {
    private Variance() {
    }

    static Tensor apply(Tensor x, int[] axes, boolean keepDims) {
        int[] ax = Reductions.axes("var", x.shape(), axes);
        if (x.isSymbolic()) {
            return OpSupport.record("var", Map.of("axis", Arrays.toString(ax), "keepdims", keepDims),
                    Reductions.shape(x.shape(), ax, keepDims), in -> apply(in.get(0), ax, keepDims), x);
        }
        Tensor centred = Subtract.apply(x, Mean.apply(x, ax, true));
        return Mean.apply(Square.apply(centred), ax, keepDims);
    }
}
