package dev.strata.saving;

import dev.strata.activations.Activation;
import dev.strata.config.KerasConfigException;
import dev.strata.config.KerasObject;
import dev.strata.config.KerasObjects;
import dev.strata.config.SavingRegistry;
import dev.strata.graph.Graph;
import dev.strata.graph.Node;
import dev.strata.graph.Operation;
import dev.strata.graph.PrimitiveOp;
import dev.strata.graph.Trace;
import dev.strata.initializers.Initializer;
import dev.strata.layers.Layer;
import dev.strata.layers.core.InputLayer;
import dev.strata.losses.Loss;
import dev.strata.metrics.Metric;
import dev.strata.models.Model;
import dev.strata.models.Models;
import dev.strata.models.Sequential;
import dev.strata.optimizers.Optimizer;
import dev.strata.regularizers.Regularizer;
import dev.strata.saving.ConfigOptions.SubclassedForm;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras's {@code serialize_keras_object}: turns layers, models and the objects in their configs into the dicts
 * Keras 3 writes ({@code module}, {@code class_name}, {@code config}, {@code registered_name}, plus
 * {@code build_config} and {@code compile_config} for layers and models).
 */
final class ConfigWriter {
    private final ConfigOptions options;

    ConfigWriter(ConfigOptions options) {
        this.options = options;
    }

    // ---- layers and models -------------------------------------------------------------------------------------

    /** The serialized form of a layer or model. */
    Map<String, Object> layer(Layer l, String where) {
        if (l instanceof Model m) {
            if (Models.isFunctional(m)) {
                return functional(m, m.trace(), where, null);
            }
            if (m.getClass() == Sequential.class) {
                return sequential((Sequential) m, where);
            }
            if (writtenAsGraph(m)) {
                Map<String, Object> nativeForm = options.subclassedForm() == SubclassedForm.FUNCTIONAL_WITH_CLASS
                        ? custom(m, where) : null;
                String why = nativeForm == null ? null : whyNotReadable(m, nativeForm);
                if (why != null) {
                    // The graph alone still loads (as a Functional model); a class form that cannot would make the
                    // file fail wherever the class is registered.
                    options.warn(m.describe() + " is saved as its traced graph only, which loads as a Functional "
                            + "model: its class could not be made again from its config: " + why);
                    nativeForm = null;
                }
                return functional(m, m.trace(), where, nativeForm);
            }
            return readable(m, custom(m, where), where);
        }
        if (KerasObjects.isBuiltIn(l.getClass())) {
            return KerasObjects.serialize(l, where + " (" + l.describe() + ")");
        }
        return readable(l, custom(l, where), where);
    }

    /**
     * Thrown when a user class would be written in a form that loading could not make again: a save never writes a
     * file Strata cannot load.
     */
    static final class NotReadableException extends KerasConfigException {
        private static final long serialVersionUID = 1L;

        NotReadableException(String message) {
            super(message);
        }
    }

    /** {@code written}, after checking that loading can make {@code l} again from it. */
    private Map<String, Object> readable(Layer l, Map<String, Object> written, String where) {
        String why = whyNotReadable(l, written);
        if (why != null) {
            throw new NotReadableException(where + ": " + l.describe() + " cannot be saved in a form that loads "
                    + "again: " + why + (l instanceof Model m && m.trace() == null ? "" : l instanceof Model
                    ? ". Or save it as its traced graph (ConfigOptions.SubclassedForm.FUNCTIONAL)" : ""));
        }
        return written;
    }

    @SuppressWarnings("unchecked")
    private static String whyNotReadable(Layer l, Map<String, Object> written) {
        return KerasObjects.whyNotReadable(l.getClass(), (Map<String, Object>) written.get("config"), Layer.FAMILY);
    }

