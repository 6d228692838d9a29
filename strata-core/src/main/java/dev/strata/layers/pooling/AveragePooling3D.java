package dev.strata.layers.pooling;

import dev.strata.config.Config;

/**
 * The mean of each window over the spatial axes of 3-D data, like
 * {@code keras.layers.AveragePooling3D(pool_size, strides=None, padding="valid", data_format=None)}:
 * inputs {@code (batch, depth, height, width, channels)} (or channels first),
 * the output has one position per window step.
 * Defaults are Keras's: pool_size required, strides = the pool size, "valid" padding, "channels_last".
 *
 * <p>With "same" padding a window at the border is the mean of the input elements it covers (padding is not
 * counted), as Keras's JAX backend computes it.
 *
 * <pre>{@code
 * Tensor y = new AveragePooling3D(2).apply(x);
 * Layer overlapping = new AveragePooling3D(3).strides(2).padding("same");
 * }</pre>
 */
public class AveragePooling3D extends BasePooling<AveragePooling3D> {
    /**
     * A 3-D average pooling layer with a window of {@code poolSize} on every axis.
     *
     * @throws IllegalArgumentException if {@code poolSize <= 0}
     */
    public AveragePooling3D(int poolSize) {
        this(new int[] {poolSize});
    }

    /**
     * A 3-D average pooling layer with a poolDepth x poolHeight x poolWidth window.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public AveragePooling3D(int poolDepth, int poolHeight, int poolWidth) {
        this(new int[] {poolDepth, poolHeight, poolWidth});
    }

    private AveragePooling3D(int[] poolSize) {
        super(3, false, poolSize);
    }

    /** Keras's {@code AveragePooling3D.from_config}. */
    public static AveragePooling3D fromConfig(Config c) {
        return readConfig(c, new AveragePooling3D(poolSize(c, null)));
    }
}
