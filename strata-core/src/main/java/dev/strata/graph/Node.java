package dev.strata.graph;

import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * One application of an {@link Operation} to symbolic inputs, with the symbolic outputs it produced and the
 * line of user code that made it (for error messages and plots).
 */
public final class Node implements SymbolicTensor.Origin {
    private final Operation operation;
    private final List<Tensor> inputs;
    /** The masks recorded with the inputs (null where none), or empty when the operation takes none. */
    private final List<Tensor> masks;
    private final StackTraceElement callSite;
    /** When the node was made, in the order of all nodes (see {@link Graph#mark()}). */
    private final long sequence;
    private List<SymbolicTensor> outputs = List.of();

    Node(Operation operation, List<? extends Tensor> inputs, List<Tensor> masks, StackTraceElement callSite) {
        this.operation = operation;
        this.inputs = List.copyOf(inputs);
        this.masks = masks == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(masks));
        this.callSite = callSite;
        this.sequence = Graph.nextSequence();
    }

    /**
     * Whether the node was recorded at or after {@code mark} (a {@link Graph#mark()}): how a traced branch or loop
     * body tells its own nodes from the tensors it captured from the graph around it.
     */
    public boolean recordedSince(long mark) {
        return sequence >= mark;
    }

    /** The outputs need the node as their origin, so they are attached right after the node is made. */
    void attachOutputs(List<SymbolicTensor> outputs) {
        this.outputs = List.copyOf(outputs);
    }

    /** The operation applied. */
    public Operation operation() {
        return operation;
    }

    /** The inputs, in order (symbolic, or concrete constants captured by the graph). */
    public List<Tensor> inputs() {
        return inputs;
    }

    /**
     * The masks the operation took with its inputs (Keras's {@code mask=} keyword), one per input and null where an
     * input had none; empty when none was recorded (see {@link Operation#recordsMasks()}).
     */
    public List<Tensor> masks() {
        return masks;
    }

    /** What the node depends on: its inputs, then its recorded masks. */
    public List<Tensor> dependencies() {
        if (masks.isEmpty()) {
            return inputs;
        }
        List<Tensor> all = new java.util.ArrayList<>(inputs);
        for (Tensor m : masks) {
            if (m != null) {
                all.add(m);
            }
        }
        return all;
    }

    /** The outputs, in order. */
    public List<SymbolicTensor> outputs() {
        return outputs;
    }

    /** The first frame of user code on the stack when the node was recorded, if any. */
    public Optional<StackTraceElement> callSite() {
        return Optional.ofNullable(callSite);
    }

    @Override
    public String describe() {
        return "'" + operation.name() + "'";
    }

    @Override
    public String toString() {
        return "Node(" + operation.name() + ", inputs=" + inputs.size() + ", outputs=" + outputs.size() + ")";
    }
}
