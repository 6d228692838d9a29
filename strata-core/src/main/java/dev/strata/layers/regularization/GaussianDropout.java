package dev.strata.layers.regularization;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Multiplies its input by Gaussian noise of mean 1 and standard deviation {@code sqrt(rate / (1 - rate))} in
 * training, like {@code keras.layers.GaussianDropout}; outside training the input is returned unchanged. The noise
 * comes from the generator seeded by {@code Strata.setRandomSeed}, or from the layer's own with {@link #seed(long)}.
 * Keras accepts {@code rate = 1}, whose noise has an infinite deviation; Strata refuses it.
 *
 * <pre>{@code
 * Model m = new Sequential(new InputLayer(8), new Dense(16, "relu"), new GaussianDropout(0.2), new Dense(1));
 * }</pre>
 */
public class GaussianDropout extends Layer {
    private final double rate;
    private Long seed;
    private RandomGenerator generator;

    /**
     * Multiplicative noise for a drop probability {@code rate}.
     *
     * @throws IllegalArgumentException if {@code rate} is not in [0, 1)
     */
    public GaussianDropout(double rate) {
        this.rate = Noise.rate("GaussianDropout", "rate", rate, false);
    }

    @Override
    public GaussianDropout named(String name) {
        super.named(name);
        return this;
    }

    /** Draws the noise from the layer's own generator seeded with {@code seed} (Keras's {@code seed}). */
    public GaussianDropout seed(long seed) {
        requireNotBuilt("seed");
        this.seed = seed;
        this.generator = Noise.generator(seed);
        return this;
    }

    /** The drop probability. */
    public double rate() {
        return rate;
    }

    /** The standard deviation of the noise, {@code sqrt(rate / (1 - rate))} (computed in double, as Python does). */
    public double stddev() {
        return Math.sqrt(rate / (1.0 - rate));
    }

    @Override
    protected Tensor call(Tensor input) {
        if (!training() || rate == 0 || input.isSymbolic()) {
            return input;
        }
        return Ops.multiply(input, Noise.normal(input.shape(), 1f, (float) stddev(), generator));
    }

    /** Keras builds it at construction: its saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
    }

    /** Keras's {@code GaussianDropout.from_config}. */
    public static GaussianDropout fromConfig(Config c) {
        GaussianDropout g = new GaussianDropout(c.requireNumber("rate"));
        Integer seed = c.integer("seed", null);
        if (seed != null) {
            g.seed(seed);
        }
        return g;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("rate", rate);
        config.put("seed", seed);
        return config;
    }

    /** Passes its input's mask on unchanged (Keras's {@code supports_masking}): its output steps are its input's. */
    @Override
    protected boolean supportsMasking() {
        return true;
    }

    /** Keras's {@code call(..., training=False)}: its graph records {@code training: false} with every call. */
    @Override
    public java.util.Map<String, Object> kerasCallKeywords() {
        return java.util.Map.of("training", false);
    }
}
