package dev.strata.layers.reshaping;

import dev.strata.config.Config;

/**
 * Removes rows at both ends of each spatial axis of 2-D data, like
 * {@code keras.layers.Cropping2D(cropping=((0, 0), (0, 0)), data_format=None)}: inputs
 * {@code (batch, height, width, channels)} (or channels first).
 * The gradient puts the upstream gradient back in place, zeros
 * where the input was cropped.
 *
 * <pre>{@code
 * Tensor y = new Cropping2D(new int[][] {{1, 0}, {2, 2}}).apply(x);
 * }</pre>
 */
public class Cropping2D extends BaseCropping<Cropping2D> {
    /** Keras's default: 0 on every side. */
    public Cropping2D() {
        this(Spatial.uniform(2, 0));
    }

    /**
     * {@code amount} on both sides of every spatial axis.
     *
     * @throws IllegalArgumentException if negative
     */
    public Cropping2D(int amount) {
        this(Spatial.uniform(2, amount));
    }

    /**
     * The same amount on both sides of each spatial axis: height, width.
     *
     * @throws IllegalArgumentException if negative
     */
    public Cropping2D(int height, int width) {
        this(Spatial.symmetric(height, width));
    }

    /**
     * One {@code {before, after}} pair per spatial axis, e.g.
     * {@code {{top, bottom}, {left, right}}}.
     *
     * @throws IllegalArgumentException if there are not 2 non-negative pairs
     */
    public Cropping2D(int[][] cropping) {
        super(2, cropping);
    }

    /** Keras's {@code Cropping2D.from_config}. */
    public static Cropping2D fromConfig(Config c) {
        int[][] cropping = Spatial.readPairs(c, "cropping", 2, Spatial.uniform(2, 0));
        return new Cropping2D(cropping).dataFormat(c.string("data_format", null));
    }
}
