package dev.strata.graph;

import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A branch or loop body traced once into a graph of its own, as JAX traces the functions given to
 * {@code lax.cond} or {@code lax.while_loop}: its parameters (the loop variables, the scanned slice; none for a
 * branch), the tensors of the surrounding graph its code captured (a model's hidden state, a layer's input), and
 * its outputs. A control-flow node takes the captured tensors as inputs of its own, so the surrounding graph stays
 * connected, and runs the sub-graph on their values.
 *
 * <p>The sub-graph's {@link #trace() trace} has the parameters, then the captured tensors, as its inputs.
 */
public final class Subgraph {
    private final Trace trace;
    private final int parameters;

    private Subgraph(Trace trace, int parameters) {
        this.trace = trace;
        this.parameters = parameters;
    }

    /**
     * Traces {@code body} on new symbolic parameters of the given shapes. Every symbolic tensor the body's result
     * depends on that it did not compute (its nodes were recorded before the call) is a capture.
     *
     * @param name names the parameters in messages ({@code "<name>_arg0"}, ...)
     */
    public static Subgraph trace(String name, List<Shape> parameterShapes,
                                 Function<List<Tensor>, List<? extends Tensor>> body) {
        List<Tensor> params = new ArrayList<>(parameterShapes.size());
        for (int i = 0; i < parameterShapes.size(); i++) {
            params.add(Graph.input(parameterShapes.get(i), name + "_arg" + i));
        }
        long mark = Graph.mark();
        List<Tensor> outputs = new ArrayList<>();
        for (Tensor t : body.apply(List.copyOf(params))) {
            if (t == null) {
                throw new IllegalArgumentException(name + " returned a null tensor");
            }
            outputs.add(t instanceof SymbolicTensor s ? s.original() : t);
        }
        Set<Tensor> known = Collections.newSetFromMap(new IdentityHashMap<>());
        known.addAll(params);
        Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Tensor> captures = new ArrayList<>();
        for (Tensor out : outputs) {
            collectCaptures(out, mark, known, visited, captures);
        }
        List<Tensor> inputs = new ArrayList<>(params);
        inputs.addAll(captures);
        return new Subgraph(new Trace(inputs, outputs), params.size());
    }

    /**
     * A sub-graph from its inputs (the parameters, then one per captured tensor) and outputs, as a saved file
     * gives it back.
     */
    public static Subgraph of(List<? extends Tensor> inputs, int parameters, List<? extends Tensor> outputs) {
        if (parameters < 0 || parameters > inputs.size()) {
            throw new IllegalArgumentException("a sub-graph of " + inputs.size() + " inputs cannot have " + parameters
                    + " parameters");
        }
        return new Subgraph(new Trace(inputs, outputs), parameters);
    }

    private static void collectCaptures(Tensor t, long mark, Set<Tensor> known, Set<Node> visited,
                                        List<Tensor> captures) {
        if (!(t instanceof SymbolicTensor s)) {
            return; // a constant: the graph keeps it
        }
        Tensor original = s.original();
        if (known.contains(original)) {
            return;
        }
        Node node = Graph.producer((SymbolicTensor) original).orElse(null);
        if (node == null || !node.recordedSince(mark)) {
            known.add(original);
            captures.add(original);
            return;
        }
        if (visited.add(node)) {
            for (Tensor in : node.dependencies()) {
                collectCaptures(in, mark, known, visited, captures);
            }
        }
    }

    /** The graph: inputs are the parameters, then the captured tensors. */
    public Trace trace() {
        return trace;
    }

    /** How many of the inputs are parameters (the rest are captured tensors). */
    public int parameters() {
        return parameters;
    }

    /** The captured tensors (as traced, tensors of the surrounding graph; as loaded, placeholders for them). */
    public List<Tensor> captures() {
        return trace.inputs().subList(parameters, trace.inputs().size());
    }

    /**
     * The captured tensors of several sub-graphs (an op's branches or its loop's condition and body), each once, in
     * order of first capture: the inputs a node over them takes after its operands. Two branches that read the same
     * tensor share one input, so the node's inputs, its summary and its saved call name each tensor once.
     */
    public static List<Tensor> distinctCaptures(List<Subgraph> graphs) {
        List<Tensor> out = new ArrayList<>();
        captureSlots(graphs, out);
        return out;
    }

    /** For each sub-graph, the position of each of its captured tensors in {@link #distinctCaptures(List)}. */
    public static int[][] captureSlots(List<Subgraph> graphs) {
        return captureSlots(graphs, new ArrayList<>());
    }

    private static int[][] captureSlots(List<Subgraph> graphs, List<Tensor> distinct) {
        Map<Tensor, Integer> slot = new IdentityHashMap<>();
        int[][] slots = new int[graphs.size()][];
        for (int g = 0; g < graphs.size(); g++) {
            List<Tensor> captures = graphs.get(g).captures();
            slots[g] = new int[captures.size()];
            for (int j = 0; j < captures.size(); j++) {
                Tensor t = captures.get(j);
                Integer at = slot.get(t);
                if (at == null) {
                    at = distinct.size();
                    slot.put(t, at);
                    distinct.add(t);
                }
                slots[g][j] = at;
            }
        }
        return slots;
    }

    /** The shapes of the outputs. */
    public List<Shape> outputShapes() {
        List<Shape> shapes = new ArrayList<>(trace.outputs().size());
        for (Tensor t : trace.outputs()) {
            shapes.add(t.shape());
        }
        return shapes;
    }

    /**
     * The layers the sub-graph calls (not its ops, nor what produced its inputs), in Keras's order: they belong to
     * the model around it.
     */
    public List<Operation> layers() {
        Set<Operation> producers = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor in : trace.inputs()) {
            if (in instanceof SymbolicTensor s) {
                Graph.producer(s).ifPresent(n -> producers.add(n.operation()));
            }
        }
        List<Operation> out = new ArrayList<>();
        for (Operation op : trace.operationsInKerasOrder()) {
            if (!(op instanceof PrimitiveOp) && !producers.contains(op)) {
                out.add(op);
            }
        }
        return out;
    }

    /** Runs the sub-graph on values for its parameters and its captured tensors (concrete, or symbolic to record). */
    public List<Tensor> run(List<? extends Tensor> parameterValues, List<? extends Tensor> captureValues) {
        List<Tensor> values = new ArrayList<>(parameterValues);
        values.addAll(captureValues);
        return trace.replay(values);
    }
}
