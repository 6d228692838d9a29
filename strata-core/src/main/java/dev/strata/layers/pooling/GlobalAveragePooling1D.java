package dev.strata.layers.pooling;

import dev.strata.config.Config;

/**
 * The mean over all steps of 1-D data, per channel, like
 * {@code keras.layers.GlobalAveragePooling1D(data_format=None, keepdims=False)}:
 * inputs {@code (batch, steps, channels)} (or channels
 * first) give {@code (batch, channels)}, or with {@code keepdims} the input's rank with spatial sizes of 1.
 * The gradient of each position is its share, {@code g / positions}.
 *
 * <p>Keras's {@code mask} argument (an average over the unmasked steps only) is not supported yet: Strata's
 * layers have no masks (a later issue).
 *
 * <pre>{@code
 * Tensor features = new GlobalAveragePooling1D().apply(x);
 * }</pre>
 */
public class GlobalAveragePooling1D extends BaseGlobalPooling<GlobalAveragePooling1D> {
    /** A layer with Keras's defaults: channels_last, spatial axes dropped. */
    public GlobalAveragePooling1D() {
        super(1, false);
    }

    /** Keras's {@code GlobalAveragePooling1D.from_config}. */
    public static GlobalAveragePooling1D fromConfig(Config c) {
        return readConfig(c, new GlobalAveragePooling1D());
    }
}
