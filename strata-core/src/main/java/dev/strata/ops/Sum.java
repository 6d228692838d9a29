package dev.strata.ops;

import dev.strata.internal.kernels.ReduceOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/** Sum over axes ({@code null}: all). Gradient: the upstream gradient broadcast back over the reduced axes. */
final class Sum {
    private Sum() {
    }

    static Tensor apply(Tensor x, int[] axes, boolean keepDims) {
        int[] ax = Reductions.axes("sum", x.shape(), axes);
        Shape kept = Reductions.shape(x.shape(), ax, true);
        Shape out = keepDims ? kept : Reductions.shape(x.shape(), ax, false);
        if (x.isSymbolic()) {
            return OpSupport.record("sum", Map.of("axis", Arrays.toString(ax), "keepdims", keepDims), out,
                    in -> apply(in.get(0), ax, keepDims), x);
        }
        Tensor y = OpSupport.wrap(Reductions.reduce(ReduceOp.SUM, x, ax), out);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            BroadcastTo.apply(Reshape.apply(g, kept), x.shape())});
        return y;
    }
}
