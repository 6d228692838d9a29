package dev.strata.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A trace of ops alone (no layers): its nodes in execution order, Keras's order and the output names. */
class TraceTest {

    /** A stand-in for a layer: an operation that is not a primitive op. */
    private record Named(String name) implements Operation {
        @Override
        public Tensors apply(List<? extends Tensor> inputs) {
            return Tensors.of(inputs);
        }
    }

    @Test
    void nodesComeAfterTheNodesTheyDependOn() {
        SymbolicTensor a = Graph.input(Shape.of(Shape.UNKNOWN, 3), "a");
        SymbolicTensor b = Graph.input(Shape.of(Shape.UNKNOWN, 3), "b");
        Tensor sum = Ops.add(a, b);
        Tensor out = Ops.multiply(Ops.relu(sum), sum);
        Trace trace = new Trace(List.of(a, b), List.of(out));
        List<String> order = trace.nodes().stream().map(n -> n.operation().name()).toList();
        assertThat(order).containsExactly("add", "relu", "multiply");
        assertThat(trace.operationsInKerasOrder().stream().map(Operation::name).toList())
                .containsExactly("add", "relu", "multiply");
        assertThat(trace.inputs()).containsExactly(a, b);
        assertThat(trace.outputs()).containsExactly(out);
    }

    @Test
    void outputsAreNamedAfterTheLayerThatMadeThemElseByPosition() {
        SymbolicTensor x = Graph.input(Shape.of(Shape.UNKNOWN, 2), "x");
        Tensor fromOp = Ops.relu(x);
        Tensor fromLayer = Graph.record(new Named("head"), List.of(x), Shape.of(Shape.UNKNOWN, 2));
        Tensor again = Graph.record(new Named("head"), List.of(x), Shape.of(Shape.UNKNOWN, 2));
        Trace trace = new Trace(List.of(x), List.of(fromOp, fromLayer, again));
        assertThat(trace.outputNames()).containsExactly("output_0", "head", "head_2");
    }
}
