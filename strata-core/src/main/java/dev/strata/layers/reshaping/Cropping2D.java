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
 * Removes rows at both ends of each spatial axis of 2-D data, like
 * {@code keras.layers.Cropping2D(cropping=((0, 0), (0, 0)), data_format=None)}: inputs
 * {@code (batch, height, width, channels)} (or channels first).
 * The gradient puts the upstream gradient back in place, zeros
 * where the input was cropped.
 *
 * <pre>{@code
 * Tensor y = new Cropping2D(new int[][] {{1, 0}, {2, 2}}).apply(x);
 * }</pre>
 */
public class Cropping2D extends Layer {
    private final int[][] cropping;
    private String dataFormat = Spatial.CHANNELS_LAST;

    /** Keras's default: 0 on every side. */
    public Cropping2D() {
        this(Spatial.uniform(2, 0));
    }

    /**
     * {@code amount} on both sides of every spatial axis.
     *
     * @throws IllegalArgumentException if negative
     */
    public Cropping2D(int amount) {
        this(Spatial.uniform(2, amount));
    }

    /**
     * The same amount on both sides of each spatial axis: height, width.
     *
     * @throws IllegalArgumentException if negative
     */
    public Cropping2D(int height, int width) {
        this(Spatial.symmetric(height, width));
    }

    /**
     * One {@code {before, after}} pair per spatial axis, e.g.
     * {@code {{top, bottom}, {left, right}}}.
     *
     * @throws IllegalArgumentException if there are not 2 non-negative pairs
     */
    public Cropping2D(int[][] cropping) {
        this.cropping = Spatial.pairs(describe(), "cropping", 2, cropping);
    }

    @Override
    public Cropping2D named(String name) {
        super.named(name);
        return this;
    }

    /**
     * "channels_last" (default, null too): inputs {@code (batch, height, width, channels)}; or "channels_first":
     * channels before the spatial axes.
     *
     * @throws IllegalArgumentException for another value
     */
    public Cropping2D dataFormat(String dataFormat) {
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
        Spatial.requireRank(this, inputShape, 2, dataFormat);
        int[] out = inputShape.toArray();
        int first = Spatial.firstSpatialAxis(dataFormat);
        for (int i = 0; i < 2; i++) {
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
        for (int i = 0; i < 2; i++) {
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

    /** Keras's {@code Cropping2D.from_config}. */
    public static Cropping2D fromConfig(Config c) {
        int[][] cropping = Spatial.readPairs(c, "cropping", 2, Spatial.uniform(2, 0));
        return new Cropping2D(cropping).dataFormat(c.string("data_format", null));
    }
}
