package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Tensor;

/**
 * Limits values to {@code [min, max]}: {@code minimum(maximum(x, min), max)}, as numpy's clip (so max wins
 * if min > max, and NaN stays NaN). Gradient: {@code g} where {@code min <= x <= max}, else 0.
 */
final class Clip {
    /** {@code keras.ops.clip(x, x_min, x_max)}. */
    static final OpSpec SPEC = OpSpec.op("clip").numpy("Clip")
            .config("x_min", Type.FLOAT, Float.NaN).config("x_max", Type.FLOAT, Float.NaN)
            .rebuild((in, args) -> apply(in.get(0), args.number("x_min"), args.number("x_max")));

    private Clip() {
    }

    static Tensor apply(Tensor x, float min, float max) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(min, max), x.shape(), in -> apply(in.get(0), min, max), x);
        }
        float[] in = OpSupport.data(x);
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = Math.min(Math.max(in[i], min), max);
        }
        Tensor y = OpSupport.wrap(out, x.shape());
        OpSupport.gradient(y, x, (g, needed) -> {
            float[] inside = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                inside[i] = in[i] >= min && in[i] <= max ? 1f : 0f;
            }
            return new Tensor[] {Where.apply(OpSupport.wrap(inside, x.shape()), g, Tensor.scalar(0f))};
        });
        return y;
    }
}
