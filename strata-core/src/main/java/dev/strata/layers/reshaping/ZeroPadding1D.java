package dev.strata.layers.reshaping;

import dev.strata.config.Config;

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
public class ZeroPadding1D extends BaseZeroPadding<ZeroPadding1D> {
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
        super(1, padding);
    }

    /** Keras's {@code ZeroPadding1D.from_config}. */
    public static ZeroPadding1D fromConfig(Config c) {
        int[][] padding = Spatial.readPairs(c, "padding", 1, Spatial.uniform(1, 1));
        return new ZeroPadding1D(padding).dataFormat(c.string("data_format", null));
    }
}
