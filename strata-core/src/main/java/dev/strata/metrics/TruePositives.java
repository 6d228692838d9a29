package dev.strata.metrics;

import dev.strata.config.Config;
import java.util.List;

/**
 * The weighted number of true positives, like {@code keras.metrics.TruePositives} (default name {@code "true_positives"}, threshold
 * 0.5): at each threshold, the samples whose label is 1 and the prediction above the threshold (labels count as 1 when non-zero). With several
 * thresholds the result is a vector ({@link #resultTensor()}).
 */
public final class TruePositives extends ConfusionCount {
    /** Named {@code "true_positives"}, threshold 0.5. */
    public TruePositives() {
        this((Object) null, "true_positives");
    }

    /**
     * At one threshold.
     *
     * @throws IllegalArgumentException for a threshold outside [0, 1]
     */
    public TruePositives(double threshold) {
        this(Double.valueOf(threshold), "true_positives");
    }

    /**
     * At each of the given thresholds, with the given name.
     *
     * @throws IllegalArgumentException for a threshold outside [0, 1]
     */
    public TruePositives(List<Double> thresholds, String name) {
        this((Object) (thresholds == null ? null : List.copyOf(thresholds)), name);
    }

    private TruePositives(Object thresholds, String name) {
        super(name, thresholds, 'p');
    }

    /** Keras's {@code from_config}: {@code thresholds} (null, a number or a list). */
    public static TruePositives fromConfig(Config config) {
        Object t = config.raw("thresholds");
        return new TruePositives(t instanceof Number n ? Double.valueOf(n.doubleValue())
                : ConfusionMatrices.thresholds(config, "thresholds"), "true_positives");
    }
}
