package dev.strata.metrics;

import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * What {@link Precision} and {@link Recall} share in Keras (each writes it out): thresholds, {@code top_k},
 * {@code class_id}, two float32 count vectors and a ratio of them.
 */
abstract sealed class PrecisionRecall extends Metric permits Precision, Recall {
    private final Object initThresholds;
    private final Integer topK;
    private final Integer classId;
    private final double[] thresholds;
    private final boolean evenly;
    final float[] truePositives;
    /** false positives for precision, false negatives for recall. */
    final float[] other;
    private final ConfusionMatrices.Counts counts;

    PrecisionRecall(String name, Object thresholds, Integer topK, Integer classId, boolean precision) {
        super(name);
        if (topK != null && topK < 1) {
            throw new IllegalArgumentException(ConfusionMatrices.describe(this) + ": top_k must be at least 1, got "
                    + topK);
        }
        this.initThresholds = thresholds;
        this.topK = topK;
        this.classId = classId;
        this.thresholds = ConfusionMatrices.parseThresholds(ConfusionMatrices.describe(this),
                ConfusionCount.asList(thresholds), topK == null ? 0.5 : ConfusionMatrices.NEG_INF);
        this.evenly = ConfusionMatrices.evenlyDistributed(this.thresholds);
        this.truePositives = new float[this.thresholds.length];
        this.other = new float[this.thresholds.length];
        this.counts = precision ? new ConfusionMatrices.Counts(truePositives, other, null, null)
                : new ConfusionMatrices.Counts(truePositives, null, null, other);
    }

    static Object copy(List<Double> thresholds) {
        return thresholds == null ? null : List.copyOf(thresholds);
    }

    /** The thresholds (0.5 if none were given, or -1e10 with {@code top_k}). */
    public final double[] thresholds() {
        return thresholds.clone();
    }

    /** Keras's {@code top_k}, or null. */
    public final Integer topK() {
        return topK;
    }

    /** Keras's {@code class_id}, or null. */
    public final Integer classId() {
        return classId;
    }

    /** Adds the batch's weighted counts at each threshold. */
    @Override
    public final void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        ConfusionMatrices.update(this, yTrue, yPred, sampleWeight, thresholds, topK, classId, false, null, evenly,
                counts);
    }

    /** {@code tp / (tp + other)} per threshold, 0 where nothing was counted. */
    @Override
    public final Tensor resultTensor() {
        return MetricSupport.scalarOrVector(ratios());
    }

    /** The ratio (the mean of the ratios when there are several thresholds; see {@link #resultTensor()}). */
    @Override
    public final double result() {
        return MetricSupport.mean(ratios());
    }

    private float[] ratios() {
        float[] out = new float[truePositives.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ConfusionMatrices.divideNoNan(truePositives[i], truePositives[i] + other[i]);
        }
        return out;
    }

    @Override
    public final void reset() {
        counts.reset();
    }

    /** {@code name}, {@code dtype}, {@code thresholds} (as given), {@code top_k} and {@code class_id}. */
    @Override
    public final Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("thresholds", initThresholds);
        config.put("top_k", topK);
        config.put("class_id", classId);
        return config;
    }
}
