package dev.strata.activations;

import dev.strata.tensor.Tensor;

/** An elementwise (or, for softmax, per-row) function applied to a layer's output. */
public interface Activation {
    /** Applies the function (to concrete or symbolic tensors; differentiable). */
    Tensor apply(Tensor x);

    /** Keras's name, e.g. {@code "relu"}; what saved configs store. */
    String name();
}
