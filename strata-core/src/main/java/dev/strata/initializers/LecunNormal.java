package dev.strata.initializers;

import dev.strata.config.Config;
import java.util.Map;

/**
 * A truncated normal with stddev {@code sqrt(1 / fan_in)}, like {@code keras.initializers.LecunNormal}.
 */
public final class LecunNormal extends VarianceScaling {
    /** The initializer (Keras's {@code seed} aside, it has no arguments). */
    public LecunNormal() {
        super(1f, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL);
    }

    /** Keras's {@code from_config}: {@code seed} is accepted, the axes must be null. */
    public static LecunNormal fromConfig(Config config) {
        readSeedAndAxes(config);
        return new LecunNormal();
    }

    @Override
    public Map<String, Object> getConfig() {
        return fixedConfig();
    }
}
