package dev.strata.layers.pooling;

import dev.strata.config.Config;

/**
 * The mean of each window over the spatial axes of 2-D data, like
 * {@code keras.layers.AveragePooling2D(pool_size, strides=None, padding="valid", data_format=None)}:
 * inputs {@code (batch, height, width, channels)} (or channels first), the output has one position per window step.
 * Defaults are Keras's: pool_size required, strides = the pool size, "valid" padding, "channels_last".
 *
 * <p>With "same" padding a window at the border is the mean of the input elements it covers (padding is not
 * counted), as Keras's JAX backend computes it.
 *
 * <pre>{@code
 * Tensor y = new AveragePooling2D(2).apply(x);
 * Layer overlapping = new AveragePooling2D(3).strides(2).padding("same");
 * }</pre>
 */
public class AveragePooling2D extends BasePooling<AveragePooling2D> {
    /**
     * A 2-D average pooling layer with a window of {@code poolSize} on every axis.
     *
     * @throws IllegalArgumentException if {@code poolSize <= 0}
     */
    public AveragePooling2D(int poolSize) {
        this(new int[] {poolSize});
    }

    /**
     * A 2-D average pooling layer with a poolHeight x poolWidth window.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public AveragePooling2D(int poolHeight, int poolWidth) {
        this(new int[] {poolHeight, poolWidth});
    }

    private AveragePooling2D(int[] poolSize) {
        super(2, false, poolSize);
    }

    /** Keras's {@code AveragePooling2D.from_config}. */
    public static AveragePooling2D fromConfig(Config c) {
        return readConfig(c, new AveragePooling2D(poolSize(c, null)));
    }
}
