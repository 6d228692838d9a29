package dev.strata.metrics;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.internal.TensorAccess;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Intersection over union of chosen classes, like {@code keras.metrics.IoU} (default name {@code "io_u"}): a
 * {@code num_classes × num_classes} confusion matrix of true class (row) against predicted class (column) is
 * accumulated, and the result is the mean over {@code target_class_ids} of {@code tp / (tp + fp + fn)}, counting only
 * classes that occurred. Labels and predictions are class ids ({@code sparse_y_true}/{@code sparse_y_pred}, the
 * default) or scores whose argmax along {@code axis} is taken; pairs with an id outside [0, num_classes), or a true id
 * equal to {@code ignore_class}, are left out.
 *
 * <p>As in Keras, the metric's dtype is {@code "int32"} by default: ids and sample weights are truncated to integers
 * before counting (a weight of 0.5 counts 0); with dtype {@code "float32"} weights count as given, in float32.
 */
public class IoU extends Metric {
    private final int numClasses;
    private final int[] targetClassIds;
    private final Integer ignoreClass;
    private final boolean sparseYTrue;
    private final boolean sparseYPred;
    private final int axis;
    /** Keras's dtype: "int32" (integer counts) or "float32". */
    private String dtype;
    private final double[] totalCm;

    /**
     * Over the given classes of {@code numClasses}, with class ids as labels and predictions.
     *
     * @throws IllegalArgumentException for {@code numClasses < 1} or a target class id outside [0, numClasses)
     */
    public IoU(int numClasses, int[] targetClassIds) {
        this(numClasses, targetClassIds, "io_u", "int32", null, true, true, -1);
    }

    /**
     * Keras's arguments, in Keras's order.
     *
     * @param dtype {@code "int32"} (Keras's default: integer ids and weights) or {@code "float32"}
     * @param ignoreClass a true class id to leave out, or null
     * @param sparseYTrue whether y_true holds class ids (else scores, argmax along {@code axis})
     * @param sparseYPred whether y_pred holds class ids (else scores, argmax along {@code axis})
     * @throws IllegalArgumentException for {@code numClasses < 1}, no target class, one outside [0, numClasses),
     *     or another dtype
     */
    public IoU(int numClasses, int[] targetClassIds, String name, String dtype, Integer ignoreClass,
               boolean sparseYTrue, boolean sparseYPred, int axis) {
        super(name);
        if (numClasses < 1) {
            throw new IllegalArgumentException(describe() + ": num_classes must be at least 1, got " + numClasses);
        }
        if (targetClassIds == null || targetClassIds.length == 0) {
            throw new IllegalArgumentException(describe() + ": target_class_ids is empty");
        }
        for (int id : targetClassIds) {
            if (id < 0 || id >= numClasses) {
                throw new IllegalArgumentException(describe() + ": target class id " + id + " is out of range, "
                        + "which is [0, " + numClasses + ")");
            }
        }
        this.numClasses = numClasses;
        this.targetClassIds = targetClassIds.clone();
        this.ignoreClass = ignoreClass;
        this.sparseYTrue = sparseYTrue;
        this.sparseYPred = sparseYPred;
        this.axis = axis;
        this.dtype = checkDtype(dtype);
        this.totalCm = new double[numClasses * numClasses];
    }

    final String describe() {
        return "metric '" + name() + "' (" + getClass().getSimpleName() + ")";
    }

    private String checkDtype(Object d) {
        if (d == null || "int32".equals(d) || "int".equals(d) || "int64".equals(d)) {
            return "int32";
        }
        if ("float32".equals(d) || d instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> inner
                && "float32".equals(inner.get("name"))) {
            return "float32";
        }
        throw new IllegalArgumentException(describe() + ": dtype " + Config.describe(d)
                + " is not supported; expected \"int32\" (Keras's default) or \"float32\"");
    }

    /** The IoU metrics take Keras's integer dtype as well as float32. */
    @Override
    void readDtype(Config c) {
        Object d = c.raw("dtype");
        try {
            dtype = checkDtype(d);
        } catch (IllegalArgumentException e) {
            throw c.error("'dtype' = " + Config.describe(d) + " is not supported: expected \"int32\" or \"float32\"");
        }
    }

    /** Keras's {@code num_classes}. */
    public final int numClasses() {
        return numClasses;
    }

    /** Keras's {@code target_class_ids}. */
    public final int[] targetClassIds() {
        return targetClassIds.clone();
    }

