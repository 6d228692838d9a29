package dev.strata.metrics;

import dev.strata.config.Config;
import java.util.List;

/**
 * The weighted number of false positives, like {@code keras.metrics.FalsePositives} (default name {@code "false_positives"}, threshold
 * 0.5): at each threshold, the samples whose label is 0 and the prediction above the threshold (labels count as 1 when non-zero). With several
 * thresholds the result is a vector ({@link #resultTensor()}).
 */
public final class FalsePositives extends ConfusionCount {
    /** Named {@code "false_positives"}, threshold 0.5. */
    public FalsePositives() {
        this((Object) null, "false_positives");
    }

    /**
     * At one threshold.
     *
     * @throws IllegalArgumentException for a threshold outside [0, 1]
     */
    public FalsePositives(double threshold) {
        this(Double.valueOf(threshold), "false_positives");
    }

    /**
     * At each of the given thresholds, with the given name.
     *
     * @throws IllegalArgumentException for a threshold outside [0, 1]
     */
    public FalsePositives(List<Double> thresholds, String name) {
        this((Object) (thresholds == null ? null : List.copyOf(thresholds)), name);
    }

    private FalsePositives(Object thresholds, String name) {
        super(name, thresholds, 'f');
    }

    /** Keras's {@code from_config}: {@code thresholds} (null, a number or a list). */
    public static FalsePositives fromConfig(Config config) {
        Object t = config.raw("thresholds");
        return new FalsePositives(t instanceof Number n ? Double.valueOf(n.doubleValue())
                : ConfusionMatrices.thresholds(config, "thresholds"), "false_positives");
    }
}
