package dev.strata.layers.pooling;

import dev.strata.config.Config;

/**
 * Averages each channel of 1-D data over windows that divide the steps into {@code output_size} parts, like
 * {@code keras.layers.AdaptiveAveragePooling1D(output_size, data_format=None)}: inputs {@code (batch, steps,
 * channels)} give {@code (batch, output_size, channels)} (or the channels-first forms), whatever the input's length.
 * The gradient is spread evenly over each window.
 *
 * <pre>{@code
 * Tensor pooled = new AdaptiveAveragePooling1D(8).apply(x);
 * }</pre>
 */
public class AdaptiveAveragePooling1D extends BaseAdaptivePooling<AdaptiveAveragePooling1D> {
    /**
     * Pools to {@code outputSize}: one size for every spatial axis, or one per axis.
     *
     * @throws IllegalArgumentException if a size is below 1, or more than one size is given
     */
    public AdaptiveAveragePooling1D(int... outputSize) {
        super(sizes("AdaptiveAveragePooling1D", 1, outputSize), false);
    }

    /** Keras's {@code AdaptiveAveragePooling1D.from_config}. */
    public static AdaptiveAveragePooling1D fromConfig(Config c) {
        return new AdaptiveAveragePooling1D(readOutputSize(c, "AdaptiveAveragePooling1D", 1))
                .dataFormat(c.string("data_format", null));
    }
}
