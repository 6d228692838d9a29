package dev.strata.ops;

import dev.strata.internal.kernels.ReduceOp;
import dev.strata.tensor.Tensor;

/**
 * Minimum over axes ({@code null}: all), like {@code keras.ops.min}; the mirror of {@link Max}, with the
 * gradient split equally among tied minima.
 */
final class Min {
    private Min() {
    }

    static Tensor apply(Tensor x, int[] axes, boolean keepDims) {
        return Max.extremum("min", ReduceOp.MIN, x, axes, keepDims);
    }
}
