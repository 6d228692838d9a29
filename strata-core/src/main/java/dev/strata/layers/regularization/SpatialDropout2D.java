package dev.strata.layers.regularization;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Dropout of whole feature maps of images, like {@code keras.layers.SpatialDropout2D}: in training each sample's
 * channels are dropped with probability {@code rate} at every position alike (the mask has shape (batch, 1, 1, channels)
 * for {@code channels_last}), the kept ones scaled by {@code 1 / (1 - rate)}; outside training the input is returned
 * unchanged. Inputs are (batch, rows, cols, channels) ({@code channels_last}, the default) or (batch, channels, rows, cols)
 * ({@code channels_first}). Masks come from the generator seeded by {@code Strata.setRandomSeed}, or from the layer's
 * own with {@link #seed(long)}, as {@link Dropout}.
 *
 * <pre>{@code
 * Tensor h = new SpatialDropout2D(0.2).apply(images);
 * Layer first = new SpatialDropout2D(0.2).dataFormat("channels_first");
 * }</pre>
 */
public class SpatialDropout2D extends Layer {
    private final double rate;
    private String dataFormat = "channels_last";
    private Long seed;
    private RandomGenerator generator;

    /**
     * Drops a fraction {@code rate} of the channels in training.
     *
     * @throws IllegalArgumentException if {@code rate} is not in [0, 1]
     */
    public SpatialDropout2D(double rate) {
        this.rate = Noise.rate("SpatialDropout2D", "rate", rate, true);
    }

    @Override
    public SpatialDropout2D named(String name) {
        super.named(name);
        return this;
    }

    /**
     * Where the channels are: {@code "channels_last"} (default; null means it) or {@code "channels_first"}.
     *
     * @throws IllegalArgumentException for any other value
     */
    public SpatialDropout2D dataFormat(String format) {
        requireNotBuilt("dataFormat");
        this.dataFormat = Noise.dataFormat(describe(), format);
        return this;
    }

    /** Draws masks from the layer's own generator seeded with {@code seed} (Keras's {@code seed}). */
    public SpatialDropout2D seed(long seed) {
        requireNotBuilt("seed");
        this.seed = seed;
        this.generator = Noise.generator(seed);
        return this;
    }

    /** The fraction of channels dropped in training. */
    public double rate() {
        return rate;
    }

    /** {@code "channels_last"} or {@code "channels_first"}. */
    public String dataFormat() {
        return dataFormat;
    }

    @Override
    protected Tensor call(Tensor input) {
        Shape in = input.shape();
        boolean first = dataFormat.equals("channels_first");
        Noise.requireRank(this, in, 4, (first ? "(batch, channels, rows, cols)" : "(batch, rows, cols, channels)") + " for data_format " + dataFormat);
        if (!training() || rate == 0 || input.isSymbolic()) {
            return input;
        }
        return Noise.dropout(input, rate, first ? Shape.of(in.get(0), in.get(1), 1, 1) : Shape.of(in.get(0), 1, 1, in.get(3)), generator);
    }

    /** Keras builds it at construction: its saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
    }

    /** Keras's {@code SpatialDropout2D.from_config}. */
    public static SpatialDropout2D fromConfig(Config c) {
        SpatialDropout2D d = new SpatialDropout2D(c.requireNumber("rate"));
        Integer seed = c.integer("seed", null);
        if (seed != null) {
            d.seed(seed);
        }
        d.dataFormat(c.string("data_format", null));
        return d;
    }

    /**
     * Keras's config of the spatial dropouts: rate, seed, name, dtype (as a plain name, no {@code trainable}), and
     * {@code data_format}.
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("rate", rate);
        config.put("seed", seed);
        config.put("name", name());
        config.put("dtype", "float32");
        config.put("data_format", dataFormat);
        return config;
    }
}
