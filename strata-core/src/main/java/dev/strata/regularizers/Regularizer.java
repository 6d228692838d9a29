package dev.strata.regularizers;

import dev.strata.tensor.Tensor;
import java.util.Map;

/** A penalty on a weight or an activation, added to the training loss; like {@code keras.regularizers.Regularizer}. */
public interface Regularizer {
    /** The penalty for {@code x}, a scalar (differentiable). */
    Tensor apply(Tensor x);

    /** Keras's class name, e.g. {@code "L2"}. */
    String className();

    /** Keras's config, e.g. {@code {l2=0.01}}. */
    Map<String, Object> config();
}
