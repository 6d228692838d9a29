package dev.strata.metrics;

import dev.strata.config.Config;

/**
 * The best sensitivity (recall) where the specificity is at least a given value, like {@code keras.metrics.SensitivityAtSpecificity} (default name {@code "sensitivity_at_specificity"}, 200 thresholds): the confusion counts
 * are kept at {@code num_thresholds} evenly spaced thresholds in [0, 1] and the result is the best value over the
 * thresholds that meet the constraint (0 if none does); {@code class_id} restricts it to one index of the last axis.
 */
public final class SensitivityAtSpecificity extends SensitivitySpecificityBase {
    /**
     * At the given specificity, 200 thresholds, all classes.
     *
     * @throws IllegalArgumentException for a specificity outside [0, 1]
     */
    public SensitivityAtSpecificity(double specificity) {
        this(specificity, 200, null, "sensitivity_at_specificity");
    }

    /**
     * Keras's arguments.
     *
     * @param classId the index of the last axis to use, or null for all
     * @throws IllegalArgumentException for a specificity outside [0, 1] or {@code numThresholds < 1}
     */
    public SensitivityAtSpecificity(double specificity, int numThresholds, Integer classId, String name) {
        super(name, "specificity", specificity, numThresholds, classId);
    }

    /** The best value where the constraint holds. */
    @Override
    public double result() {
        return maxWhere(rate(tn, fp), rate(tp, fn));
    }

    /** Keras's {@code from_config}: {@code specificity}, {@code num_thresholds} (200), {@code class_id}. */
    public static SensitivityAtSpecificity fromConfig(Config config) {
        return new SensitivityAtSpecificity(config.requireNumber("specificity"), config.integer("num_thresholds", 200),
                config.integer("class_id", null), "sensitivity_at_specificity");
    }
}
