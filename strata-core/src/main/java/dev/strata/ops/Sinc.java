package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * The normalized sinc, {@code sin(πx)/(πx)}, 1 at x = 0, computed in double and rounded once. Gradient (JAX's):
 * {@code g·(cos(πx) - sinc(x))/x}, 0 at x = 0 (JAX's rule there). That difference cancels in float32 near 0 (JAX
 * gives 1.4e-3 at x = 1e-4 for the true -3.3e-4), so for |πx| < 1 Strata sums the derivative's Taylor series
 * instead; both branches are made of ops over a safe u (no 0/0), so the gradient is itself differentiable.
 */
final class Sinc {
    /** {@code keras.ops.sinc(x)}. */
    static final OpSpec SPEC = OpSpec.op("sinc").numpy("Sinc").rebuild((in, args) -> apply(in.get(0)));
    private static final Tensor ONE = Tensor.scalar(1f);
    private static final Tensor PI = Tensor.scalar((float) Math.PI);

    /**
     * The Taylor coefficients of d/du (sin u/u) = u·Σ c_n·u^(2n-2), {@code c_n = (-1)^n·2n/(2n+1)!}, n = 1..7
     * (the next term is below 5e-14 for |u| < 1).
     */
    private static final double[] SERIES = {-1.0 / 3, 1.0 / 30, -1.0 / 840, 1.0 / 45360, -10.0 / 39916800,
        12.0 / 6227020800.0, -14.0 / 1307674368000.0};

    private Sinc() {
    }

    /** sinc'(x) = π·s'(πx) by its series (Horner in u², from ops so that it is differentiable), for |πx| < 1. */
    private static Tensor series(Tensor x) {
        Tensor u = Multiply.apply(PI, x);
        Tensor v = Square.apply(u);
        Tensor acc = Tensor.scalar((float) SERIES[SERIES.length - 1]);
        for (int n = SERIES.length - 2; n >= 0; n--) {
            acc = Add.apply(Multiply.apply(acc, v), Tensor.scalar((float) SERIES[n]));
        }
        return Multiply.apply(PI, Multiply.apply(u, acc));
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> {
            if (v == 0f) {
                return 1f;
            }
            double u = Math.PI * v;
            return (float) (Math.sin(u) / u);
        });
        OpSupport.gradient(y, x, (g, needed) -> {
            Tensor small = Comparison.less(Abs.apply(Multiply.apply(PI, x)), ONE);
            Tensor safe = Where.apply(small, ONE, x); // the closed form is read only where |πx| >= 1
            Tensor u = Multiply.apply(PI, safe);
            Tensor closed = Divide.apply(Subtract.apply(Cos.apply(u), Divide.apply(Sin.apply(u), u)), safe);
            return new Tensor[] {Multiply.apply(g, Where.apply(small, series(x), closed))};
        });
        return y;
    }
}
