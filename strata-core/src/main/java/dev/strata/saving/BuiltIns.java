package dev.strata.saving;

import dev.strata.config.Config;
import dev.strata.config.KerasConfigException;
import dev.strata.config.KerasObjects;
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
import dev.strata.optimizers.Adam;
import dev.strata.optimizers.AdamW;
import dev.strata.optimizers.Optimizer;
import dev.strata.optimizers.Optimizers;
import dev.strata.optimizers.RMSprop;
import dev.strata.optimizers.SGD;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Strata's built-in optimizers, losses and metrics as Keras names and configs them: which classes are built in, and
 * how each is made from its Keras config (with Keras's defaults for missing keys and an error for a key or value
 * Strata does not support). Layers, initializers and regularizers have moved into their own classes
 * ({@code fromConfig(Config)}); these are next.
 */
final class BuiltIns {
    private BuiltIns() {
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
        Config outer = new Config(v, where);
        String className = outer.requireString("class_name");
        outer.ignore("module", "registered_name", "shared_object_id");
        Config c = new Config(outer.raw("config") == null ? Map.of() : outer.raw("config"),
                where + " (" + className + ")");
        outer.finish();
        String simple = className.startsWith("Custom>") ? className.substring(7) : className; // Keras 2.11-2.15
        Object lrValue = c.has("learning_rate") ? c.raw("learning_rate") : c.raw("lr");
        c.ignore("lr");
        if (lrValue instanceof Map) {
            throw c.error("'learning_rate' is a schedule (" + Config.describe(lrValue) + "); Strata's optimizers "
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

    private static float lr(Object v, Config c, double dflt) {
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
                && KerasObjects.isFrameworkClass(type);
    }

    static boolean isBuiltInMetric(Class<?> type) {
        return METRICS.contains(type.getSimpleName()) && Metric.class.isAssignableFrom(type)
                && KerasObjects.isFrameworkClass(type);
    }

    private static final Map<String, Function<Config, Loss>> LOSSES = new LinkedHashMap<>();
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

    private static Reduction reduction(Config c) {
        if (!c.has("reduction")) {
            return Reduction.SUM_OVER_BATCH_SIZE;
        }
        Object r = c.raw("reduction");
        try {
            return Reduction.of(r == null ? null : r.toString());
        } catch (IllegalArgumentException e) {
            throw c.error("unknown reduction " + Config.describe(r));
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
    static Loss loss(String className, Config c) {
        Function<Config, Loss> make = LOSSES.get(className);
        if (make == null) {
            throw c.error("unknown loss class '" + className + "'; known: " + LOSSES.keySet());
        }
        c.ignore("dtype");
        Loss l = make.apply(c);
        c.finish();
        return l;
    }

    /** A built-in metric from its Keras class name and config. */
    static Metric metric(String className, Config c) {
        String name = c.string("name", null);
        c.requireFloat32("dtype");
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
        return KerasObjects.envelope(module, className, config, null);
    }
}
