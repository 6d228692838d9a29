package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * The Circle loss (Sun et al., 2020), as {@code keras.losses.Circle} (default name {@code "circle"}, {@code gamma}
 * 80, {@code margin} 0.4, {@code removeDiagonal} true): integer labels (batch,) against L2-normalised embeddings
 * (batch, dim), pulling same-label pairs together and pushing others apart within the batch. As Keras, samples
 * without a positive pair (loss 0) are left out of the reduction, like masked steps. See {@link Losses#circle}.
 */
public final class Circle extends Loss {
    private final double gamma;
    private final double margin;
    private final boolean removeDiagonal;

    /** With Keras's defaults. */
    public Circle() {
        this(80.0, 0.4, true);
    }

    /** With the scale {@code gamma}, the relaxation {@code margin}, and whether self-pairs are not positives. */
    public Circle(double gamma, double margin, boolean removeDiagonal) {
        this(gamma, margin, removeDiagonal, Reduction.SUM_OVER_BATCH_SIZE, "circle");
    }

    /** With every option. */
    public Circle(double gamma, double margin, boolean removeDiagonal, Reduction reduction, String name) {
        super(name, reduction);
        this.gamma = gamma;
        this.margin = margin;
        this.removeDiagonal = removeDiagonal;
    }

    /** The scale of the similarity scores. */
    public double gamma() {
        return gamma;
    }

    /** The relaxation margin. */
    public double margin() {
        return margin;
    }

    /** Whether a sample's pair with itself is not a positive. */
    public boolean removeDiagonal() {
        return removeDiagonal;
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return callMasked(yTrue, yPred).values();
    }

    @Override
    protected Masked callMasked(Tensor yTrue, Tensor yPred) {
        return Losses.circleMasked(yTrue, yPred, null, null, removeDiagonal, gamma, margin);
    }

    /** Keras's {@code from_config}: {@code gamma}, {@code margin} and {@code remove_diagonal}, Keras's defaults. */
    public static Circle fromConfig(Config config) {
        // name and reduction are the base keys Loss.FAMILY applies
        return new Circle(config.number("gamma", 80.0), config.number("margin", 0.4),
                config.bool("remove_diagonal", true));
    }

    /** {@code name}, {@code reduction}, {@code gamma}, {@code margin} and {@code remove_diagonal}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("gamma", gamma);
        config.put("margin", margin);
        config.put("remove_diagonal", removeDiagonal);
        return config;
    }
}
