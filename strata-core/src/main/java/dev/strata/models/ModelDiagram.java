package dev.strata.models;

import dev.strata.graph.Graph;
import dev.strata.graph.Node;
import dev.strata.graph.Operation;
import dev.strata.graph.Trace;
import dev.strata.layers.Layer;
import dev.strata.layers.core.InputLayer;
import dev.strata.internal.summary.Diagram;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a model's traced graph into a {@link Diagram}, as Keras's {@code model_to_dot} walks a model: one box
 * per layer or op of the graph, an edge from each producer to each consumer, and nested models drawn as
 * clusters holding their own graph, whose edges cross into the cluster to the layers that consume its inputs
 * and out of it from the layers that produce its outputs.
 *
 * <p>Input boxes are drawn where Keras draws them: for a Functional model (its input layers are among its
 * operations) and for a traced subclassed model at the top level (drawn like its Functional twin), not for a
 * Sequential model (Keras's {@code Sequential.layers} leaves the input layer out).
 */
final class ModelDiagram {
    private final Plot.Options options;
    private final Diagram.Builder builder;
    private final Set<String> ids = new HashSet<>();
    /** Edges by (from, to), de-duplicated as Keras's {@code add_edge} does; the value is the label. */
    private final Map<List<String>, String> edges = new LinkedHashMap<>();

    /** One model's graph as drawn: the top level, or one cluster. */
    private final class Frame {
        final Model model;
        final Trace trace;
        final String cluster;
        final String prefix;
        final boolean inputBoxes;
        final List<Node> nodes = new ArrayList<>();
        final Map<Tensor, Integer> inputIndex = new IdentityHashMap<>();
        final Map<Operation, String> boxes = new IdentityHashMap<>();
        final Map<Operation, Frame> nested = new IdentityHashMap<>();

        Frame(Model model, Trace trace, String cluster, String prefix, boolean inputBoxes) {
            this.model = model;
            this.trace = trace;
            this.cluster = cluster;
            this.prefix = prefix;
            this.inputBoxes = inputBoxes;
            for (int i = 0; i < trace.inputs().size(); i++) {
                inputIndex.put(trace.inputs().get(i), i);
            }
        }
    }

    private ModelDiagram(Model model, Plot.Options options) {
        this.options = options;
        this.builder = Diagram.builder(model.name()).direction(Diagram.Direction.parse(options.rankdir()));
    }

    static Diagram of(Model model, Plot.Options options) {
        ModelDiagram d = new ModelDiagram(model, options);
        Trace trace = model.trace();
        if (trace == null || model.untraceableReason().isPresent()) {
            d.singleBox(model);
        } else {
            Frame root = d.frame(model, trace, null, !(model instanceof Sequential));
            d.connect(root);
        }
        d.edges.forEach((ends, label) -> d.builder.edge(ends.get(0), ends.get(1), label));
        return d.builder.build();
    }

    /** A model without a graph to show: one box, and a note saying why (Keras draws subclassed models so). */
    private void singleBox(Model model) {
        List<Diagram.Field> fields = new ArrayList<>();
        if (options.showShapes()) {
            List<Shape> in = model.buildInputShapes();
            String inShape = "?";
            if (!in.isEmpty()) {
                List<String> parts = new ArrayList<>();
                for (Shape s : in) {
                    parts.add(Plot.formatShape(s));
                }
                inShape = parts.size() == 1 ? parts.getFirst() : "[" + String.join(", ", parts) + "]";
            }
            fields.add(new Diagram.Field("Input shape", inShape));
            fields.add(new Diagram.Field("Output shape", "?"));
        }
        addBox(model.name(), model.name(), typeName(model), fields, null);
        builder.note(model.untraceableReason()
                .map(reason -> "call() could not be traced, so the model is drawn as one box: "
                        + reason.lines().findFirst().orElse(reason))
                .orElse("The model has no traced graph yet, so it is drawn as one box: build it "
                        + "(buildForSamples(...), or call or fit it on data) to see its layers."));
    }

    /** The frame of a model's graph; a nested one (with a parent) becomes a cluster, its box ids prefixed. */
    private Frame frame(Model model, Trace trace, Frame parent, boolean inputBoxes) {
        String cluster = null;
        String prefix = "";
        if (parent != null) {
            cluster = unique("cluster_" + parent.prefix + model.name());
            prefix = parent.prefix + model.name() + "/";
            builder.cluster(cluster, model.name(), parent.cluster);
        }
        Frame f = new Frame(model, trace, cluster, prefix, inputBoxes);
        if (inputBoxes) {
            for (Tensor in : trace.inputs()) {
                if (in instanceof SymbolicTensor s) {
                    Graph.producer(s).ifPresent(f.nodes::add);
                }
            }
        }
        f.nodes.addAll(trace.nodes());
        Map<Operation, String> names = Summaries.rowNames(trace.operationsInKerasOrder());
        for (Node node : f.nodes) {
            Operation op = node.operation();
            if (f.boxes.containsKey(op) || f.nested.containsKey(op)) {
                continue; // a shared layer is one box, as in Keras
            }
            String name = names.getOrDefault(op, op.name());
            if (options.expandNested() && op instanceof Model m && expandable(m)) {
                f.nested.put(op, frame(m, m.trace(), f, m instanceof Functional));
                continue;
            }
            f.boxes.put(op, addBox(prefix + name, name, typeName(op), fields(op, f), cluster));
        }
        return f;
    }

    /** A nested model is drawn as a cluster when it has a graph with something in it. */
    private static boolean expandable(Model m) {
        Trace t = m.trace();
        return t != null && m.untraceableReason().isEmpty() && (!t.nodes().isEmpty() || m instanceof Functional);
    }

    private String addBox(String wantedId, String name, String type, List<Diagram.Field> fields, String cluster) {
        String id = unique(wantedId);
        if (options.showLayerNames()) {
            builder.node(id, name, "(" + type + ")", fields, cluster);
        } else {
            builder.node(id, type, null, fields, cluster);
        }
        return id;
    }

    private String unique(String wanted) {
        String id = wanted;
        for (int k = 2; !ids.add(id); k++) {
            id = wanted + "_" + k;
        }
        return id;
    }

    /** Keras's label rows: "Input shape" (not for input layers) and "Output shape". */
    private List<Diagram.Field> fields(Operation op, Frame f) {
        if (!options.showShapes()) {
            return List.of();
        }
        String in = null;
        String out = null;
        boolean agree = true;
        for (Node n : f.nodes) {
            if (n.operation() != op) {
                continue;
            }
            List<String> ins = new ArrayList<>();
            for (Tensor t : n.inputs()) {
                if (t.isSymbolic()) {
                    ins.add(Plot.formatShape(t.shape()));
                }
            }
            List<String> outs = new ArrayList<>();
            for (SymbolicTensor t : n.outputs()) {
                outs.add(Plot.formatShape(t.shape()));
            }
            String i = ins.isEmpty() ? "?" : ins.size() == 1 ? ins.getFirst() : "[" + String.join(", ", ins) + "]";
            String o = outs.isEmpty() ? "?" : outs.size() == 1 ? outs.getFirst() : "[" + String.join(", ", outs) + "]";
            if (in == null) {
                in = i;
                out = o;
            } else {
                agree &= in.equals(i) && out.equals(o);
            }
        }
        if (in == null || !agree) {
            in = "?"; // Keras shows "?" for a layer called on several differently shaped inputs
            out = "?";
        }
        List<Diagram.Field> fields = new ArrayList<>();
        if (!(op instanceof InputLayer)) {
            fields.add(new Diagram.Field("Input shape", in));
        }
        fields.add(new Diagram.Field("Output shape", out));
        return fields;
    }

    /** Edges of this frame and, recursively, of the frames nested in it. */
    private void connect(Frame f) {
        for (Node m : f.trace.nodes()) {
            List<Tensor> inputs = m.inputs();
            for (int i = 0; i < inputs.size(); i++) {
                if (!(inputs.get(i) instanceof SymbolicTensor t)) {
                    continue; // a constant captured by the graph has no producer to draw
                }
                if (f.inputIndex.containsKey(t) && !f.inputBoxes) {
                    continue; // enters from outside: drawn by the enclosing frame (or, at the top, not at all)
                }
                String label = options.showShapes() ? Plot.formatShape(t.shape()) : null;
                for (String from : sources(f, t)) {
                    for (String to : targets(f, m, i)) {
                        edges.putIfAbsent(List.of(from, to), label);
                    }
                }
            }
        }
        for (Frame inner : f.nested.values()) {
            connect(inner);
        }
    }

    /** The boxes that draw where a tensor of this frame comes from, looking inside nested models. */
    private List<String> sources(Frame f, SymbolicTensor t) {
        if (f.inputIndex.containsKey(t)) {
            Node input = Graph.producer(t).orElse(null);
            String box = input == null ? null : f.boxes.get(input.operation());
            return box == null ? List.of() : List.of(box);
        }
        Node p = Graph.producer(t).orElse(null);
        if (p == null) {
            return List.of();
        }
        Frame inner = f.nested.get(p.operation());
        if (inner != null) {
            Tensor out = inner.trace.outputs().get(t.index());
            if (!(out instanceof SymbolicTensor o)) {
                return List.of();
            }
            Integer passThrough = inner.inputIndex.get(o);
            if (passThrough != null && !inner.inputBoxes) {
                // the nested model returns one of its inputs: the edge starts where that input came from
                Tensor outer = p.inputs().get(passThrough);
                return outer instanceof SymbolicTensor s ? sources(f, s) : List.of();
            }
            return sources(inner, o);
        }
        String box = f.boxes.get(p.operation());
        return box == null ? List.of() : List.of(box);
    }

    /** The boxes that draw input {@code i} of node {@code m}, looking inside nested models. */
    private List<String> targets(Frame f, Node m, int i) {
        Frame inner = f.nested.get(m.operation());
        if (inner == null) {
            String box = f.boxes.get(m.operation());
            return box == null ? List.of() : List.of(box);
        }
        if (i >= inner.trace.inputs().size()) {
            return List.of();
        }
        Tensor entry = inner.trace.inputs().get(i);
        if (inner.inputBoxes) {
            Node input = entry instanceof SymbolicTensor s ? Graph.producer(s).orElse(null) : null;
            String box = input == null ? null : inner.boxes.get(input.operation());
            return box == null ? List.of() : List.of(box);
        }
        List<String> out = new ArrayList<>();
        for (Node consumer : inner.trace.nodes()) {
            for (int k = 0; k < consumer.inputs().size(); k++) {
                if (consumer.inputs().get(k) == entry) {
                    out.addAll(targets(inner, consumer, k));
                }
            }
        }
        return out;
    }

    /** Keras's class name for a layer; an op's name in CamelCase, as the summary shows it. */
    static String typeName(Operation op) {
        if (op instanceof Layer) {
            for (Class<?> c = op.getClass(); c != null; c = c.getSuperclass()) {
                if (!c.getSimpleName().isEmpty()) {
                    return c.getSimpleName(); // an anonymous subclass shows its named parent
                }
            }
        }
        return Summaries.camel(op.name());
    }
}
