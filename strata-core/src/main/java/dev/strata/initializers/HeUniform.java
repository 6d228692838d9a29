package dev.strata.initializers;

import dev.strata.config.Config;
import java.util.Map;

/**
 * U(-limit, limit) with {@code limit = sqrt(6 / fan_in)}, like {@code keras.initializers.HeUniform}.
 */
public final class HeUniform extends VarianceScaling {
    /** The initializer (Keras's {@code seed} aside, it has no arguments). */
    public HeUniform() {
        super(2f, Mode.FAN_IN, Distribution.UNIFORM);
    }

    /** Keras's {@code from_config}: {@code seed} is accepted, the axes must be null. */
    public static HeUniform fromConfig(Config config) {
        readSeedAndAxes(config);
        return new HeUniform();
    }

    @Override
    public Map<String, Object> getConfig() {
        return fixedConfig();
    }
}
