package dev.strata.initializers;

import dev.strata.config.Config;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Draws with a spread scaled to the weight's fans, like {@code keras.initializers.VarianceScaling} (defaults: scale 1,
 * mode {@code fan_in}, distribution {@code truncated_normal}). With n the fan-in, the fan-out or their mean:
 * truncated normal with {@code stddev = sqrt(scale / n) / 0.87962566103423978} (the stddev of a unit normal truncated
 * at ±2), plain normal with {@code sqrt(scale / n)}, or uniform in {@code ±sqrt(3 * scale / n)}. Keras's Glorot, He
 * and LeCun initializers are this with fixed arguments.
 *
 * <pre>{@code
 * Initializer init = new VarianceScaling(2f, VarianceScaling.Mode.FAN_OUT, VarianceScaling.Distribution.UNIFORM);
 * }</pre>
 */
public class VarianceScaling implements Initializer {
    private static final double TRUNCATED_STDDEV = 0.87962566103423978;

    /** How the units a weight connects are counted. */
    public enum Mode {
        FAN_IN, FAN_OUT, FAN_AVG;

        String keras() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The distribution drawn from. */
    public enum Distribution {
        TRUNCATED_NORMAL, UNTRUNCATED_NORMAL, UNIFORM;

        String keras() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final double scale; // a Python float in Keras: EfficientNet's 1 / 3 is written back to the last digit
    private final Mode mode;
    private final Distribution distribution;

    /** Keras's defaults: scale 1, fan-in, truncated normal. */
    public VarianceScaling() {
        this(1.0, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL);
    }

    /**
     * Variance scaling with these arguments.
     *
     * @throws IllegalArgumentException if {@code scale} is not positive
     */
    public VarianceScaling(double scale, Mode mode, Distribution distribution) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("VarianceScaling: scale must be positive, got " + scale);
        }
        this.scale = scale;
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        this.distribution = java.util.Objects.requireNonNull(distribution, "distribution");
    }

    /** Keras's {@code VarianceScaling.from_config}; Keras 2's {@code "normal"} distribution is the truncated one. */
    public static VarianceScaling fromConfig(Config config) {
        double scale = config.number("scale", 1.0);
        Mode mode = option(Mode.class, config, "mode", "fan_in");
        Distribution distribution = "normal".equals(config.map().get("distribution")) ? Distribution.TRUNCATED_NORMAL
                : option(Distribution.class, config, "distribution", "truncated_normal");
        config.raw("distribution");
        readSeedAndAxes(config);
        return new VarianceScaling(scale, mode, distribution);
    }

    /**
     * Reads the keys every variance-scaling initializer has: {@code seed} (accepted; Strata draws from its global
     * random state, see {@code Strata.setRandomSeed}) and {@code input_axes}/{@code output_axes}, which must be null
     * (Strata computes fans from the last two dimensions).
     */
    static void readSeedAndAxes(Config config) {
        config.ignore("seed");
        config.requireDefault("input_axes", null, "Strata computes fans from the last two dimensions");
        config.requireDefault("output_axes", null, "Strata computes fans from the last two dimensions");
    }

    private static <E extends Enum<E>> E option(Class<E> type, Config config, String key, String dflt) {
        String s = config.string(key, dflt);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        throw config.error("unknown " + key + " '" + s + "'");
    }

    /** The scale. */
    public double scale() {
        return scale;
    }

    /** How fans are counted. */
    public Mode mode() {
        return mode;
    }

    /** The distribution drawn from. */
    public Distribution distribution() {
        return distribution;
    }

    @Override
    public Tensor apply(Shape shape) {
        Initializers.requireKnown(this, shape);
        double[] fans = Initializers.fans(shape);
        double n = switch (mode) {
            case FAN_IN -> fans[0];
            case FAN_OUT -> fans[1];
            case FAN_AVG -> (fans[0] + fans[1]) / 2.0;
        };
        n = Math.max(1.0, n);
        return switch (distribution) {
            case TRUNCATED_NORMAL -> Tensor.truncatedNormal(shape, 0f, (float) (Math.sqrt(scale / n) / TRUNCATED_STDDEV));
            case UNTRUNCATED_NORMAL -> Tensor.normal(shape, 0f, (float) Math.sqrt(scale / n));
            case UNIFORM -> {
                float limit = (float) Math.sqrt(3.0 * scale / n);
                yield Tensor.uniform(shape, -limit, limit);
            }
        };
    }

    /** Keras 3.15's keys in its order: {@code seed, scale, mode, distribution, input_axes, output_axes}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", null);
        c.put("scale", scale);
        c.put("mode", mode.keras());
        c.put("distribution", distribution.keras());
        c.put("input_axes", null);
        c.put("output_axes", null);
        return c;
    }

    /** The config of the Glorot, He and LeCun forms, whose other arguments are fixed. */
    static Map<String, Object> fixedConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", null);
        c.put("input_axes", null);
        c.put("output_axes", null);
        return c;
    }

    @Override
    public String toString() {
        return Initializers.describe(this);
    }
}
