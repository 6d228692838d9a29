package dev.strata.layers.pooling;

import dev.strata.config.Config;

/**
 * The mean over all spatial positions of 3-D data, per channel, like
 * {@code keras.layers.GlobalAveragePooling3D(data_format=None, keepdims=False)}:
 * inputs {@code (batch, depth, height, width, channels)} (or channels
 * first) give {@code (batch, channels)}, or with {@code keepdims} the input's rank with spatial sizes of 1.
 * The gradient of each position is its share, {@code g / positions}.
 *
 * <pre>{@code
 * Tensor features = new GlobalAveragePooling3D().apply(x);
 * }</pre>
 */
public class GlobalAveragePooling3D extends BaseGlobalPooling<GlobalAveragePooling3D> {
    /** A layer with Keras's defaults: channels_last, spatial axes dropped. */
    public GlobalAveragePooling3D() {
        super(3, false);
    }

    /** Keras's {@code GlobalAveragePooling3D.from_config}. */
    public static GlobalAveragePooling3D fromConfig(Config c) {
        return readConfig(c, new GlobalAveragePooling3D());
    }
}
