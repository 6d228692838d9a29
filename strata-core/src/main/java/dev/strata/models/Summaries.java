package dev.strata.models;

import dev.strata.graph.Graph;
import dev.strata.graph.Node;
import dev.strata.graph.Operation;
import dev.strata.graph.Trace;
import dev.strata.layers.Layer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import dev.strata.internal.summary.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the rows and totals of {@link Model#summary()} as Keras's {@code print_summary} does. */
final class Summaries {
    private Summaries() {
    }

    static String of(Model model, int lineLength) {
        Trace trace = model.trace();
        List<List<String>> rows = new ArrayList<>();
        boolean sequentialLike;
        if (model instanceof Sequential || trace == null) {
            sequentialLike = true;
            for (Layer layer : model.layers()) {
                rows.add(List.of(layer.name() + " (" + layer.getClass().getSimpleName() + ")",
                        trace == null ? "?" : outputShape(layer, trace.nodes()), params(layer)));
            }
        } else {
            List<Operation> ops = trace.operationsInKerasOrder();
            List<Node> nodes = nodesInGraph(trace);
            sequentialLike = isSequentialLike(ops, nodes);
            Map<Operation, String> names = rowNames(ops);
            Map<Operation, String> inside = new java.util.IdentityHashMap<>();
            List<Node> withSubgraphs = withSubgraphNodes(nodes, names, inside);
            for (Operation op : ops) {
                String type = op instanceof Layer l ? l.getClass().getSimpleName() : camel(op.name());
                List<String> row = new ArrayList<>(List.of(names.get(op) + " (" + type + ")",
                        outputShape(op, withSubgraphs), op instanceof Layer l ? params(l) : "0"));
                if (!sequentialLike) {
                    String connected = connections(op, nodes, names);
                    row.add(connected.equals("-") && inside.containsKey(op) ? inside.get(op) : connected);
                }
                rows.add(row);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(model.name()).append("\"\n");
        if (sequentialLike) {
            sb.append(Table.render(List.of("Layer (type)", "Output Shape", "Param #"),
                    List.of(Table.Align.LEFT, Table.Align.LEFT, Table.Align.RIGHT), rows, lineLength > 0 ? lineLength : Table.lineLength(88),
                    new double[] {0.45, 0.80, 1.0}));
        } else {
            sb.append(Table.render(List.of("Layer (type)", "Output Shape", "Param #", "Connected to"),
                    List.of(Table.Align.LEFT, Table.Align.LEFT, Table.Align.RIGHT, Table.Align.LEFT), rows,
                    lineLength > 0 ? lineLength : Table.lineLength(108), new double[] {0.3, 0.56, 0.74, 1.0}));
        }
        footer(sb, model);
        model.untraceableReason().ifPresent(reason -> sb.append(" Note: call() could not be traced, so layers are "
                + "listed without connections: ").append(reason.lines().findFirst().orElse(reason)).append('\n'));
        return sb.toString();
    }

    private static void footer(StringBuilder sb, Model model) {
        long trainable = 0;
        long nonTrainable = 0;
        if (allBuilt(model)) {
            trainable = count(model.trainableWeights());
            nonTrainable = count(model.nonTrainableWeights());
        }
        boolean optimizerBuilt = model.optimizer().map(o -> o.built()).orElse(false);
        long optimizer = optimizerBuilt ? count(model.optimizer().orElseThrow().variables()) : 0;
        long total = trainable + nonTrainable + (optimizerBuilt ? optimizer : 0);
        sb.append(" Total params: ").append(line(total));
        sb.append(" Trainable params: ").append(line(trainable));
        sb.append(" Non-trainable params: ").append(line(nonTrainable));
        if (optimizerBuilt) {
            sb.append(" Optimizer params: ").append(line(optimizer));
        }
    }

    private static boolean allBuilt(Model model) {
        return model.isBuilt();
    }

    private static String line(long count) {
        return String.format(Locale.ROOT, "%,d (%s)%n", count, Table.readableSize(count * 4.0));
    }

    private static long count(List<Variable> vs) {
        long n = 0;
        for (Variable v : vs) {
            n += v.size();
        }
        return n;
    }

    private static String params(Layer layer) {
        if (!layer.isBuilt()) {
            return "0 (unbuilt)";
        }
        return String.format(Locale.ROOT, "%,d", layer.countParams());
    }

    /** The nodes of the traced graph in execution order, including the input layers' nodes. */
    private static List<Node> nodesInGraph(Trace trace) {
        List<Node> nodes = new ArrayList<>();
        for (Tensor in : trace.inputs()) {
            if (in instanceof SymbolicTensor s) {
                Graph.producer(s).ifPresent(nodes::add);
            }
        }
        nodes.addAll(trace.nodes());
        return nodes;
    }

    /** Keras's test: one node per depth, none with several inputs, no operation used twice. */
    private static boolean isSequentialLike(List<Operation> ops, List<Node> nodes) {
        Map<Operation, Integer> uses = new IdentityHashMap<>();
        for (Node n : nodes) {
            if (n.inputs().size() > 1 && countSymbolic(n.inputs()) > 1) {
                return false;
            }
            if (uses.merge(n.operation(), 1, Integer::sum) > 1) {
                return false;
            }
        }
        // one node per depth: in a chain every node but the first consumes the previous one
        for (int i = 1; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n.inputs().isEmpty() || !(n.inputs().getFirst() instanceof SymbolicTensor s)
                    || Graph.producer(s).orElse(null) != nodes.get(i - 1)) {
                return false;
            }
        }
        return ops.size() == nodes.size();
    }

    private static int countSymbolic(List<Tensor> ts) {
        int n = 0;
        for (Tensor t : ts) {
            n += t.isSymbolic() ? 1 : 0;
        }
        return n;
    }

    /** Layers keep their names; ops get theirs made unique (add, add_1, ...). */
    static Map<Operation, String> rowNames(List<Operation> ops) {
        Map<Operation, String> names = new IdentityHashMap<>();
        Map<String, Integer> counters = new HashMap<>();
        for (Operation op : ops) {
            if (op instanceof Layer) {
                names.put(op, op.name());
            } else {
                int k = counters.merge(op.name(), 1, Integer::sum) - 1;
                names.put(op, k == 0 ? op.name() : op.name() + "_" + k);
            }
        }
        return names;
    }

    /**
     * The nodes and, after them, those of the control-flow ops' sub-graphs (where the layers a branch or loop body
     * calls have theirs); {@code inside} gets, for each such layer, where it is called ("inside cond (true_fn)").
     */
    private static List<Node> withSubgraphNodes(List<Node> nodes, Map<Operation, String> names,
                                                Map<Operation, String> inside) {
        List<Node> all = new ArrayList<>(nodes);
        for (Node n : nodes) {
            if (n.operation() instanceof dev.strata.graph.SubgraphOp c) {
                for (int g = 0; g < c.subgraphs().size(); g++) {
                    String where = "inside " + names.getOrDefault(c, c.name()) + " (" + c.subgraphRoles().get(g) + ")";
                    var trace = c.subgraphs().get(g).trace();
                    for (Operation layer : c.subgraphs().get(g).layers()) {
                        inside.putIfAbsent(layer, where);
                    }
                    all.addAll(withSubgraphNodes(trace.nodes(), names, inside));
                }
            }
        }
        return all;
    }

    private static String outputShape(Operation op, List<Node> nodes) {
        Node last = null;
        for (Node n : nodes) {
            if (n.operation() == op) {
                last = n;
            }
        }
        if (last == null) {
            return "?";
        }
        List<SymbolicTensor> outs = last.outputs();
        if (outs.size() == 1) {
            return shape(outs.getFirst().shape());
        }
        List<String> parts = new ArrayList<>();
        for (SymbolicTensor o : outs) {
            parts.add(shape(o.shape()));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** Keras's {@code format_shape}: "(None, 30)"; note "(3)" for one dimension, as Keras prints it. */
    static String shape(Shape s) {
        List<String> dims = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
            dims.add(s.get(i) == Shape.UNKNOWN ? "None" : Integer.toString(s.get(i)));
        }
        return "(" + String.join(", ", dims) + ")";
    }

    private static String connections(Operation op, List<Node> nodes, Map<Operation, String> names) {
        StringBuilder sb = new StringBuilder();
        for (Node n : nodes) {
            if (n.operation() != op) {
                continue;
            }
            for (Tensor in : n.dependencies()) { // the recorded masks too, as Keras lists its mask= tensor
                if (!(in instanceof SymbolicTensor s)) {
                    continue;
                }
                Node producer = Graph.producer(s).orElse(null);
                if (producer == null || !names.containsKey(producer.operation())) {
                    continue;
                }
                int nodeIndex = 0;
                for (Node m : nodes) {
                    if (m == producer) {
                        break;
                    }
                    if (m.operation() == producer.operation()) {
                        nodeIndex++;
                    }
                }
                if (!sb.isEmpty()) {
                    sb.append(", ");
                }
                sb.append(names.get(producer.operation())).append('[').append(nodeIndex).append("][")
                        .append(s.index()).append(']');
            }
        }
        return sb.isEmpty() ? "-" : sb.toString();
    }

    /** "concatenate" to "Concatenate", "broadcast_to" to "BroadcastTo": the type shown for an op. */
    static String camel(String snake) {
        StringBuilder sb = new StringBuilder();
        for (String part : snake.split("_")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }
}