    /** The "config" part of a layer's serialized form (Keras's {@code get_config()}). */
    Map<String, Object> layerConfig(Layer l, String where) {
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) layer(l, where).get("config");
        return config;
    }

    /** Whether a subclassed model is written as the Functional model its trace gives. */
    private boolean writtenAsGraph(Model m) {
        return !Models.isFunctional(m) && m.getClass() != Sequential.class && m.trace() != null
                && options.subclassedForm() != SubclassedForm.NATIVE;
    }

    /** Whether {@code op}'s entry has class "Functional" (Keras counts such layers' nodes from 1 in references). */
    private boolean isFunctionalEntry(Operation op) {
        return op instanceof Model m && (Models.isFunctional(m) || writtenAsGraph(m));
    }

    private Map<String, Object> custom(Layer l, String where) {
        Class<?> type = l.getClass();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", null);
        out.put("class_name", type.getSimpleName());
        out.put("config", config(l.getConfig(), where + " (" + l.describe() + ")"));
        out.put("registered_name", registeredName(type));
        if (l.isBuilt() && !l.buildInputShapes().isEmpty()) {
            out.put("build_config", buildConfig(l));
        }
        if (l instanceof Model m) {
            out.put("compile_config", compileConfig(m));
        }
        return out;
    }

    private String registeredName(Class<?> type) {
        if (options.registerClasses()) {
            return SavingRegistry.ensureRegistered(type);
        }
        return SavingRegistry.registeredName(type).orElse(SavingRegistry.defaultName(type));
    }

    private static Map<String, Object> buildConfig(Layer l) {
        List<Shape> shapes = l.buildInputShapes();
        Map<String, Object> out = new LinkedHashMap<>();
        if (shapes.size() == 1) {
            out.put("input_shape", OpConfigs.shapeList(shapes.getFirst()));
        } else {
            List<Object> all = new ArrayList<>();
            for (Shape s : shapes) {
                all.add(OpConfigs.shapeList(s));
            }
            out.put("input_shape", all);
        }
        return out;
    }

    private Map<String, Object> sequential(Sequential s, String where) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", s.name());
        config.put("trainable", s.trainable());
        config.put("dtype", dtypePolicy());
        List<Object> layers = new ArrayList<>();
        Shape input = s.inputLayer().map(InputLayer::batchShape)
                .orElse(s.isBuilt() && !s.buildInputShapes().isEmpty() ? s.buildInputShapes().getFirst() : null);
        List<Layer> stack = s.layers();
        if (s.inputLayer().isPresent()) {
            layers.add(layer(s.inputLayer().get(), where + ".layers[0]"));
        } else if (input != null) {
            layers.add(inputLayerConfig(input, uniqueInputName(stack)));
        }
        for (Layer l : stack) {
            layers.add(layer(l, where + ".layers[" + layers.size() + "]"));
        }
        config.put("layers", layers);
        if (input != null) {
            config.put("build_input_shape", OpConfigs.shapeList(input));
        }
        Map<String, Object> out = BuiltIns.object("keras", "Sequential", config);
        if (input != null) {
            out.put("build_config", Map.of("input_shape", OpConfigs.shapeList(input)));
        }
        out.put("compile_config", compileConfig(s));
        return out;
    }

    /** Keras's serialized float32 {@code DTypePolicy}. */
    private static Map<String, Object> dtypePolicy() {
        Map<String, Object> out = BuiltIns.object("keras", "DTypePolicy", new LinkedHashMap<>(Map.of("name",
                "float32")));
        return out;
    }

    /** Keras's config of the InputLayer a built Sequential model made for itself. */
    private static Map<String, Object> inputLayerConfig(Shape batchShape, String name) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("batch_shape", OpConfigs.shapeList(batchShape));
        c.put("dtype", "float32");
        c.put("sparse", false);
        c.put("ragged", false);
        c.put("name", name);
        c.put("optional", false);
        return BuiltIns.object("keras.layers", "InputLayer", c);
    }

    private static String uniqueInputName(List<Layer> layers) {
        Set<String> names = new HashSet<>();
        for (Layer l : layers) {
            names.add(l.name());
        }
        String name = "input_layer";
        for (int i = 1; names.contains(name); i++) {
            name = "input_layer_" + i;
        }
        return name;
    }

    // ---- Functional graphs ---------------------------------------------------------------------------------------

    private Map<String, Object> functional(Model m, Trace trace, String where, Map<String, Object> nativeForm) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", "keras.src.models.functional");
        out.put("class_name", "Functional");
        out.put("config", graph(m.name(), m.trainable(), trace, where));
        out.put("registered_name", "Functional");
        Map<String, Object> build = new LinkedHashMap<>();
        build.put("input_shape", null);
        out.put("build_config", build);
        out.put("compile_config", compileConfig(m));
        if (nativeForm != null) {
            out.put(KerasConfig.SUBCLASS_KEY, nativeForm);
        }
        return out;
    }

    /**
     * Keras's Functional config of a traced graph: {@code name}, {@code trainable}, {@code layers} (each with its
     * {@code name} and {@code inbound_nodes}), {@code input_layers} and {@code output_layers}.
     */
    Map<String, Object> graph(String name, boolean trainable, Trace trace, String where) {
        List<Operation> ops = new ArrayList<>(trace.operationsInKerasOrder());
        Map<Operation, List<Node>> nodesOf = new IdentityHashMap<>();
        Map<Node, Integer> nodeIndex = new IdentityHashMap<>();
        int inserted = 0;
        for (Tensor in : trace.inputs()) {
            Node node = producerOf(in, where);
            if (!ops.contains(node.operation())) {
                ops.add(inserted++, node.operation()); // an input no output depends on still belongs to the model
            }
            nodesOf.computeIfAbsent(node.operation(), k -> new ArrayList<>()).add(node);
        }
        for (Node n : trace.nodes()) {
            nodesOf.computeIfAbsent(n.operation(), k -> new ArrayList<>()).add(n);
        }
        for (List<Node> ns : nodesOf.values()) {
            for (int i = 0; i < ns.size(); i++) {
                nodeIndex.put(ns.get(i), i);
            }
        }
        // Layers keep their names (they must be unique); ops get unique names after them, as Keras auto-names.
        Map<Operation, String> names = new IdentityHashMap<>();
        Set<String> used = new HashSet<>();
        for (Operation op : ops) {
            if (op instanceof Layer l) {
                if (!used.add(l.name())) {
                    throw new KerasConfigException(where + ": two layers of the model are named '" + l.name()
                            + "'; layer names must be unique within a model to save it");
                }
                names.put(op, l.name());
            }
        }
        for (Operation op : ops) {
            if (!(op instanceof Layer)) {
                String base = op.name();
                String n = base;
                for (int i = 1; used.contains(n); i++) {
                    n = base + "_" + i;
                }
                used.add(n);
                names.put(op, n);
            }
        }
        List<Object> layers = new ArrayList<>();
        for (Operation op : ops) {
            String entryWhere = where + ".layers[" + layers.size() + "] '" + names.get(op) + "'";
            List<Node> nodes = op instanceof InputLayer ? List.of() : nodesOf.getOrDefault(op, List.of());
            Map<String, Object> entry;
            List<Object> inbound = new ArrayList<>();
            if (op instanceof Layer l) {
                entry = layer(l, entryWhere);
                for (Node n : nodes) {
                    List<Object> refs = refs(n, names, nodeIndex, entryWhere);
                    List<Object> args = new ArrayList<>();
                    if (refs.size() == 1) {
                        args.add(refs.getFirst());
                    } else {
                        args.add(refs);
                    }
                    inbound.add(nodeData(args, new LinkedHashMap<>()));
                }
            } else if (op instanceof PrimitiveOp p) {
                entry = null;
                for (Node n : nodes) {
                    OpConfigs.Written w = OpConfigs.write(p, names.get(op), refs(n, names, nodeIndex, entryWhere),
                            entryWhere);
                    if (entry == null) {
                        entry = new LinkedHashMap<>();
                        entry.put("module", w.module());
                        entry.put("class_name", w.className());
                        entry.put("config", w.config());
                        entry.put("registered_name", w.className());
                    }
                    inbound.add(nodeData(w.args(), w.kwargs()));
                }
                if (entry == null) {
                    continue;
                }
            } else {
                throw new KerasConfigException(entryWhere + ": cannot save graph operation " + op + " of type "
                        + op.getClass().getName());
            }
            entry.put("name", names.get(op));
            entry.put("inbound_nodes", inbound);
            layers.add(entry);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("trainable", trainable);
        config.put("layers", layers);
        List<Object> inputs = new ArrayList<>();
        for (Tensor in : trace.inputs()) {
            inputs.add(List.of(names.get(producerOf(in, where).operation()), 0, 0));
        }
        List<Object> outputs = new ArrayList<>();
        for (Tensor out : trace.outputs()) {
            Node p = producerOf(out, where);
            int index = nodeIndex.getOrDefault(p, 0) + (isFunctionalEntry(p.operation()) ? 1 : 0);
            outputs.add(List.of(names.get(p.operation()), index, ((SymbolicTensor) out).index()));
        }
        config.put("input_layers", inputs.size() == 1 ? inputs.getFirst() : inputs);
        config.put("output_layers", outputs.size() == 1 ? outputs.getFirst() : outputs);
        return config;
    }

    private static Map<String, Object> nodeData(List<Object> args, Map<String, Object> kwargs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("args", args);
        out.put("kwargs", kwargs);
        return out;
    }

    private static Node producerOf(Tensor t, String where) {
        if (!(t instanceof SymbolicTensor s)) {
            throw new KerasConfigException(where + ": a model output is a concrete tensor, not computed from inputs");
        }
        return Graph.producer(s).orElseThrow(() -> new KerasConfigException(where + ": " + s + " is a bare "
                + "placeholder, not the output of an InputLayer; make model inputs with Input.of(...)"));
    }

    /** The node's inputs as Keras writes them: {@code __keras_tensor__} references, or constants. */
    private List<Object> refs(Node n, Map<Operation, String> names, Map<Node, Integer> nodeIndex, String where) {
        List<Object> out = new ArrayList<>();
        for (Tensor t : n.inputs()) {
            if (t instanceof SymbolicTensor s) {
                Node p = producerOf(s, where);
                Integer index = nodeIndex.get(p);
                String source = names.get(p.operation());
                if (index == null || source == null) {
                    throw new KerasConfigException(where + ": an input comes from '" + p.operation().name()
                            + "', which is not part of the model's graph");
                }
                Map<String, Object> config = new LinkedHashMap<>();
                config.put("shape", OpConfigs.shapeList(s.shape()));
                config.put("dtype", "float32");
                config.put("keras_history", List.of(source, index, s.index()));
                Map<String, Object> ref = new LinkedHashMap<>();
                ref.put("class_name", "__keras_tensor__");
                ref.put("config", config);
                out.add(ref);
            } else {
                out.add(constant(t));
            }
        }
        return out;
    }

    /** A constant: a number for a scalar, else Keras's {@code __numpy__} form. */
    static Object constant(Tensor t) {
        if (t.shape().rank() == 0) {
            return Double.parseDouble(Float.toString(t.item()));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("value", KerasObjects.nested(t));
        config.put("dtype", "float32");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", "__numpy__");
        out.put("config", config);
        return out;
    }

    // ---- config values and other objects -------------------------------------------------------------------------

    /** A config with every value in JSON form. */
    Map<String, Object> config(Map<String, ?> config, String where) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : config.entrySet()) {
            out.put(e.getKey(), value(e.getValue(), where + " '" + e.getKey() + "'"));
        }
        return out;
    }

    /** A config value in JSON form; objects become their Keras serialization. */
    Object value(Object v, String where) {
        switch (v) {
            case null -> {
                return null;
            }
            case String s -> {
                return s;
            }
            case Boolean b -> {
                return b;
            }
            case Float f -> {
                return Double.parseDouble(Float.toString(f));
            }
            case Number n -> {
                return n;
            }
            case Character c -> {
                return String.valueOf(c);
            }
            case Enum<?> e -> {
                return e.name();
            }
            case Shape s -> {
                return OpConfigs.shapeList(s);
            }
            case Tensor t -> {
                return KerasObjects.nested(t);
            }
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.put(String.valueOf(e.getKey()), value(e.getValue(), where + "." + e.getKey()));
                }
                return out;
            }
            case Collection<?> c -> {
                List<Object> out = new ArrayList<>();
                for (Object o : c) {
                    out.add(value(o, where));
                }
                return out;
            }
            default -> {
                if (v.getClass().isArray()) {
                    List<Object> out = new ArrayList<>();
                    for (int i = 0; i < Array.getLength(v); i++) {
                        out.add(value(Array.get(v, i), where));
                    }
                    return out;
                }
                return object(v, where);
            }
        }
    }

    /** Keras's serialized form of an object: a layer, optimizer, loss, metric, initializer, regularizer. */
    Object object(Object o, String where) {
        return switch (o) {
            case Layer l -> layer(l, where);
            case Activation a -> a.name();
            case Initializer i -> KerasObjects.serialize(i, where);
            case Regularizer r -> KerasObjects.serialize(r, where);
            case Optimizer opt -> lossOrMetric(opt, where); // registers a user's optimizer as it is written
            case Loss l -> lossOrMetric(l, where);
            case Metric m -> lossOrMetric(m, where);
            default -> throw new KerasConfigException(where + ": cannot write a " + o.getClass().getName()
                    + " in a config (" + o + "); configs hold numbers, strings, lists, maps, shapes, activations, "
                    + "initializers, regularizers, layers, optimizers, losses and metrics");
        };
    }

    /**
     * A loss or metric as Keras serializes it ({@link KerasObjects#serialize}); a user's class is registered as it is
     * written when the options say so, so that the file loads again in this JVM.
     */
    private Map<String, Object> lossOrMetric(KerasObject o, String where) {
        Map<String, Object> out = KerasObjects.serialize(o, where);
        if (options.registerClasses() && !KerasObjects.isBuiltIn(o.getClass())) {
            SavingRegistry.ensureRegistered(o.getClass()); // the name serialize wrote: registered, or the default
        }
        return out;
    }

    // ---- compile config ----------------------------------------------------------------------------------------

    /**
     * Keras's {@code compile_config}: what {@code compile} was given, in Keras's form; {@code {}} if the model is
     * not compiled (or compile configs are switched off).
     */
    Map<String, Object> compileConfig(Model m) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!options.includeCompile() || !m.isCompiled() || m.optimizer().isEmpty()
                || m.compileOptions().isEmpty()) {
            return out;
        }
        String where = "compile_config of " + m.describe();
        CompileOptions co = m.compileOptions().get();
        int outputs = m.trace() == null ? -1 : m.trace().outputs().size();
        out.put("optimizer", object(m.optimizer().get(), where + ".optimizer"));
        Object loss = null;
        if (!co.lossesByName().isEmpty()) {
            Map<String, Object> byName = new LinkedHashMap<>();
            co.lossesByName().forEach((k, v) -> byName.put(k, value(v, where + ".loss")));
            loss = byName;
        } else if (!co.losses().isEmpty()) {
            List<Object> list = new ArrayList<>();
            for (Object l : co.losses()) {
                list.add(value(l, where + ".loss"));
            }
            if (list.size() == 1 && outputs > 1) {
                // Keras 3 wants one loss per output once there are loss weights; the same loss for each means the same.
                list = new ArrayList<>(Collections.nCopies(outputs, list.getFirst()));
            }
            loss = list.size() == 1 ? list.getFirst() : list;
        }
        out.put("loss", loss);
        Object weights = null;
        if (co.lossWeights() != null) {
            List<Object> w = new ArrayList<>();
            for (double d : co.lossWeights()) {
                w.add(d);
            }
            weights = w;
        } else if (!co.lossWeightsByName().isEmpty()) {
            weights = new LinkedHashMap<>(co.lossWeightsByName());
        }
        out.put("loss_weights", weights);
        Object metrics = null;
        if (!co.metricsByName().isEmpty()) {
            Map<String, Object> byName = new LinkedHashMap<>();
            co.metricsByName().forEach((k, v) -> byName.put(k, value(v, where + ".metrics")));
            metrics = byName;
        } else if (!co.metricsByPosition().isEmpty()) {
            metrics = value(co.metricsByPosition(), where + ".metrics");
        } else if (!co.metrics().isEmpty()) {
            Object all = value(co.metrics(), where + ".metrics");
            // Strata's metrics(...) apply to every output; Keras 3 reads a list of lists as one list per output.
            metrics = outputs > 1 ? new ArrayList<>(Collections.nCopies(outputs, all)) : all;
        }
        out.put("metrics", metrics);
        out.put("weighted_metrics", null);
        out.put("run_eagerly", false);
        out.put("steps_per_execution", 1);
        out.put("jit_compile", false);
        return out;
    }
}
