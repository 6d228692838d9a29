package dev.strata.metrics;

import dev.strata.config.Config;

/**
 * The best specificity where the sensitivity (recall) is at least a given value, like {@code keras.metrics.SpecificityAtSensitivity} (default name {@code "specificity_at_sensitivity"}, 200 thresholds): the confusion counts
 * are kept at {@code num_thresholds} evenly spaced thresholds in [0, 1] and the result is the best value over the
 * thresholds that meet the constraint (0 if none does); {@code class_id} restricts it to one index of the last axis.
 */
public final class SpecificityAtSensitivity extends SensitivitySpecificityBase {
    /**
     * At the given sensitivity, 200 thresholds, all classes.
     *
     * @throws IllegalArgumentException for a sensitivity outside [0, 1]
     */
    public SpecificityAtSensitivity(double sensitivity) {
        this(sensitivity, 200, null, "specificity_at_sensitivity");
    }

    /**
     * Keras's arguments.
     *
     * @param classId the index of the last axis to use, or null for all
     * @throws IllegalArgumentException for a sensitivity outside [0, 1] or {@code numThresholds < 1}
     */
    public SpecificityAtSensitivity(double sensitivity, int numThresholds, Integer classId, String name) {
        super(name, "sensitivity", sensitivity, numThresholds, classId);
    }

    /** The best value where the constraint holds. */
    @Override
    public double result() {
        return maxWhere(rate(tp, fn), rate(tn, fp));
    }

    /** Keras's {@code from_config}: {@code sensitivity}, {@code num_thresholds} (200), {@code class_id}. */
    public static SpecificityAtSensitivity fromConfig(Config config) {
        return new SpecificityAtSensitivity(config.requireNumber("sensitivity"), config.integer("num_thresholds", 200),
                config.integer("class_id", null), "specificity_at_sensitivity");
    }
}
