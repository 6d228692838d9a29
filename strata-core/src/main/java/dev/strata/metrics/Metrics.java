package dev.strata.metrics;

import dev.strata.config.ConfigContext;
import dev.strata.config.KerasObjects;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The built-in metrics by Keras name, {@link #serialize}/{@link #deserialize} of any metric (Keras's
 * {@code keras.metrics.serialize} and {@code deserialize}), and Keras's per-sample accuracy functions
 * ({@code keras.metrics.binary_accuracy} and friends; these work on concrete tensors only).
 */
public final class Metrics {
    /**
     * Keras's short names of metric classes ({@code keras.metrics}' aliases), each also in upper case. Every other
     * name is a class found by discovery: its Keras class name in any case, or its snake_case form, so a new metric
     * class is known here by existing.
     */
    private static final Map<String, String> ALIASES = aliases("mse", "MeanSquaredError", "mae", "MeanAbsoluteError",
            "mape", "MeanAbsolutePercentageError", "msle", "MeanSquaredLogarithmicError", "bce", "BinaryCrossentropy");

    private Metrics() {
    }

    // ---- serialization -----------------------------------------------------------------------------------

    /**
     * Keras's {@code keras.metrics.serialize}: {@code {"module": "keras.metrics", "class_name": "BinaryAccuracy",
     * "config": {"name": "binary_accuracy", "dtype": "float32", "threshold": 0.5}, "registered_name": null}}, or null
     * for none. A user's metric class is written with {@code module} null and its registered name.
     */
    public static Map<String, Object> serialize(Metric metric) {
        return metric == null ? null : KerasObjects.serialize(metric, metric.toString());
    }

    /**
     * Keras's {@code keras.metrics.deserialize}: a metric from its serialized dict, or from a name as
     * {@link #get(String)} reads it; null for null. Strata's metrics and registered user classes only; Keras 2's
     * {@code MeanMetricWrapper} around a named Keras function is read as that function's metric.
     *
     * @throws IllegalArgumentException for an unknown name
     * @throws dev.strata.config.KerasConfigException for an unknown class, or a config key or value the class does not
     *     take, naming the class and the key
     */
    public static Metric deserialize(Object serialized, ConfigContext context) {
        return deserialize(serialized, context, "metric");
    }

    /** {@link #deserialize(Object, ConfigContext)}, with {@code where} naming the metric's place in messages. */
    public static Metric deserialize(Object serialized, ConfigContext context, String where) {
        if (serialized instanceof String name) {
            return get(name);
        }
        return KerasObjects.deserialize(serialized, Metric.class, context, where);
    }

    // ---- lookup ------------------------------------------------------------------------------------------

    /**
     * The metric for a Keras identifier with its default name, as {@code keras.metrics.get}: a class name
     * ({@code "RootMeanSquaredError"}), its snake-case form ({@code "root_mean_squared_error"}) or an alias
     * ({@code "mse"}, {@code "MSE"}, {@code "mae"}, {@code "mape"}, {@code "msle"}, {@code "bce"} and their upper
     * case). {@code "accuracy"} here is exact-equality {@link Accuracy}; use {@link #get(String, Shape, Shape)} to
     * have it chosen from the shapes as {@code compile} does.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones, or a class that needs
     *     arguments
     */
    public static Metric get(String name) {
        Metric metric;
        try {
            metric = name == null ? null : KerasObjects.builtIn(ALIASES.getOrDefault(name, name), Metric.class);
        } catch (dev.strata.config.KerasConfigException e) {
            // a class with required arguments (PrecisionAtRecall's recall, IoU's num_classes), as Keras's get fails
            throw new IllegalArgumentException("metric '" + name + "' cannot be made by name alone: "
                    + e.getMessage(), e);
        }
        if (metric == null) {
            throw new IllegalArgumentException("unknown metric '" + name + "'; known metrics: " + names()
                    + " (any case, or snake_case; and \"acc\"/\"accuracy\", which compile picks from the shapes)");
        }
        return metric;
    }

