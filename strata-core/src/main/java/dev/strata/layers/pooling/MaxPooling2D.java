package dev.strata.layers.pooling;

import dev.strata.config.Config;

/**
 * The maximum of each window over the spatial axes of 2-D data, like
 * {@code keras.layers.MaxPooling2D(pool_size=(2, 2), strides=None, padding="valid", data_format=None)}:
 * inputs {@code (batch, height, width, channels)} (or channels first), the output has one position per window step.
 * Defaults are Keras's: pool_size (2, 2), strides = the pool size, "valid" padding, "channels_last".
 *
 * <p>The gradient goes to the first maximum of each window (row-major order within the window), as JAX's does.
 *
 * <pre>{@code
 * Tensor y = new MaxPooling2D().apply(x);
 * Layer overlapping = new MaxPooling2D(3).strides(2).padding("same");
 * }</pre>
 */
public class MaxPooling2D extends BasePooling<MaxPooling2D> {
    /** A 2-D max pooling layer with Keras's default window, 2x2. */
    public MaxPooling2D() {
        this(new int[] {2, 2});
    }

    /**
     * A 2-D max pooling layer with a window of {@code poolSize} on every axis.
     *
     * @throws IllegalArgumentException if {@code poolSize <= 0}
     */
    public MaxPooling2D(int poolSize) {
        this(new int[] {poolSize});
    }

    /**
     * A 2-D max pooling layer with a poolHeight x poolWidth window.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public MaxPooling2D(int poolHeight, int poolWidth) {
        this(new int[] {poolHeight, poolWidth});
    }

    private MaxPooling2D(int[] poolSize) {
        super(2, true, poolSize);
    }

    /** Keras's {@code MaxPooling2D.from_config}. */
    public static MaxPooling2D fromConfig(Config c) {
        return readConfig(c, new MaxPooling2D(poolSize(c, new int[] {2, 2})));
    }
}
