package dev.strata.ops;

import dev.strata.graph.Graph;
import dev.strata.graph.Subgraph;
import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code keras.ops.cond}: one of two branches, chosen by a scalar predicate. Given a concrete predicate it simply
 * runs the chosen branch (whose ops the tape records, so gradients flow through it). Given a symbolic one it traces
 * both branches once into sub-graphs, checks they return the same shapes, and records one node that runs only the
 * chosen branch when the graph runs.
 */
final class Cond {
    /** The node's identity; saved with its branches as a Strata control-flow entry (see DESIGN.md). */
    static final OpSpec SPEC = OpSpec.op("cond").noKerasForm("saved with its traced branches as a Strata "
            + "control-flow entry; Keras's cond takes Python functions, which its files cannot hold");

    private Cond() {
    }

    static List<Tensor> apply(Tensor pred, Supplier<? extends List<? extends Tensor>> trueFn,
                              Supplier<? extends List<? extends Tensor>> falseFn) {
        if (!pred.isSymbolic()) {
            boolean take = ControlFlow.scalar("cond", "pred", pred) != 0f;
            return ControlFlow.returned("cond", take ? "true_fn" : "false_fn", (take ? trueFn : falseFn).get());
        }
        ControlFlow.checkScalarShape("cond", "pred", pred.shape());
        Subgraph t = Subgraph.trace("cond_true", List.of(),
                p -> ControlFlow.returned("cond", "true_fn", trueFn.get()));
        Subgraph f = Subgraph.trace("cond_false", List.of(),
                p -> ControlFlow.returned("cond", "false_fn", falseFn.get()));
        ControlFlow.agree("cond", "true_fn", t.outputShapes(), "false_fn", f.outputShapes());
        ControlFlowNode node = node(List.of(t, f));
        return List.copyOf(node.apply(ControlFlow.nodeInputs(List.of(pred), List.of(t, f))));
    }

    /** The node over traced (or loaded) branches {@code [true, false]}. */
    static ControlFlowNode node(List<Subgraph> branches) {
        return new ControlFlowNode(SPEC, "Cond", Map.of(), branches, List.of("true_fn", "false_fn"),
                (node, in) -> {
                    int chosen = ControlFlow.scalar("cond", "pred", in.getFirst()) != 0f ? 0 : 1;
                    return node.subgraphs().get(chosen).run(List.of(), node.captures(in, 1, chosen));
                },
                (node, in) -> Graph.record(node, in, ControlFlow.agree("cond", "true_fn",
                        node.subgraphs().get(0).outputShapes(), "false_fn", node.subgraphs().get(1).outputShapes())));
    }
}
