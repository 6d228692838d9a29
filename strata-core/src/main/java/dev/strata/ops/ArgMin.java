package dev.strata.ops;

import dev.strata.tensor.Tensor;

/**
 * The index of the minimum along an axis ({@code null}: of the flattened tensor), like
 * {@code keras.ops.argmin}: the mirror of {@link ArgMax} (first occurrence on ties, NaN wins). Not
 * differentiable.
 */
final class ArgMin {
    private ArgMin() {
    }

    static Tensor apply(Tensor x, Integer axis, boolean keepDims) {
        return ArgMax.arg("argmin", false, x, axis, keepDims);
    }
}
