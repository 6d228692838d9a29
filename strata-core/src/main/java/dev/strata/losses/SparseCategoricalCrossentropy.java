package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * Sparse categorical crossentropy, as {@code keras.losses.SparseCategoricalCrossentropy} (default name
 * {@code "sparse_categorical_crossentropy"}, {@code fromLogits} false, no ignored class): integer labels against
 * per-class predictions on the last axis, {@code -log p[label]} per sample.
 *
 * <p>With {@code ignoreClass}, samples with that label get loss 0 and are left out of the mean: under
 * {@code sum_over_batch_size} the sum is divided by the number of samples that count, not by the batch size.
 */
public final class SparseCategoricalCrossentropy extends Loss {
    private final boolean fromLogits;
    private final Integer ignoreClass;

    /** With Keras's defaults: predictions are probabilities. */
    public SparseCategoricalCrossentropy() {
        this(false);
    }

    /** Predictions are logits if {@code fromLogits}, else probabilities. */
    public SparseCategoricalCrossentropy(boolean fromLogits) {
        this(fromLogits, null);
    }

    /** With a label to ignore (null for none). */
    public SparseCategoricalCrossentropy(boolean fromLogits, Integer ignoreClass) {
        this(fromLogits, ignoreClass, Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With a label to ignore (null for none) and a reduction. */
    public SparseCategoricalCrossentropy(boolean fromLogits, Integer ignoreClass, Reduction reduction) {
        this(fromLogits, ignoreClass, reduction, "sparse_categorical_crossentropy");
    }

    /** With every option. */
    public SparseCategoricalCrossentropy(boolean fromLogits, Integer ignoreClass, Reduction reduction, String name) {
        super(name, reduction);
        this.fromLogits = fromLogits;
        this.ignoreClass = ignoreClass;
    }

    /** Whether predictions are logits. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** The ignored label, or null. */
    public Integer ignoreClass() {
        return ignoreClass;
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.sparseCategoricalCrossentropy(yTrue, yPred, fromLogits, ignoreClass);
    }

    @Override
    protected Masked callMasked(Tensor yTrue, Tensor yPred) {
        return Losses.sparseCategoricalCrossentropyMasked(yTrue, yPred, fromLogits, ignoreClass);
    }

    /**
     * Keras's {@code from_config}: {@code from_logits} and {@code ignore_class}, Keras's defaults; Keras's
     * {@code axis} is accepted only as -1, the axis Strata's sparse crossentropy reads the classes from.
     */
    public static SparseCategoricalCrossentropy fromConfig(Config config) {
        config.requireDefault("axis", -1, "Strata's sparse crossentropy reads the classes from the last axis");
        // name and reduction are the base keys Loss.FAMILY applies
        return new SparseCategoricalCrossentropy(config.bool("from_logits", false),
                config.integer("ignore_class", null));
    }

    /** {@code name}, {@code reduction}, {@code from_logits} and {@code ignore_class}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("from_logits", fromLogits);
        config.put("ignore_class", ignoreClass);
        return config;
    }
}
