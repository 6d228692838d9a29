package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Tensor;

/**
 * {@code x} where {@code x > 0}, else {@code alpha·(e^x - 1)}. Gradient: {@code g} where {@code x > 0}, else
 * {@code g·(y + alpha)} (which is {@code g·alpha·e^x}; written with y so that it is differentiable again).
 */
final class Elu {
    /** {@code keras.ops.elu(x, alpha=1.0)}. */
    static final OpSpec SPEC = OpSpec.op("elu").nn("Elu").config("alpha", Type.FLOAT, 1f)
            .rebuild((in, args) -> apply(in.get(0), args.number("alpha")));

    private Elu() {
    }

    static Tensor apply(Tensor x, float alpha) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(alpha), x.shape(), in -> apply(in.get(0), alpha), x);
        }
        Tensor y = OpSupport.wrap(forward(OpSupport.data(x), alpha, 1.0), x.shape());
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {piecewiseGradient(g, x, y, 1f, alpha)});
        return y;
    }

    /** {@code scale·x} where {@code x > 0}, else {@code scale·alpha·expm1(x)}, in double. */
    static float[] forward(float[] in, double alpha, double scale) {
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            float v = in[i];
            out[i] = v > 0f ? (float) (scale * v) : (float) (scale * alpha * Math.expm1(v));
        }
        return out;
    }

    /**
     * The gradient of {@code y = scale·elu(x, alpha)}: {@code g·scale} where {@code x > 0}, else
     * {@code g·(y + scale·alpha)}.
     */
    static Tensor piecewiseGradient(Tensor g, Tensor x, Tensor y, float scale, float alpha) {
        float[] in = OpSupport.data(x);
        float[] positive = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            positive[i] = in[i] > 0f ? 1f : 0f;
        }
        Tensor negativePart = Multiply.apply(g, Add.apply(y, Tensor.scalar(scale * alpha)));
        return Where.apply(OpSupport.wrap(positive, x.shape()), Multiply.apply(g, Tensor.scalar(scale)),
                negativePart);
    }
}
