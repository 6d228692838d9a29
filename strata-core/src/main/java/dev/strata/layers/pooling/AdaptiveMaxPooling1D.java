package dev.strata.layers.pooling;

import dev.strata.config.Config;

/**
 * The maximum of each channel of 1-D data over windows that divide the steps into {@code output_size} parts, like
 * {@code keras.layers.AdaptiveMaxPooling1D(output_size, data_format=None)}: inputs {@code (batch, steps, channels)}
 * give {@code (batch, output_size, channels)} (or the channels-first forms), whatever the input's length. The
 * gradient is shared equally among tied maxima, as JAX's {@code max} does.
 *
 * <pre>{@code
 * Tensor pooled = new AdaptiveMaxPooling1D(8).apply(x);
 * }</pre>
 */
public class AdaptiveMaxPooling1D extends BaseAdaptivePooling<AdaptiveMaxPooling1D> {
    /**
     * Pools to {@code outputSize}: one size for every spatial axis, or one per axis.
     *
     * @throws IllegalArgumentException if a size is below 1, or more than one size is given
     */
    public AdaptiveMaxPooling1D(int... outputSize) {
        super(sizes("AdaptiveMaxPooling1D", 1, outputSize), true);
    }

    /** Keras's {@code AdaptiveMaxPooling1D.from_config}. */
    public static AdaptiveMaxPooling1D fromConfig(Config c) {
        return new AdaptiveMaxPooling1D(readOutputSize(c, "AdaptiveMaxPooling1D", 1))
                .dataFormat(c.string("data_format", null));
    }
}
