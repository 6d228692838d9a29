package dev.strata.layers.pooling;

import dev.strata.config.Config;

/**
 * Averages each channel of 2-D data over windows that divide the image into {@code output_size} parts, like
 * {@code keras.layers.AdaptiveAveragePooling2D(output_size, data_format=None)}: inputs {@code (batch, height, width,
 * channels)} give {@code (batch, out_height, out_width, channels)} (or the channels-first forms), whatever the
 * input's size. The gradient is spread evenly over each window.
 *
 * <pre>{@code
 * Tensor pooled = new AdaptiveAveragePooling2D(7, 7).apply(x);
 * }</pre>
 */
public class AdaptiveAveragePooling2D extends BaseAdaptivePooling<AdaptiveAveragePooling2D> {
    /**
     * Pools to {@code outputSize}: one size for every spatial axis, or one per axis.
     *
     * @throws IllegalArgumentException if a size is below 1, or the count is neither 1 nor 2
     */
    public AdaptiveAveragePooling2D(int... outputSize) {
        super(sizes("AdaptiveAveragePooling2D", 2, outputSize), false);
    }

    /** Keras's {@code AdaptiveAveragePooling2D.from_config}. */
    public static AdaptiveAveragePooling2D fromConfig(Config c) {
        return new AdaptiveAveragePooling2D(readOutputSize(c, "AdaptiveAveragePooling2D", 2))
                .dataFormat(c.string("data_format", null));
    }
}
