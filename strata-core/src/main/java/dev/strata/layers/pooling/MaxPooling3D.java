package dev.strata.layers.pooling;

import dev.strata.config.Config;

/**
 * The maximum of each window over the spatial axes of 3-D data, like
 * {@code keras.layers.MaxPooling3D(pool_size=(2, 2, 2), strides=None, padding="valid", data_format=None)}:
 * inputs {@code (batch, depth, height, width, channels)} (or channels first),
 * the output has one position per window step.
 * Defaults are Keras's: pool_size (2, 2, 2), strides = the pool size, "valid" padding, "channels_last".
 *
 * <p>The gradient goes to the first maximum of each window (row-major order within the window), as JAX's does.
 *
 * <pre>{@code
 * Tensor y = new MaxPooling3D().apply(x);
 * Layer overlapping = new MaxPooling3D(3).strides(2).padding("same");
 * }</pre>
 */
public class MaxPooling3D extends BasePooling<MaxPooling3D> {
    /** A 3-D max pooling layer with Keras's default window, 2x2x2. */
    public MaxPooling3D() {
        this(new int[] {2, 2, 2});
    }

    /**
     * A 3-D max pooling layer with a window of {@code poolSize} on every axis.
     *
     * @throws IllegalArgumentException if {@code poolSize <= 0}
     */
    public MaxPooling3D(int poolSize) {
        this(new int[] {poolSize});
    }

    /**
     * A 3-D max pooling layer with a poolDepth x poolHeight x poolWidth window.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public MaxPooling3D(int poolDepth, int poolHeight, int poolWidth) {
        this(new int[] {poolDepth, poolHeight, poolWidth});
    }

    private MaxPooling3D(int[] poolSize) {
        super(3, true, poolSize);
    }

    /** Keras's {@code MaxPooling3D.from_config}. */
    public static MaxPooling3D fromConfig(Config c) {
        return readConfig(c, new MaxPooling3D(poolSize(c, new int[] {2, 2, 2})));
    }
}
