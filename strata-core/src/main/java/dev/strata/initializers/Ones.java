package dev.strata.initializers;

import dev.strata.config.Config;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Map;

/** All ones, like {@code keras.initializers.Ones}. */
public final class Ones implements Initializer {
    /** The initializer (it has no arguments). */
    public Ones() {
    }

    /** Keras's {@code from_config}: no arguments. */
    public static Ones fromConfig(Config config) {
        return new Ones();
    }

    @Override
    public Tensor apply(Shape shape) {
        Initializers.requireKnown(this, shape);
        return Tensor.ones(shape);
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
