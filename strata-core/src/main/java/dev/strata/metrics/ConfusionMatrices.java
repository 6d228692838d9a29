package dev.strata.metrics;

import dev.strata.ShapeException;
import dev.strata.internal.TensorAccess;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Keras's {@code metrics_utils.update_confusion_matrix_variables} and its helpers, shared by the confusion-matrix
 * metrics ({@link TruePositives} and its siblings, {@link Precision}, {@link Recall}, the sensitivity/specificity
 * family and {@link AUC}). The counts are float32 arrays as Keras's variables are, of shape (thresholds) or, for
 * multi-label data, (thresholds, labels) in row-major order; each batch's increments are summed in double and
 * added to them in float32.
 */
final class ConfusionMatrices {
    /** Keras's {@code NEG_INF}, the threshold that makes every top-k prediction positive. */
    static final double NEG_INF = -1e10;

    /** Keras's {@code backend.epsilon()}. */
    static final float EPSILON = 1e-7f;

    /** Keras's {@code backend.epsilon()} as the Python float AUC adds to its end thresholds. */
    static final double EPSILON_DOUBLE = 1e-7;

    private ConfusionMatrices() {
    }

    /**
     * Keras's {@code parse_init_thresholds}: the given thresholds (each in [0, 1]), or the default alone.
     *
     * @throws IllegalArgumentException for a threshold outside [0, 1], naming the metric
     */
    static double[] parseThresholds(String metric, List<Double> thresholds, double dflt) {
        if (thresholds == null) {
            return new double[] {dflt};
        }
        if (thresholds.isEmpty()) {
            throw new IllegalArgumentException(metric + ": 'thresholds' is empty; give at least one threshold in [0, 1]");
        }
        double[] out = new double[thresholds.size()];
        for (int i = 0; i < out.length; i++) {
            Double t = thresholds.get(i);
            if (t == null || !(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException(metric + ": threshold values must be in [0, 1], got "
                        + thresholds);
            }
            out[i] = t;
        }
        return out;
    }

    /**
     * Keras's {@code is_evenly_distributed_thresholds}: three or more thresholds equal to {@code i / (n - 1)} within
     * numpy's {@code allclose} (atol 1e-7, rtol 1e-5), which allows the bucketed update.
     */
    static boolean evenlyDistributed(double[] thresholds) {
        int n = thresholds.length;
        if (n < 3) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            double even = (float) ((float) i / (float) (n - 1));
            if (!(Math.abs(thresholds[i] - even) <= 1e-7 + 1e-5 * Math.abs(even))) {
                return false;
            }
        }
        return true;
    }

