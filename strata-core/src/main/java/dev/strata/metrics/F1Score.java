package dev.strata.metrics;

import dev.strata.config.Config;
import java.util.Map;

/**
 * The F1 score, like {@code keras.metrics.F1Score} (default name {@code "f1_score"}): an {@link FBetaScore} with
 * beta 1, {@code 2·precision·recall / (precision + recall)}, per class unless {@code average} says otherwise.
 */
public final class F1Score extends FBetaScore {
    /** Named {@code "f1_score"}: per-class scores, the top prediction of each row as positive. */
    public F1Score() {
        this(null, null, "f1_score");
    }

    /**
     * Keras's arguments.
     *
     * @param average null, {@code "micro"}, {@code "macro"} or {@code "weighted"}
     * @param threshold in (0, 1], or null for the top prediction of each row
     * @throws IllegalArgumentException for another average or a threshold outside (0, 1]
     */
    public F1Score(String average, Double threshold, String name) {
        super(average, 1.0, threshold, name);
    }

    /** {@code name}, {@code dtype}, {@code average} and {@code threshold} (Keras leaves beta out). */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.remove("beta");
        return config;
    }

    /** Keras's {@code from_config}: {@code average}, {@code threshold}. */
    public static F1Score fromConfig(Config config) {
        Double threshold = config.raw("threshold") != null ? config.number("threshold", 0) : null;
        return new F1Score(config.string("average", null), threshold, "f1_score");
    }
}
