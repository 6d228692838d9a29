package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Tensor;

/**
 * The same values, never recorded on a tape: what depends on x only through the result gets no gradient
 * from it. The result is a new tensor (not x itself, which a tape may be watching).
 */
final class StopGradient {
    /** {@code keras.ops.stop_gradient(x)}. */
    static final OpSpec SPEC = OpSpec.op("stop_gradient").core("StopGradient").rebuild((in, args) -> apply(in.get(0)));

    private StopGradient() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        float[] in = OpSupport.data(x);
        // A plain tensor's storage never changes, so it can be shared; a variable's is copied.
        return OpSupport.wrap(TensorAccess.isImmutable(x) ? in : in.clone(), x.shape());
    }
}
