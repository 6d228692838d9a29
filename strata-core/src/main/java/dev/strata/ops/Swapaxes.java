package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * Exchanges two axes, like {@code keras.ops.swapaxes(x, axis1, axis2)}. A {@link Transpose}, whose gradient swaps
 * them back.
 */
final class Swapaxes {
    /** {@code keras.ops.swapaxes(x, axis1, axis2)}. */
    static final OpSpec SPEC = OpSpec.op("swapaxes").numpy("Swapaxes").config("axis1", Type.INT)
            .config("axis2", Type.INT)
            .rebuild((in, args) -> apply(in.get(0), args.integer("axis1"), args.integer("axis2")));

    private Swapaxes() {
    }

    static Tensor apply(Tensor x, int axis1, int axis2) {
        Shape s = x.shape();
        int a = Cumulative.axis("swapaxes", s, axis1);
        int b = Cumulative.axis("swapaxes", s, axis2);
        int[] perm = new int[s.rank()];
        Arrays.setAll(perm, i -> i);
        perm[a] = b;
        perm[b] = a;
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(axis1, axis2), Transpose.shape(s, perm),
                    in -> apply(in.get(0), axis1, axis2), x);
        }
        return Transpose.apply(x, perm);
    }
}
