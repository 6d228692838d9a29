package dev.strata.layers.reshaping;

import dev.strata.config.Config;

/**
 * Removes rows at both ends of each spatial axis of 3-D data, like
 * {@code keras.layers.Cropping3D(cropping=((1, 1), (1, 1), (1, 1)), data_format=None)}: inputs
 * {@code (batch, depth, height, width, channels)} (or channels first).
 * The gradient puts the upstream gradient back in place, zeros
 * where the input was cropped.
 *
 * <pre>{@code
 * Tensor y = new Cropping3D(1).apply(x);
 * }</pre>
 */
public class Cropping3D extends BaseCropping<Cropping3D> {
    /** Keras's default: 1 on every side. */
    public Cropping3D() {
        this(Spatial.uniform(3, 1));
    }

    /**
     * {@code amount} on both sides of every spatial axis.
     *
     * @throws IllegalArgumentException if negative
     */
    public Cropping3D(int amount) {
        this(Spatial.uniform(3, amount));
    }

    /**
     * The same amount on both sides of each spatial axis: dim1, dim2, dim3.
     *
     * @throws IllegalArgumentException if negative
     */
    public Cropping3D(int dim1, int dim2, int dim3) {
        this(Spatial.symmetric(dim1, dim2, dim3));
    }

    /**
     * One {@code {before, after}} pair per spatial axis.
     *
     * @throws IllegalArgumentException if there are not 3 non-negative pairs
     */
    public Cropping3D(int[][] cropping) {
        super(3, cropping);
    }

    /** Keras's {@code Cropping3D.from_config}. */
    public static Cropping3D fromConfig(Config c) {
        int[][] cropping = Spatial.readPairs(c, "cropping", 3, Spatial.uniform(3, 1));
        return new Cropping3D(cropping).dataFormat(c.string("data_format", null));
    }
}
