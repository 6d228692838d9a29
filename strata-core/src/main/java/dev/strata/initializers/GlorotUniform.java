package dev.strata.initializers;

import dev.strata.config.Config;
import java.util.Map;

/**
 * U(-limit, limit) with {@code limit = sqrt(6 / (fan_in + fan_out))}, like {@code
 * keras.initializers.GlorotUniform}: the default kernel initializer of Dense.
 */
public final class GlorotUniform extends VarianceScaling {
    /** The initializer (Keras's {@code seed} aside, it has no arguments). */
    public GlorotUniform() {
        super(1f, Mode.FAN_AVG, Distribution.UNIFORM);
    }

    /** Keras's {@code from_config}: {@code seed} is accepted, the axes must be null. */
    public static GlorotUniform fromConfig(Config config) {
        readSeedAndAxes(config);
        return new GlorotUniform();
    }

    @Override
    public Map<String, Object> getConfig() {
        return fixedConfig();
    }
}
