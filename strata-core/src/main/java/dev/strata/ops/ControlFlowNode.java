package dev.strata.ops;

import dev.strata.graph.Graph;
import dev.strata.graph.Subgraph;
import dev.strata.graph.SubgraphOp;
import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.List;
import java.util.Map;

/**
 * A control-flow op in a graph: its traced sub-graphs, its options, how it runs on concrete inputs and how it
 * records itself again on symbolic ones (a saved graph replayed, a Functional model traced anew). Its inputs are
 * the op's operands followed by the sub-graphs' captured tensors, each once ({@link Subgraph#distinctCaptures}).
 */
final class ControlFlowNode implements SubgraphOp {
    /** Runs the op on concrete inputs. */
    @FunctionalInterface
    interface Runner {
        List<Tensor> run(ControlFlowNode node, List<Tensor> inputs);
    }

    /** Records the op on inputs at least one of which is symbolic. */
    @FunctionalInterface
    interface Recorder {
        List<? extends Tensor> record(ControlFlowNode node, List<? extends Tensor> inputs);
    }

    private final OpSpec spec;
    private final String className;
    private final Map<String, Object> options;
    private final List<Subgraph> subgraphs;
    private final int[][] captureSlots;
    private final List<String> roles;
    private final Runner runner;
    private final Recorder recorder;

    ControlFlowNode(OpSpec spec, String className, Map<String, Object> options, List<Subgraph> subgraphs,
                    List<String> roles, Runner runner, Recorder recorder) {
        this.spec = spec;
        this.className = className;
        this.options = options;
        this.subgraphs = List.copyOf(subgraphs);
        this.captureSlots = Subgraph.captureSlots(this.subgraphs);
        this.roles = List.copyOf(roles);
        this.runner = runner;
        this.recorder = recorder;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String className() {
        return className;
    }

    @Override
    public Map<String, Object> config() {
        return options;
    }

    @Override
    public List<Subgraph> subgraphs() {
        return subgraphs;
    }

    @Override
    public List<String> subgraphRoles() {
        return roles;
    }

    @Override
    public Tensors apply(List<? extends Tensor> inputs) {
        if (Graph.isSymbolic(inputs)) {
            return Tensors.of(recorder.record(this, inputs));
        }
        return Tensors.of(runner.run(this, List.copyOf(inputs)));
    }

    /** The captured tensors' values for sub-graph {@code g}, from the inputs after the first {@code operands}. */
    List<Tensor> captures(List<? extends Tensor> inputs, int operands, int g) {
        int[] slots = captureSlots[g];
        Tensor[] out = new Tensor[slots.length];
        for (int j = 0; j < slots.length; j++) {
            out[j] = inputs.get(operands + slots[j]);
        }
        return List.of(out);
    }

    @Override
    public String toString() {
        return name() + options;
    }
}
