package dev.strata.saving;

import dev.strata.activations.Activations;
import dev.strata.initializers.Initializer;
import dev.strata.initializers.Initializers;
import dev.strata.layers.Layer;
import dev.strata.layers.core.Activation;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.core.Lambda;
import dev.strata.layers.merging.Add;
import dev.strata.layers.merging.Average;
import dev.strata.layers.merging.Concatenate;
import dev.strata.layers.merging.Maximum;
import dev.strata.layers.merging.Minimum;
import dev.strata.layers.merging.Multiply;
import dev.strata.layers.merging.Subtract;
import dev.strata.layers.normalization.BatchNormalization;
import dev.strata.layers.normalization.LayerNormalization;
import dev.strata.layers.preprocessing.Normalization;
import dev.strata.layers.regularization.Dropout;
import dev.strata.layers.reshaping.Flatten;
import dev.strata.layers.reshaping.Reshape;
import dev.strata.losses.BinaryCrossentropy;
import dev.strata.losses.CategoricalCrossentropy;
import dev.strata.losses.Huber;
import dev.strata.losses.LogCosh;
import dev.strata.losses.Loss;
import dev.strata.losses.MeanAbsoluteError;
import dev.strata.losses.MeanAbsolutePercentageError;
import dev.strata.losses.MeanSquaredError;
import dev.strata.losses.MeanSquaredLogarithmicError;
import dev.strata.losses.Reduction;
import dev.strata.losses.SparseCategoricalCrossentropy;
import dev.strata.metrics.Accuracy;
import dev.strata.metrics.BinaryAccuracy;
import dev.strata.metrics.CategoricalAccuracy;
import dev.strata.metrics.LogCoshError;
import dev.strata.metrics.Mean;
import dev.strata.metrics.Metric;
import dev.strata.metrics.Metrics;
import dev.strata.metrics.RootMeanSquaredError;
import dev.strata.metrics.SparseCategoricalAccuracy;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.Adam;
import dev.strata.optimizers.AdamW;
import dev.strata.optimizers.Optimizer;
import dev.strata.optimizers.Optimizers;
import dev.strata.optimizers.RMSprop;
import dev.strata.optimizers.SGD;
import dev.strata.regularizers.Regularizer;
import dev.strata.regularizers.Regularizers;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Strata's built-in layers, optimizers, losses and metrics as Keras names and configs them: which classes are
 * built in, and how each is made from its Keras config (with Keras's defaults for missing keys and an error for a
 * key or value Strata does not support).
 */
final class BuiltIns {
    /** Built-in layer classes and their Keras class names (the same simple names). */
    private static final Map<Class<?>, String> LAYERS = new LinkedHashMap<>();
    /** Keras builds these at construction, so their serialized form has no {@code build_config}. */
    private static final Set<Class<?>> NO_BUILD_CONFIG = Set.of(InputLayer.class, Activation.class, Dropout.class,
            Reshape.class);
    /** Keys every layer config may have besides its own (legacy Keras 2 keys included). */
    static final Set<String> BASE_LAYER_KEYS = Set.of("name", "trainable", "dtype", "activity_regularizer",
            "batch_input_shape", "batch_shape", "input_shape", "input_dim", "batch_size");

    static {
        for (Class<?> c : List.of(InputLayer.class, Dense.class, Activation.class, Lambda.class, Dropout.class,
                Flatten.class, Reshape.class, Concatenate.class, Add.class, Subtract.class, Multiply.class,
                Average.class, Maximum.class, Minimum.class, BatchNormalization.class, LayerNormalization.class,
                Normalization.class)) {
            LAYERS.put(c, c.getSimpleName());
        }
    }

    private BuiltIns() {
    }

    /** Whether {@code type} is exactly one of Strata's built-in layer classes (not a subclass of one). */
    static boolean isBuiltInLayer(Class<?> type) {
        return LAYERS.containsKey(type);
    }

    /** Whether Keras writes a {@code build_config} for layers of this class. */
    static boolean hasBuildConfig(Class<?> type) {
        return !NO_BUILD_CONFIG.contains(type);
    }

    /** Whether {@code className} is a built-in layer's Keras class name. */
    static boolean isBuiltInLayerName(String className) {
        return LAYERS.containsValue(className);
    }

