package dev.strata.layers.pooling;

import dev.strata.config.Config;

/**
 * The maximum of each window over the steps of 1-D data, like
 * {@code keras.layers.MaxPooling1D(pool_size=2, strides=None, padding="valid", data_format=None)}:
 * inputs {@code (batch, steps, channels)} (or channels first), the output has one position per window step.
 * Defaults are Keras's: pool_size (2), strides = the pool size, "valid" padding, "channels_last".
 *
 * <p>The gradient goes to the first maximum of each window (row-major order within the window), as JAX's does.
 *
 * <pre>{@code
 * Tensor y = new MaxPooling1D().apply(x);
 * Layer overlapping = new MaxPooling1D(3).strides(2).padding("same");
 * }</pre>
 */
public class MaxPooling1D extends BasePooling<MaxPooling1D> {
    /** A 1-D max pooling layer with Keras's default window, 2. */
    public MaxPooling1D() {
        this(new int[] {2});
    }

    /**
     * A 1-D max pooling layer with a window of {@code poolSize}.
     *
     * @throws IllegalArgumentException if {@code poolSize <= 0}
     */
    public MaxPooling1D(int poolSize) {
        this(new int[] {poolSize});
    }

    private MaxPooling1D(int[] poolSize) {
        super(1, true, poolSize);
    }

    /** Keras's {@code MaxPooling1D.from_config}. */
    public static MaxPooling1D fromConfig(Config c) {
        return readConfig(c, new MaxPooling1D(poolSize(c, new int[] {2})));
    }
}
