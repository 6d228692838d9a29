package dev.strata.graph;

import dev.strata.internal.CallSites;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that decides "record a node" versus "compute": ops and layers ask {@link #isSymbolic} of
 * their inputs and, if so, call {@link #record} with the output shapes from their shape rule.
 */
public final class Graph {
    private Graph() {
    }

    /** Whether any of the tensors is symbolic. */
    public static boolean isSymbolic(List<? extends Tensor> tensors) {
        for (Tensor t : tensors) {
            if (t.isSymbolic()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records {@code operation} applied to {@code inputs} and returns one symbolic output per shape.
     */
    public static List<SymbolicTensor> record(Operation operation, List<? extends Tensor> inputs,
                                              List<Shape> outputShapes) {
        Node node = new Node(operation, inputs, CallSites.firstUserFrame().orElse(null));
        List<SymbolicTensor> outputs = new ArrayList<>(outputShapes.size());
        for (int i = 0; i < outputShapes.size(); i++) {
            outputs.add(new SymbolicTensor(outputShapes.get(i), node, i));
        }
        node.attachOutputs(outputs);
        return outputs;
    }

    /** Records a single-output operation. */
    public static SymbolicTensor record(Operation operation, List<? extends Tensor> inputs, Shape outputShape) {
        return record(operation, inputs, List.of(outputShape)).getFirst();
    }

    /**
     * A new symbolic input (a placeholder) of the given shape, such as a model input.
     *
     * @param name a name for messages and summaries
     */
    public static SymbolicTensor input(Shape shape, String name) {
        return new SymbolicTensor(shape, new InputOrigin(name), 0);
    }

    /** The node that produced a symbolic tensor, or empty for an input placeholder. */
    public static java.util.Optional<Node> producer(SymbolicTensor tensor) {
        return tensor.origin() instanceof Node node ? java.util.Optional.of(node) : java.util.Optional.empty();
    }

    /** The origin of a placeholder made by {@link #input}. */
    record InputOrigin(String name) implements SymbolicTensor.Origin {
        @Override
        public String describe() {
            return "input '" + name + "'";
        }
    }
}
