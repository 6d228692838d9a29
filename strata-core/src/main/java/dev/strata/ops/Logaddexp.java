package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * logaddexp and logaddexp2, broadcast: {@code log(e^x1 + e^x2)} and {@code log2(2^x1 + 2^x2)} without overflow,
 * as JAX computes them ({@code max + log1p(b^-|x1 - x2|)}, or {@code x1 + x2} where {@code x1 - x2} is NaN:
 * NaN inputs and infinities of one sign), in double, rounded once. One class for the two: they differ only in
 * the base.
 *
 * <p>Gradient (JAX's rule): {@code g·b^(x1 - y)} to x1 and {@code g·b^(x2 - y)} to x2, with +inf replaced by 0 in
 * x1, x2 and y first; so at {@code x1 = x2 = +inf} each gets g, and at {@code x1 = x2 = -inf} each gets NaN.
 */
final class Logaddexp {
    /** {@code keras.ops.logaddexp(x1, x2)}. */
    static final OpSpec LOGADDEXP = OpSpec.op("logaddexp").numpy("Logaddexp").binary()
            .rebuild((in, args) -> logaddexp(in.get(0), in.get(1)));
    /** {@code keras.ops.logaddexp2(x1, x2)}. */
    static final OpSpec LOGADDEXP2 = OpSpec.op("logaddexp2").numpy("Logaddexp2").binary()
            .rebuild((in, args) -> logaddexp2(in.get(0), in.get(1)));
    private static final double LN2 = Math.log(2);
    private static final Tensor ZERO = Tensor.scalar(0f);
    private static final Tensor INF = Tensor.scalar(Float.POSITIVE_INFINITY);

    private Logaddexp() {
    }

    static Tensor logaddexp(Tensor a, Tensor b) {
        return apply(LOGADDEXP, "logaddexp", a, b);
    }

    static Tensor logaddexp2(Tensor a, Tensor b) {
        return apply(LOGADDEXP2, "logaddexp2", a, b);
    }

    private static Tensor apply(OpSpec spec, String javaName, Tensor a, Tensor b) {
        Shape out = Broadcasting.shape(javaName, a.shape(), b.shape());
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(spec, out, in -> apply(spec, javaName, in.get(0), in.get(1)), a, b);
        }
        boolean base2 = spec == LOGADDEXP2;
        Tensor y = Pointwise.map(a, b, out, (p, q) -> {
            double d = (double) p - q;
            if (Double.isNaN(d)) {
                return p + q;
            }
            double m = Math.max(p, q);
            return (float) (base2 ? m + Math.log1p(Math.pow(2, -Math.abs(d))) / LN2
                    : m + Math.log1p(Math.exp(-Math.abs(d))));
        });
        OpSupport.gradient(y, a, b, (g, needed) -> {
            Tensor yr = replaceInf(y);
            return new Tensor[] {
                needed[0] ? Broadcasting.unbroadcast(Multiply.apply(g, power(base2, Subtract.apply(replaceInf(a), yr))),
                        a.shape()) : null,
                needed[1] ? Broadcasting.unbroadcast(Multiply.apply(g, power(base2, Subtract.apply(replaceInf(b), yr))),
                        b.shape()) : null};
        });
        return y;
    }

    private static Tensor power(boolean base2, Tensor t) {
        return base2 ? Exp2.apply(t) : Exp.apply(t);
    }

    /** +inf replaced by 0 (JAX's {@code _replace_inf}), a constant substitution: gradients pass elsewhere. */
    private static Tensor replaceInf(Tensor t) {
        return Where.apply(Comparison.equal(t, INF), ZERO, t);
    }
}
