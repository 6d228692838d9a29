package dev.strata.metrics;

import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code _ConfusionMatrixConditionCount}: one cell of the confusion matrix counted at each threshold, the
 * shared part of {@link TruePositives}, {@link FalsePositives}, {@link TrueNegatives} and {@link FalseNegatives}.
 * The count is a float32 vector with one entry per threshold (Keras's {@code accumulator}).
 */
abstract sealed class ConfusionCount extends Metric
        permits TruePositives, FalsePositives, TrueNegatives, FalseNegatives {
    /** The thresholds as given, a number or a list (Keras's {@code init_thresholds}), for the config. */
    private final Object initThresholds;
    private final double[] thresholds;
    private final boolean evenly;
    private final float[] accumulator;
    private final ConfusionMatrices.Counts counts;

    ConfusionCount(String name, Object thresholds, char cell) {
        super(name);
        this.initThresholds = thresholds;
        this.thresholds = ConfusionMatrices.parseThresholds(ConfusionMatrices.describe(this), asList(thresholds), 0.5);
        this.evenly = ConfusionMatrices.evenlyDistributed(this.thresholds);
        this.accumulator = new float[this.thresholds.length];
        this.counts = switch (cell) {
            case 'p' -> new ConfusionMatrices.Counts(accumulator, null, null, null);
            case 'f' -> new ConfusionMatrices.Counts(null, accumulator, null, null);
            case 'n' -> new ConfusionMatrices.Counts(null, null, accumulator, null);
            default -> new ConfusionMatrices.Counts(null, null, null, accumulator);
        };
    }

    static List<Double> asList(Object thresholds) {
        if (thresholds instanceof Number n) {
            return List.of(n.doubleValue());
        }
        @SuppressWarnings("unchecked")
        List<Double> l = (List<Double>) thresholds;
        return l;
    }

    /** The thresholds (0.5 if none were given). */
    public final double[] thresholds() {
        return thresholds.clone();
    }

    /**
     * Adds the batch's weighted count at each threshold (a prediction is positive when above it, a label when
     * non-zero); the weights broadcast to y_pred.
     */
    @Override
    public final void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        ConfusionMatrices.update(this, yTrue, yPred, sampleWeight, thresholds, null, null, false, null, evenly,
                counts);
    }

    /** The count (the mean of the counts when there are several thresholds; see {@link #resultTensor()}). */
    @Override
    public final double result() {
        return MetricSupport.mean(accumulator);
    }

    /** The count: a scalar for one threshold, else a vector with one per threshold. */
    @Override
    public final Tensor resultTensor() {
        return MetricSupport.scalarOrVector(accumulator);
    }

    @Override
    public final void reset() {
        counts.reset();
    }

    /** {@code name}, {@code dtype} and {@code thresholds} (as given: null, a number or a list). */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("thresholds", initThresholds);
        return config;
    }
}
