package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Tensor;

/**
 * The Gaussian error linear unit, {@code x·Φ(x)} with Φ the standard normal CDF; with {@code approximate},
 * Hendrycks and Gimpel's tanh form {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))} (keras.ops's default).
 *
 * <p>Both are evaluated in forms that keep relative accuracy for large negative x, where {@code 1 + erf} and
 * {@code 1 + tanh} cancel to 0: Φ(x) as {@code erfc(-x/√2)/2}, and {@code (1 + tanh u)/2} as the equal
 * {@code sigmoid(2u)}. Gradients are composed of differentiable ops, so they can be differentiated again.
 */
final class Gelu {
    /** {@code keras.ops.gelu(x, approximate=True)}. */
    static final OpSpec SPEC = OpSpec.op("gelu").nn("Gelu").config("approximate", Type.BOOL, true)
            .rebuild((in, args) -> apply(in.get(0), args.bool("approximate")));

    private static final double SQRT_2_OVER_PI = 0.7978845608028654;
    private static final double INV_SQRT_2 = 0.7071067811865476;
    private static final double INV_SQRT_2PI = 0.3989422804014327;
    private static final double COEFF = 0.044715;

    private Gelu() {
    }

    static Tensor apply(Tensor x, boolean approximate) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(approximate), x.shape(), in -> apply(in.get(0), approximate), x);
        }
        float[] in = OpSupport.data(x);
        float[] out = new float[in.length];
        if (approximate) {
            for (int i = 0; i < in.length; i++) {
                double v = in[i];
                double u2 = 2 * SQRT_2_OVER_PI * (v + COEFF * v * v * v);
                out[i] = (float) (v * sigmoid(u2));
            }
        } else {
            for (int i = 0; i < in.length; i++) {
                double v = in[i];
                out[i] = (float) (v * 0.5 * Erf.erfc(-v * INV_SQRT_2));
            }
        }
        Tensor y = OpSupport.wrap(out, x.shape());
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Multiply.apply(g, approximate ? approximateSlope(x) : exactSlope(x))});
        return y;
    }

    private static double sigmoid(double v) {
        if (v >= 0) {
            return 1.0 / (1.0 + Math.exp(-v));
        }
        double e = Math.exp(v);
        return e / (1.0 + e);
    }

    /** {@code Φ(x) + x·φ(x)}, φ the standard normal density. */
    private static Tensor exactSlope(Tensor x) {
        Tensor cdf = Multiply.apply(Add.apply(Erf.apply(Multiply.apply(x, Tensor.scalar((float) INV_SQRT_2))),
                Tensor.scalar(1f)), Tensor.scalar(0.5f));
        Tensor pdf = Multiply.apply(Exp.apply(Multiply.apply(Square.apply(x), Tensor.scalar(-0.5f))),
                Tensor.scalar((float) INV_SQRT_2PI));
        return Add.apply(cdf, Multiply.apply(x, pdf));
    }

    /**
     * With {@code s = sigmoid(2u)}, {@code u = c·(x + k·x³)}: {@code s + x·2s(1 - s)·c·(1 + 3k·x²)}.
     */
    private static Tensor approximateSlope(Tensor x) {
        Tensor x2 = Square.apply(x);
        Tensor inner = Add.apply(x, Multiply.apply(Multiply.apply(x, x2), Tensor.scalar((float) COEFF)));
        Tensor s = Sigmoid.apply(Multiply.apply(inner, Tensor.scalar((float) (2 * SQRT_2_OVER_PI))));
        Tensor du = Multiply.apply(Add.apply(Multiply.apply(x2, Tensor.scalar((float) (3 * COEFF))),
                Tensor.scalar(1f)), Tensor.scalar((float) (2 * SQRT_2_OVER_PI)));
        Tensor ds = Multiply.apply(Multiply.apply(s, Subtract.apply(Tensor.scalar(1f), s)), du);
        return Add.apply(s, Multiply.apply(x, ds));
    }
}