    /** The Keras class names of the built-in layers. */
    static List<String> layerNames() {
        return List.copyOf(LAYERS.values());
    }

    /** Whether {@code type} is Strata's own (built-in layer, model base, optimizer, loss or metric class). */
    static boolean isBuiltInClass(Class<?> type) {
        return LAYERS.containsKey(type) || type == Sequential.class || type == Model.class
                || type.getName().equals("dev.strata.models.Functional")
                || (Optimizer.class.isAssignableFrom(type) && dev.strata.layers.AutoConfig.isFrameworkClass(type))
                || (Loss.class.isAssignableFrom(type) && dev.strata.layers.AutoConfig.isFrameworkClass(type))
                || (Metric.class.isAssignableFrom(type) && dev.strata.layers.AutoConfig.isFrameworkClass(type));
    }

    // ---- layers ------------------------------------------------------------------------------------------------

    /**
     * The built-in layer {@code className} from its config. {@code reader} supplies the Lambda policy.
     *
     * @throws KerasConfigException for an unknown key or an unsupported value, naming the layer and the key
     */
    static Layer layer(String className, ConfigMap c, ConfigReader reader) {
        Layer layer = switch (className) {
            case "InputLayer" -> inputLayer(c);
            case "Dense" -> dense(c);
            case "Activation" -> new Activation(activation(c, "activation", null));
            case "Lambda" -> reader.lambda(c);
            case "Dropout" -> dropout(c);
            case "Flatten" -> {
                c.requireDefault("data_format", "channels_last", "Strata's Flatten is channels_last");
                yield new Flatten();
            }
            case "Reshape" -> {
                int[] target = c.ints("target_shape");
                if (target == null) {
                    throw c.error("missing 'target_shape'");
                }
                yield new Reshape(target);
            }
            case "Concatenate" -> new Concatenate(c.integer("axis", -1));
            case "Add" -> new Add();
            case "Subtract" -> new Subtract();
            case "Multiply" -> new Multiply();
            case "Average" -> new Average();
            case "Maximum" -> new Maximum();
            case "Minimum" -> new Minimum();
            case "BatchNormalization" -> batchNormalization(c);
            case "LayerNormalization" -> layerNormalization(c);
            case "Normalization" -> normalization(c);
            default -> throw c.error("unknown built-in layer class '" + className + "'");
        };
        if (!(layer instanceof InputLayer)) {
            applyBase(layer, c);
        }
        c.finish();
        return layer;
    }

    /**
     * Reads the keys every layer has: {@code name}, {@code trainable}, {@code dtype} (float32 only),
     * {@code activity_regularizer}; legacy input-shape keys are accepted (a Sequential reads them).
     */
    static void applyBase(Layer layer, ConfigMap c) {
        String name = c.string("name", null);
        if (name != null && !name.equals(layer.name())) {
            try {
                layer.named(name);
            } catch (IllegalStateException e) {
                throw c.error("cannot name the layer '" + name + "': " + e.getMessage());
            }
        }
        layer.setTrainable(c.bool("trainable", true));
        dtype(c.raw("dtype"), c);
        Object reg = c.raw("activity_regularizer");
        if (reg != null) {
            try {
                layer.activityRegularizer(Regularizers.deserialize(reg));
            } catch (IllegalArgumentException e) {
                throw c.error("'activity_regularizer': " + e.getMessage());
            }
        }
        c.ignore("batch_input_shape", "batch_shape", "input_shape", "input_dim", "batch_size");
    }

    /** Checks a dtype value: "float32", Keras's DTypePolicy dict for float32, or null. */
    static void dtype(Object v, ConfigMap c) {
        if (v == null || "float32".equals(v)) {
            return;
        }
        if (v instanceof Map<?, ?> m && (("DTypePolicy".equals(m.get("class_name")))
                || "FloatDTypePolicy".equals(m.get("class_name"))) && m.get("config") instanceof Map<?, ?> inner
                && "float32".equals(inner.get("name"))) {
            return;
        }
        throw c.error("'dtype' = " + ConfigMap.describe(v) + " is not supported: Strata computes in float32");
    }

