package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * The Tversky loss (Salehi et al., 2017), as {@code keras.losses.Tversky} (default name {@code "tversky"},
 * {@code alpha} 0.5, {@code beta} 0.5, {@code axis} null): {@code 1 - TP / (TP + alpha FP + beta FN + 1e-7)}, the
 * sums over {@code axis} (null: every element, one value for the batch); with alpha = beta = 0.5 the Dice loss. See
 * {@link Losses#tversky}.
 */
public final class Tversky extends Loss {
    private final double alpha;
    private final double beta;
    private final SegmentationAxis axis;

    /** With Keras's defaults. */
    public Tversky() {
        this(0.5, 0.5);
    }

    /** With the weights of false positives ({@code alpha}) and false negatives ({@code beta}), over all elements. */
    public Tversky(double alpha, double beta) {
        this(alpha, beta, SegmentationAxis.ALL, Reduction.SUM_OVER_BATCH_SIZE, "tversky");
    }

    /** With the weights, summing over one axis. */
    public Tversky(double alpha, double beta, int axis) {
        this(alpha, beta, SegmentationAxis.of(axis), Reduction.SUM_OVER_BATCH_SIZE, "tversky");
    }

    /** With every option ({@code axes} null: every element). */
    public Tversky(double alpha, double beta, int[] axes, Reduction reduction, String name) {
        this(alpha, beta, SegmentationAxis.of(axes), reduction, name);
    }

    private Tversky(double alpha, double beta, SegmentationAxis axis, Reduction reduction, String name) {
        super(name, reduction);
        this.alpha = alpha;
        this.beta = beta;
        this.axis = axis;
    }

    /** The weight of false positives. */
    public double alpha() {
        return alpha;
    }

    /** The weight of false negatives. */
    public double beta() {
        return beta;
    }

    /** The axes summed over, or null for all. */
    public int[] axis() {
        return axis.axes();
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.tversky(yTrue, yPred, alpha, beta, axis.axes());
    }

    /** Keras's {@code from_config}: {@code alpha}, {@code beta} and {@code axis}, Keras's defaults. */
    public static Tversky fromConfig(Config config) {
        // name and reduction are the base keys Loss.FAMILY applies
        return new Tversky(config.number("alpha", 0.5), config.number("beta", 0.5), SegmentationAxis.read(config),
                Reduction.SUM_OVER_BATCH_SIZE, "tversky");
    }

    /** {@code name}, {@code reduction}, {@code alpha}, {@code beta} and {@code axis}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("alpha", alpha);
        config.put("beta", beta);
        config.put("axis", axis.config());
        return config;
    }
}
