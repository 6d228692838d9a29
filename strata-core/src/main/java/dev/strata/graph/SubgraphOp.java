package dev.strata.graph;

import java.util.List;

/**
 * An op that runs graphs of its own: the control-flow ops ({@code cond}, {@code switch}, {@code while_loop},
 * {@code scan}), whose branches and loop bodies are traced once into {@link Subgraph}s. The layers a sub-graph
 * calls belong to the model around it ({@link Trace#operationsInKerasOrder()} lists them), so their weights train
 * and save with it.
 */
public interface SubgraphOp extends PrimitiveOp {
    /** The op's class in saved files: Keras's name for it ({@code Cond}, {@code WhileLoop}, ...). */
    String className();

    /** The sub-graphs, in the op's order (a cond's true then false branch; a loop's condition then body). */
    List<Subgraph> subgraphs();

    /** What each sub-graph is, in {@link #subgraphs()}'s order (e.g. {@code ["cond", "body"]}), for messages and files. */
    List<String> subgraphRoles();
}
