package dev.strata.metrics;

import dev.strata.config.Config;
import java.util.Map;

/**
 * How often a binary prediction matches its target, like {@code keras.metrics.BinaryAccuracy} (default name
 * {@code "binary_accuracy"}, threshold 0.5): a prediction counts as 1 when strictly greater than the threshold,
 * and must then equal the target exactly.
 */
public final class BinaryAccuracy extends MeanMetricWrapper {
    private final double threshold;

    /** Named {@code "binary_accuracy"}, threshold 0.5. */
    public BinaryAccuracy() {
        this("binary_accuracy");
    }

    /** With the given name and threshold 0.5. */
    public BinaryAccuracy(String name) {
        this(name, 0.5);
    }

    /** With the given name and threshold. */
    public BinaryAccuracy(String name, double threshold) {
        super((t, p) -> Metrics.binaryAccuracy(t, p, threshold), name);
        this.threshold = threshold;
    }

    /** The threshold above which a prediction means 1. */
    public double threshold() {
        return threshold;
    }

    /** {@code name}, {@code dtype} and {@code threshold}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("threshold", threshold);
        return config;
    }

    /** Keras's {@code from_config}: {@code threshold}, 0.5 if missing. */
    public static BinaryAccuracy fromConfig(Config config) {
        // name and dtype are the base keys Metric.FAMILY applies
        return new BinaryAccuracy("binary_accuracy", config.number("threshold", 0.5));
    }
}