    /**
     * The metric for a Keras identifier as {@code compile(metrics=[...])} resolves it (Keras 3's
     * {@code compile_utils.get_metric}), named with the string itself (so {@code "mse"} logs as {@code mse} and
     * {@code "RootMeanSquaredError"} as {@code RootMeanSquaredError}). {@code "accuracy"} and {@code "acc"} (any
     * case) choose {@link BinaryAccuracy} when y_pred's last dimension is 1, {@link SparseCategoricalAccuracy} when
     * y_true has lower rank than y_pred or a last dimension of 1 while y_pred's is larger, else
     * {@link CategoricalAccuracy}.
     *
     * @param yTrue the shape of the targets (the batch dimension may be unknown)
     * @param yPred the shape of the predictions
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Metric get(String name, Shape yTrue, Shape yPred) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("accuracy") || lower.equals("acc")) {
            int tLast = yTrue.rank() == 0 ? Shape.UNKNOWN : yTrue.get(-1);
            int pLast = yPred.rank() == 0 ? Shape.UNKNOWN : yPred.get(-1);
            if (pLast == 1) {
                return new BinaryAccuracy(name);
            }
            if (yTrue.rank() < yPred.rank() || (tLast == 1 && pLast > 1)) {
                return new SparseCategoricalAccuracy(name);
            }
            return new CategoricalAccuracy(name);
        }
        Metric metric = get(name);
        metric.rename(name);
        return metric;
    }

    /**
     * The identifiers {@link #get(String)} knows, sorted: the class names of the built-in metrics, their snake_case
     * forms and Keras's aliases, as {@code keras.metrics.get} knows them ({@code "acc"} is known only with shapes;
     * other-case forms of the class names are known too without being listed).
     */
    public static Set<String> names() {
        TreeSet<String> out = new TreeSet<>(ALIASES.keySet());
        for (String className : KerasObjects.builtInNames(Metric.class)) {
            out.add(className);
            out.add(dev.strata.internal.Names.toSnakeCase(className));
        }
        return out;
    }

    /** Pairs of alias and class name, each alias also in upper case. */
    static Map<String, String> aliases(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
            m.put(pairs[i].toUpperCase(Locale.ROOT), pairs[i + 1]);
        }
        return Map.copyOf(m);
    }

    // ---- accuracy functions ------------------------------------------------------------------------------

    /** 1 where {@code yTrue == yPred} (ranks aligned as Keras), else 0. */
    public static Tensor accuracy(Tensor yTrue, Tensor yPred) {
        Tensor[] a = MetricSupport.alignRanks(yTrue, yPred);
        return Ops.equal(a[0], a[1]);
    }

    /** 1 where {@code (yPred > threshold) == yTrue} (ranks aligned as Keras), else 0. */
    public static Tensor binaryAccuracy(Tensor yTrue, Tensor yPred, double threshold) {
        Tensor[] a = MetricSupport.alignRanks(yTrue, yPred);
        return Ops.equal(a[0], Ops.greater(a[1], (float) threshold));
    }

    /** 1 where {@code argmax(yTrue) == argmax(yPred)} along the last axis, else 0. */
    public static Tensor categoricalAccuracy(Tensor yTrue, Tensor yPred) {
        Tensor t = MetricSupport.argmaxLast(yTrue);
        Shape original = t.shape();
        boolean reshape = false;
        if (t.rank() == yPred.rank()) { // Keras's branch for targets with one axis more than the predictions
            t = MetricSupport.squeezeLast(t);
            reshape = true;
        }
        Tensor matches = Ops.equal(t, MetricSupport.argmaxLast(yPred));
        return reshape ? Ops.reshape(matches, original) : matches;
    }

    /**
     * 1 where the integer label equals {@code argmax(yPred)} along the last axis, else 0; labels may have a trailing
     * axis of size 1.
     */
    public static Tensor sparseCategoricalAccuracy(Tensor yTrue, Tensor yPred) {
        Tensor t = yTrue;
        Shape original = t.shape();
        boolean reshape = false;
        if (t.rank() == yPred.rank() && t.shape().get(-1) == 1) {
            t = MetricSupport.squeezeLast(t);
            reshape = true;
        }
        Tensor matches = Ops.equal(t, MetricSupport.argmaxLast(yPred));
        if (reshape) {
            matches = Ops.reshape(matches, original);
        }
        if (matches.rank() > 1 && matches.shape().get(-1) == 1) {
            matches = MetricSupport.squeezeLast(matches);
        }
        return matches;
    }
}