    /** The float32 values Keras compares against. */
    static float[] toFloat(double[] thresholds) {
        float[] out = new float[thresholds.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) thresholds[i];
        }
        return out;
    }

    /** The counts to update, any of them null when the metric does not keep it. */
    record Counts(float[] tp, float[] fp, float[] tn, float[] fn) {
        void reset() {
            for (float[] a : new float[][] {tp, fp, tn, fn}) {
                if (a != null) {
                    Arrays.fill(a, 0f);
                }
            }
        }
    }

    /**
     * Keras's {@code update_confusion_matrix_variables}: for each threshold {@code t}, a prediction is positive when
     * {@code y_pred > t}, a label when {@code y_true != 0}; the weighted counts of each cell are added.
     *
     * @param metric the metric, for messages
     * @param thresholds the thresholds as given (the float32 values are compared; the doubles decide the bucketed
     *     update's edge handling as Keras does)
     * @param topK keep only the k largest predictions of the last axis (null for all)
     * @param classId use only this index of the last axis (null for all)
     * @param multiLabel keep the label axis of rank-2 data apart (counts of shape (thresholds, labels))
     * @param labelWeights per-label weights of the flattened (not multi-label) case, or null
     * @param evenly Keras's {@code thresholds_distributed_evenly}: use the bucketed update
     * @throws ShapeException if the labels, predictions or weights do not fit, naming the metric and the shapes
     */
    static void update(Metric metric, Tensor yTrue, Tensor yPred, Tensor sampleWeight, double[] thresholds,
                       Integer topK, Integer classId, boolean multiLabel, float[] labelWeights, boolean evenly,
                       Counts counts) {
        Tensor t = MetricSupport.concrete(metric, "yTrue", yTrue);
        Tensor p = MetricSupport.concrete(metric, "yPred", yPred);
        Tensor w = MetricSupport.concrete(metric, "sampleWeight", sampleWeight);
        Shape trueShape = t.shape();
        Shape predShape = p.shape();
        Tensor[] a = MetricSupport.alignRanks(p, t); // Keras: squeeze_or_expand_to_same_rank(y_pred, y_true)
        p = a[0];
        t = a[1];
        if (!p.shape().equals(t.shape())) {
            throw new ShapeException(describe(metric) + ": y_true " + trueShape + " and y_pred " + predShape
                    + " must have the same shape (or differ by a last axis of size 1)");
        }
        if (w != null) { // Keras: expand_dims(sample_weight, -1), then squeezed back unless it adds an axis
            Shape ws = w.shape().append(1);
            if (ws.rank() == t.rank() + 1) {
                ws = w.shape();
            }
            w = Ops.reshape(w, ws);
        }
        if (topK != null) {
            p = filterTopK(metric, p, topK);
        }
        if (classId != null) {
            if (p.rank() < 2) {
                throw new ShapeException(describe(metric) + ": with class_id, y_pred must have shape (num_samples, "
                        + "num_classes), got " + predShape);
            }
            int classes = p.shape().get(-1);
            if (classId < 0 || classId >= classes) {
                throw new IllegalArgumentException(describe(metric) + ": class_id " + classId + " is out of range "
                        + "for y_pred " + predShape + " with " + classes + " classes");
            }
            p = lastIndex(p, classId);
            t = lastIndex(t, classId);
        }
        if (multiLabel && p.rank() != 2) {
            throw new ShapeException(describe(metric) + ": with multi_label, y_pred must have rank 2 (num_samples, "
                    + "num_labels), got " + predShape);
        }
        Shape shape = p.shape();
        float[] weights = null;
        if (w != null) {
            try {
                weights = TensorAccess.data(Ops.broadcastTo(w, shape)).clone();
            } catch (ShapeException e) {
                throw new ShapeException(describe(metric) + ": sample_weight " + sampleWeight.shape()
                        + " cannot be broadcast to y_pred " + shape + (classId == null ? "" : " (after class_id)"));
            }
        }
        if (labelWeights != null && !multiLabel) {
            Tensor lw;
            try {
                lw = Ops.broadcastTo(Tensor.of(labelWeights, Shape.of(1, labelWeights.length)),
                        shape.rank() == 1 ? Shape.of(1, shape.get(0)) : shape);
            } catch (ShapeException e) {
                throw new ShapeException(describe(metric) + ": label_weights (" + labelWeights.length
                        + ",) cannot be broadcast to y_pred " + shape);
            }
            float[] lws = TensorAccess.data(lw);
            if (weights == null) {
                weights = lws.clone();
            } else {
                for (int i = 0; i < weights.length; i++) {
                    weights[i] *= lws[i];
                }
            }
        }
        float[] pred = TensorAccess.data(p);
        float[] label = TensorAccess.data(t);
        int labels = multiLabel ? shape.get(1) : 1;
        if (evenly) {
            bucketed(pred, label, weights, thresholds, labels, counts);
        } else {
            direct(pred, label, weights, toFloat(thresholds), labels, counts);
        }
    }

    /** Keras's direct update: every prediction against every threshold. */
    private static void direct(float[] pred, float[] label, float[] weights, float[] thresholds, int labels,
                               Counts counts) {
        int n = thresholds.length;
        double[] tp = new double[n * labels];
        double[] fp = new double[n * labels];
        double[] tn = new double[n * labels];
        double[] fn = new double[n * labels];
        for (int i = 0; i < n; i++) {
            float th = thresholds[i];
            for (int j = 0; j < pred.length; j++) {
                double wt = weights == null ? 1.0 : weights[j];
                boolean pos = pred[j] > th;
                boolean lab = label[j] != 0;
                int cell = i * labels + j % labels;
                if (lab) {
                    (pos ? tp : fn)[cell] += wt;
                } else {
                    (pos ? fp : tn)[cell] += wt;
                }
            }
        }
        add(counts.tp(), tp);
        add(counts.fp(), fp);
        add(counts.tn(), tn);
        add(counts.fn(), fn);
    }

    /**
     * Keras's {@code _update_confusion_matrix_variables_optimized}: predictions clipped to [0, 1] fall in the bucket
     * {@code ceil(p·(n-1)) - 1} (float32, as Keras computes it; below 0 it is dropped, or kept at 0 when the end
     * thresholds carry an epsilon), and a reverse cumulative sum gives the positives at each threshold.
     */
    private static void bucketed(float[] pred, float[] label, float[] weights, double[] thresholds, int labels,
                                 Counts counts) {
        int n = thresholds.length;
        boolean withEpsilon = thresholds[0] < 0 || thresholds[n - 1] > 1;
        double[] tpBucket = new double[n * labels];
        double[] fpBucket = new double[n * labels];
        double[] totalTrue = new double[labels];
        double[] totalFalse = new double[labels];
        float scale = (float) (n - 1);
        for (int j = 0; j < pred.length; j++) {
            float p = Math.min(Math.max(pred[j], 0f), 1f);
            double wt = weights == null ? 1.0 : weights[j];
            boolean lab = label[j] != 0;
            int l = j % labels;
            float b = (float) Math.ceil(p * scale) - 1f;
            if (withEpsilon) {
                b = Math.max(b, 0f);
            }
            int bucket = (int) b;
            if (lab) {
                totalTrue[l] += wt;
            } else {
                totalFalse[l] += wt;
            }
            if (bucket >= 0 && bucket < n) { // segment_sum drops out-of-range ids
                (lab ? tpBucket : fpBucket)[bucket * labels + l] += wt;
            }
        }
        double[] tp = new double[n * labels];
        double[] fp = new double[n * labels];
        for (int l = 0; l < labels; l++) {
            double st = 0;
            double sf = 0;
            for (int i = n - 1; i >= 0; i--) {
                st += tpBucket[i * labels + l];
                sf += fpBucket[i * labels + l];
                tp[i * labels + l] = st;
                fp[i * labels + l] = sf;
            }
        }
        add(counts.tp(), tp);
        add(counts.fp(), fp);
        if (counts.tn() != null || counts.fn() != null) {
            double[] tn = new double[n * labels];
            double[] fn = new double[n * labels];
            for (int c = 0; c < tn.length; c++) {
                tn[c] = totalFalse[c % labels] - fp[c];
                fn[c] = totalTrue[c % labels] - tp[c];
            }
            add(counts.tn(), tn);
            add(counts.fn(), fn);
        }
    }

    private static void add(float[] variable, double[] increment) {
        if (variable != null) {
            for (int i = 0; i < variable.length; i++) {
                variable[i] += (float) increment[i];
            }
        }
    }

    /** Keras's {@code _filter_top_k}: the k largest values of the last axis kept, the others set to NEG_INF. */
    static Tensor filterTopK(Metric metric, Tensor x, int k) {
        if (x.rank() == 0) {
            throw new ShapeException(describe(metric) + ": top_k needs y_pred of rank 1 or more, got a scalar");
        }
        int last = x.shape().get(-1);
        if (k > last) {
            throw new ShapeException(describe(metric) + ": top_k = " + k + " is larger than y_pred's last axis "
                    + x.shape());
        }
        float[] v = TensorAccess.data(x);
        float[] out = new float[v.length];
        Integer[] order = new Integer[last];
        for (int base = 0; base < v.length; base += last) {
            for (int j = 0; j < last; j++) {
                order[j] = j;
            }
            final int b = base;
            // descending, ties by index as top_k breaks them; NaN counts as largest
            Arrays.sort(order, (i, j) -> Float.compare(key(v[b + j]), key(v[b + i])));
            Arrays.fill(out, base, base + last, (float) NEG_INF);
            for (int r = 0; r < k; r++) {
                int j = order[r];
                out[base + j] = v[base + j];
            }
        }
        return TensorAccess.wrap(out, x.shape());
    }

    private static float key(float x) {
        return Float.isNaN(x) ? Float.POSITIVE_INFINITY : x;
    }

    /** {@code x[..., index, None]}. */
    private static Tensor lastIndex(Tensor x, int index) {
        int last = x.shape().get(-1);
        float[] v = TensorAccess.data(x);
        float[] out = new float[v.length / last];
        for (int i = 0; i < out.length; i++) {
            out[i] = v[i * last + index];
        }
        return TensorAccess.wrap(out, x.shape().withDim(-1, 1));
    }

    /** Keras's {@code divide_no_nan} in float32. */
    static float divideNoNan(float a, float b) {
        return b == 0 ? 0f : a / b;
    }

    /** The metric as messages name it: {@code metric 'auc' (AUC)}. */
    static String describe(Metric metric) {
        return "metric '" + metric.name() + "' (" + metric.getClass().getSimpleName() + ")";
    }

    /**
     * A config's {@code thresholds} (null, a number or a list of numbers) as a list, or null.
     *
     * @throws dev.strata.config.KerasConfigException for another value, naming the key
     */
    static List<Double> thresholds(dev.strata.config.Config config, String key) {
        Object v = config.raw(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return List.of(n.doubleValue());
        }
        if (v instanceof List<?> l) {
            java.util.ArrayList<Double> out = new java.util.ArrayList<>();
            for (Object o : l) {
                out.add(config.toDouble(o, key));
            }
            return out;
        }
        throw config.error("'" + key + "' must be a number or a list of numbers, got "
                + dev.strata.config.Config.describe(v));
    }
}
