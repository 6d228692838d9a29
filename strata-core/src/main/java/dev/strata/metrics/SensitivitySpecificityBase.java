package dev.strata.metrics;

import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * Keras's {@code SensitivitySpecificityBase}: all four confusion counts at {@code num_thresholds} evenly spaced
 * thresholds in [0, 1] (float32 vectors), and the best value of one rate where another meets a constraint; the
 * shared part of {@link SensitivityAtSpecificity}, {@link SpecificityAtSensitivity}, {@link PrecisionAtRecall} and
 * {@link RecallAtPrecision}.
 */
abstract sealed class SensitivitySpecificityBase extends Metric
        permits SensitivityAtSpecificity, SpecificityAtSensitivity, PrecisionAtRecall, RecallAtPrecision {
    private final double value;
    private final String valueKey;
    private final int numThresholds;
    private final Integer classId;
    private final double[] thresholds;
    final float[] tp;
    final float[] fp;
    final float[] tn;
    final float[] fn;
    private final ConfusionMatrices.Counts counts;

    SensitivitySpecificityBase(String name, String valueKey, double value, int numThresholds, Integer classId) {
        super(name);
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(ConfusionMatrices.describe(this) + ": '" + valueKey
                    + "' must be in the range [0, 1], got " + value);
        }
        if (numThresholds <= 0) {
            throw new IllegalArgumentException(ConfusionMatrices.describe(this)
                    + ": 'num_thresholds' must be an integer > 0, got " + numThresholds);
        }
        this.value = value;
        this.valueKey = valueKey;
        this.numThresholds = numThresholds;
        this.classId = classId;
        if (numThresholds == 1) {
            thresholds = new double[] {0.5};
        } else {
            thresholds = new double[numThresholds];
            for (int i = 1; i < numThresholds - 1; i++) {
                thresholds[i] = i * 1.0 / (numThresholds - 1);
            }
            thresholds[numThresholds - 1] = 1.0;
        }
        tp = new float[thresholds.length];
        fp = new float[thresholds.length];
        tn = new float[thresholds.length];
        fn = new float[thresholds.length];
        counts = new ConfusionMatrices.Counts(tp, fp, tn, fn);
    }

    /** The constraint's value (Keras's {@code specificity}, {@code sensitivity}, {@code recall} or {@code precision}). */
    final double value() {
        return value;
    }

    /** Keras's {@code num_thresholds}. */
    public final int numThresholds() {
        return numThresholds;
    }

    /** Keras's {@code class_id}, or null. */
    public final Integer classId() {
        return classId;
    }

    /** Adds the batch's weighted confusion counts at each threshold. */
    @Override
    public final void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        ConfusionMatrices.update(this, yTrue, yPred, sampleWeight, thresholds, null, classId, false, null,
                numThresholds > 1, counts);
    }

    @Override
    public final void reset() {
        counts.reset();
    }

    /** The ratio {@code a / (a + b)} per threshold, 0 where nothing was counted. */
    static float[] rate(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ConfusionMatrices.divideNoNan(a[i], a[i] + b[i]);
        }
        return out;
    }

    /** Keras's {@code _find_max_under_constraint}: the largest {@code dependent} where {@code constrained >= value}. */
    final double maxWhere(float[] constrained, float[] dependent) {
        float bound = (float) value;
        float best = 0f;
        for (int i = 0; i < constrained.length; i++) {
            if (constrained[i] >= bound && dependent[i] > best) {
                best = dependent[i];
            }
        }
        return best;
    }

    /** {@code name}, {@code dtype}, {@code class_id}, {@code num_thresholds} and the constraint's value. */
    @Override
    public final Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("class_id", classId);
        config.put("num_thresholds", numThresholds);
        config.put(valueKey, value);
        return config;
    }
}
