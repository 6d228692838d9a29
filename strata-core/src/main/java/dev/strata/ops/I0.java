package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * The modified Bessel function of the first kind, order 0, {@code I₀(x) = Σ (x²/4)^k/(k!)²}, elementwise. Gradient
 * (JAX's): {@code g·I₁(x)}, 0 at x = 0.
 *
 * <p>Both series have only positive terms, so double sums them to ~1e-16 relatively, then one rounding to float.
 * JAX computes {@code e^|x|·i0e(|x|)}: where {@code e^|x|} overflows float32 (|x| beyond ~88.72) it gives +inf,
 * and its gradient there is NaN (inf - inf in its rule); at ±inf both are NaN (inf·0). Strata gives the same.
 */
final class I0 {
    /** {@code keras.ops.i0(x)}. */
    static final OpSpec SPEC = OpSpec.op("i0").numpy("I0").rebuild((in, args) -> apply(in.get(0)));
    private static final Tensor ZERO = Tensor.scalar(0f);
    private static final Tensor ONE = Tensor.scalar(1f);
    private static final Tensor HALF = Tensor.scalar(0.5f);
    private static final int MAX_TERMS = 500;

    private I0() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> Float.isInfinite(v) ? Float.NaN
                : overflows(v) ? Float.POSITIVE_INFINITY : (float) series(v, 0));
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Multiply.apply(g, i1(x))});
        return y;
    }

    /** Whether JAX's {@code e^|x|} is +inf in float32 (NaN stays NaN either way). */
    private static boolean overflows(float v) {
        return Float.isInfinite((float) Math.exp(Math.abs(v)));
    }

    /**
     * I₁(x) (NaN where JAX's gradient of i0 is NaN), with its own gradient {@code I₀(x) - I₁(x)/x} (1/2 at 0), so
     * i0's gradient is itself differentiable.
     */
    static Tensor i1(Tensor x) {
        Tensor y = Pointwise.map(x, v -> overflows(v) ? Float.NaN : (float) series(v, 1));
        OpSupport.gradient(y, x, (g, needed) -> {
            Tensor zero = Comparison.equal(x, ZERO);
            Tensor safe = Where.apply(zero, ONE, x);
            Tensor d = Subtract.apply(apply(x), Divide.apply(i1(x), safe));
            return new Tensor[] {Multiply.apply(g, Where.apply(zero, HALF, d))};
        });
        return y;
    }

    /** I₀(x) (order 0) or I₁(x) (order 1) in double: {@code (x/2)^n Σ (x²/4)^k/(k!(k+n)!)}. */
    static double series(double x, int order) {
        if (Double.isNaN(x)) {
            return x;
        }
        double q = x * x / 4;
        double term = order == 0 ? 1 : x / 2;
        double sum = term;
        for (int k = 1; k < MAX_TERMS; k++) {
            term *= q / ((double) k * (k + order));
            sum += term;
            if (Math.abs(term) <= 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return sum;
    }
}
