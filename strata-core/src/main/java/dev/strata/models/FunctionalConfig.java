package dev.strata.models;

import dev.strata.config.Config;
import dev.strata.config.ConfigContext;
import dev.strata.config.KerasConfigException;
import dev.strata.config.KerasObjects;
import dev.strata.graph.Graph;
import dev.strata.graph.Node;
import dev.strata.graph.Operation;
import dev.strata.graph.PrimitiveOp;
import dev.strata.graph.Subgraph;
import dev.strata.graph.SubgraphOp;
import dev.strata.graph.Trace;
import dev.strata.internal.masks.Masks;
import dev.strata.internal.OpSpec;
import dev.strata.internal.config.KerasForms;
import dev.strata.layers.KerasCallArguments;
import dev.strata.layers.Layer;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.rnn.TimeDistributed;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The config of a Functional model, both ways, as Keras's {@code functional.py} writes and reads it: {@code name},
 * {@code trainable}, {@code layers} (each layer's saved form with its {@code name} and {@code inbound_nodes}, the
 * calls made of it; ops recorded in the graph as Keras writes {@code keras.ops} calls), {@code input_layers} and
 * {@code output_layers} ({@code [layer, node, tensor]} references). Layers are written and read through
 * {@link KerasObjects}, so the whole model follows the caller's {@link KerasObjects.Writer} and
 * {@link ConfigContext}.
 */
final class FunctionalConfig {
    private FunctionalConfig() {
    }

    // ---- writing -----------------------------------------------------------------------------------------------

    /** A sub-graph's entry for a layer of the model, which the model's own {@code layers} define. */
    static final String LAYER_REFERENCE = "__layer__";
    /** The name sub-graph references give their placeholders: {@code ["__subgraph_inputs__", 0, position]}. */
    static final String SUBGRAPH_INPUTS = "__subgraph_inputs__";

    /**
     * Keras's Functional config of a traced graph: {@code name}, {@code trainable}, {@code layers} (each with its
     * {@code name} and {@code inbound_nodes}), {@code input_layers} and {@code output_layers}.
     */
    static Map<String, Object> write(String name, boolean trainable, Trace trace, String where) {
        Written w = layers(trace, where, null);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("trainable", trainable);
        config.put("layers", w.layers);
        List<Object> inputs = new ArrayList<>();
        for (Tensor in : trace.inputs()) {
            inputs.add(List.of(w.names.get(producerOf(in, where).operation()), 0, 0));
        }
        List<Object> outputs = new ArrayList<>();
        for (Tensor out : trace.outputs()) {
            Node p = producerOf(out, where);
            int index = w.nodeIndex.getOrDefault(p, 0) + (w.functionalEntries.contains(p.operation()) ? 1 : 0);
            outputs.add(List.of(w.names.get(p.operation()), index, ((SymbolicTensor) out).index()));
        }
        config.put("input_layers", inputs.size() == 1 ? inputs.getFirst() : inputs);
        config.put("output_layers", outputs.size() == 1 ? outputs.getFirst() : outputs);
        return config;
    }

    /** A graph's {@code layers} entries, with the names and node indices its references use. */
    private record Written(List<Object> layers, Map<Operation, String> names, Map<Node, Integer> nodeIndex,
                           Set<Operation> functionalEntries, Map<Tensor, Integer> subgraphInputs) {
    }

