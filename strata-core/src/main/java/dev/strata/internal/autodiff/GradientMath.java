package dev.strata.internal.autodiff;

import dev.strata.tensor.Tensor;

/**
 * The two ops the reverse pass itself needs (summing gradient contributions, seeding with ones). The ops
 * package installs them, so that summing is differentiable too and this package does not depend on ops.
 */
public interface GradientMath {
    Tensor add(Tensor a, Tensor b);

    Tensor onesLike(Tensor t);
}
