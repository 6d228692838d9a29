package dev.strata.layers.reshaping;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Repeats the elements of 3-D data along each spatial axis, like
 * {@code keras.layers.UpSampling3D(size=(2, 2, 2), data_format=None)}: inputs
 * {@code (batch, dim1, dim2, dim3, channels)} (or channels first) become
 * {@code (batch, dim1·size[0], dim2·size[1], dim3·size[2], channels)}. The gradient sums the copies.
 *
 * <pre>{@code
 * Tensor y = new UpSampling3D(1, 2, 2).apply(x);
 * }</pre>
 */
public class UpSampling3D extends Layer {
    private final int[] size;
    private String dataFormat = Spatial.CHANNELS_LAST;

    /** Keras's default: a factor of 2 on every spatial axis. */
    public UpSampling3D() {
        this(2, 2, 2);
    }

    /**
     * A factor of {@code size} on every spatial axis.
     *
     * @throws IllegalArgumentException if not positive
     */
    public UpSampling3D(int size) {
        this(size, size, size);
    }

    /**
     * One factor per spatial axis.
     *
     * @throws IllegalArgumentException if not positive
     */
    public UpSampling3D(int dim1, int dim2, int dim3) {
        this.size = Spatial.sizes(describe(), "size", 3, dim1, dim2, dim3);
    }

    @Override
    public UpSampling3D named(String name) {
        super.named(name);
        return this;
    }

    /**
     * "channels_last" (default, null too) or "channels_first".
     *
     * @throws IllegalArgumentException for another value
     */
    public UpSampling3D dataFormat(String dataFormat) {
        requireNotBuilt("dataFormat");
        this.dataFormat = Spatial.dataFormat(describe(), dataFormat);
        return this;
    }

    /** The factors, one per spatial axis. */
    public int[] size() {
        return size.clone();
    }

    /** "channels_last" or "channels_first". */
    public String dataFormat() {
        return dataFormat;
    }

    @Override
    protected Tensor call(Tensor input) {
        Spatial.requireRank(this, input.shape(), 3, dataFormat);
        int first = Spatial.firstSpatialAxis(dataFormat);
        Tensor y = input;
        for (int i = 0; i < 3; i++) {
            y = Ops.repeat(y, size[i], first + i);
        }
        return y;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("size", Arrays.stream(size).boxed().toList());
        config.put("data_format", dataFormat);
        return config;
    }

    /** Keras's {@code UpSampling3D.from_config}. */
    public static UpSampling3D fromConfig(Config c) {
        int[] s = c.ints("size");
        int[] size = s == null ? new int[] {2, 2, 2} : Spatial.sizes("UpSampling3D", "size", 3, s);
        return new UpSampling3D(size[0], size[1], size[2]).dataFormat(c.string("data_format", null));
    }
}
