package dev.strata.layers.pooling;

import dev.strata.config.Config;

/**
 * The mean over all spatial positions of 2-D data, per channel, like
 * {@code keras.layers.GlobalAveragePooling2D(data_format=None, keepdims=False)}:
 * inputs {@code (batch, height, width, channels)} (or channels
 * first) give {@code (batch, channels)}, or with {@code keepdims} the input's rank with spatial sizes of 1.
 * The gradient of each position is its share, {@code g / positions}.
 *
 * <pre>{@code
 * Tensor features = new GlobalAveragePooling2D().apply(x);
 * }</pre>
 */
public class GlobalAveragePooling2D extends BaseGlobalPooling<GlobalAveragePooling2D> {
    /** A layer with Keras's defaults: channels_last, spatial axes dropped. */
    public GlobalAveragePooling2D() {
        super(2, false);
    }

    /** Keras's {@code GlobalAveragePooling2D.from_config}. */
    public static GlobalAveragePooling2D fromConfig(Config c) {
        return readConfig(c, new GlobalAveragePooling2D());
    }
}
