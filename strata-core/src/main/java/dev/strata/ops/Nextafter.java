package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The next float32 after x1 towards x2, broadcast (x2 itself where they are equal, NaN if either is NaN). JAX has
 * no derivative for it ({@code jax.grad} raises), so nothing is recorded: a target that depends on the inputs only
 * through nextafter gets no gradient.
 */
final class Nextafter {
    /** {@code keras.ops.nextafter(x1, x2)}. */
    static final OpSpec SPEC = OpSpec.op("nextafter").numpy("Nextafter").binary()
            .rebuild((in, args) -> apply(in.get(0), in.get(1)));

    private Nextafter() {
    }

    static Tensor apply(Tensor x1, Tensor x2) {
        Shape out = Broadcasting.shape("nextafter", x1.shape(), x2.shape());
        if (x1.isSymbolic() || x2.isSymbolic()) {
            return OpSupport.record(SPEC, out, in -> apply(in.get(0), in.get(1)), x1, x2);
        }
        return Pointwise.map(x1, x2, out, (p, q) -> p == q ? q : Math.nextAfter(p, q));
    }
}
