package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * How often the target class (argmax of the one-hot y_true) is among the k largest predictions, like
 * {@code keras.metrics.TopKCategoricalAccuracy} (default name {@code "top_k_categorical_accuracy"}, k = 5). Ties
 * count for the target: it is in the top k when fewer than k predictions are strictly larger (Keras's
 * {@code in_top_k}); a NaN prediction for the target never is.
 */
public final class TopKCategoricalAccuracy extends MeanMetricWrapper {
    private final int k;

    /** Named {@code "top_k_categorical_accuracy"}, k = 5. */
    public TopKCategoricalAccuracy() {
        this(5, "top_k_categorical_accuracy");
    }

    /**
     * With the given k and name.
     *
     * @throws IllegalArgumentException for {@code k < 1}
     */
    public TopKCategoricalAccuracy(int k, String name) {
        super((t, p) -> TopK.categorical(name, t, p, k), name);
        TopK.checkK(this, k);
        this.k = k;
    }

    /** Keras's {@code k}. */
    public int k() {
        return k;
    }

    /** {@code name}, {@code dtype} and {@code k}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("k", k);
        return config;
    }

    /** The per-sample matches; the function names the metric as made, so a renamed metric is described by class. */
    @Override
    Tensor values(Tensor yTrue, Tensor yPred) {
        return TopK.categorical(name(), yTrue, yPred, k);
    }

    /** Keras's {@code from_config}: {@code k} (5). */
    public static TopKCategoricalAccuracy fromConfig(Config config) {
        return new TopKCategoricalAccuracy(config.integer("k", 5), "top_k_categorical_accuracy");
    }
}
