package dev.strata.layers.regularization;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Dropout of whole feature maps of volumes, like {@code keras.layers.SpatialDropout3D}: in training each sample's
 * channels are dropped with probability {@code rate} at every position alike (the mask has shape (batch, 1, 1, 1, channels)
 * for {@code channels_last}), the kept ones scaled by {@code 1 / (1 - rate)}; outside training the input is returned
 * unchanged. Inputs are (batch, dim1, dim2, dim3, channels) ({@code channels_last}, the default) or (batch, channels, dim1, dim2, dim3)
 * ({@code channels_first}). Masks come from the generator seeded by {@code Strata.setRandomSeed}, or from the layer's
 * own with {@link #seed(long)}, as {@link Dropout}.
 *
 * <pre>{@code
 * Tensor h = new SpatialDropout3D(0.2).apply(volumes);
 * Layer first = new SpatialDropout3D(0.2).dataFormat("channels_first");
 * }</pre>
 */
public class SpatialDropout3D extends Layer {
    private final double rate;
    private String dataFormat = "channels_last";
    private Long seed;
    private RandomGenerator generator;

    /**
     * Drops a fraction {@code rate} of the channels in training.
     *
     * @throws IllegalArgumentException if {@code rate} is not in [0, 1]
     */
    public SpatialDropout3D(double rate) {
        this.rate = Noise.rate("SpatialDropout3D", "rate", rate, true);
    }

    @Override
    public SpatialDropout3D named(String name) {
        super.named(name);
        return this;
    }

    /**
     * Where the channels are: {@code "channels_last"} (default; null means it) or {@code "channels_first"}.
     *
     * @throws IllegalArgumentException for any other value
     */
    public SpatialDropout3D dataFormat(String format) {
        requireNotBuilt("dataFormat");
        this.dataFormat = Noise.dataFormat(describe(), format);
        return this;
    }

    /** Draws masks from the layer's own generator seeded with {@code seed} (Keras's {@code seed}). */
    public SpatialDropout3D seed(long seed) {
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
        Noise.requireRank(this, in, 5, (first ? "(batch, channels, dim1, dim2, dim3)" : "(batch, dim1, dim2, dim3, channels)") + " for data_format " + dataFormat);
        if (!training() || rate == 0 || input.isSymbolic()) {
            return input;
        }
        return Noise.dropout(input, rate, first ? Shape.of(in.get(0), in.get(1), 1, 1, 1) : Shape.of(in.get(0), 1, 1, 1, in.get(4)), generator);
    }

    /** Keras builds it at construction: its saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
    }

    /** Keras's {@code SpatialDropout3D.from_config}. */
    public static SpatialDropout3D fromConfig(Config c) {
        SpatialDropout3D d = new SpatialDropout3D(c.requireNumber("rate"));
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
