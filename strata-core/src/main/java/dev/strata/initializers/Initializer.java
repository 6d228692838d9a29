package dev.strata.initializers;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Map;

/** Makes the initial value of a weight, like {@code keras.initializers.Initializer}. */
public interface Initializer {
    /** A new tensor of the given (fully known) shape. */
    Tensor apply(Shape shape);

    /** Keras's class name, e.g. {@code "GlorotUniform"}. */
    String className();

    /** Keras's config, e.g. {@code {seed=null}} or {@code {mean=0.0, stddev=0.05, seed=null}}. */
    Map<String, Object> config();
}
