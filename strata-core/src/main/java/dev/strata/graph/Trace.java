package dev.strata.graph;

import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A recorded graph from symbolic inputs to symbolic outputs, with the nodes between them in execution order, like
 * Keras's {@code Function} ({@code keras/src/ops/function.py}). A Functional model is one; a subclassed or
 * Sequential model keeps the trace of its last symbolic call ({@code Model.trace()}), from which its summary,
 * plot and saved architecture are made.
 *
 * <p>Layers and ops are both {@link Operation}s here: an operation that is not a {@link PrimitiveOp} is a layer.
 */
public final class Trace {
    private final List<Tensor> inputs;
    private final List<Tensor> outputs;
    private final List<Node> nodes;
    private volatile OutputNames outputNames;

    /**
     * The graph that leads from {@code inputs} to {@code outputs}.
     *
     * @throws IllegalStateException if the graph has a cycle (naming an operation on it)
     */
    public Trace(List<? extends Tensor> inputs, List<? extends Tensor> outputs) {
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.nodes = topologicalOrder(this.inputs, this.outputs);
    }

    /** The symbolic inputs. */
    public List<Tensor> inputs() {
        return inputs;
    }

    /** The symbolic outputs. */
    public List<Tensor> outputs() {
        return outputs;
    }

    /** The nodes that lead from the inputs to the outputs, each after the nodes it depends on. */
    public List<Node> nodes() {
        return nodes;
    }

