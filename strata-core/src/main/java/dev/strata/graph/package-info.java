/**
 * Symbolic graphs: the one place that decides "record a node" versus "compute" ({@link dev.strata.graph.Graph}),
 * the {@link dev.strata.graph.Node}s recorded when ops and layers ({@link dev.strata.graph.Operation}s) are applied
 * to symbolic tensors, and {@link dev.strata.graph.Trace}, a recorded graph from inputs to outputs with its
 * orders (Keras's {@code Function}). Functional models, traced subclassed models, summaries, plots and saved
 * architectures are all made from traces.
 */
package dev.strata.graph;
