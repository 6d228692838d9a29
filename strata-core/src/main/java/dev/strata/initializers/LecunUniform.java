package dev.strata.initializers;

import dev.strata.config.Config;
import java.util.Map;

/**
 * U(-limit, limit) with {@code limit = sqrt(3 / fan_in)}, like {@code keras.initializers.LecunUniform}.
 */
public final class LecunUniform extends VarianceScaling {
    /** The initializer (Keras's {@code seed} aside, it has no arguments). */
    public LecunUniform() {
        super(1f, Mode.FAN_IN, Distribution.UNIFORM);
    }

    /** Keras's {@code from_config}: {@code seed} is accepted, the axes must be null. */
    public static LecunUniform fromConfig(Config config) {
        readSeedAndAxes(config);
        return new LecunUniform();
    }

    @Override
    public Map<String, Object> getConfig() {
        return fixedConfig();
    }
}
