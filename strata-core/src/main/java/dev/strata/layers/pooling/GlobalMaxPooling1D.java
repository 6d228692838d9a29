package dev.strata.layers.pooling;

import dev.strata.config.Config;

/**
 * The maximum over all steps of 1-D data, per channel, like
 * {@code keras.layers.GlobalMaxPooling1D(data_format=None, keepdims=False)}:
 * inputs {@code (batch, steps, channels)} (or channels
 * first) give {@code (batch, channels)}, or with {@code keepdims} the input's rank with spatial sizes of 1.
 * The gradient is shared equally among tied maxima, as JAX's {@code max} does.
 *
 * <pre>{@code
 * Tensor features = new GlobalMaxPooling1D().apply(x);
 * }</pre>
 */
public class GlobalMaxPooling1D extends BaseGlobalPooling<GlobalMaxPooling1D> {
    /** A layer with Keras's defaults: channels_last, spatial axes dropped. */
    public GlobalMaxPooling1D() {
        super(1, true);
    }

    /** Keras's {@code GlobalMaxPooling1D.from_config}. */
    public static GlobalMaxPooling1D fromConfig(Config c) {
        return readConfig(c, new GlobalMaxPooling1D());
    }
}
