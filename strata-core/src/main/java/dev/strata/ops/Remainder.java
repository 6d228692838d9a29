package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * mod and fmod, broadcast. fmod is C's remainder of truncated division ({@code x1 - trunc(x1/x2)·x2}, exact, with
 * the sign of x1); mod is Python's (floored division: the sign of x2), as JAX computes it from fmod: where the
 * remainder is non-zero and its sign differs from x2's, {@code + x2}. Both are NaN where x2 is ±0 or x1 infinite;
 * {@code fmod(x, ±inf) = x}, and so {@code mod(-1, inf) = inf} as in JAX. One class for the two, as mod is fmod
 * plus a correction.
 *
 * <p>Gradient (JAX's rule for its remainder primitive): g to x1; {@code -g·trunc(x1/x2)} to x2, plus g where mod
 * added x2. At the discontinuities (remainder 0) no correction applies, as in JAX.
 */
final class Remainder {
    /** {@code keras.ops.mod(x1, x2)}. */
    static final OpSpec MOD = OpSpec.op("mod").numpy("Mod").binary().rebuild((in, args) -> mod(in.get(0), in.get(1)));
    /** {@code keras.ops.fmod(x1, x2)}. */
    static final OpSpec FMOD = OpSpec.op("fmod").numpy("Fmod").binary()
            .rebuild((in, args) -> fmod(in.get(0), in.get(1)));

    private Remainder() {
    }

    static Tensor mod(Tensor a, Tensor b) {
        return apply(MOD, "mod", a, b);
    }

    static Tensor fmod(Tensor a, Tensor b) {
        return apply(FMOD, "fmod", a, b);
    }

    /** Whether mod adds x2 to fmod's remainder r (JAX's {@code do_plus}). */
    private static boolean corrects(float r, float q) {
        return r != 0f && (r < 0f) != (q < 0f);
    }

    private static Tensor apply(OpSpec spec, String javaName, Tensor a, Tensor b) {
        Shape out = Broadcasting.shape(javaName, a.shape(), b.shape());
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(spec, out, in -> apply(spec, javaName, in.get(0), in.get(1)), a, b);
        }
        boolean floored = spec == MOD;
        Tensor y = Pointwise.map(a, b, out, (p, q) -> {
            float r = p % q;
            return floored && corrects(r, q) ? r + q : r;
        });
        OpSupport.gradient(y, a, b, (g, needed) -> {
            Tensor toB = null;
            if (needed[1]) {
                toB = Negative.apply(Multiply.apply(g, Trunc.apply(Divide.apply(a, b))));
                if (floored) {
                    Tensor plus = Pointwise.map(a, b, out, (p, q) -> Pointwise.bool(corrects(p % q, q)));
                    toB = Add.apply(toB, Multiply.apply(g, plus));
                }
            }
            return new Tensor[] {
                needed[0] ? Broadcasting.unbroadcast(g, a.shape()) : null,
                needed[1] ? Broadcasting.unbroadcast(toB, b.shape()) : null};
        });
        return y;
    }
}
