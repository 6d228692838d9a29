package dev.strata.layers.pooling;

import dev.strata.config.Config;

/**
 * The maximum over all spatial positions of 2-D data, per channel, like
 * {@code keras.layers.GlobalMaxPooling2D(data_format=None, keepdims=False)}:
 * inputs {@code (batch, height, width, channels)} (or channels
 * first) give {@code (batch, channels)}, or with {@code keepdims} the input's rank with spatial sizes of 1.
 * The gradient is shared equally among tied maxima, as JAX's {@code max} does.
 *
 * <pre>{@code
 * Tensor features = new GlobalMaxPooling2D().apply(x);
 * }</pre>
 */
public class GlobalMaxPooling2D extends BaseGlobalPooling<GlobalMaxPooling2D> {
    /** A layer with Keras's defaults: channels_last, spatial axes dropped. */
    public GlobalMaxPooling2D() {
        super(2, true);
    }

    /** Keras's {@code GlobalMaxPooling2D.from_config}. */
    public static GlobalMaxPooling2D fromConfig(Config c) {
        return readConfig(c, new GlobalMaxPooling2D());
    }
}