    private static InputLayer inputLayer(ConfigMap c) {
        List<Object> dims = c.list("batch_shape");
        if (dims == null) {
            dims = c.list("batch_input_shape"); // Keras 2
        }
        if (dims == null) {
            List<Object> shape = c.list("shape");
            if (shape != null) {
                dims = new ArrayList<>();
                dims.add(c.raw("batch_size"));
                dims.addAll(shape);
            }
        }
        if (dims == null) {
            throw c.error("missing 'batch_shape'");
        }
        c.ignore("shape", "batch_size");
        dtype(c.raw("dtype"), c);
        c.requireDefault("sparse", false, "Strata has no sparse tensors");
        c.requireDefault("ragged", false, "Strata has no ragged tensors");
        c.requireDefault("optional", false, "Strata has no optional inputs");
        return new InputLayer(shape(dims, c, "batch_shape"), c.string("name", null));
    }

    /** A shape from a JSON list with null for unknown dimensions. */
    static Shape shape(List<?> dims, ConfigMap c, String key) {
        int[] out = new int[dims.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dims.get(i) == null ? Shape.UNKNOWN : c.toInt(dims.get(i), key);
        }
        return Shape.of(out);
    }

    private static Dense dense(ConfigMap c) {
        Dense d = new Dense(c.requireInt("units"), activation(c, "activation", null));
        d.useBias(c.bool("use_bias", true));
        Initializer k = initializer(c, "kernel_initializer");
        if (k != null) {
            d.kernelInitializer(k);
        }
        Initializer b = initializer(c, "bias_initializer");
        if (b != null) {
            d.biasInitializer(b);
        }
        d.kernelRegularizer(regularizer(c, "kernel_regularizer"));
        d.biasRegularizer(regularizer(c, "bias_regularizer"));
        noConstraints(c, "kernel_constraint", "bias_constraint");
        c.requireDefault("quantization_config", null, "Strata has no quantization");
        c.requireDefault("lora_rank", null, "Strata has no LoRA");
        c.ignore("lora_alpha");
        return d;
    }

    private static Dropout dropout(ConfigMap c) {
        Dropout d = new Dropout(c.number("rate", Double.NaN));
        Integer seed = c.integer("seed", null);
        if (seed != null) {
            d.seed(seed);
        }
        List<Object> noise = c.list("noise_shape");
        if (noise != null) {
            d.noiseShape(shape(noise, c, "noise_shape").toArray());
        }
        return d;
    }

    private static BatchNormalization batchNormalization(ConfigMap c) {
        BatchNormalization bn = new BatchNormalization();
        int[] axis = c.ints("axis");
        if (axis != null) {
            if (axis.length != 1) {
                throw c.error("'axis' = " + java.util.Arrays.toString(axis) + ": Strata normalizes over one axis");
            }
            bn.axis(axis[0]);
        }
        bn.momentum(c.number("momentum", 0.99));
        bn.epsilon(c.number("epsilon", 1e-3));
        bn.center(c.bool("center", true));
        bn.scale(c.bool("scale", true));
        Initializer i;
        if ((i = initializer(c, "beta_initializer")) != null) {
            bn.betaInitializer(i);
        }
        if ((i = initializer(c, "gamma_initializer")) != null) {
            bn.gammaInitializer(i);
        }
        if ((i = initializer(c, "moving_mean_initializer")) != null) {
            bn.movingMeanInitializer(i);
        }
        if ((i = initializer(c, "moving_variance_initializer")) != null) {
            bn.movingVarianceInitializer(i);
        }
        bn.betaRegularizer(regularizer(c, "beta_regularizer"));
        bn.gammaRegularizer(regularizer(c, "gamma_regularizer"));
        noConstraints(c, "beta_constraint", "gamma_constraint");
        c.ignore("synchronized"); // only matters across devices
        c.requireDefault("renorm", false, "Strata has no batch renormalization");
        c.requireDefault("renorm_clipping", null, "Strata has no batch renormalization");
        c.ignore("renorm_momentum");
        return bn;
    }

