package dev.strata.layers.reshaping;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Removes rows at both ends of each spatial axis of 3-D data, like
 * {@code keras.layers.Cropping3D(cropping=((1, 1), (1, 1), (1, 1)), data_format=None)}: inputs
 * {@code (batch, depth, height, width, channels)} (or channels first).
 * The gradient puts the upstream gradient back in place, zeros
 * where the input was cropped.
 *
 * <pre>{@code
 * Tensor y = new Cropping3D(1).apply(x);
 * }</pre>
 */
public class Cropping3D extends Layer {
    private final int[][] cropping;
    private String dataFormat = Spatial.CHANNELS_LAST;

    /** Keras's default: 1 on every side. */
    public Cropping3D() {
        this(Spatial.uniform(3, 1));
    }

    /**
     * {@code amount} on both sides of every spatial axis.
     *
     * @throws IllegalArgumentException if negative
     */
    public Cropping3D(int amount) {
        this(Spatial.uniform(3, amount));
    }

    /**
     * The same amount on both sides of each spatial axis: dim1, dim2, dim3.
     *
     * @throws IllegalArgumentException if negative
     */
    public Cropping3D(int dim1, int dim2, int dim3) {
        this(Spatial.symmetric(dim1, dim2, dim3));
    }

    /**
     * One {@code {before, after}} pair per spatial axis.
     *
     * @throws IllegalArgumentException if there are not 3 non-negative pairs
     */
    public Cropping3D(int[][] cropping) {
        this.cropping = Spatial.pairs(describe(), "cropping", 3, cropping);
    }

    @Override
    public Cropping3D named(String name) {
        super.named(name);
        return this;
    }

    /**
     * "channels_last" (default, null too): inputs {@code (batch, depth, height, width, channels)}; or
     * "channels_first": channels before the spatial axes.
     *
     * @throws IllegalArgumentException for another value
     */
    public Cropping3D dataFormat(String dataFormat) {
        requireNotBuilt("dataFormat");
        this.dataFormat = Spatial.dataFormat(describe(), dataFormat);
        return this;
    }

    /** "channels_last" or "channels_first". */
    public String dataFormat() {
        return dataFormat;
    }

    /** The {@code {before, after}} amounts, one pair per spatial axis. */
    public int[][] cropping() {
        int[][] out = new int[cropping.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = cropping[i].clone();
        }
        return out;
    }

    /**
     * The input's shape with each spatial size reduced by its cropping (unknown sizes stay unknown).
     *
     * @throws ShapeException naming the layer if the input's rank is wrong or a cropping is not smaller than its
     *     axis
     */
    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        Spatial.requireRank(this, inputShape, 3, dataFormat);
        int[] out = inputShape.toArray();
        int first = Spatial.firstSpatialAxis(dataFormat);
        for (int i = 0; i < 3; i++) {
            int size = out[first + i];
            if (size == Shape.UNKNOWN) {
                continue;
            }
            if (cropping[i][0] + cropping[i][1] >= size) {
                throw new ShapeException(describe() + ": the cropping " + Arrays.deepToString(cropping)
                        + " must be smaller than the spatial sizes of the input, got shape " + inputShape
                        + " (data_format " + dataFormat + ")");
            }
            out[first + i] = size - cropping[i][0] - cropping[i][1];
        }
        return Shape.of(out);
    }

    @Override
    protected Tensor call(Tensor input) {
        Shape out = computeOutputShape(input.shape());
        int[] start = new int[out.rank()];
        int first = Spatial.firstSpatialAxis(dataFormat);
        for (int i = 0; i < 3; i++) {
            start[first + i] = cropping[i][0];
        }
        return Ops.slice(input, start, out.toArray());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("cropping", Spatial.write(cropping));
        config.put("data_format", dataFormat);
        return config;
    }

    /** Keras's {@code Cropping3D.from_config}. */
    public static Cropping3D fromConfig(Config c) {
        int[][] cropping = Spatial.readPairs(c, "cropping", 3, Spatial.uniform(3, 1));
        return new Cropping3D(cropping).dataFormat(c.string("data_format", null));
    }
}
