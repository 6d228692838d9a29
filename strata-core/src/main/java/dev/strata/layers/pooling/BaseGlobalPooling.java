package dev.strata.layers.pooling;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the global pooling layers share, like Keras's {@code BaseGlobalPooling}: the maximum or mean over every
 * spatial position, {@code data_format}, and {@code keepdims} (keep the spatial axes, of size 1). Inputs have exactly
 * {@code dims + 2} axes. Like Keras, these layers have no weights and no {@code build_config}.
 *
 * @param <L> the concrete layer, which the fluent setters return
 */
public abstract class BaseGlobalPooling<L extends BaseGlobalPooling<L>> extends Layer {
    private final int dims;
    private final boolean max;
    private String dataFormat = DataFormat.CHANNELS_LAST;
    private boolean keepdims;

    /** A global pooling layer over {@code dims} spatial axes: max pooling, or average. */
    protected BaseGlobalPooling(int dims, boolean max) {
        this.dims = dims;
        this.max = max;
    }

    @SuppressWarnings("unchecked")
    private L self() {
        return (L) this;
    }

    @Override
    public L named(String name) {
        super.named(name);
        return self();
    }

    /**
     * "channels_last" (default, null too): inputs {@code (batch, spatial..., channels)}; or "channels_first":
     * {@code (batch, channels, spatial...)}.
     *
     * @throws IllegalArgumentException for another value
     */
    public L dataFormat(String dataFormat) {
        requireNotBuilt("dataFormat");
        this.dataFormat = DataFormat.standardize(describe(), dataFormat);
        return self();
    }

    /** Whether to keep the spatial axes with size 1 (default false: the output is {@code (batch, channels)}). */
    public L keepdims(boolean keepdims) {
        requireNotBuilt("keepdims");
        this.keepdims = keepdims;
        return self();
    }

    /** "channels_last" or "channels_first". */
    public String dataFormat() {
        return dataFormat;
    }

    /** Whether the spatial axes are kept. */
    public boolean keepdims() {
        return keepdims;
    }

    @Override
    protected Tensor call(Tensor input) {
        BasePooling.requireRank(this, input.shape(), dims, dataFormat);
        int[] axes = new int[dims];
        int first = dataFormat.equals(DataFormat.CHANNELS_FIRST) ? 2 : 1;
        for (int i = 0; i < dims; i++) {
            axes[i] = first + i;
        }
        return max ? Ops.max(input, axes, keepdims) : Ops.mean(input, axes, keepdims);
    }

    /** Keras builds these layers at construction: their saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("data_format", dataFormat);
        config.put("keepdims", keepdims);
        return config;
    }

    /** Reads the data format and keepdims into a new layer. */
    static <L extends BaseGlobalPooling<L>> L readConfig(Config c, L layer) {
        return layer.dataFormat(c.string("data_format", null)).keepdims(c.bool("keepdims", false));
    }
}