    private static LayerNormalization layerNormalization(ConfigMap c) {
        LayerNormalization ln = new LayerNormalization();
        int[] axis = c.ints("axis");
        if (axis != null) {
            ln.axis(axis);
        }
        ln.epsilon(c.number("epsilon", 1e-3));
        ln.center(c.bool("center", true));
        ln.scale(c.bool("scale", true));
        c.requireDefault("rms_scaling", false, "Strata's LayerNormalization has no RMS scaling");
        Initializer i;
        if ((i = initializer(c, "beta_initializer")) != null) {
            ln.betaInitializer(i);
        }
        if ((i = initializer(c, "gamma_initializer")) != null) {
            ln.gammaInitializer(i);
        }
        ln.betaRegularizer(regularizer(c, "beta_regularizer"));
        ln.gammaRegularizer(regularizer(c, "gamma_regularizer"));
        noConstraints(c, "beta_constraint", "gamma_constraint");
        return ln;
    }

    private static Normalization normalization(ConfigMap c) {
        Object mean = c.raw("mean");
        Object variance = c.raw("variance");
        Normalization n;
        if (mean == null && variance == null) {
            n = new Normalization();
        } else if (mean == null || variance == null) {
            throw c.error("'mean' and 'variance' must be given together");
        } else {
            n = new Normalization(tensor(mean, c, "mean"), tensor(variance, c, "variance"));
        }
        if (c.has("axis")) {
            int[] axis = c.ints("axis");
            n.axis(axis == null ? new int[0] : axis); // None: one statistic over everything
        }
        n.invert(c.bool("invert", false));
        return n;
    }

    private static dev.strata.activations.Activation activation(ConfigMap c, String key, String dflt) {
        Object v = c.raw(key);
        if (v == null) {
            return Activations.get(dflt);
        }
        if (!(v instanceof String s)) {
            throw c.error("'" + key + "' must be an activation name, got " + ConfigMap.describe(v)
                    + " (Strata reads activations by name)");
        }
        try {
            return Activations.get(s);
        } catch (IllegalArgumentException e) {
            throw c.error("'" + key + "': " + e.getMessage());
        }
    }

    /** An initializer from a name or a nested dict; null if absent. */
    static Initializer initializer(ConfigMap c, String key) {
        Object v = c.raw(key);
        if (v == null) {
            return null;
        }
        try {
            return Initializers.deserialize(v);
        } catch (IllegalArgumentException e) {
            throw c.error("'" + key + "': " + e.getMessage());
        }
    }

    static Regularizer regularizer(ConfigMap c, String key) {
        Object v = c.raw(key);
        if (v == null) {
            return null;
        }
        try {
            return Regularizers.deserialize(v);
        } catch (IllegalArgumentException e) {
            throw c.error("'" + key + "': " + e.getMessage());
        }
    }

    private static void noConstraints(ConfigMap c, String... keys) {
        for (String k : keys) {
            c.requireDefault(k, null, "Strata has no weight constraints");
        }
    }

    /** A tensor from numpy's {@code tolist()} form: a number, or nested lists. */
    static Tensor tensor(Object v, ConfigMap c, String key) {
        List<Integer> dims = new ArrayList<>();
        Object level = v;
        while (level instanceof List<?> l) {
            dims.add(l.size());
            level = l.isEmpty() ? null : l.getFirst();
        }
        int size = 1;
        for (int d : dims) {
            size = Math.multiplyExact(size, d);
        }
        float[] data = new float[size];
        int[] pos = {0};
        fill(v, dims, 0, data, pos, c, key);
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        return Tensor.of(data, Shape.of(shape));
    }

    private static void fill(Object v, List<Integer> dims, int depth, float[] data, int[] pos, ConfigMap c,
                             String key) {
        if (depth == dims.size()) {
            if (!(v instanceof Number n)) {
                throw c.error("'" + key + "' must hold numbers, got " + ConfigMap.describe(v));
            }
            data[pos[0]++] = n.floatValue();
            return;
        }
        if (!(v instanceof List<?> l) || l.size() != dims.get(depth)) {
            throw c.error("'" + key + "' is not a rectangular array of numbers");
        }
        for (Object o : l) {
            fill(o, dims, depth + 1, data, pos, c, key);
        }
    }

    /** numpy's {@code tolist()} of a tensor: a number for a scalar, else nested lists. */
    static Object nested(Tensor t) {
        float[] data = t.toFloatArray();
        int[] dims = t.shape().toArray();
        if (dims.length == 0) {
            return (double) data[0];
        }
        return nested(data, dims, 0, 0);
    }

