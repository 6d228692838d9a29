package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * A copy of x, like {@code keras.ops.copy(x)}: new storage, so a variable's later assignments do not show in it.
 * Gradient: g itself.
 */
final class Copy {
    /** {@code keras.ops.copy(x)}. */
    static final OpSpec SPEC = OpSpec.op("copy").numpy("Copy").rebuild((in, args) -> apply(in.get(0)));

    private Copy() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        float[] in = OpSupport.data(x);
        float[] out = OpSupport.newArray(in.length);
        System.arraycopy(in, 0, out, 0, in.length);
        Tensor y = OpSupport.wrap(out, x.shape());
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {g});
        return y;
    }
}
