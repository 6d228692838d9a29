package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Categorical focal crossentropy, as {@code keras.losses.CategoricalFocalCrossentropy} (default name
 * {@code "categorical_focal_crossentropy"}; {@code alpha} 0.25, {@code gamma} 2, {@code fromLogits} false,
 * {@code labelSmoothing} 0, {@code axis} -1): per sample {@code sum(alpha (1 - p)^gamma (-t log p))} over the
 * classes; {@code alpha} is one weight for all classes or one per class; see
 * {@link Losses#categoricalFocalCrossentropy}.
 */
public final class CategoricalFocalCrossentropy extends Crossentropy {
    private final double[] alpha;
    private final boolean alphaPerClass;
    private final double gamma;

    /** With Keras's defaults. */
    public CategoricalFocalCrossentropy() {
        this(0.25, 2.0);
    }

    /** With one class weight {@code alpha} and the focusing parameter {@code gamma}. */
    public CategoricalFocalCrossentropy(double alpha, double gamma) {
        this(alpha, gamma, false, 0.0, -1, Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With one class weight and every other option but the name. */
    public CategoricalFocalCrossentropy(double alpha, double gamma, boolean fromLogits, double labelSmoothing,
                                        int axis, Reduction reduction) {
        this(new double[] {alpha}, false, gamma, fromLogits, labelSmoothing, axis, reduction,
                "categorical_focal_crossentropy");
    }

    /**
     * With one weight per class (along the last axis) and every other option.
     *
     * @throws IllegalArgumentException if {@code labelSmoothing} is outside {@code [0, 1]} or alpha is empty
     */
    public CategoricalFocalCrossentropy(double[] alphaPerClass, double gamma, boolean fromLogits,
                                        double labelSmoothing, int axis, Reduction reduction, String name) {
        this(alphaPerClass.clone(), true, gamma, fromLogits, labelSmoothing, axis, reduction, name);
    }

    private CategoricalFocalCrossentropy(double[] alpha, boolean perClass, double gamma, boolean fromLogits,
                                         double labelSmoothing, int axis, Reduction reduction, String name) {
        super(name, reduction, fromLogits, labelSmoothing, axis);
        if (alpha.length == 0) {
            throw new IllegalArgumentException("CategoricalFocalCrossentropy: alpha must hold one weight per class, "
                    + "got none");
        }
        this.alpha = alpha;
        this.alphaPerClass = perClass;
        this.gamma = gamma;
    }

    /** The class weights: one for all classes, or one per class. */
    public double[] alpha() {
        return alpha.clone();
    }

    /** The focusing parameter. */
    public double gamma() {
        return gamma;
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.categoricalFocalCrossentropy(yTrue, yPred, alpha, gamma, fromLogits(), labelSmoothing(),
                axis());
    }

    /** Keras's {@code from_config}: every argument ({@code alpha} a number or a list), Keras's defaults. */
    public static CategoricalFocalCrossentropy fromConfig(Config config) {
        double gamma = config.number("gamma", 2.0);
        boolean fromLogits = config.bool("from_logits", false);
        double smoothing = config.number("label_smoothing", 0.0);
        int axis = config.integer("axis", -1);
        // name and reduction are the base keys Loss.FAMILY applies
        if (config.raw("alpha") instanceof List<?> list) {
            double[] alpha = new double[list.size()];
            for (int i = 0; i < alpha.length; i++) {
                alpha[i] = config.toDouble(list.get(i), "alpha");
            }
            return new CategoricalFocalCrossentropy(alpha, gamma, fromLogits, smoothing, axis,
                    Reduction.SUM_OVER_BATCH_SIZE, "categorical_focal_crossentropy");
        }
        return new CategoricalFocalCrossentropy(config.number("alpha", 0.25), gamma, fromLogits, smoothing, axis,
                Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** Keras's keys: the crossentropy's, then {@code alpha} (a number or a list) and {@code gamma}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        if (alphaPerClass) {
            List<Double> list = new ArrayList<>();
            for (double a : alpha) {
                list.add(a);
            }
            config.put("alpha", list);
        } else {
            config.put("alpha", alpha[0]);
        }
        config.put("gamma", gamma);
        return config;
    }
}
