package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/**
 * Rounds to {@code decimals} decimal places (negative: to tens, hundreds, ...), halves to even, with the float32
 * numerics of Keras's JAX backend: {@code rint(x·f)·(1/f)} for {@code f = 10^d}, both in float32, as XLA compiles
 * JAX's {@code rint(x·f) / f} (a division by a constant becomes a multiplication by its reciprocal). So, as there,
 * 0.125 to 2 places is 0.12 and a value whose scaled form overflows becomes ±inf. With {@code decimals} 39 or more
 * (beyond float32's range) x is returned as is. One difference: at 38 decimals the reciprocal 1e-38 is subnormal,
 * which XLA flushes to zero (giving 0 or NaN); Strata keeps it. Its gradient is zero (as JAX's), recorded as zeros.
 */
final class Round {
    /** {@code keras.ops.round(x, decimals=0)}. */
    static final OpSpec SPEC = OpSpec.op("round").numpy("Round").config("decimals", Type.INT, 0)
            .rebuild((in, args) -> apply(in.get(0), args.integer("decimals")));

    /** JAX returns x unchanged above {@code log10(float32 max)} ≈ 38.5. */
    private static final int NO_OP_DECIMALS = 39;

    private Round() {
    }

    static Tensor apply(Tensor x, int decimals) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(decimals), x.shape(), in -> apply(in.get(0), decimals), x);
        }
        Tensor y;
        if (decimals == 0) {
            y = Elementwise.unary(UnaryOp.ROUND, x);
        } else if (decimals >= NO_OP_DECIMALS) {
            y = Pointwise.map(x, v -> v);
        } else {
            // 10^d as Python's 10 ** d (an exact int, or a double for d < 0) converted to float32, as JAX's constant
            float factor = (float) Double.parseDouble("1e" + decimals);
            float reciprocal = 1f / factor;
            y = Pointwise.map(x, v -> (float) Math.rint(v * factor) * reciprocal);
        }
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Tensor.zeros(x.shape())});
        return y;
    }
}
