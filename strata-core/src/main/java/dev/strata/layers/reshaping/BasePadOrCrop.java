package dev.strata.layers.reshaping;

import dev.strata.layers.Layer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link BaseZeroPadding} and {@link BaseCropping} share: one {@code {before, after}} pair of amounts per
 * spatial axis, the data format, and the config that writes both as Keras does ({@code padding} or
 * {@code cropping}, then {@code data_format}).
 *
 * @param <L> the concrete layer, returned by the fluent setters
 */
abstract class BasePadOrCrop<L extends BasePadOrCrop<L>> extends Layer {
    final int rank;
    final int[][] amounts;
    private final String key;
    String dataFormat = Spatial.CHANNELS_LAST;

    BasePadOrCrop(int rank, String key, int[][] amounts) {
        this.rank = rank;
        this.key = key;
        this.amounts = Spatial.pairs(describe(), key, rank, amounts);
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

    /**
     * "channels_last" (default, null too): channels after the spatial axes; or "channels_first": before them.
     *
     * @throws IllegalArgumentException for another value
     */
    public L dataFormat(String dataFormat) {
        requireNotBuilt("dataFormat");
        this.dataFormat = Spatial.dataFormat(describe(), dataFormat);
        return self();
    }

    /** "channels_last" or "channels_first". */
    public String dataFormat() {
        return dataFormat;
    }

    /** A copy of the {@code {before, after}} amounts, one pair per spatial axis. */
    final int[][] amounts() {
        int[][] out = new int[amounts.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = amounts[i].clone();
        }
        return out;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put(key, Spatial.write(amounts));
        config.put("data_format", dataFormat);
        return config;
    }
}
