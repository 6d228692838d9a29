package dev.strata.layers.reshaping;

import dev.strata.config.Config;

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
public class ZeroPadding2D extends BaseZeroPadding<ZeroPadding2D> {
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
        super(2, padding);
    }

    /** Keras's {@code ZeroPadding2D.from_config}. */
    public static ZeroPadding2D fromConfig(Config c) {
        int[][] padding = Spatial.readPairs(c, "padding", 2, Spatial.uniform(2, 1));
        return new ZeroPadding2D(padding).dataFormat(c.string("data_format", null));
    }
}
