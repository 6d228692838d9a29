package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The adjoint of {@link Gather}: a tensor of zeros of shape {@code target} into which run {@code r} of
 * {@code g} is added at flat offset {@code map[r]} (repeated offsets accumulate; a negative one
 * drops its run). It is the gradient of the
 * gathering ops; its own gradient is the gather with the same map.
 */
final class ScatterAdd {
    /** No Keras form: the adjoint of {@link Gather}, which keras.ops has no op for. */
    static final OpSpec SPEC = OpSpec.op("scatter_add")
            .noKerasForm("scatter-add by flat offsets is Strata's gradient of gather, with no keras.ops op");

    private ScatterAdd() {
    }

    static Tensor apply(Tensor g, int[] map, int run, Shape target) {
        if (g.isSymbolic()) {
            return OpSupport.record(SPEC, target, in -> apply(in.get(0), map, run, target), g);
        }
        float[] in = OpSupport.data(g);
        float[] r = new float[target.size()];
        for (int i = 0; i < map.length; i++) {
            int base = map[i];
            if (base < 0) {
                continue; // a dropped row (see Gather)
            }
            int src = i * run;
            for (int j = 0; j < run; j++) {
                r[base + j] += in[src + j];
            }
        }
        Tensor y = OpSupport.wrap(r, target);
        Shape gShape = g.shape();
        OpSupport.gradient(y, g, (u, needed) -> new Tensor[] {Gather.apply(u, map, run, gShape)});
        return y;
    }
}
