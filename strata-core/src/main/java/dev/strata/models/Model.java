package dev.strata.models;

import dev.strata.graph.Graph;
import dev.strata.graph.Node;
import dev.strata.layers.Layer;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A model: a layer that can be trained, evaluated and used for prediction, like {@code keras.Model}.
 *
 * <p>Three ways to make one, one object model underneath:
 * <ul>
 *   <li><b>Subclassing</b>: extend {@code Model}, create layers in the constructor (fields), use them in
 *       {@code call} with any Java control flow.
 *   <li><b>Functional</b>: {@link #of(List, List)} over symbolic tensors from {@link Input}.
 *   <li><b>Sequential</b>: {@link Sequential}, a stack of single-input layers.
 * </ul>
 *
 * <pre>{@code
 * class WideAndDeepModel extends Model {
 *     private final Dense hidden1 = new Dense(30, "relu"), hidden2 = new Dense(30, "relu");
 *     private final Dense mainOutput = new Dense(1), auxOutput = new Dense(1);
 *
 *     @Override protected Tensors call(Tensors inputs) {
 *         Tensor h2 = hidden2.apply(hidden1.apply(inputs.get(1)));
 *         Tensor concat = Ops.concatenate(List.of(inputs.get(0), h2), -1);
 *         return Tensors.of(mainOutput.apply(concat), auxOutput.apply(h2));
 *     }
 * }
 * }</pre>
 *
 * <p>A model is a layer, so models nest in models in all three styles.
 */
public class Model extends Layer {
    private volatile Trace trace;

    /** A model named after its class ({@code wide_and_deep_model}, ...). */
    protected Model() {
        super();
    }

    /** A model with the given name. */
    protected Model(String name) {
        super(name);
    }

    /** A Functional model from one input to one output. */
    public static Model of(Tensor input, Tensor output) {
        return new FunctionalModel(List.of(input), List.of(output), null);
    }

    /**
     * A Functional model: the graph of layer and op calls that leads from {@code inputs} (made by
     * {@link Input#of}) to {@code outputs}.
     *
     * @throws IllegalArgumentException if an input is not a model input, or an output depends on a symbolic
     *                                  tensor that is not among the inputs
     */
    public static Model of(List<? extends Tensor> inputs, List<? extends Tensor> outputs) {
        return new FunctionalModel(inputs, outputs, null);
    }

    /** A named Functional model. */
    public static Model of(List<? extends Tensor> inputs, List<? extends Tensor> outputs, String name) {
        return new FunctionalModel(inputs, outputs, name);
    }

    @Override
    public Model named(String name) {
        super.named(name);
        return this;
    }

    /** The model's layers: its tracked sublayers for a subclassed model, the graph's layers otherwise. */
    public List<Layer> layers() {
        return layersTracked();
    }

    /**
     * The layer with this name among {@link #layers()}.
     *
     * @throws NoSuchElementException listing the names there are
     */
    public Layer getLayer(String name) {
        List<String> names = new ArrayList<>();
        for (Layer l : layers()) {
            if (l.name().equals(name)) {
                return l;
            }
            names.add(l.name());
        }
        throw new NoSuchElementException(describe() + " has no layer named '" + name + "'; its layers are " + names);
    }

    /** The layer at this position in {@link #layers()}. */
    public Layer getLayer(int index) {
        return layers().get(index);
    }

    /**
     * The names of the model's outputs, used for per-output losses and metrics (e.g. {@code main_output_loss}).
     * A Functional model names each output after the layer that produced it; a subclassed model after the
     * field of the layer that produced it (known once the model has been traced), else
     * {@code output_0, output_1, ...}.
     */
    public List<String> outputNames() {
        Trace t = trace;
        if (t == null) {
            return List.of();
        }
        return t.outputNames();
    }

    /** The graph of the last symbolic call of this model (from its inputs to its outputs), if it was traced. */
    protected final Trace trace() {
        return trace;
    }

    @Override
    protected void onSymbolicCall(Tensors inputs, Tensors innerOutputs, List<SymbolicTensor> outputs) {
        trace = new Trace(inputs, innerOutputs);
    }

    /** Sets the trace directly (a Functional model's graph is its own trace). */
    final void setTrace(Trace t) {
        trace = t;
    }

    /**
     * A model's traced graph: the symbolic inputs of a call and the outputs its {@code call} produced, with the
     * nodes between them in execution order.
     */
    public static final class Trace {
        private final List<Tensor> inputs;
        private final List<Tensor> outputs;
        private final List<Node> nodes;

        Trace(List<? extends Tensor> inputs, List<? extends Tensor> outputs) {
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

        List<String> outputNames() {
            List<String> names = new ArrayList<>();
            Set<String> used = new java.util.HashSet<>();
            for (int i = 0; i < outputs.size(); i++) {
                String n = "output_" + i;
                if (outputs.get(i) instanceof SymbolicTensor s) {
                    var producer = Graph.producer(s);
                    if (producer.isPresent() && producer.get().operation() instanceof Layer l
                            && producer.get().outputs().size() == 1) {
                        n = l.name();
                    }
                }
                if (!used.add(n)) {
                    n = n + "_" + i;
                    used.add(n);
                }
                names.add(n);
            }
            return List.copyOf(names);
        }

        /**
         * Depth-first from the outputs back to the inputs (stopping there), then reversed: every node comes after
         * the nodes producing its inputs.
         */
        static List<Node> topologicalOrder(List<Tensor> inputs, List<Tensor> outputs) {
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
            for (Tensor in : node.inputs()) {
                visit(in, stop, done, onPath, order);
            }
            onPath.remove(node);
            done.add(node);
            order.add(node);
        }
    }
}
