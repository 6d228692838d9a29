package dev.strata.layers.pooling;

import dev.strata.config.Config;

/**
 * The mean of each window over the steps of 1-D data, like
 * {@code keras.layers.AveragePooling1D(pool_size, strides=None, padding="valid", data_format=None)}:
 * inputs {@code (batch, steps, channels)} (or channels first), the output has one position per window step.
 * Defaults are Keras's: pool_size required, strides = the pool size, "valid" padding, "channels_last".
 *
 * <p>With "same" padding a window at the border is the mean of the input elements it covers (padding is not
 * counted), as Keras's JAX backend computes it.
 *
 * <pre>{@code
 * Tensor y = new AveragePooling1D(2).apply(x);
 * Layer overlapping = new AveragePooling1D(3).strides(2).padding("same");
 * }</pre>
 */
public class AveragePooling1D extends BasePooling<AveragePooling1D> {
    /**
     * A 1-D average pooling layer with a window of {@code poolSize}.
     *
     * @throws IllegalArgumentException if {@code poolSize <= 0}
     */
    public AveragePooling1D(int poolSize) {
        this(new int[] {poolSize});
    }

    private AveragePooling1D(int[] poolSize) {
        super(1, false, poolSize);
    }

    /** Keras's {@code AveragePooling1D.from_config}. */
    public static AveragePooling1D fromConfig(Config c) {
        return readConfig(c, new AveragePooling1D(poolSize(c, null)));
    }
}
