package dev.strata.layers.pooling;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the windowed pooling layers share, like Keras's {@code BasePooling}: a window ({@code pool_size}), a step
 * ({@code strides}, by default the window), {@code padding} "valid" or "same", and {@code data_format}. Inputs have
 * exactly {@code dims + 2} axes. Like Keras, these layers have no weights and no {@code build_config}.
 *
 * @param <L> the concrete layer, which the fluent setters return
 */
public abstract class BasePooling<L extends BasePooling<L>> extends Layer {
    private final int dims;
    private final boolean max;
    private final int[] poolSize;
    private int[] strides;
    private String padding = "valid";
    private String dataFormat = DataFormat.CHANNELS_LAST;

    /**
     * A pooling layer over {@code dims} spatial axes.
     *
     * @param max max pooling (else average)
     * @param poolSize one size per spatial axis
     * @throws IllegalArgumentException if a size is not positive
     */
    protected BasePooling(int dims, boolean max, int... poolSize) {
        this.dims = dims;
        this.max = max;
        this.poolSize = tuple("pool_size", poolSize);
        this.strides = this.poolSize;
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
     * The step of the window: one value for every spatial axis, or one per axis (default: the pool size).
     *
     * @throws IllegalArgumentException if a stride is not positive or the count is wrong
     */
    public L strides(int... strides) {
        requireNotBuilt("strides");
        this.strides = tuple("strides", strides);
        return self();
    }

    /**
     * "valid" (default: windows inside the input only) or "same" (windows also at the border, so that the output
     * has {@code ceil(size / stride)} positions; a border window covers only the input's elements).
     *
     * @throws IllegalArgumentException for another value
     */
    public L padding(String padding) {
        requireNotBuilt("padding");
        String p = padding == null ? "" : padding.toLowerCase(Locale.ROOT);
        if (!p.equals("valid") && !p.equals("same")) {
            throw new IllegalArgumentException(describe() + ": padding must be \"valid\" or \"same\", got \""
                    + padding + "\"");
        }
        this.padding = p;
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

    /** The window, one size per spatial axis. */
    public int[] poolSize() {
        return poolSize.clone();
    }

    /** The step, one per spatial axis. */
    public int[] strides() {
        return strides.clone();
    }

    /** "valid" or "same". */
    public String padding() {
        return padding;
    }

    /** "channels_last" or "channels_first". */
    public String dataFormat() {
        return dataFormat;
    }

    private int[] tuple(String what, int[] values) {
        if (values == null || (values.length != 1 && values.length != dims)) {
            throw new IllegalArgumentException(describe() + ": " + what + " must be one integer or " + dims
                    + " integers, got " + (values == null ? "none" : Arrays.toString(values)));
        }
        int[] out = new int[dims];
        for (int i = 0; i < dims; i++) {
            out[i] = values[values.length == 1 ? 0 : i];
            if (out[i] <= 0) {
                throw new IllegalArgumentException(describe() + ": " + what + " must hold positive integers, got "
                        + Arrays.toString(values));
            }
        }
        return out;
    }

    @Override
    protected Tensor call(Tensor input) {
        requireRank(this, input.shape(), dims, dataFormat);
        return max ? Ops.maxPool(input, poolSize, strides, padding, dataFormat)
                : Ops.averagePool(input, poolSize, strides, padding, dataFormat);
    }

    /**
     * Fails with a shape error naming the layer, the shape it received, the shape it was built for and the data
     * format, unless the input has {@code dims + 2} axes.
     */
    static void requireRank(Layer layer, Shape shape, int dims, String dataFormat) {
        if (shape.rank() != dims + 2) {
            List<Shape> built = layer.buildInputShapes();
            throw new ShapeException(layer.describe() + " expects inputs of rank " + (dims + 2) + ", "
                    + DataFormat.axes(dims, dataFormat) + " as data_format is " + dataFormat + ", but received shape "
                    + shape + (built.isEmpty() ? "" : " (built for shape " + built.getFirst() + ")"));
        }
    }

    /** Keras builds these layers at construction: their saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("pool_size", Arrays.stream(poolSize).boxed().toList());
        config.put("padding", padding);
        config.put("strides", Arrays.stream(strides).boxed().toList());
        config.put("data_format", dataFormat);
        return config;
    }

    /** The {@code pool_size} of a config (an integer or a list), or {@code dflt} if absent. */
    static int[] poolSize(Config c, int[] dflt) {
        int[] p = c.ints("pool_size");
        if (p == null) {
            if (dflt == null) {
                throw c.error("missing 'pool_size'");
            }
            return dflt;
        }
        return p;
    }

    /** Reads strides, padding and data format into a layer made with its pool size. */
    static <L extends BasePooling<L>> L readConfig(Config c, L layer) {
        int[] s = c.ints("strides");
        if (s != null) {
            layer.strides(s);
        }
        layer.padding(c.string("padding", "valid"));
        layer.dataFormat(c.string("data_format", null));
        return layer;
    }
}
