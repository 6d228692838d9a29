package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Tensor;

/**
 * The index of the minimum along an axis ({@code null}: of the flattened tensor), like
 * {@code keras.ops.argmin}: the mirror of {@link ArgMax} (first occurrence on ties, NaN wins). Not
 * differentiable.
 */
final class ArgMin {
    /** {@code keras.ops.argmin(x, axis=None, keepdims=False)}. */
    static final OpSpec SPEC = OpSpec.op("argmin").numpy("Argmin")
            .config("axis", Type.OPTIONAL_INT).config("keepdims", Type.BOOL, false)
            .rebuild((in, args) -> apply(in.get(0), args.optionalInt("axis"), args.bool("keepdims")));

    private ArgMin() {
    }

    static Tensor apply(Tensor x, Integer axis, boolean keepDims) {
        return ArgMax.arg(SPEC, false, x, axis, keepDims);
    }
}
