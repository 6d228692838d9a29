package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.losses.Losses;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * The mean sparse categorical crossentropy, like {@code keras.metrics.SparseCategoricalCrossentropy} (default name
 * {@code "sparse_categorical_crossentropy"}, probabilities): the weighted mean over samples of
 * {@link Losses#sparseCategoricalCrossentropy}.
 *
 * <p>With {@code ignoreClass}, ignored samples have value 0. As in Keras, they are left out of the count only when
 * sample weights are given (their weight becomes 0); without weights they count as zeros.
 */
public final class SparseCategoricalCrossentropy extends MeanMetricWrapper {
    private final boolean fromLogits;
    private final Integer ignoreClass;

    /** Named {@code "sparse_categorical_crossentropy"}, on probabilities. */
    public SparseCategoricalCrossentropy() {
        this("sparse_categorical_crossentropy");
    }

    /** With the given name, on probabilities. */
    public SparseCategoricalCrossentropy(String name) {
        this(name, false);
    }

    /** With the given name, on logits if {@code fromLogits}. */
    public SparseCategoricalCrossentropy(String name, boolean fromLogits) {
        this(name, fromLogits, null);
    }

    /** With every option; {@code ignoreClass} may be null. */
    public SparseCategoricalCrossentropy(String name, boolean fromLogits, Integer ignoreClass) {
        super((t, p) -> Losses.sparseCategoricalCrossentropy(t, p, fromLogits, ignoreClass), name);
        this.fromLogits = fromLogits;
        this.ignoreClass = ignoreClass;
    }

    @Override
    Tensor weights(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        if (ignoreClass == null || sampleWeight == null) {
            return sampleWeight;
        }
        Tensor labels = yTrue.rank() == yPred.rank() && yTrue.shape().get(-1) == 1
                ? MetricSupport.squeezeLast(yTrue) : yTrue;
        Tensor[] mw = MetricSupport.alignRanks(Ops.notEqual(labels, (float) ignoreClass), sampleWeight);
        return Ops.multiply(mw[1], mw[0]);
    }

    /** {@code name}, {@code dtype}, {@code from_logits}, {@code ignore_class} and {@code axis} (always -1). */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("from_logits", fromLogits);
        config.put("ignore_class", ignoreClass);
        config.put("axis", -1);
        return config;
    }

    /**
     * Keras's {@code from_config}: {@code from_logits} and {@code ignore_class}, Keras's defaults; Keras's {@code axis}
     * is accepted only as -1, the axis Strata's sparse crossentropy reads the classes from.
     */
    public static SparseCategoricalCrossentropy fromConfig(Config config) {
        config.requireDefault("axis", -1, "Strata's sparse crossentropy reads the classes from the last axis");
        // name and dtype are the base keys Metric.FAMILY applies
        return new SparseCategoricalCrossentropy("sparse_categorical_crossentropy", config.bool("from_logits", false),
                config.integer("ignore_class", null));
    }
}
