package dev.strata.metrics;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * The F-beta score, like {@code keras.metrics.FBetaScore} (default name {@code "fbeta_score"}, beta 1, no average,
 * no threshold): {@code (1 + β²)·precision·recall / (β²·precision + recall)} from float32 counts of true positives,
 * false positives and false negatives per class (or over all classes with {@code average="micro"}). Inputs are
 * rank 2, (batch, classes). Without a threshold, the largest prediction of each row counts as positive (every one
 * that ties with it, if it is not ~0); with one, the predictions above it.
 *
 * <p>{@code average}: null gives a vector, one score per class ({@link #resultTensor()}; {@link #result()} is their
 * mean); {@code "micro"} one score from the pooled counts; {@code "macro"} the mean of the per-class scores;
 * {@code "weighted"} their mean weighted by each class's (weighted) number of true labels.
 */
public class FBetaScore extends Metric {
    private static final float EPSILON = 1e-7f;
    private final String average;
    private final double beta;
    private final Double threshold;
    private int classes = -1;
    private float[] truePositives;
    private float[] falsePositives;
    private float[] falseNegatives;
    private float[] intermediateWeights;

    /** Named {@code "fbeta_score"}: beta 1, per-class scores, the top prediction of each row as positive. */
    public FBetaScore() {
        this(null, 1.0, null, "fbeta_score");
    }

    /**
     * Keras's arguments.
     *
     * @param average null, {@code "micro"}, {@code "macro"} or {@code "weighted"}
     * @param beta the weight of recall, > 0
     * @param threshold in (0, 1], or null for the top prediction of each row
     * @throws IllegalArgumentException for another average, {@code beta <= 0} or a threshold outside (0, 1]
     */
    public FBetaScore(String average, double beta, Double threshold, String name) {
        super(name);
        if (average != null && !average.equals("micro") && !average.equals("macro") && !average.equals("weighted")) {
            throw new IllegalArgumentException(describe() + ": invalid average \"" + average
                    + "\"; expected one of null, \"micro\", \"macro\", \"weighted\"");
        }
        if (!(beta > 0)) {
            throw new IllegalArgumentException(describe() + ": invalid beta " + beta + "; it should be > 0");
        }
        if (threshold != null && !(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException(describe() + ": invalid threshold " + threshold
                    + "; it should verify 0 < threshold <= 1");
        }
        this.average = average;
        this.beta = beta;
        this.threshold = threshold;
    }

    final String describe() {
        return "metric '" + name() + "' (" + getClass().getSimpleName() + ")";
    }

    /** Keras's {@code average}: null, "micro", "macro" or "weighted". */
    public String average() {
        return average;
    }

    /** Keras's {@code threshold}, or null. */
    public Double threshold() {
        return threshold;
    }

    /**
     * Adds the batch's weighted counts; {@code sampleWeight} has one weight per row (null for 1).
     *
     * @throws ShapeException for inputs that are not (batch, classes) of the same shape, or weights not (batch,)
     */
    @Override
    public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Tensor t = MetricSupport.concrete(this, "yTrue", yTrue);
        Tensor p = MetricSupport.concrete(this, "yPred", yPred);
        Tensor w = MetricSupport.concrete(this, "sampleWeight", sampleWeight);
        if (t.rank() != 2 || p.rank() != 2) {
            throw new ShapeException(describe() + " expects 2D inputs with shape (batch_size, output_dim), got "
                    + "y_true " + t.shape() + " and y_pred " + p.shape());
        }
        if (!t.shape().equals(p.shape())) {
            throw new ShapeException(describe() + ": y_true " + t.shape() + " and y_pred " + p.shape()
                    + " must have the same shape");
        }
        int n = p.shape().get(0);
        int c = p.shape().get(1);
        if (classes < 0) {
            classes = c;
            int size = average != null && average.equals("micro") ? 1 : c;
            truePositives = new float[size];
            falsePositives = new float[size];
            falseNegatives = new float[size];
            intermediateWeights = new float[size];
        } else if (c != classes) {
            throw new ShapeException(describe() + ": y_pred " + p.shape() + " has " + c
                    + " classes, but the metric was built for " + classes);
        }
        float[] weights = null;
        if (w != null) {
            if (!(w.rank() == 1 && w.shape().get(0) == n) && w.rank() != 0) {
                throw new ShapeException(describe() + ": sample_weight " + w.shape() + " must have one weight per "
                        + "row of y_pred " + p.shape());
            }
            weights = TensorAccess.data(w.rank() == 0 ? dev.strata.ops.Ops.broadcastTo(w, Shape.of(n)) : w);
        }
        float[] tv = TensorAccess.data(t);
        float[] pv = TensorAccess.data(p);
        int size = truePositives.length;
        double[] tp = new double[size];
        double[] fp = new double[size];
        double[] fn = new double[size];
        double[] iw = new double[size];
        for (int r = 0; r < n; r++) {
            float max = Float.NEGATIVE_INFINITY;
            if (threshold == null) {
                for (int j = 0; j < c; j++) {
                    max = Math.max(max, pv[r * c + j]);
                }
            }
            double wt = weights == null ? 1.0 : weights[r];
            for (int j = 0; j < c; j++) {
                float x = pv[r * c + j];
                boolean pos = threshold == null ? x >= max && Math.abs(x) > 1e-9f : x > threshold.floatValue();
                float pred = pos ? 1f : 0f;
                float y = tv[r * c + j];
                int k = size == 1 ? 0 : j;
                tp[k] += (double) (pred * y) * wt;
                fp[k] += (double) (pred * (1 - y)) * wt;
                fn[k] += (double) ((1 - pred) * y) * wt;
                iw[k] += (double) y * wt;
            }
        }
        for (int k = 0; k < size; k++) {
            truePositives[k] += (float) tp[k];
            falsePositives[k] += (float) fp[k];
            falseNegatives[k] += (float) fn[k];
            intermediateWeights[k] += (float) iw[k];
        }
    }

    /** The score: one per class with average null, else a scalar (0 before any update). */
    @Override
    public Tensor resultTensor() {
        float[] f = scores();
        if (f == null) {
            return Tensor.scalar(0f);
        }
        if (average == null) {
            return Tensor.of(f, Shape.of(f.length));
        }
        return Tensor.scalar(aggregate(f));
    }

    /** The score (the mean of the per-class scores with average null; see {@link #resultTensor()}). */
    @Override
    public double result() {
        float[] f = scores();
        if (f == null) {
            return 0.0;
        }
        return average == null ? MetricSupport.mean(f) : aggregate(f);
    }

    private float[] scores() {
        if (truePositives == null) {
            return null;
        }
        float b2 = (float) (beta * beta);
        float[] f = new float[truePositives.length];
        for (int k = 0; k < f.length; k++) {
            float tp = truePositives[k];
            float precision = tp / (tp + falsePositives[k] + EPSILON);
            float recall = tp / (tp + falseNegatives[k] + EPSILON);
            float mean = precision * recall / (b2 * precision + recall + EPSILON);
            f[k] = mean * (1 + b2);
        }
        return f;
    }

    private float aggregate(float[] f) {
        if (average.equals("weighted")) {
            double total = 0;
            for (float x : intermediateWeights) {
                total += x;
            }
            float denominator = (float) total + EPSILON;
            double s = 0;
            for (int k = 0; k < f.length; k++) {
                s += f[k] * (intermediateWeights[k] / denominator);
            }
            return (float) s;
        }
        return (float) MetricSupport.mean(f);
    }

    @Override
    public void reset() {
        for (float[] a : new float[][] {truePositives, falsePositives, falseNegatives, intermediateWeights}) {
            if (a != null) {
                Arrays.fill(a, 0f);
            }
        }
    }

    /** {@code name}, {@code dtype}, {@code average}, {@code beta} and {@code threshold}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("average", average);
        config.put("beta", beta);
        config.put("threshold", threshold);
        return config;
    }

    /** Keras's {@code from_config}: {@code average}, {@code beta} (1.0), {@code threshold}. */
    public static FBetaScore fromConfig(Config config) {
        Double threshold = config.has("threshold") && config.raw("threshold") != null
                ? config.number("threshold", 0) : null;
        return new FBetaScore(config.string("average", null), config.number("beta", 1.0), threshold, "fbeta_score");
    }
}
