package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.ReduceOp;
import dev.strata.tensor.Tensor;

/**
 * Minimum over axes ({@code null}: all), like {@code keras.ops.min}; the mirror of {@link Max}, with the
 * gradient split equally among tied minima.
 */
final class Min {
    /** {@code keras.ops.min(x, axis=None, keepdims=False)}. */
    static final OpSpec SPEC = OpSpec.op("min").numpy("Min")
            .config("axis", Type.OPTIONAL_INTS).config("keepdims", Type.BOOL, false)
            .fixed("initial", null, "Strata's min takes no initial value")
            .rebuild((in, args) -> apply(in.get(0), args.ints("axis"), args.bool("keepdims")));

    private Min() {
    }

    static Tensor apply(Tensor x, int[] axes, boolean keepDims) {
        return Max.extremum(SPEC, ReduceOp.MIN, x, axes, keepDims);
    }
}
