package dev.strata.ops;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * The gather primitive behind take, takeAlongAxis and stridedSlice: output run {@code r} (of {@code run}
 * consecutive elements) is the run of the flattened input starting at {@code map[r]}. Gradient: the adjoint,
 * {@link ScatterAdd} with the same map, whose own gradient is this gather again (so derivatives of any order
 * work). The map is built and bounds-checked by the calling op.
 */
final class Gather {
    private Gather() {
    }

    static Tensor apply(Tensor x, int[] map, int run, Shape out) {
        if (x.isSymbolic()) {
            return OpSupport.record("gather", Map.of(), out, in -> apply(in.get(0), map, run, out), x);
        }
        float[] in = OpSupport.data(x);
        float[] r = new float[map.length * run];
        if (run == 1) {
            for (int i = 0; i < map.length; i++) {
                r[i] = in[map[i]];
            }
        } else {
            for (int i = 0; i < map.length; i++) {
                System.arraycopy(in, map[i], r, i * run, run);
            }
        }
        Tensor y = OpSupport.wrap(r, out);
        Shape inShape = x.shape();
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {ScatterAdd.apply(g, map, run, inShape)});
        return y;
    }
}
