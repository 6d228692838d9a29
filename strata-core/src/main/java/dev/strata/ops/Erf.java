package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * The error function {@code erf(x) = 2/√π ∫₀ˣ e^(-t²) dt}, which {@code java.lang.Math} lacks. Gradient:
 * {@code g·2/√π·e^(-x²)}.
 *
 * <p>Computed in double and rounded once: below |x| = 2.3 by its Maclaurin series (whose terms cancel by at
 * most a factor of ~e^(x²) ≈ 200, costing under three of double's sixteen digits), above by the continued
 * fraction of erfc (Laplace's), which converges fast there. Both are run to a relative error of about 1e-15,
 * so the float32 result is correctly rounded except in rare ties.
 */
final class Erf {
    /** {@code keras.ops.erf(x)}. */
    static final OpSpec SPEC = OpSpec.op("erf").math("Erf").rebuild((in, args) -> apply(in.get(0)));

    static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;
    private static final double SERIES_LIMIT = 2.3;
    private static final double TOLERANCE = 1e-16;
    /** Lentz's factors approach 1 to within rounding, so its stopping test must allow a few ulps. */
    private static final double CF_TOLERANCE = 1e-15;
    private static final int MAX_TERMS = 500;

    private Erf() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        float[] in = OpSupport.data(x);
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) erf(in[i]);
        }
        Tensor y = OpSupport.wrap(out, x.shape());
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Multiply.apply(g, Multiply.apply(Exp.apply(Negative.apply(Square.apply(x))),
                    Tensor.scalar((float) TWO_OVER_SQRT_PI)))});
        return y;
    }

    /** erf(x) in double precision (relative error around 1e-15). */
    static double erf(double x) {
        double ax = Math.abs(x);
        if (Double.isNaN(x)) {
            return x;
        }
        if (ax < SERIES_LIMIT) {
            return series(x);
        }
        // erfc(6) < 2.2e-17: erf is 1 to double precision beyond.
        double r = ax >= 6 ? 1.0 : 1.0 - continuedFraction(ax);
        return x < 0 ? -r : r;
    }

    /**
     * erfc(x) = 1 - erf(x), accurate (relatively) where it is tiny, which {@code 1 - erf(x)} is not: for large
     * x, erf(x) rounds to 1 and the difference loses every digit.
     */
    static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x < SERIES_LIMIT) {
            // Here erfc(x) >= erfc(2.3) ≈ 0.0011, so the subtraction loses under three digits.
            return x <= -6 ? 2.0 : 1.0 - erf(x);
        }
        return x >= 27 ? 0.0 : continuedFraction(x); // erfc(27) underflows double
    }

    /** 2/√π · Σ (-1)ⁿ x^(2n+1) / (n!·(2n+1)). */
    private static double series(double x) {
        double x2 = x * x;
        double term = x; // (-1)ⁿ x^(2n+1) / n!
        double sum = x;
        for (int n = 1; n < MAX_TERMS; n++) {
            term *= -x2 / n;
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.abs(add) <= TOLERANCE * Math.abs(sum)) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * sum;
    }

    /**
     * erfc(x) for x > 0 by {@code e^(-x²)/√π · 1/(x + (1/2)/(x + (2/2)/(x + (3/2)/(x + ...))))}, evaluated
     * with the modified Lentz method.
     */
    private static double continuedFraction(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0.0;
        for (int k = 1; k < MAX_TERMS; k++) {
            double a = 0.5 * k;
            d = x + a * d;
            d = d == 0 ? 1 / tiny : 1 / d;
            c = x + a / c;
            if (c == 0) {
                c = tiny;
            }
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) <= CF_TOLERANCE) {
                break;
            }
        }
        return Math.exp(-x * x) * ONE_OVER_SQRT_PI / f;
    }
}
