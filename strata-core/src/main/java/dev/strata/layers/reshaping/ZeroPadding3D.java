package dev.strata.layers.reshaping;

import dev.strata.config.Config;

/**
 * Adds rows of zeros at both ends of each spatial axis of 3-D data, like
 * {@code keras.layers.ZeroPadding3D(padding=((1, 1), (1, 1), (1, 1)), data_format=None)}: inputs
 * {@code (batch, depth, height, width, channels)} (or channels first).
 * The gradient is the slice of the upstream gradient where the input sits.
 *
 * <pre>{@code
 * Tensor y = new ZeroPadding3D(1).apply(x);
 * }</pre>
 */
public class ZeroPadding3D extends BaseZeroPadding<ZeroPadding3D> {
    /** Keras's default: 1 on every side. */
    public ZeroPadding3D() {
        this(Spatial.uniform(3, 1));
    }

    /**
     * {@code amount} on both sides of every spatial axis.
     *
     * @throws IllegalArgumentException if negative
     */
    public ZeroPadding3D(int amount) {
        this(Spatial.uniform(3, amount));
    }

    /**
     * The same amount on both sides of each spatial axis: dim1, dim2, dim3.
     *
     * @throws IllegalArgumentException if negative
     */
    public ZeroPadding3D(int dim1, int dim2, int dim3) {
        this(Spatial.symmetric(dim1, dim2, dim3));
    }

    /**
     * One {@code {before, after}} pair per spatial axis.
     *
     * @throws IllegalArgumentException if there are not 3 non-negative pairs
     */
    public ZeroPadding3D(int[][] padding) {
        super(3, padding);
    }

    /** Keras's {@code ZeroPadding3D.from_config}. */
    public static ZeroPadding3D fromConfig(Config c) {
        int[][] padding = Spatial.readPairs(c, "padding", 3, Spatial.uniform(3, 1));
        return new ZeroPadding3D(padding).dataFormat(c.string("data_format", null));
    }
}
