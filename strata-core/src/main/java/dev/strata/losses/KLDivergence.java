package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;

/**
 * The Kullback-Leibler divergence loss, as {@code keras.losses.KLDivergence} (default name
 * {@code "kl_divergence"}): per sample {@code sum(t * log(t / p), axis=-1)}, both clipped to {@code [1e-7, 1]}, see
 * {@link Losses#klDivergence}.
 */
public final class KLDivergence extends Loss {
    /** With Keras's defaults. */
    public KLDivergence() {
        this(Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With the given reduction. */
    public KLDivergence(Reduction reduction) {
        this(reduction, "kl_divergence");
    }

    /** With the given reduction and name. */
    public KLDivergence(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.klDivergence(yTrue, yPred);
    }

    /** Keras's {@code from_config}: the loss has no arguments besides its name and reduction. */
    public static KLDivergence fromConfig(Config config) {
        return new KLDivergence(); // name and reduction are the base keys Loss.FAMILY applies
    }
}
