package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * The cosine similarity loss, as {@code keras.losses.CosineSimilarity} (default name {@code "cosine_similarity"},
 * {@code axis} -1): per sample {@code -sum(l2_normalize(t) * l2_normalize(p), axis)}, -1 for the same direction, 0
 * when either is a zero vector, see {@link Losses#cosineSimilarity}.
 */
public final class CosineSimilarity extends Loss {
    private final int axis;

    /** With Keras's defaults (axis -1). */
    public CosineSimilarity() {
        this(-1);
    }

    /** Along the given axis. */
    public CosineSimilarity(int axis) {
        this(axis, Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** Along the given axis, with the given reduction. */
    public CosineSimilarity(int axis, Reduction reduction) {
        this(axis, reduction, "cosine_similarity");
    }

    /** With every option. */
    public CosineSimilarity(int axis, Reduction reduction, String name) {
        super(name, reduction);
        this.axis = axis;
    }

    /** The axis the similarity is computed along. */
    public int axis() {
        return axis;
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.cosineSimilarity(yTrue, yPred, axis);
    }

    /** Keras's {@code from_config}: {@code axis}, -1 if missing (as a config Keras itself wrote). */
    public static CosineSimilarity fromConfig(Config config) {
        return new CosineSimilarity(config.integer("axis", -1)); // name and reduction: Loss.FAMILY
    }

    /**
     * {@code name}, {@code reduction} and {@code axis}. (Keras 3.15's {@code CosineSimilarity.get_config} leaves
     * {@code axis} out, so a reloaded Keras loss falls back to axis -1; Strata keeps it, and Keras's
     * {@code from_config} accepts it.)
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("axis", axis);
        return config;
    }
}
