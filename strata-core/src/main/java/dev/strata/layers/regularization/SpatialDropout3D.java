package dev.strata.layers.regularization;

import dev.strata.config.Config;

/**
 * Dropout of whole feature maps of volumes, like {@code keras.layers.SpatialDropout3D}: inputs (batch, dim1, dim2,
 * dim3, channels) ({@code channels_last}, the default) or (batch, channels, dim1, dim2, dim3)
 * ({@code channels_first}), the mask 1 along the spatial axes; see {@link BaseSpatialDropout}.
 *
 * <pre>{@code
 * Tensor h = new SpatialDropout3D(0.2).apply(volumes);
 * Layer first = new SpatialDropout3D(0.2).dataFormat("channels_first");
 * }</pre>
 */
public class SpatialDropout3D extends BaseSpatialDropout<SpatialDropout3D> {

    /**
     * Drops a fraction {@code rate} of the channels in training.
     *
     * @throws IllegalArgumentException if {@code rate} is not in [0, 1]
     */
    public SpatialDropout3D(double rate) {
        super("SpatialDropout3D", 3, rate, "dim1, dim2, dim3");
    }

    /**
     * Where the channels are: {@code "channels_last"} (default; null means it) or {@code "channels_first"}.
     *
     * @throws IllegalArgumentException for any other value
     */
    public SpatialDropout3D dataFormat(String format) {
        requireNotBuilt("dataFormat");
        this.dataFormat = Noise.dataFormat(describe(), format);
        return this;
    }

    /** {@code "channels_last"} or {@code "channels_first"}. */
    public String dataFormat() {
        return dataFormat;
    }

    /** Keras's {@code SpatialDropout3D.from_config}. */
    public static SpatialDropout3D fromConfig(Config c) {
        return read(new SpatialDropout3D(c.requireNumber("rate")), c);
    }
}
