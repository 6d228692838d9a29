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
 * Removes rows at the start and end of the steps axis of 1-D data, like
 * {@code keras.layers.Cropping1D(cropping=(1, 1))}: inputs
 * {@code (batch, steps, channels)}.
 * The gradient puts the upstream gradient back in place, zeros
 * where the input was cropped.
 *
 * <pre>{@code
 * Tensor y = new Cropping1D(1, 2).apply(x);
 * }</pre>
 */
public class Cropping1D extends Layer {
    private final int[][] cropping;

    /** Keras's default: 1 on every side. */
    public Cropping1D() {
        this(Spatial.uniform(1, 1));
    }

    /**
     * {@code amount} on both sides of the steps axis.
     *
     * @throws IllegalArgumentException if negative
     */
    public Cropping1D(int amount) {
        this(Spatial.uniform(1, amount));
    }

    /**
     * {@code before} at the start and {@code after} at the end of the steps axis.
     *
     * @throws IllegalArgumentException if negative
     */
    public Cropping1D(int before, int after) {
        this(new int[][] {{before, after}});
    }

    /**
     * One {@code {before, after}} pair per spatial axis.
     *
     * @throws IllegalArgumentException if there are not 1 non-negative pairs
     */
    public Cropping1D(int[][] cropping) {
        this.cropping = Spatial.pairs(describe(), "cropping", 1, cropping);
    }

    @Override
    public Cropping1D named(String name) {
        super.named(name);
        return this;
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
        Spatial.requireRank(this, inputShape, 1, Spatial.CHANNELS_LAST);
        int[] out = inputShape.toArray();
        int first = Spatial.firstSpatialAxis(Spatial.CHANNELS_LAST);
        for (int i = 0; i < 1; i++) {
            int size = out[first + i];
            if (size == Shape.UNKNOWN) {
                continue;
            }
            if (cropping[i][0] + cropping[i][1] >= size) {
                throw new ShapeException(describe() + ": the cropping " + Arrays.deepToString(cropping)
                        + " must be smaller than the spatial sizes of the input, got shape " + inputShape
                        + " (data_format " + Spatial.CHANNELS_LAST + ")");
            }
            out[first + i] = size - cropping[i][0] - cropping[i][1];
        }
        return Shape.of(out);
    }

    @Override
    protected Tensor call(Tensor input) {
        Shape out = computeOutputShape(input.shape());
        int[] start = new int[out.rank()];
        int first = Spatial.firstSpatialAxis(Spatial.CHANNELS_LAST);
        for (int i = 0; i < 1; i++) {
            start[first + i] = cropping[i][0];
        }
        return Ops.slice(input, start, out.toArray());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("cropping", Spatial.write(cropping));
        return config;
    }

    /** Keras's {@code Cropping1D.from_config}. */
    public static Cropping1D fromConfig(Config c) {
        int[][] cropping = Spatial.readPairs(c, "cropping", 1, Spatial.uniform(1, 1));
        return new Cropping1D(cropping);
    }
}
