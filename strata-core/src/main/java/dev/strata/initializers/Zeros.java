package dev.strata.initializers;

import dev.strata.config.Config;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Map;

/** All zeros, like {@code keras.initializers.Zeros}: the default bias initializer. */
public final class Zeros implements Initializer {
    /** The initializer (it has no arguments). */
    public Zeros() {
    }

    /** Keras's {@code from_config}: no arguments. */
    public static Zeros fromConfig(Config config) {
        return new Zeros();
    }

    @Override
    public Tensor apply(Shape shape) {
        Initializers.requireKnown(this, shape);
        return Tensor.zeros(shape);
    }

    @Override
    public Map<String, Object> getConfig() {
        return Map.of();
    }

    @Override
    public String toString() {
        return Initializers.describe(this);
    }
}
