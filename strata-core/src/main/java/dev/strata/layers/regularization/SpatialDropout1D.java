package dev.strata.layers.regularization;

import dev.strata.config.Config;

/**
 * Dropout of whole feature maps of a sequence, like {@code keras.layers.SpatialDropout1D}: inputs (batch, steps,
 * channels), the mask (batch, 1, channels); see {@link BaseSpatialDropout}.
 *
 * <pre>{@code
 * Tensor h = new SpatialDropout1D(0.2).apply(sequence);
 * }</pre>
 */
public class SpatialDropout1D extends BaseSpatialDropout<SpatialDropout1D> {

    /**
     * Drops a fraction {@code rate} of the channels in training.
     *
     * @throws IllegalArgumentException if {@code rate} is not in [0, 1]
     */
    public SpatialDropout1D(double rate) {
        super("SpatialDropout1D", 1, rate, "steps");
    }

    /** Keras's {@code SpatialDropout1D.from_config}. */
    public static SpatialDropout1D fromConfig(Config c) {
        return read(new SpatialDropout1D(c.requireNumber("rate")), c);
    }
}
