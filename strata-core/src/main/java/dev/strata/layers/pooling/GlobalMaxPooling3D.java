package dev.strata.layers.pooling;

import dev.strata.config.Config;

/**
 * The maximum over all spatial positions of 3-D data, per channel, like
 * {@code keras.layers.GlobalMaxPooling3D(data_format=None, keepdims=False)}:
 * inputs {@code (batch, depth, height, width, channels)} (or channels
 * first) give {@code (batch, channels)}, or with {@code keepdims} the input's rank with spatial sizes of 1.
 * The gradient is shared equally among tied maxima, as JAX's {@code max} does.
 *
 * <pre>{@code
 * Tensor features = new GlobalMaxPooling3D().apply(x);
 * }</pre>
 */
public class GlobalMaxPooling3D extends BaseGlobalPooling<GlobalMaxPooling3D> {
    /** A layer with Keras's defaults: channels_last, spatial axes dropped. */
    public GlobalMaxPooling3D() {
        super(3, true);
    }

    /** Keras's {@code GlobalMaxPooling3D.from_config}. */
    public static GlobalMaxPooling3D fromConfig(Config c) {
        return readConfig(c, new GlobalMaxPooling3D());
    }
}
