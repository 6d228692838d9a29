package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * Keras 3's hard sigmoid, {@code relu6(x + 3) / 6} (Keras 2's was {@code 0.2x + 0.5}). Gradient: {@code g/6}
 * where {@code -3 < x < 3}, else 0.
 */
final class HardSigmoid {
    /** {@code keras.ops.hard_sigmoid(x)}. */
    static final OpSpec SPEC = OpSpec.op("hard_sigmoid").nn("HardSigmoid").rebuild((in, args) -> apply(in.get(0)));

    private HardSigmoid() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        float[] in = OpSupport.data(x);
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = Math.min(Math.max(in[i] + 3f, 0f), 6f) / 6f;
        }
        Tensor y = OpSupport.wrap(out, x.shape());
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Multiply.apply(g, Relu6.window(x, -3f, 3f, 1f / 6f))});
        return y;
    }
}
