package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;

/**
 * The squared hinge loss, as {@code keras.losses.SquaredHinge} (default name {@code "squared_hinge"}): per
 * sample {@code mean(square(maximum(1 - yTrue * yPred, 0)), axis=-1)}, see {@link Losses#squaredHinge}.
 */
public final class SquaredHinge extends Loss {
    /** With Keras's defaults. */
    public SquaredHinge() {
        this(Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With the given reduction. */
    public SquaredHinge(Reduction reduction) {
        this(reduction, "squared_hinge");
    }

    /** With the given reduction and name. */
    public SquaredHinge(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.squaredHinge(yTrue, yPred);
    }

    /** Keras's {@code from_config}: the loss has no arguments besides its name and reduction. */
    public static SquaredHinge fromConfig(Config config) {
        return new SquaredHinge(); // name and reduction are the base keys Loss.FAMILY applies
    }
}
