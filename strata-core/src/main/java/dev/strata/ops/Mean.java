package dev.strata.ops;

import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/** Mean over axes ({@code null}: all): the sum divided by the count, so its gradient is sum's, scaled. */
final class Mean {
    private Mean() {
    }

    static Tensor apply(Tensor x, int[] axes, boolean keepDims) {
        int[] ax = Reductions.axes("mean", x.shape(), axes);
        if (x.isSymbolic()) {
            return OpSupport.record("mean", Map.of("axis", Arrays.toString(ax), "keepdims", keepDims),
                    Reductions.shape(x.shape(), ax, keepDims), in -> apply(in.get(0), ax, keepDims), x);
        }
        int count = Reductions.count(x.shape(), ax);
        return Multiply.apply(Sum.apply(x, ax, keepDims), Tensor.scalar(count == 0 ? Float.NaN : 1f / count));
    }
}
