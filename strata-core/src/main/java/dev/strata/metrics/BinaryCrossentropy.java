package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.losses.Losses;
import java.util.Map;

/**
 * The mean binary crossentropy, like {@code keras.metrics.BinaryCrossentropy} (default name
 * {@code "binary_crossentropy"}, probabilities, no label smoothing): the weighted mean over samples of
 * {@link Losses#binaryCrossentropy}.
 */
public final class BinaryCrossentropy extends MeanMetricWrapper {
    private final boolean fromLogits;
    private final double labelSmoothing;

    /** Named {@code "binary_crossentropy"}, on probabilities. */
    public BinaryCrossentropy() {
        this("binary_crossentropy");
    }

    /** With the given name, on probabilities. */
    public BinaryCrossentropy(String name) {
        this(name, false, 0.0);
    }

    /** With every option. */
    public BinaryCrossentropy(String name, boolean fromLogits, double labelSmoothing) {
        super((t, p) -> Losses.binaryCrossentropy(t, p, fromLogits, labelSmoothing, -1), name);
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
    }

    /** {@code name}, {@code dtype}, {@code from_logits} and {@code label_smoothing}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
        return config;
    }

    /** Keras's {@code from_config}: {@code from_logits} and {@code label_smoothing}, Keras's defaults. */
    public static BinaryCrossentropy fromConfig(Config config) {
        // name and dtype are the base keys Metric.FAMILY applies
        return new BinaryCrossentropy("binary_crossentropy", config.bool("from_logits", false),
                config.number("label_smoothing", 0.0));
    }
}
