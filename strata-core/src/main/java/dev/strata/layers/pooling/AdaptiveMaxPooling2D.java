package dev.strata.layers.pooling;

import dev.strata.config.Config;

/**
 * The maximum of each channel of 2-D data over windows that divide the image into {@code output_size} parts, like
 * {@code keras.layers.AdaptiveMaxPooling2D(output_size, data_format=None)}: inputs {@code (batch, height, width,
 * channels)} give {@code (batch, out_height, out_width, channels)} (or the channels-first forms), whatever the
 * input's size. The gradient is shared equally among tied maxima, as JAX's {@code max} does.
 *
 * <pre>{@code
 * Tensor pooled = new AdaptiveMaxPooling2D(7, 7).apply(x);
 * }</pre>
 */
public class AdaptiveMaxPooling2D extends BaseAdaptivePooling<AdaptiveMaxPooling2D> {
    /**
     * Pools to {@code outputSize}: one size for every spatial axis, or one per axis.
     *
     * @throws IllegalArgumentException if a size is below 1, or the count is neither 1 nor 2
     */
    public AdaptiveMaxPooling2D(int... outputSize) {
        super(sizes("AdaptiveMaxPooling2D", 2, outputSize), true);
    }

    /** Keras's {@code AdaptiveMaxPooling2D.from_config}. */
    public static AdaptiveMaxPooling2D fromConfig(Config c) {
        return new AdaptiveMaxPooling2D(readOutputSize(c, "AdaptiveMaxPooling2D", 2))
                .dataFormat(c.string("data_format", null));
    }
}
