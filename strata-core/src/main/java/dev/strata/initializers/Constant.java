package dev.strata.initializers;

import dev.strata.config.Config;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Map;

/** Every element equal to {@code value}, like {@code keras.initializers.Constant} (default 0). */
public final class Constant implements Initializer {
    private final float value;

    /** Keras's default: zero. */
    public Constant() {
        this(0f);
    }

    /** Every element equal to {@code value}. */
    public Constant(float value) {
        this.value = value;
    }

    /** Keras's {@code from_config}. */
    public static Constant fromConfig(Config config) {
        return new Constant((float) config.number("value", 0.0));
    }

    @Override
    public Tensor apply(Shape shape) {
        Initializers.requireKnown(this, shape);
        return Tensor.full(shape, value);
    }

    @Override
    public Map<String, Object> getConfig() {
        return Map.of("value", Initializers.asDecimal(value));
    }

    @Override
    public String toString() {
        return Initializers.describe(this);
    }
}
