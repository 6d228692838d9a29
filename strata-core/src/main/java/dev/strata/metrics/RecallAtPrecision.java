package dev.strata.metrics;

import dev.strata.config.Config;

/**
 * The best recall where the precision is at least a given value, like {@code keras.metrics.RecallAtPrecision} (default name {@code "recall_at_precision"}, 200 thresholds): the confusion counts
 * are kept at {@code num_thresholds} evenly spaced thresholds in [0, 1] and the result is the best value over the
 * thresholds that meet the constraint (0 if none does); {@code class_id} restricts it to one index of the last axis.
 */
public final class RecallAtPrecision extends SensitivitySpecificityBase {
    /**
     * At the given precision, 200 thresholds, all classes.
     *
     * @throws IllegalArgumentException for a precision outside [0, 1]
     */
    public RecallAtPrecision(double precision) {
        this(precision, 200, null, "recall_at_precision");
    }

    /**
     * Keras's arguments.
     *
     * @param classId the index of the last axis to use, or null for all
     * @throws IllegalArgumentException for a precision outside [0, 1] or {@code numThresholds < 1}
     */
    public RecallAtPrecision(double precision, int numThresholds, Integer classId, String name) {
        super(name, "precision", precision, numThresholds, classId);
    }

    /** The best value where the constraint holds. */
    @Override
    public double result() {
        return maxWhere(rate(tp, fp), rate(tp, fn));
    }

    /** Keras's {@code from_config}: {@code precision}, {@code num_thresholds} (200), {@code class_id}. */
    public static RecallAtPrecision fromConfig(Config config) {
        return new RecallAtPrecision(config.requireNumber("precision"), config.integer("num_thresholds", 200),
                config.integer("class_id", null), "recall_at_precision");
    }
}