    /**
     * One name per output: the name of the layer that produced it (when that layer has one output), else
     * {@code output_<i>}; a name already taken gets {@code _<i>} appended.
     */
    public List<String> outputNames() {
        // Kept, since every predict names its outputs; made again if a layer was renamed since (the names of
        // layers are fixed once built, save an automatic name adopted from a field when a model tracks it).
        OutputNames kept = outputNames;
        if (kept != null && kept.current()) {
            return kept.names();
        }
        Operation[] producers = new Operation[outputs.size()];
        String[] producerNames = new String[producers.length];
        List<String> names = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < outputs.size(); i++) {
            String n = "output_" + i;
            if (outputs.get(i) instanceof SymbolicTensor s) {
                var producer = Graph.producer(s);
                if (producer.isPresent() && !(producer.get().operation() instanceof PrimitiveOp)
                        && producer.get().outputs().size() == 1) {
                    producers[i] = producer.get().operation();
                    producerNames[i] = producers[i].name();
                    n = producerNames[i];
                }
            }
            if (!used.add(n)) {
                n = n + "_" + i;
                used.add(n);
            }
            names.add(n);
        }
        List<String> result = List.copyOf(names);
        outputNames = new OutputNames(result, producers, producerNames);
        return result;
    }

    /** Output names with the layers they were taken from, and those layers' names at the time. */
    private record OutputNames(List<String> names, Operation[] producers, String[] producerNames) {
        boolean current() {
            for (int i = 0; i < producers.length; i++) {
                if (producers[i] != null && !producers[i].name().equals(producerNames[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The operations of the graph in Keras's order ({@code functional.map_graph}): by decreasing depth (the
     * longest path to an output), ties in the order a depth-first walk from the outputs first met them. Input
     * layers come first. This order is {@code model.layers} in Keras, and so the order of weights and of
     * saved weight paths.
     */
    public List<Operation> operationsInKerasOrder() {
        Set<Tensor> inputSet = Collections.newSetFromMap(new IdentityHashMap<>());
        inputSet.addAll(inputs);
        Map<Operation, Integer> firstSeen = new IdentityHashMap<>();
        List<Node> decreasingDepth = new ArrayList<>();
        Set<Node> finished = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor out : outputs) {
            walk(out, inputSet, firstSeen, decreasingDepth, finished);
        }
        Map<Node, Integer> nodeDepth = new IdentityHashMap<>();
        Map<Operation, Integer> opDepth = new IdentityHashMap<>();
        for (int i = decreasingDepth.size() - 1; i >= 0; i--) {
            Node node = decreasingDepth.get(i);
            int depth = Math.max(nodeDepth.getOrDefault(node, 0), opDepth.getOrDefault(node.operation(), 0));
            opDepth.put(node.operation(), depth);
            nodeDepth.put(node, depth);
            if (!isInputNode(node, inputSet)) {
                for (Tensor in : node.dependencies()) {
                    if (in instanceof SymbolicTensor st) {
                        Graph.producer(st).ifPresent(parent -> nodeDepth.merge(parent, depth + 1, Math::max));
                    }
                }
            }
        }
        List<Operation> ops = new ArrayList<>(opDepth.keySet());
        ops.sort((a, b) -> {
            int byDepth = Integer.compare(opDepth.get(b), opDepth.get(a));
            return byDepth != 0 ? byDepth : Integer.compare(firstSeen.get(a), firstSeen.get(b));
        });
        return withSubgraphLayers(ops);
    }

    /** The layers that control-flow ops call in their sub-graphs, each listed once, just before the op. */
    private static List<Operation> withSubgraphLayers(List<Operation> ops) {
        if (ops.stream().noneMatch(op -> op instanceof SubgraphOp)) {
            return ops;
        }
        Set<Operation> listed = Collections.newSetFromMap(new IdentityHashMap<>());
        listed.addAll(ops);
        List<Operation> out = new ArrayList<>();
        for (Operation op : ops) {
            if (op instanceof SubgraphOp c) {
                for (Subgraph g : c.subgraphs()) {
                    for (Operation inner : g.layers()) {
                        if (listed.add(inner)) {
                            out.add(inner);
                        }
                    }
                }
            }
            out.add(op);
        }
        return out;
    }

    /**
     * Runs the graph again on {@code values}, one per input: each node's operation applied, in order, to the values
     * of its inputs (with the masks it recorded). Concrete values compute; symbolic ones record a new graph.
     *
     * @throws IllegalArgumentException if the number of values is not the number of inputs
     */
    public List<Tensor> replay(List<? extends Tensor> values) {
        if (values.size() != inputs.size()) {
            throw new IllegalArgumentException("the graph takes " + inputs.size() + " inputs, got " + values.size());
        }
        Map<Tensor, Tensor> env = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            env.put(original(inputs.get(i)), values.get(i));
        }
        for (Node node : nodes) {
            List<Tensor> args = new ArrayList<>(node.inputs().size());
            for (int i = 0; i < node.inputs().size(); i++) {
                Tensor value = valueOf(node.inputs().get(i), env);
                Tensor mask = node.masks().isEmpty() ? null : node.masks().get(i);
                args.add(mask == null ? value : value.withMask(valueOf(mask, env)));
            }
            var results = node.operation().apply(args);
            for (int i = 0; i < node.outputs().size(); i++) {
                env.put(node.outputs().get(i), results.get(i));
            }
        }
        List<Tensor> out = new ArrayList<>(outputs.size());
        for (Tensor t : outputs) {
            out.add(valueOf(t, env));
        }
        return out;
    }

    private static Tensor original(Tensor t) {
        return t instanceof SymbolicTensor s ? s.original() : t;
    }

    private static Tensor valueOf(Tensor t, Map<Tensor, Tensor> env) {
        Tensor v = env.get(original(t));
        if (v != null) {
            return v;
        }
        if (t instanceof SymbolicTensor s) {
            throw new IllegalStateException(s + " is not computed from the graph's inputs");
        }
        return t; // a constant the graph captured
    }

    private static boolean isInputNode(Node node, Set<Tensor> inputs) {
        for (SymbolicTensor o : node.outputs()) {
            if (inputs.contains(o)) {
                return true;
            }
        }
        return false;
    }

    private static void walk(Tensor t, Set<Tensor> inputs, Map<Operation, Integer> firstSeen, List<Node> order,
                             Set<Node> finished) {
        if (!(t instanceof SymbolicTensor s)) {
            return;
        }
        Node node = Graph.producer(s).orElse(null);
        if (node == null || finished.contains(node)) {
            return;
        }
        firstSeen.putIfAbsent(node.operation(), firstSeen.size());
        if (!inputs.contains(t)) {
            for (Tensor in : node.dependencies()) {
                walk(in, inputs, firstSeen, order, finished);
            }
        }
        finished.add(node);
        order.add(node);
    }

    /**
     * Depth-first from the outputs back to the inputs (stopping there), then reversed: every node comes after
     * the nodes producing its inputs.
     */
    private static List<Node> topologicalOrder(List<Tensor> inputs, List<Tensor> outputs) {
        Set<Tensor> stop = Collections.newSetFromMap(new IdentityHashMap<>());
        stop.addAll(inputs);
        Set<Node> done = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Node> order = new ArrayList<>();
        for (Tensor out : outputs) {
            visit(out, stop, done, onPath, order);
        }
        return List.copyOf(order);
    }

    private static void visit(Tensor t, Set<Tensor> stop, Set<Node> done, Set<Node> onPath, List<Node> order) {
        if (stop.contains(t) || !(t instanceof SymbolicTensor s)) {
            return;
        }
        Node node = Graph.producer(s).orElse(null);
        if (node == null || done.contains(node)) {
            return;
        }
        if (!onPath.add(node)) {
            throw new IllegalStateException("the graph has a cycle through '" + node.operation().name() + "'");
        }
        for (Tensor in : node.dependencies()) {
            visit(in, stop, done, onPath, order);
        }
        onPath.remove(node);
        done.add(node);
        order.add(node);
    }
}
