package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;

/**
 * The categorical hinge loss, as {@code keras.losses.CategoricalHinge} (default name
 * {@code "categorical_hinge"}): per sample {@code maximum(neg - pos + 1, 0)} with {@code pos = sum(t * p)} and
 * {@code neg = max((1 - t) * p)} over the last axis, see {@link Losses#categoricalHinge}.
 */
public final class CategoricalHinge extends Loss {
    /** With Keras's defaults. */
    public CategoricalHinge() {
        this(Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With the given reduction. */
    public CategoricalHinge(Reduction reduction) {
        this(reduction, "categorical_hinge");
    }

    /** With the given reduction and name. */
    public CategoricalHinge(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.categoricalHinge(yTrue, yPred);
    }

    /** Keras's {@code from_config}: the loss has no arguments besides its name and reduction. */
    public static CategoricalHinge fromConfig(Config config) {
        return new CategoricalHinge(); // name and reduction are the base keys Loss.FAMILY applies
    }
}
