package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.losses.Losses;
import java.util.Map;

/**
 * The mean categorical crossentropy, like {@code keras.metrics.CategoricalCrossentropy} (default name
 * {@code "categorical_crossentropy"}, probabilities, no label smoothing, axis -1): the weighted mean over samples
 * of {@link Losses#categoricalCrossentropy}.
 */
public final class CategoricalCrossentropy extends MeanMetricWrapper {
    private final boolean fromLogits;
    private final double labelSmoothing;
    private final int axis;

    /** Named {@code "categorical_crossentropy"}, on probabilities. */
    public CategoricalCrossentropy() {
        this("categorical_crossentropy");
    }

    /** With the given name, on probabilities. */
    public CategoricalCrossentropy(String name) {
        this(name, false, 0.0);
    }

    /** With the given name and options, classes on the last axis. */
    public CategoricalCrossentropy(String name, boolean fromLogits, double labelSmoothing) {
        this(name, fromLogits, labelSmoothing, -1);
    }

    /** With every option. */
    public CategoricalCrossentropy(String name, boolean fromLogits, double labelSmoothing, int axis) {
        super((t, p) -> Losses.categoricalCrossentropy(t, p, fromLogits, labelSmoothing, axis), name);
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
        this.axis = axis;
    }

    /** {@code name}, {@code dtype}, {@code from_logits}, {@code label_smoothing} and {@code axis}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
        config.put("axis", axis);
        return config;
    }

    /** Keras's {@code from_config}: {@code from_logits}, {@code label_smoothing} and {@code axis}, Keras's defaults. */
    public static CategoricalCrossentropy fromConfig(Config config) {
        // name and dtype are the base keys Metric.FAMILY applies
        return new CategoricalCrossentropy("categorical_crossentropy", config.bool("from_logits", false),
                config.number("label_smoothing", 0.0), config.integer("axis", -1));
    }
}
