package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * gcd and lcm of int32 values, broadcast, as JAX computes them: on {@code |x1|} and {@code |x2|} (so never
 * negative), {@code gcd(0, 0) = 0}, {@code lcm(x, 0) = 0}, lcm as {@code |x1|·(|x2|/gcd)} in int32 (wrapping on
 * overflow, as int32 does). Integer-only ({@link WholeNumbers}; JAX rejects floats), results as float32 (see
 * {@link Bitwise}; and, as there, Python Keras runs a saved graph only where the inputs are int32 in Keras). Not
 * differentiable (nothing is recorded). One class for the two: lcm is made of gcd.
 */
final class GcdLcm {
    /** {@code keras.ops.gcd(x1, x2)}. */
    static final OpSpec GCD = OpSpec.op("gcd").numpy("Gcd").binary().rebuild((in, args) -> gcd(in.get(0), in.get(1)));
    /** {@code keras.ops.lcm(x1, x2)}. */
    static final OpSpec LCM = OpSpec.op("lcm").numpy("Lcm").binary().rebuild((in, args) -> lcm(in.get(0), in.get(1)));

    private GcdLcm() {
    }

    static Tensor gcd(Tensor a, Tensor b) {
        return Bitwise.binary(GCD, "gcd", "x1", "x2", a, b, GcdLcm::gcd);
    }

    static Tensor lcm(Tensor a, Tensor b) {
        return Bitwise.binary(LCM, "lcm", "x1", "x2", a, b, (p, q) -> {
            int u = Math.abs(p);
            int v = Math.abs(q);
            int d = gcd(u, v);
            return d == 0 ? 0 : u * (v / d);
        });
    }

    /** Euclid's algorithm on |p| and |q| (as JAX's loop; |int32 min| stays negative, as in int32). */
    static int gcd(int p, int q) {
        int u = Math.abs(p);
        int v = Math.abs(q);
        while (v != 0) {
            int r = u % v;
            u = v;
            v = r;
        }
        return u;
    }
}
