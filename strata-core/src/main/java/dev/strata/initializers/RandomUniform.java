package dev.strata.initializers;

import dev.strata.config.Config;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Map;

/** Draws from U(minval, maxval), like {@code keras.initializers.RandomUniform} (defaults: -0.05 and 0.05). */
public final class RandomUniform implements Initializer {
    private final float minval;
    private final float maxval;

    /** Keras's defaults: -0.05 to 0.05. */
    public RandomUniform() {
        this(-0.05f, 0.05f);
    }

    /** U(minval, maxval). */
    public RandomUniform(float minval, float maxval) {
        this.minval = minval;
        this.maxval = maxval;
    }

    /** Keras's {@code from_config}; {@code seed} is accepted (Strata draws from its global random state). */
    public static RandomUniform fromConfig(Config config) {
        config.ignore("seed");
        return new RandomUniform((float) config.number("minval", -0.05), (float) config.number("maxval", 0.05));
    }

    @Override
    public Tensor apply(Shape shape) {
        Initializers.requireKnown(this, shape);
        return Tensor.uniform(shape, minval, maxval);
    }

    @Override
    public Map<String, Object> getConfig() {
        return Initializers.seeded("minval", minval, "maxval", maxval);
    }

    @Override
    public String toString() {
        return Initializers.describe(this);
    }
}
