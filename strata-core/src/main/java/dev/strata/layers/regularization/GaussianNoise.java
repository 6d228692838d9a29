package dev.strata.layers.regularization;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Adds zero-centred Gaussian noise of standard deviation {@code stddev} in training, like
 * {@code keras.layers.GaussianNoise}; outside training the input is returned unchanged. Keras accepts a
 * {@code stddev} in [0, 1], and so does Strata. The noise comes from the generator seeded by
 * {@code Strata.setRandomSeed}, or from the layer's own with {@link #seed(long)}.
 *
 * <pre>{@code
 * Model m = new Sequential(new InputLayer(8), new GaussianNoise(0.1), new Dense(1));
 * }</pre>
 */
public class GaussianNoise extends Layer {
    private final double stddev;
    private Long seed;
    private RandomGenerator generator;

    /**
     * Noise of standard deviation {@code stddev} in training.
     *
     * @throws IllegalArgumentException if {@code stddev} is not in [0, 1]
     */
    public GaussianNoise(double stddev) {
        this.stddev = Noise.rate("GaussianNoise", "stddev", stddev, true);
    }

    @Override
    public GaussianNoise named(String name) {
        super.named(name);
        return this;
    }

    /** Draws the noise from the layer's own generator seeded with {@code seed} (Keras's {@code seed}). */
    public GaussianNoise seed(long seed) {
        requireNotBuilt("seed");
        this.seed = seed;
        this.generator = Noise.generator(seed);
        return this;
    }

    /** The standard deviation of the noise. */
    public double stddev() {
        return stddev;
    }

    @Override
    protected Tensor call(Tensor input) {
        if (!training() || stddev == 0 || input.isSymbolic()) {
            return input;
        }
        return Ops.add(input, Noise.normal(input.shape(), 0f, (float) stddev, generator));
    }

    /** Keras builds it at construction: its saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
    }

    /** Keras's {@code GaussianNoise.from_config}. */
    public static GaussianNoise fromConfig(Config c) {
        GaussianNoise g = new GaussianNoise(c.requireNumber("stddev"));
        Integer seed = c.integer("seed", null);
        if (seed != null) {
            g.seed(seed);
        }
        return g;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("stddev", stddev);
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
