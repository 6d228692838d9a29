package dev.strata.layers.regularization;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Dropout of whole feature maps of a sequence, like {@code keras.layers.SpatialDropout1D}: in training each sample's
 * channels are dropped with probability {@code rate} at every time step alike (the mask has shape
 * (batch, 1, channels)), the kept ones scaled by {@code 1 / (1 - rate)}; outside training the input is returned
 * unchanged. Inputs are (batch, steps, channels). Masks come from the generator seeded by {@code Strata.setRandomSeed},
 * or from the layer's own with {@link #seed(long)}, as {@link Dropout}.
 *
 * <pre>{@code
 * Tensor h = new SpatialDropout1D(0.2).apply(sequence);
 * }</pre>
 */
public class SpatialDropout1D extends Layer {
    private final double rate;
    private Long seed;
    private RandomGenerator generator;

    /**
     * Drops a fraction {@code rate} of the channels in training.
     *
     * @throws IllegalArgumentException if {@code rate} is not in [0, 1]
     */
    public SpatialDropout1D(double rate) {
        this.rate = Noise.rate("SpatialDropout1D", "rate", rate, true);
    }

    @Override
    public SpatialDropout1D named(String name) {
        super.named(name);
        return this;
    }

    /** Draws masks from the layer's own generator seeded with {@code seed} (Keras's {@code seed}). */
    public SpatialDropout1D seed(long seed) {
        requireNotBuilt("seed");
        this.seed = seed;
        this.generator = Noise.generator(seed);
        return this;
    }

    /** The fraction of channels dropped in training. */
    public double rate() {
        return rate;
    }

    @Override
    protected Tensor call(Tensor input) {
        Shape in = input.shape();
        Noise.requireRank(this, in, 3, "(batch, steps, channels)");
        if (!training() || rate == 0 || input.isSymbolic()) {
            return input;
        }
        return Noise.dropout(input, rate, Shape.of(in.get(0), 1, in.get(2)), generator);
    }

    /** Keras builds it at construction: its saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
    }

    /** Keras's {@code SpatialDropout1D.from_config}. */
    public static SpatialDropout1D fromConfig(Config c) {
        SpatialDropout1D d = new SpatialDropout1D(c.requireNumber("rate"));
        Integer seed = c.integer("seed", null);
        if (seed != null) {
            d.seed(seed);
        }
        return d;
    }

    /** Keras's config of the spatial dropouts: rate, seed, name and dtype (as a plain name), no {@code trainable}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("rate", rate);
        config.put("seed", seed);
        config.put("name", name());
        config.put("dtype", "float32");
        return config;
    }
}
