package dev.strata.layers.pooling;

import dev.strata.config.Config;

/**
 * The maximum of each channel of 3-D data over windows that divide the volume into {@code output_size} parts, like
 * {@code keras.layers.AdaptiveMaxPooling3D(output_size, data_format=None)}: inputs {@code (batch, depth, height,
 * width, channels)} give {@code (batch, out_depth, out_height, out_width, channels)} (or the channels-first forms),
 * whatever the input's size. The gradient is shared equally among tied maxima, as JAX's {@code max} does.
 *
 * <pre>{@code
 * Tensor pooled = new AdaptiveMaxPooling3D(4).apply(x);
 * }</pre>
 */
public class AdaptiveMaxPooling3D extends BaseAdaptivePooling<AdaptiveMaxPooling3D> {
    /**
     * Pools to {@code outputSize}: one size for every spatial axis, or one per axis.
     *
     * @throws IllegalArgumentException if a size is below 1, or the count is neither 1 nor 3
     */
    public AdaptiveMaxPooling3D(int... outputSize) {
        super(sizes("AdaptiveMaxPooling3D", 3, outputSize), true);
    }

    /** Keras's {@code AdaptiveMaxPooling3D.from_config}. */
    public static AdaptiveMaxPooling3D fromConfig(Config c) {
        return new AdaptiveMaxPooling3D(readOutputSize(c, "AdaptiveMaxPooling3D", 3))
                .dataFormat(c.string("data_format", null));
    }
}
