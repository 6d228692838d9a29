package dev.strata.metrics;

import dev.strata.config.Config;
import java.util.List;

/**
 * Precision, like {@code keras.metrics.Precision} (default name {@code "precision"}): the fraction of positive predictions whose label is positive, {@code tp / (tp + fp)}, with predictions
 * positive above a threshold (0.5 by default; with {@code top_k}, only the k largest predictions of the last axis
 * count as positive) and labels positive when non-zero; {@code class_id} restricts it to one index of the last axis.
 * With several thresholds the result is a vector ({@link #resultTensor()}).
 */
public final class Precision extends PrecisionRecall {
    /** Named {@code "precision"}, threshold 0.5. */
    public Precision() {
        this(null, null, null, "precision");
    }

    /**
     * At one threshold.
     *
     * @throws IllegalArgumentException for a threshold outside [0, 1]
     */
    public Precision(double threshold) {
        this(Double.valueOf(threshold), null, null, "precision");
    }

    /**
     * Keras's arguments: thresholds (null for 0.5, or -1e10 with {@code topK}), {@code top_k} and {@code class_id}
     * (each null for none), and the name.
     *
     * @throws IllegalArgumentException for a threshold outside [0, 1] or {@code topK < 1}
     */
    public Precision(List<Double> thresholds, Integer topK, Integer classId, String name) {
        this(copy(thresholds), topK, classId, name);
    }

    private Precision(Object thresholds, Integer topK, Integer classId, String name) {
        super(name, thresholds, topK, classId, true);
    }

    /** Keras's {@code from_config}: {@code thresholds} (null, a number or a list), {@code top_k}, {@code class_id}. */
    public static Precision fromConfig(Config config) {
        Object t = config.raw("thresholds");
        Object thresholds = t instanceof Number n ? Double.valueOf(n.doubleValue())
                : ConfusionMatrices.thresholds(config, "thresholds");
        return new Precision(thresholds, config.integer("top_k", null), config.integer("class_id", null), "precision");
    }
}
