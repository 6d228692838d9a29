package dev.strata.regularizers;

import dev.strata.config.KerasObject;
import dev.strata.tensor.Tensor;

/**
 * A penalty on a weight or an activation, added to the training loss; like {@code keras.regularizers.Regularizer}.
 * Strata's regularizers are found by Keras name with {@link Regularizers#get}; a user's regularizer is a class with a
 * config ({@link #getConfig()}) that is registered to be saved and loaded (see
 * {@code dev.strata.config.SavingRegistry}).
 */
public interface Regularizer extends KerasObject {
    /** The penalty for {@code x}, a scalar (differentiable). */
    Tensor apply(Tensor x);
}
