package dev.strata.initializers;

import dev.strata.config.Config;
import java.util.Map;

/**
 * A truncated normal with stddev {@code sqrt(2 / fan_in)}, like {@code keras.initializers.HeNormal}.
 */
public final class HeNormal extends VarianceScaling {
    /** The initializer (Keras's {@code seed} aside, it has no arguments). */
    public HeNormal() {
        super(2f, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL);
    }

    /** Keras's {@code from_config}: {@code seed} is accepted, the axes must be null. */
    public static HeNormal fromConfig(Config config) {
        readSeedAndAxes(config);
        return new HeNormal();
    }

    @Override
    public Map<String, Object> getConfig() {
        return fixedConfig();
    }
}
