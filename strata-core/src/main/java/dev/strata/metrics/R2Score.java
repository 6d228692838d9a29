package dev.strata.metrics;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.internal.TensorAccess;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * The coefficient of determination, like {@code keras.metrics.R2Score} (default name {@code "r2_score"}):
 * {@code 1 - Σ(y - ŷ)² / Σ(y - ȳ)²} per output column from float32 running sums (weighted by the sample weights),
 * aggregated by {@code class_aggregation}: {@code "uniform_average"} (the mean over columns, the default),
 * {@code "variance_weighted_average"} (weighted by each column's total variance) or null (a vector, one per column,
 * see {@link #resultTensor()}). An infinite column score (a constant column) counts as 0, as in Keras.
 *
 * <p>With {@code num_regressors = p > 0} the score is adjusted, {@code 1 - (1 - R²)(n - 1)/(n - p - 1)}, where
 * {@code n} counts every element of y_true seen (Keras's {@code num_samples}); when {@code p >= n - 1}, Keras warns and
 * falls back to the plain score, as this class does.
 */
public final class R2Score extends Metric {
    private final String classAggregation;
    private final int numRegressors;
    private float numSamples;
    private int columns = -1;
    private float[] squaredSum;
    private float[] sum;
    private float[] totalMse;
    private float[] count;

    /** Named {@code "r2_score"}: uniform average, no adjustment. */
    public R2Score() {
        this("uniform_average", 0, "r2_score");
    }

    /**
     * Keras's arguments.
     *
     * @param classAggregation {@code "uniform_average"}, {@code "variance_weighted_average"} or null
     * @param numRegressors the number of independent regressors for the adjusted score (0: not adjusted)
     * @throws IllegalArgumentException for another aggregation or a negative number of regressors
     */
    public R2Score(String classAggregation, int numRegressors, String name) {
        super(name);
        if (classAggregation != null && !classAggregation.equals("uniform_average")
                && !classAggregation.equals("variance_weighted_average")) {
            throw new IllegalArgumentException(describe() + ": invalid class_aggregation \"" + classAggregation
                    + "\"; expected one of null, \"uniform_average\", \"variance_weighted_average\"");
        }
        if (numRegressors < 0) {
            throw new IllegalArgumentException(describe() + ": invalid num_regressors " + numRegressors
                    + "; expected a value >= 0");
        }
        this.classAggregation = classAggregation;
        this.numRegressors = numRegressors;
    }

    private String describe() {
        return "metric '" + name() + "' (R2Score)";
    }

    /**
     * Adds the batch's sums; inputs are (batch, outputs) (ranks aligned as Keras), weights one per row, one per
     * element, or a scalar.
     *
     * @throws ShapeException for inputs that are not rank 2 of the same shape, or weights that do not broadcast
     */
    @Override
    public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Tensor[] a = MetricSupport.alignRanks(MetricSupport.concrete(this, "yTrue", yTrue),
                MetricSupport.concrete(this, "yPred", yPred));
        Tensor t = a[0];
        Tensor p = a[1];
        if (t.rank() != 2 || p.rank() != 2) {
            throw new ShapeException(describe() + " expects 2D inputs with shape (batch_size, output_dim), got "
                    + "y_true " + yTrue.shape() + " and y_pred " + yPred.shape());
        }
        if (!t.shape().equals(p.shape())) {
            throw new ShapeException(describe() + ": y_true " + yTrue.shape() + " and y_pred " + yPred.shape()
                    + " must have the same shape");
        }
        int c = t.shape().get(1);
        if (columns < 0) {
            columns = c;
            squaredSum = new float[c];
            sum = new float[c];
            totalMse = new float[c];
            count = new float[c];
        } else if (c != columns) {
            throw new ShapeException(describe() + ": y_true " + t.shape() + " has " + c
                    + " outputs, but the metric was built for " + columns);
        }
        Tensor w = MetricSupport.concrete(this, "sampleWeight", sampleWeight);
        if (w == null) {
            w = Tensor.scalar(1f);
        } else if (w.rank() == 1) {
            w = Ops.reshape(w, w.shape().append(1));
        }
        float[] wv;
        try {
            wv = TensorAccess.data(Ops.broadcastTo(w, t.shape()));
        } catch (ShapeException e) {
            throw new ShapeException(describe() + ": sample_weight " + sampleWeight.shape()
                    + " cannot be broadcast to y_true " + t.shape());
        }
        float[] tv = TensorAccess.data(t);
        float[] pv = TensorAccess.data(p);
        double[] s = new double[c];
        double[] sq = new double[c];
        double[] mse = new double[c];
        double[] cnt = new double[c];
        for (int i = 0; i < tv.length; i++) {
            int k = i % c;
            float weighted = tv[i] * wv[i];
            s[k] += weighted;
            sq[k] += tv[i] * weighted;
            float d = tv[i] - pv[i];
            mse[k] += d * d * wv[i];
            cnt[k] += wv[i];
        }
        for (int k = 0; k < c; k++) {
            sum[k] += (float) s[k];
            squaredSum[k] += (float) sq[k];
            totalMse[k] += (float) mse[k];
            count[k] += (float) cnt[k];
        }
        numSamples += tv.length;
    }

    /** The score: a vector (one per output) with class_aggregation null, else a scalar (NaN before any data). */
    @Override
    public Tensor resultTensor() {
        if (columns < 0) {
            return Tensor.scalar(Float.NaN);
        }
        float[] raw = rawScores();
        if (classAggregation == null) {
            return Tensor.of(adjust(raw), Shape.of(raw.length));
        }
        return Tensor.scalar(adjust(new float[] {aggregate(raw)})[0]);
    }

    /** The score (the mean of the per-output scores with class_aggregation null; see {@link #resultTensor()}). */
    @Override
    public double result() {
        Tensor r = resultTensor();
        return r.rank() == 0 ? TensorAccess.data(r)[0] : MetricSupport.mean(TensorAccess.data(r));
    }

    private float[] rawScores() {
        float[] raw = new float[columns];
        for (int k = 0; k < columns; k++) {
            float mean = sum[k] / count[k];
            float total = squaredSum[k] - sum[k] * mean;
            float r = 1 - totalMse[k] / total;
            raw[k] = Float.isInfinite(r) ? 0f : r;
        }
        return raw;
    }

    private float aggregate(float[] raw) {
        if (classAggregation.equals("uniform_average")) {
            return (float) MetricSupport.mean(raw);
        }
        double weighted = 0;
        double weights = 0;
        for (int k = 0; k < columns; k++) {
            float total = squaredSum[k] - sum[k] * (sum[k] / count[k]);
            weighted += total * raw[k];
            weights += total;
        }
        return (float) weighted / (float) weights;
    }

    /** Keras's adjusted score, element by element, when it applies. */
    private float[] adjust(float[] scores) {
        if (numRegressors == 0 || numRegressors >= numSamples - 1) {
            return scores;
        }
        float n = numSamples;
        float p = numRegressors;
        float[] out = new float[scores.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 1f - (1f - scores[i]) * (n - 1f) / (n - p - 1f);
        }
        return out;
    }

    @Override
    public void reset() {
        numSamples = 0;
        for (float[] v : new float[][] {squaredSum, sum, totalMse, count}) {
            if (v != null) {
                Arrays.fill(v, 0f);
            }
        }
    }

    /** {@code name}, {@code dtype}, {@code class_aggregation} and {@code num_regressors}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("class_aggregation", classAggregation);
        config.put("num_regressors", numRegressors);
        return config;
    }

    /** Keras's {@code from_config}: {@code class_aggregation} ("uniform_average"), {@code num_regressors} (0). */
    public static R2Score fromConfig(Config config) {
        String aggregation = config.has("class_aggregation") ? config.string("class_aggregation", null)
                : "uniform_average";
        return new R2Score(aggregation, config.integer("num_regressors", 0), "r2_score");
    }
}
