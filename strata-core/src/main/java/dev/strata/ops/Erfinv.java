package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * The inverse error function: y with {@code erf(y) = x}, for x in [-1, 1] (±inf at ±1, NaN beyond, ±0 at ±0).
 * Gradient (JAX's): {@code g·√π/2·e^(y²)}, from the result.
 *
 * <p>Computed in double: Winitzki's closed form (relative error ~2e-3) refined by Halley steps on
 * {@code erf(y) - x}, written as {@code (1 - x) - erfc(y)} above 0.5 (1 - x is exact for a float x), where erf is
 * too close to 1 to resolve y; so the float32 result is correctly rounded but for rare ties.
 */
final class Erfinv {
    /** {@code keras.ops.erfinv(x)} ({@code keras.src.ops.math}). */
    static final OpSpec SPEC = OpSpec.op("erfinv").math("Erfinv").rebuild((in, args) -> apply(in.get(0)));
    private static final Tensor SQRT_PI_OVER_TWO = Tensor.scalar((float) (Math.sqrt(Math.PI) / 2));
    private static final double WINITZKI_A = 0.147;
    private static final int MAX_STEPS = 20;

    private Erfinv() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> (float) erfinv(v));
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Multiply.apply(g, Multiply.apply(SQRT_PI_OVER_TWO, Exp.apply(Square.apply(y))))});
        return y;
    }

    static double erfinv(double x) {
        if (Double.isNaN(x) || Math.abs(x) > 1) {
            return Double.NaN;
        }
        if (x == 0 || Math.abs(x) == 1) {
            return x == 0 ? x : Math.copySign(Double.POSITIVE_INFINITY, x);
        }
        double a = Math.abs(x);
        double ln = Math.log((1 - a) * (1 + a));
        double t = 2 / (Math.PI * WINITZKI_A) + ln / 2;
        double y = Math.sqrt(Math.sqrt(t * t - ln / WINITZKI_A) - t);
        for (int i = 0; i < MAX_STEPS; i++) {
            double f = a < 0.5 ? Erf.erf(y) - a : (1 - a) - Erf.erfc(y);
            double ratio = f / (Erf.TWO_OVER_SQRT_PI * Math.exp(-y * y)); // f / f'
            double step = ratio / (1 + y * ratio); // Halley: f'' = -2y·f'
            y -= step;
            if (Math.abs(step) <= 1e-15 * y) {
                break;
            }
        }
        return Math.copySign(y, x);
    }
}
