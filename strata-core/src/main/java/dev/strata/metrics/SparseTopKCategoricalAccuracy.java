package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * How often an integer label is among the k largest predictions, like
 * {@code keras.metrics.SparseTopKCategoricalAccuracy} (default name {@code "sparse_top_k_categorical_accuracy"},
 * k = 5). Labels have y_pred's shape without its last axis (or with a last axis of size 1). With
 * {@code from_sorted_ids}, y_pred holds class ids sorted by score instead of scores, and a label matches when it is
 * among the first k.
 */
public final class SparseTopKCategoricalAccuracy extends MeanMetricWrapper {
    private final int k;
    private final boolean fromSortedIds;

    /** Named {@code "sparse_top_k_categorical_accuracy"}, k = 5, scores. */
    public SparseTopKCategoricalAccuracy() {
        this(5, "sparse_top_k_categorical_accuracy", false);
    }

    /**
     * Keras's arguments.
     *
     * @throws IllegalArgumentException for {@code k < 1}
     */
    public SparseTopKCategoricalAccuracy(int k, String name, boolean fromSortedIds) {
        super((t, p) -> TopK.sparse(name, t, p, k, fromSortedIds), name);
        TopK.checkK(this, k);
        this.k = k;
        this.fromSortedIds = fromSortedIds;
    }

    /** Keras's {@code k}. */
    public int k() {
        return k;
    }

    /** Whether y_pred holds sorted class ids (Keras's {@code from_sorted_ids}). */
    public boolean fromSortedIds() {
        return fromSortedIds;
    }

    @Override
    Tensor values(Tensor yTrue, Tensor yPred) {
        return TopK.sparse(name(), yTrue, yPred, k, fromSortedIds);
    }

    /** {@code name}, {@code dtype}, {@code k}, and {@code from_sorted_ids} only when true (as Keras writes it). */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("k", k);
        if (fromSortedIds) {
            config.put("from_sorted_ids", true);
        }
        return config;
    }

    /** Keras's {@code from_config}: {@code k} (5), {@code from_sorted_ids} (false). */
    public static SparseTopKCategoricalAccuracy fromConfig(Config config) {
        return new SparseTopKCategoricalAccuracy(config.integer("k", 5), "sparse_top_k_categorical_accuracy",
                config.bool("from_sorted_ids", false));
    }
}
