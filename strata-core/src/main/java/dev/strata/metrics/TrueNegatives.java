package dev.strata.metrics;

import dev.strata.config.Config;
import java.util.List;

/**
 * The weighted number of true negatives, like {@code keras.metrics.TrueNegatives} (default name {@code "true_negatives"}, threshold
 * 0.5): at each threshold, the samples whose label is 0 and the prediction at or below the threshold (labels count as 1 when non-zero). With several
 * thresholds the result is a vector ({@link #resultTensor()}).
 */
public final class TrueNegatives extends ConfusionCount {
    /** Named {@code "true_negatives"}, threshold 0.5. */
    public TrueNegatives() {
        this((Object) null, "true_negatives");
    }

    /**
     * At one threshold.
     *
     * @throws IllegalArgumentException for a threshold outside [0, 1]
     */
    public TrueNegatives(double threshold) {
        this(Double.valueOf(threshold), "true_negatives");
    }

    /**
     * At each of the given thresholds, with the given name.
     *
     * @throws IllegalArgumentException for a threshold outside [0, 1]
     */
    public TrueNegatives(List<Double> thresholds, String name) {
        this((Object) (thresholds == null ? null : List.copyOf(thresholds)), name);
    }

    private TrueNegatives(Object thresholds, String name) {
        super(name, thresholds, 'n');
    }

    /** Keras's {@code from_config}: {@code thresholds} (null, a number or a list). */
    public static TrueNegatives fromConfig(Config config) {
        Object t = config.raw("thresholds");
        return new TrueNegatives(t instanceof Number n ? Double.valueOf(n.doubleValue())
                : ConfusionMatrices.thresholds(config, "thresholds"), "true_negatives");
    }
}
