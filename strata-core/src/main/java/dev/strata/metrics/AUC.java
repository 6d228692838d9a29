package dev.strata.metrics;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The area under the ROC or precision-recall curve, like {@code keras.metrics.AUC} (default name {@code "auc"},
 * 200 thresholds, ROC, interpolation): the four confusion counts are kept at {@code num_thresholds} thresholds
 * ({@code -ε}, evenly spaced values in (0, 1), {@code 1+ε}; or {@code -ε}, the given thresholds sorted,
 * {@code 1+ε}) as float32 vectors, and the result is a Riemann sum over them. {@code summation_method} is Keras's:
 * {@code "interpolation"} (the midpoint for ROC, Davis and Goadrich's interpolation for PR), {@code "minoring"} or
 * {@code "majoring"}. With {@code multi_label} each label of rank-2 data has its own curve and the result is their
 * mean (weighted by {@code label_weights} if given); otherwise the data is flattened and {@code label_weights}
 * weigh the labels' counts. {@code from_logits} applies a sigmoid to the predictions first.
 */
public final class AUC extends Metric {
    private final int numThresholds;
    private final String curve;
    private final String summationMethod;
    /** The thresholds as given (sorted), or null for evenly spaced ones. */
    private final List<Double> givenThresholds;
    private final boolean multiLabel;
    private final Integer numLabels;
    private final float[] labelWeights;
    private final boolean fromLogits;
    private final double[] thresholds;
    private final boolean evenly;
    private int labels = -1;
    private float[] tp;
    private float[] fp;
    private float[] tn;
    private float[] fn;
    private ConfusionMatrices.Counts counts;

    /** Named {@code "auc"}: 200 thresholds, ROC curve, interpolation. */
    public AUC() {
        this(200, "ROC", "interpolation");
    }

    /**
     * With the given number of thresholds, curve ({@code "ROC"}, {@code "PR"} or {@code "PRGAIN"}) and summation
     * method ({@code "interpolation"}, {@code "minoring"} or {@code "majoring"}).
     *
     * @throws IllegalArgumentException for fewer than 2 thresholds or an unknown curve or method
     */
    public AUC(int numThresholds, String curve, String summationMethod) {
        this(numThresholds, curve, summationMethod, "auc", null, false, null, null, false);
    }

    /**
     * Keras's arguments, in Keras's order.
     *
     * @param thresholds the thresholds to use instead of {@code numThresholds} evenly spaced ones, or null
     * @param numLabels the number of labels with {@code multiLabel} (null: taken from the first batch)
     * @param labelWeights a weight per label, or null
     * @throws IllegalArgumentException for {@code numThresholds < 2} (without thresholds), an unknown curve or
     *     method, or {@code numLabels} without {@code multiLabel}
     */
    public AUC(int numThresholds, String curve, String summationMethod, String name, List<Double> thresholds,
               boolean multiLabel, Integer numLabels, float[] labelWeights, boolean fromLogits) {
        super(name);
        this.curve = switch (curve) {
            case "ROC", "roc" -> "ROC";
            case "PR", "pr" -> "PR";
            case "PRGAIN", "prgain" -> "PRGAIN";
            default -> throw new IllegalArgumentException(ConfusionMatrices.describe(this) + ": invalid curve \""
                    + curve + "\"; expected one of \"PR\", \"ROC\", \"PRGAIN\"");
        };
        String method = summationMethod.length() > 0
                ? summationMethod.substring(0, 1).toLowerCase(Locale.ROOT) + summationMethod.substring(1) : "";
        if (!List.of("interpolation", "minoring", "majoring").contains(method)) {
            throw new IllegalArgumentException(ConfusionMatrices.describe(this) + ": invalid summation_method \""
                    + summationMethod + "\"; expected one of \"interpolation\", \"majoring\", \"minoring\"");
        }
        this.summationMethod = method;
        double[] inner;
        if (thresholds != null) {
            List<Double> sorted = new ArrayList<>(thresholds);
            sorted.sort(null);
            this.givenThresholds = List.copyOf(sorted);
            this.numThresholds = sorted.size() + 2;
            inner = sorted.stream().mapToDouble(Double::doubleValue).toArray();
            double[] withEnds = new double[inner.length + 2];
            System.arraycopy(inner, 0, withEnds, 1, inner.length);
            withEnds[withEnds.length - 1] = 1.0;
            this.evenly = ConfusionMatrices.evenlyDistributed(withEnds);
        } else {
            if (numThresholds <= 1) {
                throw new IllegalArgumentException(ConfusionMatrices.describe(this)
                        + ": 'num_thresholds' must be an integer > 1, got " + numThresholds);
            }
            this.givenThresholds = null;
            this.numThresholds = numThresholds;
            inner = new double[numThresholds - 2];
            for (int i = 0; i < inner.length; i++) {
                inner[i] = (i + 1) * 1.0 / (numThresholds - 1);
            }
            this.evenly = true;
        }
        this.thresholds = new double[inner.length + 2];
        this.thresholds[0] = 0.0 - ConfusionMatrices.EPSILON_DOUBLE;
        System.arraycopy(inner, 0, this.thresholds, 1, inner.length);
        this.thresholds[this.thresholds.length - 1] = 1.0 + ConfusionMatrices.EPSILON_DOUBLE;
        this.multiLabel = multiLabel;
        this.numLabels = numLabels;
        this.labelWeights = labelWeights == null ? null : labelWeights.clone();
        this.fromLogits = fromLogits;
        if (multiLabel) {
            if (numLabels != null && numLabels > 0) {
                build(numLabels);
            }
        } else {
            if (numLabels != null && numLabels != 0) {
                throw new IllegalArgumentException(ConfusionMatrices.describe(this)
                        + ": 'num_labels' is needed only when 'multi_label' is true");
            }
            build(1);
        }
    }

    private void build(int labelCount) {
        labels = labelCount;
        int size = numThresholds * labelCount;
        tp = new float[size];
        fp = new float[size];
        tn = new float[size];
        fn = new float[size];
        counts = new ConfusionMatrices.Counts(tp, fp, tn, fn);
    }

    /** Keras's {@code num_thresholds} (the given thresholds and the two ends, if thresholds were given). */
    public int numThresholds() {
        return numThresholds;
    }

    /** The thresholds used, with the {@code -ε} and {@code 1+ε} ends (Keras's {@code thresholds} property). */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** Adds the batch's weighted confusion counts at each threshold. */
    @Override
    public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Tensor p = MetricSupport.concrete(this, "yPred", yPred);
        if (multiLabel) {
            if (p.rank() != 2) {
                throw new ShapeException(ConfusionMatrices.describe(this) + ": y_pred must have rank 2 when "
                        + "multi_label is true, got " + p.shape());
            }
            if (labels < 0) {
                build(p.shape().get(1));
            } else if (p.shape().get(1) != labels) {
                throw new ShapeException(ConfusionMatrices.describe(this) + ": y_pred " + p.shape() + " has "
                        + p.shape().get(1) + " labels, but the metric counts " + labels);
            }
        }
        if (fromLogits) {
            p = Ops.sigmoid(p);
        }
        ConfusionMatrices.update(this, yTrue, p, sampleWeight, thresholds, null, null, multiLabel,
                multiLabel ? null : labelWeights, evenly, counts);
    }

    /** The area under the curve (0 before a multi-label metric has seen data). */
    @Override
    public double result() {
        if (labels < 0) {
            return 0.0;
        }
        float[] terms = curve.equals("PR") && summationMethod.equals("interpolation") ? interpolatePr() : riemann();
        double[] byLabel = new double[labels];
        for (int i = 0; i < terms.length; i++) {
            byLabel[i % labels] += terms[i];
        }
        if (!multiLabel) {
            return (float) byLabel[0];
        }
        if (labelWeights == null) {
            double s = 0;
            for (double v : byLabel) {
                s += (float) v;
            }
            return (float) ((float) s / labels);
        }
        double num = 0;
        double den = 0;
        for (int l = 0; l < labels; l++) {
            num += (float) byLabel[l] * labelWeights[l];
            den += labelWeights[l];
        }
        return ConfusionMatrices.divideNoNan((float) num, (float) den);
    }

    /** Keras's {@code interpolate_pr_auc}: the increments, (thresholds - 1) × labels. */
    private float[] interpolatePr() {
        int n = numThresholds;
        int l = labels;
        float[] out = new float[(n - 1) * l];
        for (int i = 0; i < n - 1; i++) {
            for (int k = 0; k < l; k++) {
                int a = i * l + k;
                int b = (i + 1) * l + k;
                float dtp = tp[a] - tp[b];
                float pa = tp[a] + fp[a];
                float pb = tp[b] + fp[b];
                float dp = pa - pb;
                float slope = ConfusionMatrices.divideNoNan(dtp, Math.max(dp, 0f));
                float intercept = tp[b] - slope * pb;
                float ratio = pa > 0 && pb > 0 ? ConfusionMatrices.divideNoNan(pa, Math.max(pb, 0f)) : 1f;
                out[a] = ConfusionMatrices.divideNoNan(slope * (dtp + intercept * (float) Math.log(ratio)),
                        Math.max(tp[b] + fn[b], 0f));
            }
        }
        return out;
    }

    /** The Riemann terms of the ROC, PR or PR-gain curve, (thresholds - 1) × labels. */
    private float[] riemann() {
        int size = tp.length;
        float[] x = new float[size];
        float[] y = new float[size];
        for (int i = 0; i < size; i++) {
            float recall = ConfusionMatrices.divideNoNan(tp[i], tp[i] + fn[i]);
            switch (curve) {
                case "ROC" -> {
                    x[i] = ConfusionMatrices.divideNoNan(fp[i], fp[i] + tn[i]);
                    y[i] = recall;
                }
                case "PR" -> {
                    x[i] = recall;
                    y[i] = ConfusionMatrices.divideNoNan(tp[i], tp[i] + fp[i]);
                }
                default -> { // PRGAIN
                    float scale = ConfusionMatrices.divideNoNan(tp[i] + fn[i], tn[i] + fp[i]);
                    float recallGain = 1f - scale * ConfusionMatrices.divideNoNan(fn[i], tp[i]);
                    float precisionGain = 1f - scale * ConfusionMatrices.divideNoNan(fp[i], tp[i]);
                    if (tp[i] == 0f) {
                        recallGain = 0f;
                        precisionGain = 1f;
                    }
                    x[i] = Math.max(recallGain, 0f);
                    y[i] = precisionGain;
                }
            }
        }
        int l = labels;
        float[] out = new float[size - l];
        for (int a = 0; a < out.length; a++) {
            int b = a + l;
            float h = switch (summationMethod) {
                case "interpolation" -> (y[a] + y[b]) / 2f;
                case "minoring" -> Math.min(y[a], y[b]);
                default -> Math.max(y[a], y[b]);
            };
            out[a] = (x[a] - x[b]) * h;
        }
        return out;
    }

    @Override
    public void reset() {
        if (counts != null) {
            counts.reset();
        }
    }

    /**
     * {@code name}, {@code dtype}, {@code num_thresholds}, {@code curve}, {@code summation_method},
     * {@code multi_label}, {@code num_labels}, {@code label_weights} (as Keras writes a tensor), {@code from_logits},
     * and {@code thresholds} if they were given.
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("num_thresholds", numThresholds);
        config.put("curve", curve);
        config.put("summation_method", summationMethod);
        config.put("multi_label", multiLabel);
        config.put("num_labels", numLabels);
        Object lw = null;
        if (labelWeights != null) {
            List<Double> values = new ArrayList<>();
            for (float w : labelWeights) {
                values.add((double) w);
            }
            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("value", values);
            inner.put("dtype", "float32");
            Map<String, Object> tensor = new LinkedHashMap<>();
            tensor.put("class_name", "__tensor__");
            tensor.put("config", inner);
            lw = tensor;
        }
        config.put("label_weights", lw);
        config.put("from_logits", fromLogits);
        if (givenThresholds != null) {
            config.put("thresholds", givenThresholds);
        }
        return config;
    }

    /**
     * Keras's {@code from_config}: the arguments above; {@code label_weights} as Keras writes a tensor
     * ({@code {"class_name": "__tensor__", "config": {"value": [...]}}}) or a plain list.
     */
    public static AUC fromConfig(Config config) {
        Object lw = config.raw("label_weights");
        float[] labelWeights = null;
        if (lw instanceof Map<?, ?> m && "__tensor__".equals(m.get("class_name"))
                && m.get("config") instanceof Map<?, ?> inner) {
            Object dtype = inner.get("dtype");
            if (dtype != null && !"float32".equals(dtype)) {
                throw config.error("'label_weights' has dtype " + Config.describe(dtype) + "; expected float32");
            }
            lw = inner.get("value");
        }
        if (lw != null) {
            Tensor t = config.toTensor(lw, "label_weights");
            if (t.rank() != 1) {
                throw config.error("'label_weights' must be a list of numbers, one per label, got shape " + t.shape());
            }
            labelWeights = Arrays.copyOf(dev.strata.internal.TensorAccess.data(t), t.shape().get(0));
        }
        List<Double> thresholds = ConfusionMatrices.thresholds(config, "thresholds");
        return new AUC(config.integer("num_thresholds", 200), config.string("curve", "ROC"),
                config.string("summation_method", "interpolation"), "auc", thresholds,
                config.bool("multi_label", false), config.integer("num_labels", null), labelWeights,
                config.bool("from_logits", false));
    }
}
