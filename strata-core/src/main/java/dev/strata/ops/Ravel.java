package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * x flattened to a vector in row-major order, like {@code keras.ops.ravel(x)} (unknown length if any dimension
 * is). A {@link Reshape}, whose gradient reshapes g back.
 */
final class Ravel {
    /** {@code keras.ops.ravel(x)}. */
    static final OpSpec SPEC = OpSpec.op("ravel").numpy("Ravel").rebuild((in, args) -> apply(in.get(0)));

    private Ravel() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, Cumulative.flat(x.shape()), in -> apply(in.get(0)), x);
        }
        return Cumulative.flatten(x);
    }
}
