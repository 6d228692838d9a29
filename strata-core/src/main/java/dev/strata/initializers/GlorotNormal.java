package dev.strata.initializers;

import dev.strata.config.Config;
import java.util.Map;

/**
 * A truncated normal with stddev {@code sqrt(2 / (fan_in + fan_out))} (before the truncation correction), like
 * {@code keras.initializers.GlorotNormal}.
 */
public final class GlorotNormal extends VarianceScaling {
    /** The initializer (Keras's {@code seed} aside, it has no arguments). */
    public GlorotNormal() {
        super(1f, Mode.FAN_AVG, Distribution.TRUNCATED_NORMAL);
    }

    /** Keras's {@code from_config}: {@code seed} is accepted, the axes must be null. */
    public static GlorotNormal fromConfig(Config config) {
        readSeedAndAxes(config);
        return new GlorotNormal();
    }

    @Override
    public Map<String, Object> getConfig() {
        return fixedConfig();
    }
}
