package dev.strata.metrics;

import dev.strata.config.Config;
import java.util.List;

/**
 * Recall, like {@code keras.metrics.Recall} (default name {@code "recall"}): the fraction of positive labels predicted positive, {@code tp / (tp + fn)}, with predictions
 * positive above a threshold (0.5 by default; with {@code top_k}, only the k largest predictions of the last axis
 * count as positive) and labels positive when non-zero; {@code class_id} restricts it to one index of the last axis.
 * With several thresholds the result is a vector ({@link #resultTensor()}).
 */
public final class Recall extends PrecisionRecall {
    /** Named {@code "recall"}, threshold 0.5. */
    public Recall() {
        this(null, null, null, "recall");
    }

    /**
     * At one threshold.
     *
     * @throws IllegalArgumentException for a threshold outside [0, 1]
     */
    public Recall(double threshold) {
        this(Double.valueOf(threshold), null, null, "recall");
    }

    /**
     * Keras's arguments: thresholds (null for 0.5, or -1e10 with {@code topK}), {@code top_k} and {@code class_id}
     * (each null for none), and the name.
     *
     * @throws IllegalArgumentException for a threshold outside [0, 1] or {@code topK < 1}
     */
    public Recall(List<Double> thresholds, Integer topK, Integer classId, String name) {
        this(copy(thresholds), topK, classId, name);
    }

    private Recall(Object thresholds, Integer topK, Integer classId, String name) {
        super(name, thresholds, topK, classId, false);
    }

    /** Keras's {@code from_config}: {@code thresholds} (null, a number or a list), {@code top_k}, {@code class_id}. */
    public static Recall fromConfig(Config config) {
        Object t = config.raw("thresholds");
        Object thresholds = t instanceof Number n ? Double.valueOf(n.doubleValue())
                : ConfusionMatrices.thresholds(config, "thresholds");
        return new Recall(thresholds, config.integer("top_k", null), config.integer("class_id", null), "recall");
    }
}
