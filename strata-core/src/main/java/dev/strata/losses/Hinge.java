package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;

/**
 * The hinge loss, as {@code keras.losses.Hinge} (default name {@code "hinge"}): per sample
 * {@code mean(maximum(1 - yTrue * yPred, 0), axis=-1)}, targets -1 or 1 (targets that are all 0 or 1 are turned
 * into -1 and 1 first), see {@link Losses#hinge}.
 */
public final class Hinge extends Loss {
    /** With Keras's defaults. */
    public Hinge() {
        this(Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With the given reduction. */
    public Hinge(Reduction reduction) {
        this(reduction, "hinge");
    }

    /** With the given reduction and name. */
    public Hinge(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.hinge(yTrue, yPred);
    }

    /** Keras's {@code from_config}: the loss has no arguments besides its name and reduction. */
    public static Hinge fromConfig(Config config) {
        return new Hinge(); // name and reduction are the base keys Loss.FAMILY applies
    }
}
