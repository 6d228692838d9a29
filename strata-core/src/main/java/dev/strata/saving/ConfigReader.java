package dev.strata.saving;

import dev.strata.config.SavingRegistry;
import dev.strata.config.Config;
import dev.strata.config.ConfigContext;
import dev.strata.config.KerasConfigException;
import dev.strata.config.KerasObjects;
import dev.strata.initializers.Initializer;
import dev.strata.layers.Layer;
import dev.strata.layers.core.InputLayer;
import dev.strata.losses.Loss;
import dev.strata.losses.Losses;
import dev.strata.metrics.Metric;
import dev.strata.metrics.Metrics;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.Optimizer;
import dev.strata.optimizers.Optimizers;
import dev.strata.regularizers.Regularizer;
import dev.strata.regularizers.Regularizers;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.CompileOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Keras's {@code deserialize_keras_object} for Strata: builds layers, models, optimizers, losses and metrics from
 * their serialized dicts. Only built-in classes and registered ones ({@link SavingRegistry},
 * {@link LoadOptions#customObject}) are ever instantiated; Lambda layers only outside safe mode.
 */
final class ConfigReader {
    private final LoadOptions options;
    /** What loading a file needs to know to find the weights of the objects made (may stay unused). */
    private final LoadRecord record = new LoadRecord();
    /** Custom classes and functions for the generic reader, and the hook that records file class names. */
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
        this.context = new ConfigContext(safe, custom) {
            @Override
            protected void made(Object object, String className) {
                if (object instanceof Layer l && !className.equals(l.getClass().getSimpleName())) {
                    record.classNames.put(l, className); // the weight walk names list items by the file's class
                }
            }
        };
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
        Layer l = layer(serialized, where, true);
        if (!(l instanceof Model m)) {
            throw new KerasConfigException(where + ": the config describes a " + l.getClass().getSimpleName()
                    + " layer, not a model");
        }
        return m;
    }

    /**
     * A layer or model from its serialized form. {@code buildFromConfig}: whether a model is built from its
     * {@code build_config} (not needed inside a graph, whose calls build it).
     */
    Layer layer(Object serialized, String where, boolean buildFromConfig) {
        Config e = new Config(serialized, where, context);
        String className = e.requireString("class_name");
        String module = e.string("module", null);
        String registered = e.string("registered_name", null);
        Object config = e.raw("config");
        Object build = e.raw("build_config");
        Object compile = e.raw("compile_config");
        Object subclass = e.raw(KerasConfig.SUBCLASS_KEY);
        Object entryName = e.raw("name");
        e.ignore("inbound_nodes", "shared_object_id");
        e.finish();
        String name = entryName instanceof String s ? s
                : config instanceof Map<?, ?> m && m.get("name") instanceof String s ? s : null;
        String desc = where + (name == null ? "" : " '" + name + "'") + " (" + className + ")";
        if (config == null) {
            throw new KerasConfigException(desc + ": missing 'config'");
        }
        if (subclass != null) {
            Layer layer = subclass(subclass, where);
            if (layer != null) {
                record.graphForm.add(layer); // its weights are where the graph's are
                return layer; // built and compiled from its own entry
            }
        }
        Layer layer;
        if (className.equals("Functional") || (className.equals("Model") && isGraphConfig(config))) {
            layer = functional(config, desc);
        } else if (className.equals("Sequential") && (module == null || module.startsWith("keras"))
                && (registered == null || registered.equals("Sequential"))) {
            layer = sequential(config, desc);
        } else {
            // Any other layer, built in or registered: the generic reader, which builds it from its build_config
            // as Keras builds every object it deserializes.
            Map<String, Object> entry = KerasObjects.envelope(module, className, config, registered);
            if (build != null) {
                entry.put("build_config", build);
            }
            layer = KerasObjects.deserialize(entry, Layer.class, context, where);
        }
        if (compile != null && layer instanceof Model m && options.compile()) {
            compile(m, compile, desc + ".compile_config");
        }
        return layer;
    }

    private static boolean isGraphConfig(Object config) {
        return config instanceof Map<?, ?> m && m.containsKey("layers") && m.containsKey("input_layers");
    }

    /** The class a custom entry names, if it is registered (or given in the options); never any other class. */
    private Class<?> resolve(String className, String registered) {
        return context.customClass(className, registered);
    }

    /**
     * The subclass form saved next to a traced graph: the class's instance if it is registered, null (load the graph)
     * otherwise, unless the options require the class.
     */
    private Layer subclass(Object serialized, String where) {
        Config s = new Config(serialized, where + "." + KerasConfig.SUBCLASS_KEY, context);
        String className = s.requireString("class_name");
        String registered = s.string("registered_name", null);
        Class<?> type = resolve(className, registered);
        if (type == null) {
            if (options.requireSubclass()) {
                // the generic reader says what to register
                KerasObjects.deserialize(serialized, Layer.class, context, s.where());
            }
            return null;
        }
        try {
            return layer(serialized, where + "." + KerasConfig.SUBCLASS_KEY, true);
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

    // ---- Sequential ----------------------------------------------------------------------------------------------

    private Sequential sequential(Object config, String desc) {
        List<Object> entries;
        String name = null;
        boolean trainable = true;
        List<Object> buildShape = null;
        if (config instanceof List<?> legacy) { // Keras 2.0-2.2: the config is the list of layers
            entries = new ArrayList<>(legacy);
        } else {
            Config c = new Config(config, desc, context);
            name = c.string("name", null);
            trainable = c.bool("trainable", true);
            c.requireFloat32("dtype");
            entries = c.list("layers");
            buildShape = c.list("build_input_shape");
            c.finish();
            if (entries == null) {
                throw c.error("missing 'layers'");
            }
        }
        Sequential s = new Sequential();
        if (name != null) {
            s.named(name);
        }
        for (int i = 0; i < entries.size(); i++) {
            String where = desc + ".layers[" + i + "]";
            if (i == 0) {
                InputLayer implicit = legacyInput(entries.getFirst(), where);
                if (implicit != null) {
                    s.add(implicit);
                }
            }
            Layer l = layer(entries.get(i), where, false);
            try {
                s.add(l);
            } catch (RuntimeException e) {
                throw new KerasConfigException(where + ": cannot add " + l.describe() + " to the Sequential model: "
                        + e.getMessage(), e);
            }
        }
        if (!s.isBuilt() && buildShape != null && !s.layers().isEmpty()) {
            s.buildFromConfig(new Config(new LinkedHashMap<>(Map.of("input_shape", buildShape)), desc + ".build_config",
                    context));
        }
        s.setTrainable(trainable);
        return s;
    }

    /** Keras 2 puts the input shape in the first layer's config ({@code batch_input_shape}) instead of an InputLayer. */
    private InputLayer legacyInput(Object entry, String where) {
        if (!(entry instanceof Map<?, ?> m) || "InputLayer".equals(m.get("class_name"))
                || !(m.get("config") instanceof Map<?, ?> c)) {
            return null;
        }
        Object shape = c.get("batch_input_shape") != null ? c.get("batch_input_shape") : c.get("batch_shape");
        if (!(shape instanceof List<?> dims)) {
            return null;
        }
        Shape full = new Config(c, where, context).toShape(dims, "batch_input_shape");
        return new InputLayer(full.withDim(0, Shape.UNKNOWN), null);
    }

    // ---- Functional ----------------------------------------------------------------------------------------------

    /** A node reference that cannot be resolved yet (its layer's node is not made yet). */
    private static final class NotReady extends Exception {
        private static final long serialVersionUID = 1L;

        NotReady() {
            super(null, null, false, false);
        }
    }

    /** One entry of a Functional config's {@code layers}. */
    private static final class Entry {
        final String name;
        final String className;
        final Layer layer;          // null for an op
        final Object opConfig;      // for an op
        final Deque<Object> pending = new ArrayDeque<>();
        final List<List<Tensor>> outputs = new ArrayList<>();
        final String where;

        Entry(String name, String className, Layer layer, Object opConfig, String where) {
            this.name = name;
            this.className = className;
            this.layer = layer;
            this.opConfig = opConfig;
            this.where = where;
        }
    }

    private Model functional(Object config, String desc) {
        Config c = new Config(config, desc, context);
        String name = c.string("name", null);
        boolean trainable = c.bool("trainable", true);
        List<Object> layerEntries = c.list("layers");
        Object inputRefs = c.raw("input_layers");
        Object outputRefs = c.raw("output_layers");
        c.requireFloat32("dtype");
        c.finish();
        if (layerEntries == null || inputRefs == null || outputRefs == null) {
            throw c.error("a Functional config needs 'layers', 'input_layers' and 'output_layers'");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < layerEntries.size(); i++) {
            String where = desc + ".layers[" + i + "]";
            Config le = new Config(layerEntries.get(i), where, context);
            Object n = le.map().get("name");
            if (!(n instanceof String lname)) {
                throw le.error("missing 'name'");
            }
            where = where + " '" + lname + "'";
            if (entries.containsKey(lname)) {
                throw new KerasConfigException(where + ": two layers are named '" + lname + "'");
            }
            Object cls = le.map().get("class_name");
            String className = cls instanceof String s ? s : "?";
            Object module = le.map().get("module");
            Entry entry;
            if (OpConfigs.isOpEntry(module instanceof String s ? s : null, className)) {
                Object opConfig = le.map().get("config");
                entry = new Entry(lname, className, null, opConfig == null ? Map.of() : opConfig, where);
            } else {
                Layer layer = layer(layerEntries.get(i), where, false);
                entry = new Entry(lname, className, layer, null, where);
                if (layer instanceof InputLayer il) {
                    entry.outputs.add(List.of(il.output()));
                }
            }
            Object inbound = le.map().get("inbound_nodes");
            if (inbound != null) {
                if (!(inbound instanceof List<?> nodes)) {
                    throw le.error("'inbound_nodes' must be a list");
                }
                entry.pending.addAll(nodes);
            }
            entries.put(lname, entry);
        }
        // Process nodes in layer order; a node whose inputs do not exist yet waits for a later round (Keras does
        // the same: a layer shared at different depths has nodes that depend on each other's layers).
        boolean pending = true;
        while (pending) {
            pending = false;
            boolean progress = false;
            for (Entry entry : entries.values()) {
                while (!entry.pending.isEmpty()) {
                    List<Tensor> out;
                    try {
                        out = applyNode(entry, entry.pending.peekFirst(), entries);
                    } catch (NotReady notReady) {
                        break;
                    }
                    entry.pending.removeFirst();
                    entry.outputs.add(out);
                    progress = true;
                }
                pending |= !entry.pending.isEmpty();
            }
            if (pending && !progress) {
                List<String> stuck = new ArrayList<>();
                for (Entry entry : entries.values()) {
                    if (!entry.pending.isEmpty()) {
                        stuck.add(entry.name);
                    }
                }
                throw new KerasConfigException(desc + ": the graph has a cycle or refers to nodes that do not exist; "
                        + "the calls of " + stuck + " cannot be made");
            }
        }
        List<Tensor> inputs = refs(inputRefs, entries, desc + ".input_layers");
        List<Tensor> outputs = refs(outputRefs, entries, desc + ".output_layers");
        Model model;
        try {
            model = Model.of(inputs, outputs, name);
        } catch (IllegalArgumentException e) {
            throw new KerasConfigException(desc + ": " + e.getMessage(), e);
        }
        model.setTrainable(trainable);
        return model;
    }

    /** Applies one inbound node of an entry to its inputs and returns its outputs. */
    private List<Tensor> applyNode(Entry entry, Object nodeData, Map<String, Entry> entries) throws NotReady {
        String where = entry.where + ".inbound_nodes[" + entry.outputs.size() + "]";
        List<Object> args;
        Map<String, Object> kwargs = new LinkedHashMap<>();
        if (nodeData instanceof List<?> legacy) { // Keras 2: [[layer, node, tensor, kwargs], ...]
            List<Object> tensors = new ArrayList<>();
            for (Object ref : legacy) {
                if (!(ref instanceof List<?> r) || r.size() < 3) {
                    throw new KerasConfigException(where + ": expected [layer, node, tensor] references");
                }
                tensors.add(tensorAt(r.get(0), r.get(1), r.get(2), entries, where, false));
                if (r.size() > 3 && r.get(3) instanceof Map<?, ?> kw) {
                    kw.forEach((k, v) -> kwargs.put(String.valueOf(k), v));
                }
            }
            args = tensors.size() == 1 ? List.of(tensors.getFirst()) : List.of(tensors);
        } else {
            Config node = new Config(nodeData, where, context);
            Object a = node.raw("args");
            Object kw = node.raw("kwargs");
            node.finish();
            if (!(a instanceof List<?> list)) {
                throw node.error("'args' must be a list");
            }
            args = new ArrayList<>();
            for (Object o : list) {
                args.add(argument(o, entries, where));
            }
            if (kw != null) {
                new Config(kw, where + ".kwargs", context).map().forEach((k, v) -> kwargs.put(k, v));
            }
        }
        if (entry.layer == null) {
            return OpConfigs.apply(entry.className, new Config(entry.opConfig, entry.where, context), args, kwargs);
        }
        for (Map.Entry<String, Object> k : kwargs.entrySet()) {
            boolean ignorable = (k.getKey().equals("mask") && k.getValue() == null) || k.getKey().equals("training");
            if (!ignorable) {
                throw new KerasConfigException(where + ": the call passes '" + k.getKey() + "' = "
                        + Config.describe(k.getValue()) + ", which Strata's layers do not take");
            }
        }
        List<Tensor> inputs = new ArrayList<>();
        for (Object arg : args) {
            if (arg instanceof List<?> l) {
                for (Object o : l) {
                    inputs.add(asTensor(o, where));
                }
            } else {
                inputs.add(asTensor(arg, where));
            }
        }
        try {
            Tensors out = inputs.size() == 1 && !(args.getFirst() instanceof List)
                    ? Tensors.of(entry.layer.apply(inputs.getFirst())) : entry.layer.apply(inputs);
            return new ArrayList<>(out);
        } catch (RuntimeException e) {
            throw new KerasConfigException(where + ": calling " + entry.layer.describe() + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static Tensor asTensor(Object o, String where) {
        if (o instanceof Tensor t) {
            return t;
        }
        if (o instanceof Number n) {
            return Tensor.scalar(n.floatValue());
        }
        throw new KerasConfigException(where + ": expected a tensor argument, got " + Config.describe(o));
    }

    /** A node argument: tensor references resolved, constants made tensors, lists kept. */
    private Object argument(Object o, Map<String, Entry> entries, String where) throws NotReady {
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object item : l) {
                out.add(argument(item, entries, where));
            }
            return out;
        }
        if (o instanceof Map<?, ?> m && m.get("class_name") instanceof String cls) {
            Config ref = new Config(m, where, context);
            ref.ignore("class_name");
            Config config = ref.config("config");
            ref.finish();
            if (config == null) {
                throw ref.error("missing 'config'");
            }
            switch (cls) {
                case "__keras_tensor__" -> {
                    List<Object> history = config.list("keras_history");
                    config.ignore("shape", "dtype");
                    config.finish();
                    if (history == null || history.size() != 3) {
                        throw config.error("'keras_history' must be [layer, node, tensor]");
                    }
                    return tensorAt(history.get(0), history.get(1), history.get(2), entries, where, false);
                }
                case "__numpy__", "__tensor__" -> {
                    Object value = config.raw("value");
                    config.ignore("dtype");
                    config.finish();
                    return config.toTensor(value, "value");
                }
                default -> throw ref.error("unsupported argument of class '" + cls + "'");
            }
        }
        if (o == null || o instanceof Number || o instanceof Boolean || o instanceof String) {
            return o;
        }
        throw new KerasConfigException(where + ": unsupported argument " + Config.describe(o));
    }

    /**
     * The tensor {@code [layer, node, tensor]} refers to. {@code outer}: a reference from {@code input_layers} /
     * {@code output_layers}, where Keras counts a nested Functional model's nodes from 1.
     */
    private static Tensor tensorAt(Object layer, Object node, Object tensor, Map<String, Entry> entries, String where,
                                   boolean outer) throws NotReady {
        if (!(layer instanceof String name) || !(node instanceof Number n) || !(tensor instanceof Number t)) {
            throw new KerasConfigException(where + ": a tensor reference must be [layer name, node index, tensor "
                    + "index], got [" + layer + ", " + node + ", " + tensor + "]");
        }
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new KerasConfigException(where + ": refers to a layer '" + name + "' that the config does not have");
        }
        int nodeIndex = n.intValue();
        if (outer && entry.className.equals("Functional") && nodeIndex > 0) {
            nodeIndex--; // Keras's Functional layers start with a node of their own
        }
        if (nodeIndex < 0) {
            throw new KerasConfigException(where + ": negative node index " + nodeIndex + " for '" + name + "'");
        }
        if (nodeIndex >= entry.outputs.size()) {
            if (nodeIndex < entry.outputs.size() + entry.pending.size()) {
                throw new NotReady();
            }
            throw new KerasConfigException(where + ": refers to call " + nodeIndex + " of '" + name + "', which has "
                    + (entry.outputs.size() + entry.pending.size()) + " call(s)");
        }
        List<Tensor> outs = entry.outputs.get(nodeIndex);
        int ti = t.intValue();
        if (ti < 0 || ti >= outs.size()) {
            throw new KerasConfigException(where + ": refers to output " + ti + " of '" + name + "', which has "
                    + outs.size());
        }
        return outs.get(ti);
    }

    /** The tensors of {@code input_layers} / {@code output_layers}: one reference, a list, or a dict of them. */
    private static List<Tensor> refs(Object refs, Map<String, Entry> entries, String where) {
        List<Tensor> out = new ArrayList<>();
        collectRefs(refs, entries, where, out);
        return out;
    }

    private static void collectRefs(Object refs, Map<String, Entry> entries, String where, List<Tensor> out) {
        try {
            if (refs instanceof List<?> l && l.size() == 3 && l.getFirst() instanceof String) {
                out.add(tensorAt(l.get(0), l.get(1), l.get(2), entries, where, true));
            } else if (refs instanceof List<?> l) {
                for (Object o : l) {
                    collectRefs(o, entries, where, out);
                }
            } else if (refs instanceof Map<?, ?> m) {
                for (Object o : m.values()) {
                    collectRefs(o, entries, where, out);
                }
            } else {
                throw new KerasConfigException(where + ": expected [layer, node, tensor] references, got "
                        + Config.describe(refs));
            }
        } catch (NotReady e) {
            throw new KerasConfigException(where + ": refers to a call that was never made");
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
            return layer(v, where, true);
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
        Class<?> type = resolve(className, reg);
        if (type != null && Layer.class.isAssignableFrom(type)) {
            return layer(v, where, true);
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

    // ---- compile config ----------------------------------------------------------------------------------------

    /** Compiles {@code model} as its {@code compile_config} says. */
    void compile(Model model, Object compileConfig, String where) {
        Config c = new Config(compileConfig, where, context);
        if (c.map().isEmpty()) {
            return;
        }
        Object opt = c.raw("optimizer");
        Optimizer optimizer = opt == null ? Optimizers.get("rmsprop") : (Optimizer) object(opt, Optimizer.class,
                where + ".optimizer");
        CompileOptions options = new CompileOptions();
        Object loss = c.raw("loss");
        if (loss instanceof String s) {
            options.loss(s);
        } else if (isSerialized(loss)) {
            options.loss(loss(loss, where + ".loss"));
        } else if (loss instanceof List<?> l) {
            List<Object> per = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                per.add(lossItem(l.get(i), where + ".loss[" + i + "]"));
            }
            options.losses(per.toArray());
        } else if (loss instanceof Map<?, ?> m) {
            Map<String, Object> byName = new LinkedHashMap<>();
            m.forEach((k, v) -> byName.put(String.valueOf(k), lossItem(v, where + ".loss." + k)));
            options.losses(byName);
        } else if (loss != null) {
            throw c.error("'loss' must be a name, a loss, a list or a dict, got " + Config.describe(loss));
        }
        Object weights = c.raw("loss_weights");
        if (weights instanceof Number n) {
            options.lossWeights(n.doubleValue());
        } else if (weights instanceof List<?> l) {
            double[] w = new double[l.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = c.toDouble(l.get(i), "loss_weights");
            }
            options.lossWeights(w);
        } else if (weights instanceof Map<?, ?> m) {
            Map<String, Double> byName = new LinkedHashMap<>();
            m.forEach((k, v) -> byName.put(String.valueOf(k), c.toDouble(v, "loss_weights")));
            options.lossWeights(byName);
        } else if (weights != null) {
            throw c.error("'loss_weights' must be a number, a list or a dict, got " + Config.describe(weights));
        }
        Object metrics = c.raw("metrics");
        if (metrics instanceof List<?> l && !l.isEmpty()) {
            int outputs = model.trace() == null ? 1 : model.trace().outputs().size();
            if (outputs > 1 && l.size() == outputs) { // Keras 3: one entry (metric, list or null) per output
                List<List<?>> perOutput = new ArrayList<>();
                for (int i = 0; i < l.size(); i++) {
                    perOutput.add(metricList(l.get(i), where + ".metrics[" + i + "]"));
                }
                options.metricsPerOutput(perOutput);
            } else {
                options.metrics(metricList(l, where + ".metrics").toArray());
            }
        } else if (metrics instanceof Map<?, ?> m) {
            Map<String, List<?>> byName = new LinkedHashMap<>();
            m.forEach((k, v) -> byName.put(String.valueOf(k), metricList(v, where + ".metrics." + k)));
            options.metrics(byName);
        } else if (metrics != null && !(metrics instanceof List<?>)) {
            options.metrics(metricList(metrics, where + ".metrics").toArray());
        }
        Object weighted = c.raw("weighted_metrics");
        if (weighted != null && !(weighted instanceof List<?> l && l.isEmpty())) {
            throw c.error("'weighted_metrics' is not supported by Strata yet; load with new LoadOptions()"
                    + ".compile(false) and compile the model yourself");
        }
        c.ignore("run_eagerly", "steps_per_execution", "jit_compile", "sample_weight_mode");
        c.finish();
        model.compile(optimizer, options);
    }

    private static boolean isSerialized(Object v) {
        return v instanceof Map<?, ?> m && m.get("class_name") instanceof String && m.containsKey("config");
    }

    private Object lossItem(Object v, String where) {
        if (v instanceof String s) {
            return s;
        }
        if (isSerialized(v)) {
            return loss(v, where);
        }
        throw new KerasConfigException(where + ": expected a loss name or a serialized loss, got "
                + Config.describe(v) + (v == null ? " (Strata needs a loss for every output)" : ""));
    }

    private Loss loss(Object v, String where) {
        Object o = object(v, Loss.class, where);
        if (!(o instanceof Loss l)) {
            throw new KerasConfigException(where + ": not a loss: " + Config.describe(v));
        }
        return l;
    }

    /** A metric entry as a list: null is none, a name or serialized metric is one, a list is several. */
    private List<Object> metricList(Object v, String where) {
        List<Object> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                out.addAll(metricList(l.get(i), where + "[" + i + "]"));
            }
            return out;
        }
        if (v instanceof String s) {
            out.add(s);
            return out;
        }
        if (isSerialized(v)) {
            Object o = object(v, Metric.class, where);
            if (!(o instanceof Metric m)) {
                throw new KerasConfigException(where + ": not a metric: " + Config.describe(v));
            }
            out.add(m);
            return out;
        }
        throw new KerasConfigException(where + ": expected a metric name or a serialized metric, got "
                + Config.describe(v));
    }
}
