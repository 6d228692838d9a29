package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.losses.Losses;
import dev.strata.ops.Ops;
import java.util.Map;

/**
 * The cosine similarity as a metric, as {@code keras.metrics.CosineSimilarity} (default name
 * {@code "cosine_similarity"}, {@code axis} -1): the weighted mean over samples of
 * {@code sum(l2_normalize(t) * l2_normalize(p), axis)}, 1 for the same direction (the negated
 * {@link Losses#cosineSimilarity}).
 */
public final class CosineSimilarity extends MeanMetricWrapper {
    private final int axis;

    /** Named {@code "cosine_similarity"}, along the last axis. */
    public CosineSimilarity() {
        this("cosine_similarity");
    }

    /** With the given name, along the last axis. */
    public CosineSimilarity(String name) {
        this(name, -1);
    }

    /** With the given name and axis. */
    public CosineSimilarity(String name, int axis) {
        super((t, p) -> Ops.negative(Losses.cosineSimilarity(t, p, axis)), name);
        this.axis = axis;
    }

    /** The axis the similarity is computed along. */
    public int axis() {
        return axis;
    }

    /**
     * {@code name}, {@code dtype} and {@code axis}. (Keras 3.15's {@code get_config} leaves {@code axis} out, so a
     * reloaded Keras metric falls back to axis -1; Strata keeps it, and Keras's {@code from_config} accepts it.)
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("axis", axis);
        return config;
    }

    /** Keras's {@code from_config}: {@code axis}, -1 if missing (as a config Keras itself wrote). */
    public static CosineSimilarity fromConfig(Config config) {
        return new CosineSimilarity("cosine_similarity", config.integer("axis", -1)); // name, dtype: Metric.FAMILY
    }
}
