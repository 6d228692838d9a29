package dev.strata.ops;

import dev.strata.graph.Graph;
import dev.strata.graph.Subgraph;
import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code keras.ops.switch}: the branch at a scalar integer index, applied to the operands; an index out of range
 * is clamped into it, as Keras's (and JAX's) switch does. A concrete index runs the branch; a symbolic one traces
 * every branch on the operands' shapes and records one node.
 */
final class Switch {
    /** The node's identity; saved with its branches as a Strata control-flow entry (see DESIGN.md). */
    static final OpSpec SPEC = OpSpec.op("switch").noKerasForm("saved with its traced branches as a Strata "
            + "control-flow entry; Keras's switch takes Python functions, which its files cannot hold");

    private Switch() {
    }

    static List<Tensor> apply(Tensor index, List<? extends Function<List<Tensor>, ? extends List<? extends Tensor>>>
            branches, List<Tensor> operands) {
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("switch: 'branches' must not be empty");
        }
        List<Tensor> all = new ArrayList<>(operands);
        all.add(index);
        if (!Graph.isSymbolic(all)) {
            int i = clamp(ControlFlow.scalar("switch", "index", index), branches.size());
            return ControlFlow.returned("switch", "branch " + i, branches.get(i).apply(List.copyOf(operands)));
        }
        ControlFlow.checkScalarShape("switch", "index", index.shape());
        List<Subgraph> traced = new ArrayList<>();
        for (int b = 0; b < branches.size(); b++) {
            int branch = b;
            traced.add(Subgraph.trace("switch_branch" + b, ControlFlow.shapes(operands),
                    p -> ControlFlow.returned("switch", "branch " + branch, branches.get(branch).apply(p))));
        }
        outputShapes(traced);
        List<Tensor> in = new ArrayList<>();
        in.add(index);
        in.addAll(operands);
        return List.copyOf(node(traced, operands.size()).apply(ControlFlow.nodeInputs(in, traced)));
    }

    /** {@code index} rounded toward zero and clamped to {@code [0, n - 1]}. */
    private static int clamp(float index, int n) {
        if (Float.isNaN(index)) {
            return 0;
        }
        return (int) Math.max(0, Math.min(n - 1, (long) index));
    }

    private static List<Shape> outputShapes(List<Subgraph> branches) {
        List<Shape> shapes = branches.getFirst().outputShapes();
        for (int b = 1; b < branches.size(); b++) {
            shapes = ControlFlow.agree("switch", "branch 0", shapes, "branch " + b, branches.get(b).outputShapes());
        }
        return shapes;
    }

    /** The node over traced (or loaded) branches, each taking {@code operands} parameters. */
    static ControlFlowNode node(List<Subgraph> branches, int operands) {
        return new ControlFlowNode(SPEC, "Switch", Map.of(), branches,
                java.util.Collections.nCopies(branches.size(), "branch"),
                (node, in) -> {
                    int chosen = clamp(ControlFlow.scalar("switch", "index", in.getFirst()), branches.size());
                    return node.subgraphs().get(chosen).run(in.subList(1, 1 + operands),
                            node.captures(in, 1 + operands, chosen));
                },
                (node, in) -> Graph.record(node, in, outputShapes(node.subgraphs())));
    }
}
