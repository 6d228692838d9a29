package dev.strata.saving;

import dev.strata.config.Config;
import dev.strata.config.ConfigContext;
import dev.strata.config.KerasConfigException;
import dev.strata.config.KerasObjects;
import dev.strata.initializers.Initializer;
import dev.strata.layers.Layer;
import dev.strata.losses.Loss;
import dev.strata.losses.Losses;
import dev.strata.metrics.Metric;
import dev.strata.metrics.Metrics;
import dev.strata.models.Model;
import dev.strata.optimizers.Optimizer;
import dev.strata.optimizers.Optimizers;
import dev.strata.regularizers.Regularizer;
import dev.strata.regularizers.Regularizers;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Keras's {@code deserialize_keras_object} as loading does it: every object made by the generic reader
 * ({@link KerasObjects}, the classes' own {@code fromConfig}), with what only files carry handled here: a subclassed
 * model written beside its traced graph (made as its class when that is registered, else as the graph) and Keras 2's
 * Sequential configs. Models are compiled from their compile configs when the options say so. Only built-in classes and registered
 * ones ({@link dev.strata.config.SavingRegistry}, {@link LoadOptions#customObject}) are ever instantiated; Lambda layers
 * only outside safe mode.
 */
final class ConfigReader {
    private final LoadOptions options;
    /** What loading a file needs to know to find the weights of the objects made (may stay unused). */
    private final LoadRecord record = new LoadRecord();
    /** Custom classes and functions for the generic reader, with the hooks that handle the file-only forms. */
    private final ConfigContext context;

    ConfigReader(LoadOptions options) {
        this(options, Map.of());
    }

    /** A reader; {@code liveLambdas} are the functions of Lambda layers being cloned in this JVM, by layer name. */
    ConfigReader(LoadOptions options, Map<String, Function<Tensor, Tensor>> liveLambdas) {
        this.options = options;
        Map<String, Object> custom = new LinkedHashMap<>(options.lambdas());
        custom.putAll(options.customObjects());
        custom.putAll(liveLambdas);
        // A clone's own Lambda functions are trusted: they never came from a file.
        boolean safe = options.safeMode() && liveLambdas.isEmpty();
        this.context = new ConfigContext(safe, options.compile(), custom) {
            @Override
            protected Object read(Map<String, Object> serialized, Class<?> kind, String where) {
                return ConfigReader.this.read(serialized, kind, where);
            }

            @Override
            public void warn(String message) {
                options.warn(message);
            }

            @Override
            protected void made(Object object, String className) {
                if (object instanceof Layer l && !className.equals(l.getClass().getSimpleName())
                        && !isKerasExportName(l, className)) {
                    record.classNames.put(l, className); // the weight walk names list items by the file's class
                }
            }
        };
    }

    /**
     * Whether {@code className} is the name the layer's class declares with {@code @KerasClass}: Keras's exported
     * name, while the Java class is named as Python's class is (GroupedQueryAttention, saved as
     * GroupQueryAttention), which is the name Keras's weight walk uses.
     */
    private static boolean isKerasExportName(Layer l, String className) {
        dev.strata.internal.config.KerasClass k = l.getClass().getAnnotation(dev.strata.internal.config.KerasClass.class);
        return k != null && className.equals(k.name());
    }

    /** What the objects read so far need for their weights to be found (see {@link LoadRecord}). */
    LoadRecord record() {
        return record;
    }

    /** The context the generic reader works in (custom classes, Lambda functions, safe mode). */
    ConfigContext context() {
        return context;
    }

    // ---- models and layers ---------------------------------------------------------------------------------------

    /** A model from its serialized form, compiled from its {@code compile_config} if the options say so. */
    Model model(Object serialized, String where) {
        Layer l = layer(serialized, where);
        if (!(l instanceof Model m)) {
            throw new KerasConfigException(where + ": the config describes a " + l.getClass().getSimpleName()
                    + " layer, not a model");
        }
        return m;
    }

    /** A layer or model from its serialized form, built from its {@code build_config}. */
    Layer layer(Object serialized, String where) {
        return KerasObjects.deserialize(serialized, Layer.class, context, where);
    }

    /**
     * The forms only files carry, asked first by the generic reader for every serialized dict; null hands the dict
     * on unchanged. Each branch hands on a changed dict, so it is not asked about the same thing twice.
     */
    private Object read(Map<String, Object> e, Class<?> kind, String where) {
        if (!kind.isAssignableFrom(Layer.class) && !Layer.class.isAssignableFrom(kind)) {
            return null;
        }
        if (e.containsKey(KerasConfig.SUBCLASS_KEY)) {
            Layer layer = subclass(e.get(KerasConfig.SUBCLASS_KEY), where);
            if (layer != null) {
                record.graphForm.add(layer); // its weights are where the graph's are
                return layer; // built and compiled from its own entry
            }
            Map<String, Object> graph = new LinkedHashMap<>(e);
            graph.remove(KerasConfig.SUBCLASS_KEY);
            return layer(graph, where);
        }
        if ("Sequential".equals(e.get("class_name")) && e.get("config") instanceof List<?> legacy) {
            // Keras 2.0-2.2 wrote a Sequential model's config as the bare list of its layers
            Map<String, Object> modern = new LinkedHashMap<>(e);
            modern.put("config", new LinkedHashMap<>(Map.of("layers", legacy)));
            return layer(modern, where);
        }
        return null;
    }

    /**
     * The subclass form saved next to a traced graph: the class's instance if it is registered, null (load the graph)
     * otherwise, unless the options require the class.
     */
    private Layer subclass(Object serialized, String where) {
        Config s = new Config(serialized, where + "." + KerasConfig.SUBCLASS_KEY, context);
        String className = s.requireString("class_name");
        String registered = s.string("registered_name", null);
        Class<?> type = context.customClass(className, registered);
        if (type == null) {
            if (options.requireSubclass()) {
                layer(serialized, s.where()); // the generic reader says what to register
            }
            return null;
        }
        try {
            return layer(serialized, where + "." + KerasConfig.SUBCLASS_KEY);
        } catch (KerasConfigException e) {
            if (options.requireSubclass()) {
                throw e;
            }
            // A file saved before saving checked that a class can be made again: its graph still loads.
            options.warn("the class " + type.getName() + " could not be made from its saved config, so its saved "
                    + "graph is loaded instead, as a Functional model: " + e.getMessage());
            return null;
        }
    }

    // ---- objects -------------------------------------------------------------------------------------------------

    /** Any serialized object, as {@code deserialize_keras_object}: plain values are returned as they are. */
    Object object(Object v, Class<?> expected, String where) {
        if (!(v instanceof Map<?, ?> m) || !(m.get("class_name") instanceof String className)
                || !m.containsKey("config")) {
            if (v instanceof String s && expected != null) {
                return named(s, expected, where);
            }
            return v;
        }
        Object module = m.get("module");
        Object registered = m.get("registered_name");
        String mod = module instanceof String s ? s : null;
        String reg = registered instanceof String s ? s : null;
        if (className.equals("Functional") || className.equals("Sequential") || (mod != null
                && mod.startsWith("keras.layers")) || (expected != null && Layer.class.isAssignableFrom(expected))) {
            return layer(v, where);
        }
        if (mod != null && mod.startsWith("keras.initializers")) {
            return KerasObjects.deserialize(v, Initializer.class, context, where);
        }
        if (mod != null && mod.startsWith("keras.regularizers")) {
            return KerasObjects.deserialize(v, Regularizer.class, context, where);
        }
        if (mod != null && mod.startsWith("keras.optimizers")) {
            return KerasObjects.deserialize(v, Optimizer.class, context, where);
        }
        if (isFamily(Loss.class, expected, mod, "keras.losses")) {
            return Losses.deserialize(v, context, where);
        }
        if (isFamily(Metric.class, expected, mod, "keras.metrics")) {
            return Metrics.deserialize(v, context, where);
        }
        Class<?> type = context.customClass(className, reg);
        if (type != null && Layer.class.isAssignableFrom(type)) {
            return layer(v, where);
        }
        if (type != null && Loss.class.isAssignableFrom(type)) {
            return Losses.deserialize(v, context, where);
        }
        // Keras 2 wrote the metrics of a compile config without a module (MeanMetricWrapper among them)
        if ((type != null && Metric.class.isAssignableFrom(type))
                || (type == null && mod == null && reg == null && isBuiltIn(Metric.class, className))) {
            return Metrics.deserialize(v, context, where);
        }
        @SuppressWarnings("unchecked")
        Class<Object> kind = (Class<Object>) (expected == null ? Object.class : expected);
        return KerasObjects.deserialize(v, kind, context, where);
    }

    /** Whether a dict is read as a {@code family} member: asked for as one, or in its Keras module. */
    private static boolean isFamily(Class<?> family, Class<?> expected, String module, String kerasModule) {
        return (expected != null && family.isAssignableFrom(expected)) || (module != null
                && module.startsWith(kerasModule));
    }

    private static boolean isBuiltIn(Class<?> family, String className) {
        return KerasObjects.builtInNames(family).contains(className);
    }

    private Object named(String s, Class<?> expected, String where) {
        try {
            if (Optimizer.class.isAssignableFrom(expected)) {
                return Optimizers.get(s);
            }
            if (Initializer.class.isAssignableFrom(expected)) {
                return dev.strata.initializers.Initializers.get(s);
            }
            if (Regularizer.class.isAssignableFrom(expected)) {
                return Regularizers.get(s);
            }
        } catch (IllegalArgumentException e) {
            throw new KerasConfigException(where + ": " + e.getMessage(), e);
        }
        return s;
    }
}
