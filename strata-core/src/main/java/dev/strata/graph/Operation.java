package dev.strata.graph;

import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.List;

/**
 * Something that maps tensors to tensors and can appear as a node of a graph: an op such as {@code add}, or
 * a layer. Calling it on symbolic tensors records a {@link Node}; a recorded graph is run again by calling
 * each node's operation on concrete tensors.
 */
public interface Operation {
    /** The name shown in summaries and errors, e.g. {@code "add"} or {@code "dense_1"}. */
    String name();

    /** Applies the operation to the inputs (concrete or symbolic). */
    Tensors apply(List<? extends Tensor> inputs);

    /**
     * Whether a node of this operation keeps the masks its inputs carry ({@link Tensor#mask()}) as inputs of the
     * graph, as Keras's graph records the {@code mask=} keyword of a layer whose {@code call} takes one: running the
     * graph again then gives the operation its inputs with those masks. False for ops.
     */
    default boolean recordsMasks() {
        return false;
    }
}