    /** The accumulated confusion matrix, rows the true classes, as a (num_classes, num_classes) tensor. */
    public final Tensor confusionMatrix() {
        float[] out = new float[totalCm.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) totalCm[i];
        }
        return Tensor.of(out, numClasses, numClasses);
    }

    private boolean integer() {
        return dtype.equals("int32");
    }

    /** Class ids and scores as the subclasses give them; BinaryIoU thresholds its predictions first. */
    Tensor predictions(Tensor yPred) {
        return yPred;
    }

    /**
     * Adds the batch to the confusion matrix; ids (or the argmax of scores) are flattened, so y_true and y_pred need
     * the same number of them, and weights one per id (or a scalar).
     *
     * @throws ShapeException if the ids or weights do not pair up, naming the shapes
     */
    @Override
    public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Tensor t = MetricSupport.concrete(this, "yTrue", yTrue);
        Tensor p = predictions(MetricSupport.concrete(this, "yPred", yPred));
        Tensor w = MetricSupport.concrete(this, "sampleWeight", sampleWeight);
        if (!sparseYTrue) {
            t = argmax(t, "y_true");
        }
        if (!sparseYPred) {
            p = argmax(p, "y_pred");
        }
        float[] tv = TensorAccess.data(t);
        float[] pv = TensorAccess.data(p);
        if (tv.length != pv.length) {
            throw new ShapeException(describe() + ": y_true " + yTrue.shape() + " and y_pred " + yPred.shape()
                    + " give " + tv.length + " and " + pv.length + " class ids; they must give as many");
        }
        float[] wv = null;
        if (w != null) {
            if (w.rank() == 0) {
                wv = new float[tv.length];
                Arrays.fill(wv, TensorAccess.data(w)[0]);
            } else if (w.shape().size() == tv.length) {
                wv = TensorAccess.data(w);
            } else {
                throw new ShapeException(describe() + ": sample_weight " + w.shape() + " must have one weight per "
                        + "class id of y_true " + yTrue.shape() + " (" + tv.length + "), or be a scalar");
            }
        }
        boolean integer = integer();
        double[] batch = new double[totalCm.length];
        for (int i = 0; i < tv.length; i++) {
            float a = integer ? truncate(tv[i]) : tv[i];
            float b = integer ? truncate(pv[i]) : pv[i];
            boolean in = a >= 0 && a < numClasses && b >= 0 && b < numClasses
                    && (ignoreClass == null || a != ignoreClass);
            if (!in) {
                continue;
            }
            double weight = wv == null ? 1 : integer ? truncate(wv[i]) : wv[i];
            batch[(int) a * numClasses + (int) b] += weight;
        }
        for (int i = 0; i < batch.length; i++) {
            totalCm[i] = integer ? totalCm[i] + batch[i] : (float) ((float) totalCm[i] + (float) batch[i]);
        }
    }

    private static float truncate(float x) {
        return (float) (long) x;
    }

    private Tensor argmax(Tensor x, String what) {
        if (x.rank() == 0) {
            throw new ShapeException(describe() + ": " + what + " holds scores (not sparse), so it needs a class "
                    + "axis, got a scalar");
        }
        return Ops.argmax(x, axis);
    }

    /** The mean IoU over the target classes that occurred (0 if none did). */
    @Override
    public double result() {
        float[] rows = new float[numClasses];
        float[] cols = new float[numClasses];
        for (int r = 0; r < numClasses; r++) {
            for (int c = 0; c < numClasses; c++) {
                cols[c] += (float) totalCm[r * numClasses + c];
                rows[r] += (float) totalCm[r * numClasses + c];
            }
        }
        double sum = 0;
        float valid = 0;
        for (int id : targetClassIds) {
            float tp = (float) totalCm[id * numClasses + id];
            float denominator = cols[id] + rows[id] - tp;
            if (denominator > 1e-9f) {
                valid++;
                sum += tp / (denominator + ConfusionMatrices.EPSILON);
            }
        }
        return (float) sum / (valid + ConfusionMatrices.EPSILON);
    }

    @Override
    public void reset() {
        Arrays.fill(totalCm, 0);
    }

    /** Keras's dtype, for the subclasses' configs. */
    final String dtype() {
        return dtype;
    }

    final Integer ignoreClass() {
        return ignoreClass;
    }

    final boolean sparseYTrue() {
        return sparseYTrue;
    }

    final boolean sparseYPred() {
        return sparseYPred;
    }

    final int axis() {
        return axis;
    }

    final List<Integer> targetIds() {
        return Arrays.stream(targetClassIds).boxed().toList();
    }

    /**
     * {@code name}, {@code dtype}, {@code num_classes}, {@code target_class_ids}, {@code ignore_class},
     * {@code sparse_y_true}, {@code sparse_y_pred}, {@code axis}.
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("dtype", dtype);
        config.put("num_classes", numClasses);
        config.put("target_class_ids", targetIds());
        config.put("ignore_class", ignoreClass);
        config.put("sparse_y_true", sparseYTrue);
        config.put("sparse_y_pred", sparseYPred);
        config.put("axis", axis);
        return config;
    }

    /** A config's {@code target_class_ids}, required. */
    static int[] targetClassIds(Config config) {
        int[] ids = config.ints("target_class_ids");
        if (ids == null) {
            throw config.error("missing 'target_class_ids'");
        }
        return ids;
    }

    /** Keras's {@code from_config}: the arguments above; {@code num_classes} and {@code target_class_ids} required. */
    public static IoU fromConfig(Config config) {
        return new IoU(config.requireInt("num_classes"), targetClassIds(config), "io_u", "int32",
                config.integer("ignore_class", null), config.bool("sparse_y_true", true),
                config.bool("sparse_y_pred", true), config.integer("axis", -1));
    }
}
