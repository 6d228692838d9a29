package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * The generalized crossentropy (Zhang and Sabuncu, 2018), as {@code keras.losses.CategoricalGeneralizedCrossEntropy}
 * (default name {@code "categorical_generalized_cross_entropy"}, {@code q} 0.5): integer class labels against class
 * probabilities, per sample {@code (1 - p^q) / q} with p the probability of the true class; near q = 0 it behaves
 * like crossentropy, near 1 like the mean absolute error. See {@link Losses#categoricalGeneralizedCrossEntropy}.
 */
public final class CategoricalGeneralizedCrossEntropy extends Loss {
    private final double q;

    /** With Keras's default q = 0.5. */
    public CategoricalGeneralizedCrossEntropy() {
        this(0.5);
    }

    /** With the noise parameter {@code q} in (0, 1). */
    public CategoricalGeneralizedCrossEntropy(double q) {
        this(q, Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With q and a reduction. */
    public CategoricalGeneralizedCrossEntropy(double q, Reduction reduction) {
        this(q, reduction, "categorical_generalized_cross_entropy");
    }

    /**
     * With every option.
     *
     * @throws IllegalArgumentException if {@code q} is not in the open interval (0, 1), as Keras
     */
    public CategoricalGeneralizedCrossEntropy(double q, Reduction reduction, String name) {
        super(name, reduction);
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("CategoricalGeneralizedCrossEntropy: q must be in the interval (0, 1), "
                    + "got " + q);
        }
        this.q = q;
    }

    /** The noise parameter. */
    public double q() {
        return q;
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.categoricalGeneralizedCrossEntropy(yTrue, yPred, q);
    }

    /** Keras's {@code from_config}: {@code q}, 0.5 if missing. */
    public static CategoricalGeneralizedCrossEntropy fromConfig(Config config) {
        return new CategoricalGeneralizedCrossEntropy(config.number("q", 0.5)); // name, reduction: Loss.FAMILY
    }

    /** {@code name}, {@code reduction} and {@code q}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("q", q);
        return config;
    }
}
