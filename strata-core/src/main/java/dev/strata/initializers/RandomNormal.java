package dev.strata.initializers;

import dev.strata.config.Config;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Map;

/** Draws from N(mean, stddev²), like {@code keras.initializers.RandomNormal} (defaults: mean 0, stddev 0.05). */
public final class RandomNormal implements Initializer {
    private final float mean;
    private final float stddev;

    /** Keras's defaults: mean 0, stddev 0.05. */
    public RandomNormal() {
        this(0f, 0.05f);
    }

    /** N(mean, stddev²). */
    public RandomNormal(float mean, float stddev) {
        this.mean = mean;
        this.stddev = stddev;
    }

    /** Keras's {@code from_config}; {@code seed} is accepted (Strata draws from its global random state). */
    public static RandomNormal fromConfig(Config config) {
        config.ignore("seed");
        return new RandomNormal((float) config.number("mean", 0.0), (float) config.number("stddev", 0.05));
    }

    @Override
    public Tensor apply(Shape shape) {
        Initializers.requireKnown(this, shape);
        return Tensor.normal(shape, mean, stddev);
    }

    @Override
    public Map<String, Object> getConfig() {
        return Initializers.seeded("mean", mean, "stddev", stddev);
    }

    @Override
    public String toString() {
        return Initializers.describe(this);
    }
}
