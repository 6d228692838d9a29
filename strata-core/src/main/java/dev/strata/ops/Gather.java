package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The gather primitive behind take, takeAlongAxis and stridedSlice: output run {@code r} (of {@code run}
 * consecutive elements) is the run of the flattened input starting at {@code map[r]}. Gradient: the adjoint,
 * {@link ScatterAdd} with the same map, whose own gradient is this gather again (so derivatives of any order
 * work). The map is built and bounds-checked by the calling op; a negative offset gives a run of zeros (a row
 * that scatter drops, as JAX drops out-of-bounds indices).
 */
final class Gather {
    /** No Keras form: a gather by flat offsets, which keras.ops has no op for. */
    static final OpSpec SPEC = OpSpec.op("gather")
            .noKerasForm("gather by flat offsets is Strata's primitive behind take, take_along_axis and "
                    + "strided_slice (and their gradients), with no keras.ops op; use Ops.take or Ops.takeAlongAxis");

    private Gather() {
    }

    static Tensor apply(Tensor x, int[] map, int run, Shape out) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, out, in -> apply(in.get(0), map, run, out), x);
        }
        float[] in = OpSupport.data(x);
        float[] r = new float[map.length * run];
        if (run == 1) {
            for (int i = 0; i < map.length; i++) {
                r[i] = map[i] < 0 ? 0f : in[map[i]];
            }
        } else {
            for (int i = 0; i < map.length; i++) {
                if (map[i] >= 0) {
                    System.arraycopy(in, map[i], r, i * run, run);
                }
            }
        }
        Tensor y = OpSupport.wrap(r, out);
        Shape inShape = x.shape();
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {ScatterAdd.apply(g, map, run, inShape)});
        return y;
    }
}