    private static List<Object> nested(float[] data, int[] dims, int axis, int offset) {
        int stride = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            stride *= dims[d];
        }
        List<Object> out = new ArrayList<>(dims[axis]);
        for (int i = 0; i < dims[axis]; i++) {
            out.add(axis == dims.length - 1 ? (Object) (double) data[offset + i]
                    : nested(data, dims, axis + 1, offset + i * stride));
        }
        return out;
    }

    // ---- optimizers --------------------------------------------------------------------------------------------

    /** Whether {@code type} is one of Strata's optimizers (SGD, Adam, AdamW, RMSprop). */
    static boolean isBuiltInOptimizer(Class<?> type) {
        return type == SGD.class || type == Adam.class || type == AdamW.class || type == RMSprop.class;
    }

    /** Keras's serialized optimizer: {@code {"module": "keras.optimizers", "class_name": "Adam", "config": ...}}. */
    static Map<String, Object> optimizer(Optimizer o) {
        return object("keras.optimizers", o.getClass().getSimpleName(), new LinkedHashMap<>(o.config()));
    }

    /** An optimizer from a name ({@code "adam"}) or a serialized dict. */
    static Optimizer optimizer(Object v, String where) {
        if (v instanceof String s) {
            try {
                return Optimizers.get(s);
            } catch (IllegalArgumentException e) {
                throw new KerasConfigException(where + ": " + e.getMessage());
            }
        }
        ConfigMap outer = new ConfigMap(v, where);
        String className = outer.requireString("class_name");
        outer.ignore("module", "registered_name", "shared_object_id");
        ConfigMap c = new ConfigMap(outer.raw("config") == null ? Map.of() : outer.raw("config"),
                where + " (" + className + ")");
        outer.finish();
        String simple = className.startsWith("Custom>") ? className.substring(7) : className; // Keras 2.11-2.15
        Object lrValue = c.has("learning_rate") ? c.raw("learning_rate") : c.raw("lr");
        c.ignore("lr");
        if (lrValue instanceof Map) {
            throw c.error("'learning_rate' is a schedule (" + ConfigMap.describe(lrValue) + "); Strata's optimizers "
                    + "take a constant learning rate");
        }
        Optimizer o = switch (simple) {
            case "SGD" -> new SGD(lr(lrValue, c, 0.01), (float) c.number("momentum", 0.0), c.bool("nesterov", false));
            case "Adam" -> new Adam(lr(lrValue, c, 0.001), (float) c.number("beta_1", 0.9),
                    (float) c.number("beta_2", 0.999), (float) c.number("epsilon", 1e-7))
                    .amsgrad(c.bool("amsgrad", false));
            case "AdamW" -> new AdamW(lr(lrValue, c, 0.001), 0.004f, (float) c.number("beta_1", 0.9),
                    (float) c.number("beta_2", 0.999), (float) c.number("epsilon", 1e-7))
                    .amsgrad(c.bool("amsgrad", false)); // weight_decay: below
            case "RMSprop" -> new RMSprop(lr(lrValue, c, 0.001)).rho((float) c.number("rho", 0.9))
                    .momentum((float) c.number("momentum", 0.0)).epsilon((float) c.number("epsilon", 1e-7))
                    .centered(c.bool("centered", false));
            default -> throw c.error("unknown optimizer class '" + className
                    + "'; Strata has SGD, Adam, AdamW and RMSprop");
        };
        String name = c.string("name", null);
        if (name != null) {
            o.name(name);
        }
        Object clip;
        if ((clip = c.raw("clipnorm")) != null) {
            o.clipnorm((float) c.toDouble(clip, "clipnorm"));
        }
        if ((clip = c.raw("global_clipnorm")) != null) {
            o.globalClipnorm((float) c.toDouble(clip, "global_clipnorm"));
        }
        if ((clip = c.raw("clipvalue")) != null) {
            o.clipvalue((float) c.toDouble(clip, "clipvalue"));
        }
        Object weightDecay = c.raw("weight_decay"); // None: no decay (AdamW keeps its default, where Keras refuses)
        if (weightDecay != null) {
            o.weightDecay((float) c.toDouble(weightDecay, "weight_decay"));
        }
        c.requireDefault("use_ema", false, "Strata's optimizers keep no moving average of the weights");
        c.requireDefault("ema_overwrite_frequency", null, "no EMA");
        c.requireDefault("loss_scale_factor", null, "Strata does no loss scaling");
        c.requireDefault("gradient_accumulation_steps", null, "Strata does not accumulate gradients");
        c.requireDefault("decay", 0.0, "Keras 2's learning-rate decay is not supported");
        c.ignore("ema_momentum", "jit_compile", "is_legacy_optimizer");
        c.finish();
        return o;
    }

    private static float lr(Object v, ConfigMap c, double dflt) {
        return v == null ? (float) dflt : (float) c.toDouble(v, "learning_rate");
    }

    // ---- losses and metrics ------------------------------------------------------------------------------------

    /** Keras's serialized form of a built-in loss or metric object. */
    static Map<String, Object> lossOrMetric(Object o) {
        if (o instanceof Loss l) {
            return object("keras.losses", l.getClass().getSimpleName(), new LinkedHashMap<>(l.getConfig()));
        }
        Metric m = (Metric) o;
        return object("keras.metrics", m.getClass().getSimpleName(), new LinkedHashMap<>(m.getConfig()));
    }

    static boolean isBuiltInLoss(Class<?> type) {
        return LOSSES.containsKey(type.getSimpleName()) && Loss.class.isAssignableFrom(type)
                && dev.strata.layers.AutoConfig.isFrameworkClass(type);
    }

    static boolean isBuiltInMetric(Class<?> type) {
        return METRICS.contains(type.getSimpleName()) && Metric.class.isAssignableFrom(type)
                && dev.strata.layers.AutoConfig.isFrameworkClass(type);
    }

    private static final Map<String, Function<ConfigMap, Loss>> LOSSES = new LinkedHashMap<>();
    private static final Set<String> METRICS = new HashSet<>(List.of("Mean", "MeanSquaredError",
            "RootMeanSquaredError", "MeanAbsoluteError", "MeanAbsolutePercentageError", "MeanSquaredLogarithmicError",
            "LogCoshError", "Accuracy", "BinaryAccuracy", "CategoricalAccuracy", "SparseCategoricalAccuracy",
            "BinaryCrossentropy", "CategoricalCrossentropy", "SparseCategoricalCrossentropy"));

    static {
        LOSSES.put("MeanSquaredError", c -> new MeanSquaredError(reduction(c), c.string("name",
                "mean_squared_error")));
        LOSSES.put("MeanAbsoluteError", c -> new MeanAbsoluteError(reduction(c), c.string("name",
                "mean_absolute_error")));
        LOSSES.put("MeanAbsolutePercentageError", c -> new MeanAbsolutePercentageError(reduction(c),
                c.string("name", "mean_absolute_percentage_error")));
        LOSSES.put("MeanSquaredLogarithmicError", c -> new MeanSquaredLogarithmicError(reduction(c),
                c.string("name", "mean_squared_logarithmic_error")));
        LOSSES.put("Huber", c -> new Huber(c.number("delta", 1.0), reduction(c), c.string("name", "huber_loss")));
        LOSSES.put("LogCosh", c -> new LogCosh(reduction(c), c.string("name", "log_cosh")));
        LOSSES.put("BinaryCrossentropy", c -> new BinaryCrossentropy(c.bool("from_logits", false),
                c.number("label_smoothing", 0.0), c.integer("axis", -1), reduction(c),
                c.string("name", "binary_crossentropy")));
        LOSSES.put("CategoricalCrossentropy", c -> new CategoricalCrossentropy(c.bool("from_logits", false),
                c.number("label_smoothing", 0.0), c.integer("axis", -1), reduction(c),
                c.string("name", "categorical_crossentropy")));
        LOSSES.put("SparseCategoricalCrossentropy", c -> new SparseCategoricalCrossentropy(
                c.bool("from_logits", false), c.integer("ignore_class", null), reduction(c),
                c.string("name", "sparse_categorical_crossentropy")));
    }

    private static Reduction reduction(ConfigMap c) {
        if (!c.has("reduction")) {
            return Reduction.SUM_OVER_BATCH_SIZE;
        }
        Object r = c.raw("reduction");
        try {
            return Reduction.of(r == null ? null : r.toString());
        } catch (IllegalArgumentException e) {
            throw c.error("unknown reduction " + ConfigMap.describe(r));
        }
    }

    /** Whether {@code className} is a built-in loss class. */
    static boolean isLossClass(String className) {
        return LOSSES.containsKey(className);
    }

    /** Whether {@code className} is a built-in metric class. */
    static boolean isMetricClass(String className) {
        return METRICS.contains(className) || className.equals("MeanMetricWrapper");
    }

    /** A built-in loss from its Keras class name and config. */
    static Loss loss(String className, ConfigMap c) {
        Function<ConfigMap, Loss> make = LOSSES.get(className);
        if (make == null) {
            throw c.error("unknown loss class '" + className + "'; known: " + LOSSES.keySet());
        }
        c.ignore("dtype");
        Loss l = make.apply(c);
        c.finish();
        return l;
    }

    /** A built-in metric from its Keras class name and config. */
    static Metric metric(String className, ConfigMap c) {
        String name = c.string("name", null);
        dtype(c.raw("dtype"), c);
        Metric m = switch (className) {
            case "Mean" -> name == null ? new Mean() : new Mean(name);
            case "MeanSquaredError" -> name == null ? new dev.strata.metrics.MeanSquaredError()
                    : new dev.strata.metrics.MeanSquaredError(name);
            case "RootMeanSquaredError" -> name == null ? new RootMeanSquaredError() : new RootMeanSquaredError(name);
            case "MeanAbsoluteError" -> name == null ? new dev.strata.metrics.MeanAbsoluteError()
                    : new dev.strata.metrics.MeanAbsoluteError(name);
            case "MeanAbsolutePercentageError" -> name == null ? new dev.strata.metrics.MeanAbsolutePercentageError()
                    : new dev.strata.metrics.MeanAbsolutePercentageError(name);
            case "MeanSquaredLogarithmicError" -> name == null ? new dev.strata.metrics.MeanSquaredLogarithmicError()
                    : new dev.strata.metrics.MeanSquaredLogarithmicError(name);
            case "LogCoshError" -> name == null ? new LogCoshError() : new LogCoshError(name);
            case "Accuracy" -> name == null ? new Accuracy() : new Accuracy(name);
            case "BinaryAccuracy" -> new BinaryAccuracy(name == null ? "binary_accuracy" : name,
                    c.number("threshold", 0.5));
            case "CategoricalAccuracy" -> name == null ? new CategoricalAccuracy() : new CategoricalAccuracy(name);
            case "SparseCategoricalAccuracy" -> name == null ? new SparseCategoricalAccuracy()
                    : new SparseCategoricalAccuracy(name);
            case "BinaryCrossentropy" -> new dev.strata.metrics.BinaryCrossentropy(
                    name == null ? "binary_crossentropy" : name, c.bool("from_logits", false),
                    c.number("label_smoothing", 0.0));
            case "CategoricalCrossentropy" -> new dev.strata.metrics.CategoricalCrossentropy(
                    name == null ? "categorical_crossentropy" : name, c.bool("from_logits", false),
                    c.number("label_smoothing", 0.0), c.integer("axis", -1));
            case "SparseCategoricalCrossentropy" -> {
                c.requireDefault("axis", -1, "Strata's sparse crossentropy reduces the last axis");
                yield new dev.strata.metrics.SparseCategoricalCrossentropy(
                        name == null ? "sparse_categorical_crossentropy" : name, c.bool("from_logits", false),
                        c.integer("ignore_class", null));
            }
            case "MeanMetricWrapper" -> { // Keras 2's wrapper around a named function
                String fn = c.requireString("fn");
                try {
                    yield Metrics.get(fn);
                } catch (IllegalArgumentException e) {
                    throw c.error("'fn': " + e.getMessage());
                }
            }
            default -> throw c.error("unknown metric class '" + className + "'; known: " + METRICS);
        };
        c.finish();
        return m;
    }

    /** {@code {"module": module, "class_name": className, "config": config, "registered_name": null}}. */
    static Map<String, Object> object(String module, String className, Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", module);
        out.put("class_name", className);
        out.put("config", config);
        out.put("registered_name", null);
        return out;
    }
}
