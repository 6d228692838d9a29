package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Tensor;

/**
 * {@code x} where {@code x >= 0}, else {@code negativeSlope·x} (as JAX's leaky_relu, which keras.ops uses).
 * Gradient: {@code g} where {@code x >= 0}, else {@code negativeSlope·g}.
 */
final class LeakyRelu {
    /** {@code keras.ops.leaky_relu(x, negative_slope=0.2)}. */
    static final OpSpec SPEC = OpSpec.op("leaky_relu").nn("LeakyRelu").config("negative_slope", Type.FLOAT, 0.2f)
            .rebuild((in, args) -> apply(in.get(0), args.number("negative_slope")));

    private LeakyRelu() {
    }

    static Tensor apply(Tensor x, float negativeSlope) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(negativeSlope), x.shape(), in -> apply(in.get(0), negativeSlope), x);
        }
        float[] in = OpSupport.data(x);
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            float v = in[i];
            out[i] = v >= 0f ? v : negativeSlope * v;
        }
        Tensor y = OpSupport.wrap(out, x.shape());
        OpSupport.gradient(y, x, (g, needed) -> {
            float[] slope = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                slope[i] = in[i] >= 0f ? 1f : negativeSlope;
            }
            return new Tensor[] {Multiply.apply(g, OpSupport.wrap(slope, x.shape()))};
        });
        return y;
    }
}