    /**
     * The {@code layers} entries of a graph: of a model's graph ({@code subgraphInputs} null), or of a control-flow
     * op's sub-graph, whose inputs are placeholders ({@code subgraphInputs}: their positions) and whose layers are
     * the model's, written as references by name ({@code "class_name": "__layer__"}).
     */
    private static Written layers(Trace trace, String where, Map<Tensor, Integer> subgraphInputs) {
        List<Operation> ops = new ArrayList<>(trace.operationsInKerasOrder());
        Map<Operation, List<Node>> nodesOf = new IdentityHashMap<>();
        Map<Node, Integer> nodeIndex = new IdentityHashMap<>();
        int inserted = 0;
        for (Tensor in : subgraphInputs == null ? trace.inputs() : List.<Tensor>of()) {
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
        // Keras counts the nodes of a functional entry from 1 in the references to it (its own first node).
        Set<Operation> functionalEntries = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Operation op : ops) {
            String entryWhere = where + ".layers[" + layers.size() + "] '" + names.get(op) + "'";
            List<Node> nodes = op instanceof InputLayer ? List.of() : nodesOf.getOrDefault(op, List.of());
            Map<String, Object> entry;
            List<Object> inbound = new ArrayList<>();
            if (op instanceof Layer l) {
                if (subgraphInputs == null) {
                    entry = new LinkedHashMap<>(KerasObjects.serialize(l, entryWhere));
                } else { // the model's layer, by name
                    entry = new LinkedHashMap<>();
                    entry.put("class_name", LAYER_REFERENCE);
                }
                if ("Functional".equals(entry.get("class_name"))) {
                    functionalEntries.add(op);
                }
                for (Node n : nodes) {
                    List<Object> refs = refs(n.inputs(), names, nodeIndex, subgraphInputs, entryWhere);
                    List<Object> args = new ArrayList<>();
                    Map<String, Object> kwargs = new LinkedHashMap<>();
                    if (l instanceof KerasCallArguments k) {
                        callArguments(k, refs, args, kwargs);
                        if (l.recordsMasks()) { // the sequence's mask= keyword (the recurrent layers)
                            kwargs.put("mask", n.masks().isEmpty() || n.masks().getFirst() == null ? null
                                    : refs(List.of(n.masks().getFirst()), names, nodeIndex, subgraphInputs, entryWhere).getFirst());
                        }
                    } else if (refs.size() == 1) {
                        args.add(refs.getFirst());
                    } else {
                        args.add(refs);
                    }
                    if (!(l instanceof KerasCallArguments)) {
                        kwargs.putAll(l.kerasCallKeywords());
                        if (l.recordsMasks()) { // Keras records a mask-taking call's mask= keyword, null for none
                            List<Object> masks = n.masks().isEmpty() ? java.util.Collections.singletonList(null)
                                    : refs(n.masks(), names, nodeIndex, subgraphInputs, entryWhere);
                            kwargs.put("mask", masks.size() == 1 ? masks.getFirst() : masks);
                        }
                    }
                    inbound.add(nodeData(args, kwargs));
                }
            } else if (op instanceof SubgraphOp c) {
                if (nodes.isEmpty()) {
                    continue;
                }
                entry = controlFlowEntry(c, names.get(op), entryWhere);
                for (Node n : nodes) {
                    inbound.add(nodeData(refs(n.inputs(), names, nodeIndex, subgraphInputs, entryWhere), Map.of()));
                }
            } else if (op instanceof PrimitiveOp p) {
                entry = null;
                for (Node n : nodes) {
                    OpEntries.Written w = OpEntries.write(p, names.get(op), refs(n.inputs(), names, nodeIndex, subgraphInputs, entryWhere),
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
        return new Written(layers, names, nodeIndex, functionalEntries, subgraphInputs);
    }

    /** The module of Strata's control-flow entries: Python Keras has none, and says it cannot find the class. */
    static final String CONTROL_FLOW_MODULE = "strata.ops.control_flow";

    /**
     * A control-flow op's entry: its options and its sub-graphs in {@code config} (each a graph of the ops and layer
     * references it runs, and which captured input each of its captures is), its inputs (operands, then the
     * sub-graphs' captured tensors, each once) as the node's {@code args}.
     */
    private static Map<String, Object> controlFlowEntry(SubgraphOp c, String name, String where) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.putAll(c.config());
        List<Object> graphs = new ArrayList<>();
        for (int g = 0; g < c.subgraphs().size(); g++) {
            String role = c.subgraphRoles().get(g);
            graphs.add(writeSubgraph(role, c.subgraphs().get(g), where + ".subgraphs[" + g + "] (" + role + ")"));
        }
        config.put("subgraphs", graphs);
        // which of the node's captured inputs (after its operands) each sub-graph's captures are: branches that
        // read the same tensor share one input
        List<Object> slots = new ArrayList<>();
        for (int[] s : Subgraph.captureSlots(c.subgraphs())) {
            slots.add(Arrays.stream(s).boxed().toList());
        }
        config.put("subgraph_captures", slots);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("module", CONTROL_FLOW_MODULE);
        entry.put("class_name", c.className());
        entry.put("config", config);
        entry.put("registered_name", c.className());
        return entry;
    }

    /**
     * A sub-graph as a graph config of its own: the shapes of its inputs (its parameters, then its captured
     * tensors), how many are parameters, its {@code layers} entries, and its {@code outputs} as tensor references.
     * It is recorded again on new placeholders first, so its inputs are its own.
     */
    private static Map<String, Object> writeSubgraph(String role, Subgraph g, String where) {
        List<Tensor> placeholders = new ArrayList<>();
        Map<Tensor, Integer> positions = new IdentityHashMap<>();
        List<Object> shapes = new ArrayList<>();
        for (Tensor in : g.trace().inputs()) {
            SymbolicTensor p = Graph.input(in.shape(), role + "_input_" + placeholders.size());
            positions.put(p, placeholders.size());
            placeholders.add(p);
            shapes.add(OpEntries.shapeList(in.shape()));
        }
        List<Tensor> outputs = g.trace().replay(placeholders);
        Written w = layers(new Trace(placeholders, outputs), where, positions);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("role", role);
        config.put("parameters", g.parameters());
        config.put("inputs", shapes);
        config.put("layers", w.layers);
        config.put("outputs", refs(outputs, w, where));
        return config;
    }

    /** A call of a layer with Keras call arguments of its own: positional inputs, then keyword ones. */
    private static void callArguments(KerasCallArguments k, List<Object> refs, List<Object> args,
                                      Map<String, Object> kwargs) {
        List<String> keywords = k.kerasInputKeywords(refs.size());
        List<Object> positional = new ArrayList<>();
        Map<String, List<Object>> byKeyword = new LinkedHashMap<>();
        for (int i = 0; i < refs.size(); i++) {
            if (keywords.get(i) == null) {
                positional.add(refs.get(i));
            } else {
                byKeyword.computeIfAbsent(keywords.get(i), key -> new ArrayList<>()).add(refs.get(i));
            }
        }
        // a keyword given several tensors takes them as a list (Keras's initial_state=[h, c]), nested as the layer says
        byKeyword.forEach((key, values) -> kwargs.put(key, k.kerasKeywordValue(key, values)));
        if (k.kerasInputsAsList()) {
            args.add(positional);
        } else {
            args.addAll(positional);
        }
        kwargs.putAll(k.kerasCallKeywords());
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

    /** Tensors as Keras writes a node's arguments: {@code __keras_tensor__} references, constants, or null. */
    private static List<Object> refs(List<Tensor> tensors, Written w, String where) {
        return refs(tensors, w.names, w.nodeIndex, w.subgraphInputs, where);
    }

    /** {@code subgraphInputs}: in a sub-graph, its placeholders' positions (null in a model's graph). */
    private static List<Object> refs(List<Tensor> tensors, Map<Operation, String> names, Map<Node, Integer> nodeIndex,
                                     Map<Tensor, Integer> subgraphInputs, String where) {
        List<Object> out = new ArrayList<>();
        for (Tensor t : tensors) {
            if (t == null) {
                out.add(null);
            } else if (t instanceof SymbolicTensor s) {
                Integer position = subgraphInputs == null ? null : subgraphInputs.get(s.original());
                Node p = position != null ? null : producerOf(s, where);
                Integer index = position != null ? Integer.valueOf(0) : nodeIndex.get(p);
                String source = position != null ? SUBGRAPH_INPUTS : names.get(p.operation());
                if (index == null || source == null) {
                    throw new KerasConfigException(where + ": an input comes from '" + p.operation().name()
                            + "', which is not part of the model's graph");
                }
                Map<String, Object> config = new LinkedHashMap<>();
                config.put("shape", OpEntries.shapeList(s.shape()));
                config.put("dtype", "float32");
                config.put("keras_history", List.of(source, index, position != null ? position : s.index()));
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
        config.put("value", KerasForms.nested(t));
        config.put("dtype", "float32");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", "__numpy__");
        out.put("config", config);
        return out;
    }

    // ---- reading -----------------------------------------------------------------------------------------------

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
        /** A Strata control-flow op ({@link #CONTROL_FLOW_MODULE}), read by {@link ControlFlowEntries}. */
        boolean controlFlow;

        Entry(String name, String className, Layer layer, Object opConfig, String where) {
            this.name = name;
            this.className = className;
            this.layer = layer;
            this.opConfig = opConfig;
            this.where = where;
        }
    }

    static Functional read(Config c) {
        String desc = c.where();
        ConfigContext context = c.context();
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
        readEntries(layerEntries, desc, context, entries, null);
        applyAll(entries, desc, context, entries);
        List<Tensor> inputs = refs(inputRefs, entries, desc + ".input_layers");
        List<Tensor> outputs = refs(outputRefs, entries, desc + ".output_layers");
        Functional model;
        try {
            model = new Functional(inputs, outputs, name);
        } catch (IllegalArgumentException e) {
            throw new KerasConfigException(desc + ": " + e.getMessage(), e);
        }
        model.setTrainable(trainable);
        return model;
    }

    /**
     * Reads a sub-graph {@link #writeSubgraph} wrote, its layer references resolved among the model's entries
     * ({@code root}), its ops applied to new placeholders.
     */
    static Subgraph readSubgraph(Config c, Map<String, Entry> root) {
        String desc = c.where();
        c.ignore("role");
        Integer parameters = c.integer("parameters", null);
        List<Object> shapes = c.list("inputs");
        List<Object> layerEntries = c.list("layers");
        Object outputRefs = c.raw("outputs");
        c.finish();
        if (parameters == null || shapes == null || layerEntries == null || !(outputRefs instanceof List<?> outs)) {
            throw c.error("a control-flow sub-graph needs 'parameters', 'inputs', 'layers' and a list of 'outputs'");
        }
        List<Tensor> placeholders = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            if (!(shapes.get(i) instanceof List<?> dims)) {
                throw c.error("'inputs' must hold shapes (lists of dimensions)");
            }
            placeholders.add(Graph.input(c.toShape(dims, "inputs[" + i + "]"), "subgraph_input_" + i));
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        Entry inputs = new Entry(SUBGRAPH_INPUTS, SUBGRAPH_INPUTS, null, null, desc + ".inputs");
        inputs.outputs.add(placeholders);
        entries.put(SUBGRAPH_INPUTS, inputs);
        readEntries(layerEntries, desc, c.context(), entries, root);
        applyAll(entries, desc, c.context(), root);
        List<Tensor> outputs = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) {
            String where = desc + ".outputs[" + i + "]";
            try {
                outputs.add(asTensor(argument(outs.get(i), entries, where, c.context()), where));
            } catch (NotReady e) {
                throw new KerasConfigException(where + ": refers to a call that was never made");
            }
        }
        try {
            return Subgraph.of(placeholders, parameters, outputs);
        } catch (IllegalArgumentException e) {
            throw c.error(e.getMessage());
        }
    }

    /**
     * Makes an entry per {@code layers} item: a layer (deserialized), an op, a control-flow op, or (in a sub-graph,
     * {@code root} not null) a reference to one of the model's layers.
     */
    private static void readEntries(List<Object> layerEntries, String desc, ConfigContext context,
                                    Map<String, Entry> entries, Map<String, Entry> root) {
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
            if (OpEntries.isOpEntry(module instanceof String s ? s : null, className)
                    || CONTROL_FLOW_MODULE.equals(module)) {
                Object opConfig = le.map().get("config");
                entry = new Entry(lname, className, null, opConfig == null ? Map.of() : opConfig, where);
                entry.controlFlow = CONTROL_FLOW_MODULE.equals(module);
            } else if (LAYER_REFERENCE.equals(className)) {
                Entry layer = root == null ? null : root.get(lname);
                if (layer == null || layer.layer == null) {
                    throw new KerasConfigException(where + ": refers to a layer '" + lname + "' the model does not "
                            + "have" + (root == null ? " (layer references belong in control-flow sub-graphs)" : ""));
                }
                entry = new Entry(lname, layer.className, layer.layer, null, where);
            } else {
                Map<String, Object> serialized = new LinkedHashMap<>(le.map());
                serialized.remove("name");
                serialized.remove("inbound_nodes");
                Layer layer = KerasObjects.deserialize(serialized, Layer.class, context, where);
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
    }

    /** Makes every entry's calls; {@code root}: the model's entries, for the sub-graphs of control-flow ops. */
    private static void applyAll(Map<String, Entry> entries, String desc, ConfigContext context,
                                 Map<String, Entry> root) {
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
                        out = applyNode(entry, entry.pending.peekFirst(), entries, context, root);
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
    }

    /** Applies one inbound node of an entry to its inputs and returns its outputs. */
    private static List<Tensor> applyNode(Entry entry, Object nodeData, Map<String, Entry> entries,
                                          ConfigContext context, Map<String, Entry> root) throws NotReady {
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
                args.add(argument(o, entries, where, context));
            }
            if (kw != null) {
                new Config(kw, where + ".kwargs", context).map().forEach((k, v) -> kwargs.put(k, v));
                if (entry.layer == null) {
                    // an op's keyword arguments may be tensors (rms_normalization's scale)
                    for (Map.Entry<String, Object> e : kwargs.entrySet()) {
                        e.setValue(argument(e.getValue(), entries, where, context));
                    }
                }
            }
        }
        if (entry.controlFlow) {
            List<Tensor> inputs = new ArrayList<>();
            for (Object arg : args) {
                inputs.add(asTensor(arg, where));
            }
            return ControlFlowEntries.apply(entry.className, new Config(entry.opConfig, entry.where, context), inputs,
                    sub -> readSubgraph(sub, root));
        }
        if (entry.layer == null) {
            return OpEntries.apply(entry.className, new Config(entry.opConfig, entry.where, context), args, kwargs);
        }
        if (entry.layer instanceof KerasCallArguments k) {
            return applyWithArguments(entry, k, args, kwargs, entries, where, context);
        }
        Object masks = kwargs.remove("mask");
        for (Map.Entry<String, Object> k : kwargs.entrySet()) {
            boolean ignorable = k.getKey().equals("training");
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
        if (masks != null) { // the call's mask= keyword: the masks its inputs carry
            Object resolved = argument(masks, entries, where, context);
            List<?> perInput = resolved instanceof List<?> l ? l : java.util.Collections.singletonList(resolved);
            if (perInput.size() != inputs.size()) {
                throw new KerasConfigException(where + ": 'mask' gives " + perInput.size() + " masks for "
                        + inputs.size() + " inputs");
            }
            for (int i = 0; i < inputs.size(); i++) {
                if (perInput.get(i) != null) { // (a mask with more axes, as Keras's TimeDistributed passes on: reduced)
                    Tensor mask = Masks.fitting(asTensor(perInput.get(i), where), inputs.get(i).shape(),
                            where);
                    inputs.set(i, inputs.get(i).withMask(mask));
                }
            }
        }
        try {
            Tensors out = entry.layer.apply(inputs); // (a recurrent layer with return_state has several outputs)
            return new ArrayList<>(out);
        } catch (RuntimeException e) {
            throw new KerasConfigException(where + ": calling " + entry.layer.describe() + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** A call of a layer that reads its own Keras call arguments (tensor references among the keywords). */
    private static List<Tensor> applyWithArguments(Entry entry, KerasCallArguments k, List<Object> args,
                                                   Map<String, Object> kwargs, Map<String, Entry> entries,
                                                   String where, ConfigContext context) throws NotReady {
        List<Tensor> positional = new ArrayList<>();
        for (Object arg : args) {
            if (arg instanceof List<?> l) {
                for (Object o : l) {
                    positional.add(asTensor(o, where));
                }
            } else {
                positional.add(asTensor(arg, where));
            }
        }
        Map<String, Object> keywords = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : kwargs.entrySet()) {
            boolean ignorable = (e.getKey().equals("mask") && e.getValue() == null) || e.getKey().equals("training");
            if (!ignorable) {
                keywords.put(e.getKey(), argument(e.getValue(), entries, where, context));
            }
        }
        try {
            List<Tensor> inputs = k.readKerasCall(positional, keywords);
            return new ArrayList<>(entry.layer.apply(inputs));
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
    private static Object argument(Object o, Map<String, Entry> entries, String where, ConfigContext context)
            throws NotReady {
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object item : l) {
                out.add(argument(item, entries, where, context));
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
                case "__slice__" -> { // a Python slice in GetItem's key
                    Integer start = optionalInt(config, "start");
                    Integer stop = optionalInt(config, "stop");
                    Integer step = optionalInt(config, "step");
                    config.finish();
                    return new OpSpec.Index.Slice(start, stop, step);
                }
                case "__ellipsis__" -> {
                    config.finish();
                    return OpSpec.Index.ELLIPSIS;
                }
                default -> throw ref.error("unsupported argument of class '" + cls + "'");
            }
        }
        if (o == null || o instanceof Number || o instanceof Boolean || o instanceof String) {
            return o;
        }
        throw new KerasConfigException(where + ": unsupported argument " + Config.describe(o));
    }

    private static Integer optionalInt(Config config, String key) {
        Object v = config.raw(key);
        return v == null ? null : config.toInt(v, key);
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

}
