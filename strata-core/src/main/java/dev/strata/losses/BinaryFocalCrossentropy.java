package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * Binary focal crossentropy, as {@code keras.losses.BinaryFocalCrossentropy} (default name
 * {@code "binary_focal_crossentropy"}; {@code applyClassBalancing} false, {@code alpha} 0.25, {@code gamma} 2,
 * {@code fromLogits} false, {@code labelSmoothing} 0, {@code axis} -1): the binary crossentropy of each element
 * down-weighted for easy examples by {@code (1 - p_t)^gamma}, and with class balancing weighted {@code alpha} for
 * class 1 and {@code 1 - alpha} for class 0; see {@link Losses#binaryFocalCrossentropy}.
 */
public final class BinaryFocalCrossentropy extends Crossentropy {
    private final boolean applyClassBalancing;
    private final double alpha;
    private final double gamma;

    /** With Keras's defaults. */
    public BinaryFocalCrossentropy() {
        this(false, 0.25, 2.0);
    }

    /** With class balancing on or off, the class-1 weight {@code alpha} and the focusing parameter {@code gamma}. */
    public BinaryFocalCrossentropy(boolean applyClassBalancing, double alpha, double gamma) {
        this(applyClassBalancing, alpha, gamma, false, 0.0, -1, Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With every option but the name. */
    public BinaryFocalCrossentropy(boolean applyClassBalancing, double alpha, double gamma, boolean fromLogits,
                                   double labelSmoothing, int axis, Reduction reduction) {
        this(applyClassBalancing, alpha, gamma, fromLogits, labelSmoothing, axis, reduction,
                "binary_focal_crossentropy");
    }

    /**
     * With every option.
     *
     * @throws IllegalArgumentException if {@code labelSmoothing} is outside {@code [0, 1]}
     */
    public BinaryFocalCrossentropy(boolean applyClassBalancing, double alpha, double gamma, boolean fromLogits,
                                   double labelSmoothing, int axis, Reduction reduction, String name) {
        super(name, reduction, fromLogits, labelSmoothing, axis);
        this.applyClassBalancing = applyClassBalancing;
        this.alpha = alpha;
        this.gamma = gamma;
    }

    /** Whether classes 1 and 0 are weighted {@code alpha} and {@code 1 - alpha}. */
    public boolean applyClassBalancing() {
        return applyClassBalancing;
    }

    /** The weight of class 1 under class balancing. */
    public double alpha() {
        return alpha;
    }

    /** The focusing parameter. */
    public double gamma() {
        return gamma;
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.binaryFocalCrossentropy(yTrue, yPred, applyClassBalancing, alpha, gamma, fromLogits(),
                labelSmoothing(), axis());
    }

    /** Keras's {@code from_config}: every argument, Keras's defaults where missing. */
    public static BinaryFocalCrossentropy fromConfig(Config config) {
        // name and reduction are the base keys Loss.FAMILY applies
        return new BinaryFocalCrossentropy(config.bool("apply_class_balancing", false), config.number("alpha", 0.25),
                config.number("gamma", 2.0), config.bool("from_logits", false), config.number("label_smoothing", 0.0),
                config.integer("axis", -1), Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** Keras's keys: the crossentropy's, then {@code apply_class_balancing}, {@code alpha}, {@code gamma}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("apply_class_balancing", applyClassBalancing);
        config.put("alpha", alpha);
        config.put("gamma", gamma);
        return config;
    }
}
