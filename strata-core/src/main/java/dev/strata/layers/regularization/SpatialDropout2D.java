package dev.strata.layers.regularization;

import dev.strata.config.Config;

/**
 * Dropout of whole feature maps of images, like {@code keras.layers.SpatialDropout2D}: inputs (batch, rows, cols,
 * channels) ({@code channels_last}, the default) or (batch, channels, rows, cols) ({@code channels_first}), the mask
 * (batch, 1, 1, channels) or (batch, channels, 1, 1); see {@link BaseSpatialDropout}.
 *
 * <pre>{@code
 * Tensor h = new SpatialDropout2D(0.2).apply(images);
 * Layer first = new SpatialDropout2D(0.2).dataFormat("channels_first");
 * }</pre>
 */
public class SpatialDropout2D extends BaseSpatialDropout<SpatialDropout2D> {

    /**
     * Drops a fraction {@code rate} of the channels in training.
     *
     * @throws IllegalArgumentException if {@code rate} is not in [0, 1]
     */
    public SpatialDropout2D(double rate) {
        super("SpatialDropout2D", 2, rate, "rows, cols");
    }

    /**
     * Where the channels are: {@code "channels_last"} (default; null means it) or {@code "channels_first"}.
     *
     * @throws IllegalArgumentException for any other value
     */
    public SpatialDropout2D dataFormat(String format) {
        requireNotBuilt("dataFormat");
        this.dataFormat = Noise.dataFormat(describe(), format);
        return this;
    }

    /** {@code "channels_last"} or {@code "channels_first"}. */
    public String dataFormat() {
        return dataFormat;
    }

    /** Keras's {@code SpatialDropout2D.from_config}. */
    public static SpatialDropout2D fromConfig(Config c) {
        return read(new SpatialDropout2D(c.requireNumber("rate")), c);
    }
}
