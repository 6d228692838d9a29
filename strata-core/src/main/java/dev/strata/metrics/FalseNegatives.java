package dev.strata.metrics;

import dev.strata.config.Config;
import java.util.List;

/**
 * The weighted number of false negatives, like {@code keras.metrics.FalseNegatives} (default name {@code "false_negatives"}, threshold
 * 0.5): at each threshold, the samples whose label is 1 and the prediction at or below the threshold (labels count as 1 when non-zero). With several
 * thresholds the result is a vector ({@link #resultTensor()}).
 */
public final class FalseNegatives extends ConfusionCount {
    /** Named {@code "false_negatives"}, threshold 0.5. */
    public FalseNegatives() {
        this((Object) null, "false_negatives");
    }

    /**
     * At one threshold.
     *
     * @throws IllegalArgumentException for a threshold outside [0, 1]
     */
    public FalseNegatives(double threshold) {
        this(Double.valueOf(threshold), "false_negatives");
    }

    /**
     * At each of the given thresholds, with the given name.
     *
     * @throws IllegalArgumentException for a threshold outside [0, 1]
     */
    public FalseNegatives(List<Double> thresholds, String name) {
        this((Object) (thresholds == null ? null : List.copyOf(thresholds)), name);
    }

    private FalseNegatives(Object thresholds, String name) {
        super(name, thresholds, 'x');
    }

    /** Keras's {@code from_config}: {@code thresholds} (null, a number or a list). */
    public static FalseNegatives fromConfig(Config config) {
        Object t = config.raw("thresholds");
        return new FalseNegatives(t instanceof Number n ? Double.valueOf(n.doubleValue())
                : ConfusionMatrices.thresholds(config, "thresholds"), "false_negatives");
    }
}
