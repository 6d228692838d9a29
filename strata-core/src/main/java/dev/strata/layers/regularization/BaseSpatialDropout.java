package dev.strata.layers.regularization;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The spatial dropouts ({@link SpatialDropout1D}, {@link SpatialDropout2D}, {@link SpatialDropout3D}): in training,
 * each sample's channels are dropped with probability {@code rate} at every position alike (the mask is 1 along the
 * spatial axes), the kept ones scaled by {@code 1 / (1 - rate)}; outside training the input is returned unchanged.
 * Masks come from the generator seeded by {@code Strata.setRandomSeed}, or from the layer's own with
 * {@link #seed(long)}, as {@link Dropout}.
 *
 * @param <L> the concrete layer, returned by the fluent setters
 */
abstract class BaseSpatialDropout<L extends BaseSpatialDropout<L>> extends Layer {
    final int rank;
    private final double rate;
    private final String layout;
    String dataFormat = "channels_last";
    private Long seed;
    private RandomGenerator generator;

    /** {@code layout} names the spatial axes for messages, e.g. "rows, cols". */
    BaseSpatialDropout(String className, int rank, double rate, String layout) {
        this.rank = rank;
        this.rate = Noise.rate(className, "rate", rate, true);
        this.layout = layout;
    }

    @SuppressWarnings("unchecked")
    final L self() {
        return (L) this;
    }

    @Override
    public L named(String name) {
        super.named(name);
        return self();
    }

    /** Draws masks from the layer's own generator seeded with {@code seed} (Keras's {@code seed}). */
    public L seed(long seed) {
        requireNotBuilt("seed");
        this.seed = seed;
        this.generator = Noise.generator(seed);
        return self();
    }

    /** The fraction of channels dropped in training. */
    public double rate() {
        return rate;
    }

    @Override
    protected Tensor call(Tensor input) {
        Shape in = input.shape();
        boolean first = dataFormat.equals("channels_first");
        String expected = first ? "(batch, channels, " + layout + ")" : "(batch, " + layout + ", channels)";
        Noise.requireRank(this, in, rank + 2, rank == 1 ? expected : expected + " for data_format " + dataFormat);
        if (!training() || rate == 0 || input.isSymbolic()) {
            return input;
        }
        int[] mask = new int[rank + 2];
        java.util.Arrays.fill(mask, 1);
        mask[0] = in.get(0);
        int channels = first ? 1 : rank + 1;
        mask[channels] = in.get(channels);
        return Noise.dropout(input, rate, Shape.of(mask), generator);
    }

    /** Keras builds it at construction: its saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
    }

    /** Reads the seed (the rate is the constructor's) and, for 2-D and 3-D, the data format. */
    static <L extends BaseSpatialDropout<L>> L read(L layer, Config c) {
        Integer seed = c.integer("seed", null);
        if (seed != null) {
            layer.seed(seed);
        }
        if (layer.rank > 1) {
            layer.dataFormat = Noise.dataFormat(layer.describe(), c.string("data_format", null));
        }
        return layer;
    }

    /**
     * Keras's config of the spatial dropouts: rate, seed, name, dtype (as a plain name, no {@code trainable}), and
     * for 2-D and 3-D {@code data_format}.
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("rate", rate);
        config.put("seed", seed);
        config.put("name", name());
        config.put("dtype", "float32");
        if (rank > 1) {
            config.put("data_format", dataFormat);
        }
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
