package dev.strata.initializers;

import dev.strata.config.Config;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * Draws from N(mean, stddev²), redrawing values more than two stddevs from the mean, like
 * {@code keras.initializers.TruncatedNormal} (defaults: mean 0, stddev 0.05).
 */
public final class TruncatedNormal implements Initializer {
    private final float mean;
    private final float stddev;

    /** Keras's defaults: mean 0, stddev 0.05. */
    public TruncatedNormal() {
        this(0f, 0.05f);
    }

    /** The truncated N(mean, stddev²). */
    public TruncatedNormal(float mean, float stddev) {
        this.mean = mean;
        this.stddev = stddev;
    }

    /** Keras's {@code from_config}; {@code seed} is accepted (Strata draws from its global random state). */
    public static TruncatedNormal fromConfig(Config config) {
        config.ignore("seed");
        return new TruncatedNormal((float) config.number("mean", 0.0), (float) config.number("stddev", 0.05));
    }

    @Override
    public Tensor apply(Shape shape) {
        Initializers.requireKnown(this, shape);
        return Tensor.truncatedNormal(shape, mean, stddev);
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
