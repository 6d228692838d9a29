package dev.strata.layers.reshaping;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds rows of zeros at both ends of each spatial axis of 2-D data, like
 * {@code keras.layers.ZeroPadding2D(padding=((1, 1), (1, 1)), data_format=None)}: inputs
 * {@code (batch, height, width, channels)} (or channels first).
 * The gradient is the slice of the upstream gradient where the input sits.
 *
 * <pre>{@code
 * Tensor y = new ZeroPadding2D(new int[][] {{1, 0}, {2, 2}}).apply(x);
 * }</pre>
 */
public class ZeroPadding2D extends Layer {
    private final int[][] padding;
    private String dataFormat = Spatial.CHANNELS_LAST;

    /** Keras's default: 1 on every side. */
    public ZeroPadding2D() {
        this(Spatial.uniform(2, 1));
    }

    /**
     * {@code amount} on both sides of every spatial axis.
     *
     * @throws IllegalArgumentException if negative
     */
    public ZeroPadding2D(int amount) {
        this(Spatial.uniform(2, amount));
    }

    /**
     * The same amount on both sides of each spatial axis: height, width.
     *
     * @throws IllegalArgumentException if negative
     */
    public ZeroPadding2D(int height, int width) {
        this(Spatial.symmetric(height, width));
    }

    /**
     * One {@code {before, after}} pair per spatial axis, e.g.
     * {@code {{top, bottom}, {left, right}}}.
     *
     * @throws IllegalArgumentException if there are not 2 non-negative pairs
     */
    public ZeroPadding2D(int[][] padding) {
        this.padding = Spatial.pairs(describe(), "padding", 2, padding);
    }

    @Override
    public ZeroPadding2D named(String name) {
        super.named(name);
        return this;
    }

    /**
     * "channels_last" (default, null too): inputs {@code (batch, height, width, channels)}; or "channels_first":
     * channels before the spatial axes.
     *
     * @throws IllegalArgumentException for another value
     */
    public ZeroPadding2D dataFormat(String dataFormat) {
        requireNotBuilt("dataFormat");
        this.dataFormat = Spatial.dataFormat(describe(), dataFormat);
        return this;
    }

    /** "channels_last" or "channels_first". */
    public String dataFormat() {
        return dataFormat;
    }

    /** The {@code {before, after}} amounts, one pair per spatial axis. */
    public int[][] padding() {
        int[][] out = new int[padding.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = padding[i].clone();
        }
        return out;
    }

    @Override
    protected Tensor call(Tensor input) {
        Spatial.requireRank(this, input.shape(), 2, dataFormat);
        int[][] all = new int[4][];
        for (int i = 0; i < all.length; i++) {
            all[i] = new int[] {0, 0};
        }
        int first = Spatial.firstSpatialAxis(dataFormat);
        for (int i = 0; i < 2; i++) {
            all[first + i] = padding[i];
        }
        return Ops.pad(input, all);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("padding", Spatial.write(padding));
        config.put("data_format", dataFormat);
        return config;
    }

    /** Keras's {@code ZeroPadding2D.from_config}. */
    public static ZeroPadding2D fromConfig(Config c) {
        int[][] padding = Spatial.readPairs(c, "padding", 2, Spatial.uniform(2, 1));
        return new ZeroPadding2D(padding).dataFormat(c.string("data_format", null));
    }
}
