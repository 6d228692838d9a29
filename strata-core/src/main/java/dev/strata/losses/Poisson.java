package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;

/**
 * The Poisson loss, as {@code keras.losses.Poisson} (default name {@code "poisson"}): per sample
 * {@code mean(p - t * log(p + 1e-7), axis=-1)}, see {@link Losses#poisson}.
 */
public final class Poisson extends Loss {
    /** With Keras's defaults. */
    public Poisson() {
        this(Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With the given reduction. */
    public Poisson(Reduction reduction) {
        this(reduction, "poisson");
    }

    /** With the given reduction and name. */
    public Poisson(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.poisson(yTrue, yPred);
    }

    /** Keras's {@code from_config}: the loss has no arguments besides its name and reduction. */
    public static Poisson fromConfig(Config config) {
        return new Poisson(); // name and reduction are the base keys Loss.FAMILY applies
    }
}
