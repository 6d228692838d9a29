package dev.strata.layers.reshaping;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds rows of zeros at the start and end of the steps axis of 1-D data, like
 * {@code keras.layers.ZeroPadding1D(padding=1, data_format=None)}: inputs
 * {@code (batch, steps, channels)} (or channels first).
 * The gradient is the slice of the upstream gradient where the input sits.
 *
 * <pre>{@code
 * Tensor y = new ZeroPadding1D(1, 2).apply(x);
 * }</pre>
 */
public class ZeroPadding1D extends Layer {
    private final int[][] padding;
    private String dataFormat = Spatial.CHANNELS_LAST;

    /** Keras's default: 1 on every side. */
    public ZeroPadding1D() {
        this(Spatial.uniform(1, 1));
    }

    /**
     * {@code amount} on both sides of the steps axis.
     *
     * @throws IllegalArgumentException if negative
     */
    public ZeroPadding1D(int amount) {
        this(Spatial.uniform(1, amount));
    }

    /**
     * {@code before} at the start and {@code after} at the end of the steps axis.
     *
     * @throws IllegalArgumentException if negative
     */
    public ZeroPadding1D(int before, int after) {
        this(new int[][] {{before, after}});
    }

    /**
     * One {@code {before, after}} pair per spatial axis.
     *
     * @throws IllegalArgumentException if there are not 1 non-negative pairs
     */
    public ZeroPadding1D(int[][] padding) {
        this.padding = Spatial.pairs(describe(), "padding", 1, padding);
    }

    @Override
    public ZeroPadding1D named(String name) {
        super.named(name);
        return this;
    }

    /**
     * "channels_last" (default, null too): inputs {@code (batch, steps, channels)}; or "channels_first": channels
     * before the steps axis.
     *
     * @throws IllegalArgumentException for another value
     */
    public ZeroPadding1D dataFormat(String dataFormat) {
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
        Spatial.requireRank(this, input.shape(), 1, dataFormat);
        int[][] all = new int[3][];
        for (int i = 0; i < all.length; i++) {
            all[i] = new int[] {0, 0};
        }
        int first = Spatial.firstSpatialAxis(dataFormat);
        for (int i = 0; i < 1; i++) {
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

    /** Keras's {@code ZeroPadding1D.from_config}. */
    public static ZeroPadding1D fromConfig(Config c) {
        int[][] padding = Spatial.readPairs(c, "padding", 1, Spatial.uniform(1, 1));
        return new ZeroPadding1D(padding).dataFormat(c.string("data_format", null));
    }
}
