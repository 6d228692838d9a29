package dev.strata.initializers;

import dev.strata.config.KerasObject;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Makes the initial value of a weight, like {@code keras.initializers.Initializer}. Strata's initializers are found
 * by Keras name with {@link Initializers#get}; a user's initializer is a class with a config
 * ({@link #getConfig()}) that is registered to be saved and loaded (see {@code dev.strata.config.SavingRegistry}).
 */
public interface Initializer extends KerasObject {
    /** A new tensor of the given (fully known) shape. */
    Tensor apply(Shape shape);

}
