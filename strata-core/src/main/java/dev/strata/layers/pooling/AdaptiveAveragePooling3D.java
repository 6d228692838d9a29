package dev.strata.layers.pooling;

import dev.strata.config.Config;

/**
 * Averages each channel of 3-D data over windows that divide the volume into {@code output_size} parts, like
 * {@code keras.layers.AdaptiveAveragePooling3D(output_size, data_format=None)}: inputs {@code (batch, depth, height,
 * width, channels)} give {@code (batch, out_depth, out_height, out_width, channels)} (or the channels-first forms),
 * whatever the input's size. The gradient is spread evenly over each window.
 *
 * <pre>{@code
 * Tensor pooled = new AdaptiveAveragePooling3D(4).apply(x);
 * }</pre>
 */
public class AdaptiveAveragePooling3D extends BaseAdaptivePooling<AdaptiveAveragePooling3D> {
    /**
     * Pools to {@code outputSize}: one size for every spatial axis, or one per axis.
     *
     * @throws IllegalArgumentException if a size is below 1, or the count is neither 1 nor 3
     */
    public AdaptiveAveragePooling3D(int... outputSize) {
        super(sizes("AdaptiveAveragePooling3D", 3, outputSize), false);
    }

    /** Keras's {@code AdaptiveAveragePooling3D.from_config}. */
    public static AdaptiveAveragePooling3D fromConfig(Config c) {
        return new AdaptiveAveragePooling3D(readOutputSize(c, "AdaptiveAveragePooling3D", 3))
                .dataFormat(c.string("data_format", null));
    }
}
