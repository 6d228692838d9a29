/**
 * Symbolic graphs, like Keras's {@code Operation}, {@code Node} and the history of a {@code KerasTensor}: how a
 * Functional model is built, and how a subclassed model is traced from the very code that computes on data.
 *
 * <p>An {@link dev.strata.graph.Operation} maps tensors to tensors and can stand in a graph: an op such as
 * {@code add} (a {@link dev.strata.graph.PrimitiveOp}, which also keeps its arguments other than tensors, so that
 * saving can write it as Keras writes a {@code keras.ops} call) or a layer. {@link dev.strata.graph.Graph} is the
 * one place that decides "record a node" versus "compute": every op and layer asks {@code Graph.isSymbolic} of its
 * inputs and, if any is a {@link dev.strata.tensor.SymbolicTensor}, computes only the output shape (with the same
 * shape rule its eager path checks) and calls {@code Graph.record}. That makes a {@link dev.strata.graph.Node} (the
 * operation, its inputs, the line of user code that made the call) and one symbolic output per shape, each knowing
 * the node as its origin. {@code Graph.input} makes a placeholder that no node produced.
 *
 * <p>Following the outputs' origins back to the inputs gives the graph, which a {@link dev.strata.graph.Trace}
 * keeps with its topological and Keras orders (Keras's {@code Function}): Functional models, traced subclassed
 * models, summaries, plots and saved architectures are all made from traces. Running it again on data means calling
 * each node's operation on concrete tensors. A layer records exactly one node for itself, whatever ops its {@code call}
 * ran (those only gave the shape, unless the layer is a model keeping its trace).
 *
 * <pre>{@code
 * Tensor x = Graph.input(Shape.of(Shape.UNKNOWN, 5), "x");     // (None, 5): a shape, no data
 * Tensor y = Ops.relu(Ops.add(x, 1f));                         // records add, then relu
 * Node relu = Graph.producer((SymbolicTensor) y).orElseThrow();
 * relu.operation().name();                                     // "relu"
 * relu.inputs();                                               // [the output of add]
 * }</pre>
 *
 * <p>Users meet this package through {@code Input.of} and {@code Model.of}, and layer authors hardly at all:
 * {@code Layer.apply} records the layer's node (with the shapes of its {@code computeOutputShape} where
 * {@code call} cannot run on symbolic inputs).
 */
package dev.strata.graph;
