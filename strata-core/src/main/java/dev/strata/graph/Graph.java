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
    private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();

    private Graph() {
    }

    /**
     * A mark in the order nodes are recorded: every node recorded after this call is {@link Node#recordedSince}
     * the mark, every node recorded before it is not.
     */
    public static long mark() {
        return SEQUENCE.get();
    }

    static long nextSequence() {
        return SEQUENCE.getAndIncrement();
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
     * Records {@code operation} applied to {@code inputs} and returns one symbolic output per shape. An input given a
     * mask by hand ({@link Tensor#withMask}) is recorded as the tensor it stands for; its mask is recorded with it
     * where the operation {@linkplain Operation#recordsMasks() records masks}, as every input's mask is there.
     */
    public static List<SymbolicTensor> record(Operation operation, List<? extends Tensor> inputs,
                                              List<Shape> outputShapes) {
        List<Tensor> originals = new ArrayList<>(inputs.size());
        List<Tensor> masks = null;
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = inputs.get(i);
            originals.add(t instanceof SymbolicTensor s ? s.original() : t);
            Tensor mask = operation.recordsMasks() ? t.mask().orElse(null) : null;
            if (mask != null) {
                if (masks == null) {
                    masks = new ArrayList<>(java.util.Collections.nCopies(inputs.size(), null));
                }
                masks.set(i, mask instanceof SymbolicTensor s ? s.original() : mask);
            }
        }
        Node node = new Node(operation, originals, masks, CallSites.firstUserFrame().orElse(null));
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
