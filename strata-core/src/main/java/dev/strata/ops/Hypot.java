package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * {@code √(x1² + x2²)}, broadcast, without overflow, as JAX computes it in float32: with {@code a = max(|x1|, |x2|)}
 * and {@code b = min}, {@code a·√(1 + (b/a)²)}, 0 where a = 0, +inf where either is infinite (even with NaN).
 *
 * <p>Gradient (JAX's): {@code g·x1/h} and {@code g·x2/h}; at the origin g/2 to each (JAX's tie rule of max and
 * min, with abs's slope 1 at 0); NaN to both where either is infinite (JAX's rule multiplies the masked branch's
 * infinities by 0).
 */
final class Hypot {
    /** {@code keras.ops.hypot(x1, x2)}. */
    static final OpSpec SPEC = OpSpec.op("hypot").numpy("Hypot").binary()
            .rebuild((in, args) -> apply(in.get(0), in.get(1)));
    private static final Tensor ONE = Tensor.scalar(1f);

    private Hypot() {
    }

    static Tensor apply(Tensor x1, Tensor x2) {
        Shape out = Broadcasting.shape("hypot", x1.shape(), x2.shape());
        if (x1.isSymbolic() || x2.isSymbolic()) {
            return OpSupport.record(SPEC, out, in -> apply(in.get(0), in.get(1)), x1, x2);
        }
        Tensor y = Pointwise.map(x1, x2, out, Hypot::hypot);
        OpSupport.gradient(y, x1, x2, (g, needed) -> {
            // Constant per element: 0.5 at the origin, NaN with an infinity, else 1/h (applied to x below).
            Tensor origin = Pointwise.map(x1, x2, out, (p, q) -> Pointwise.bool(p == 0f && q == 0f));
            Tensor inf = Pointwise.map(x1, x2, out, (p, q) -> Pointwise.bool(Float.isInfinite(p)
                    || Float.isInfinite(q)));
            Tensor safe = Where.apply(origin, ONE, y);
            return new Tensor[] {
                needed[0] ? Broadcasting.unbroadcast(part(g, x1, safe, origin, inf), x1.shape()) : null,
                needed[1] ? Broadcasting.unbroadcast(part(g, x2, safe, origin, inf), x2.shape()) : null};
        });
        return y;
    }

    private static Tensor part(Tensor g, Tensor x, Tensor safe, Tensor origin, Tensor inf) {
        Tensor d = Where.apply(origin, Tensor.scalar(0.5f), Divide.apply(x, safe));
        return Multiply.apply(g, Where.apply(inf, Tensor.scalar(Float.NaN), d));
    }

    static float hypot(float p, float q) {
        float u = Math.abs(p);
        float v = Math.abs(q);
        if (u == Float.POSITIVE_INFINITY || v == Float.POSITIVE_INFINITY) {
            return Float.POSITIVE_INFINITY;
        }
        float a = Math.max(u, v);
        float b = Math.min(u, v);
        if (a == 0f) {
            return a;
        }
        float r = b / a;
        return a * (float) Math.sqrt(1f + r * r);
    }
}
