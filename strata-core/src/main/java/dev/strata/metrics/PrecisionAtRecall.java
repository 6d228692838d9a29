package dev.strata.metrics;

import dev.strata.config.Config;

/**
 * The best precision where the recall is at least a given value, like {@code keras.metrics.PrecisionAtRecall} (default name {@code "precision_at_recall"}, 200 thresholds): the confusion counts
 * are kept at {@code num_thresholds} evenly spaced thresholds in [0, 1] and the result is the best value over the
 * thresholds that meet the constraint (0 if none does); {@code class_id} restricts it to one index of the last axis.
 */
public final class PrecisionAtRecall extends SensitivitySpecificityBase {
    /**
     * At the given recall, 200 thresholds, all classes.
     *
     * @throws IllegalArgumentException for a recall outside [0, 1]
     */
    public PrecisionAtRecall(double recall) {
        this(recall, 200, null, "precision_at_recall");
    }

    /**
     * Keras's arguments.
     *
     * @param classId the index of the last axis to use, or null for all
     * @throws IllegalArgumentException for a recall outside [0, 1] or {@code numThresholds < 1}
     */
    public PrecisionAtRecall(double recall, int numThresholds, Integer classId, String name) {
        super(name, "recall", recall, numThresholds, classId);
    }

    /** The best value where the constraint holds. */
    @Override
    public double result() {
        return maxWhere(rate(tp, fn), rate(tp, fp));
    }

    /** Keras's {@code from_config}: {@code recall}, {@code num_thresholds} (200), {@code class_id}. */
    public static PrecisionAtRecall fromConfig(Config config) {
        return new PrecisionAtRecall(config.requireNumber("recall"), config.integer("num_thresholds", 200),
                config.integer("class_id", null), "precision_at_recall");
    }
}
