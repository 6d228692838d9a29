package dev.strata.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.TracingException;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ops on symbolic tensors check shapes and record nodes instead of computing. */
class GraphTest {

    @Test
    void opsOnSymbolicTensorsRecordNodesWithShapes() {
        SymbolicTensor x = Graph.input(Shape.of(Shape.UNKNOWN, 8), "x");
        Tensor w = Tensor.ones(8, 3);
        Tensor y = Ops.relu(Ops.add(Ops.matmul(x, w), Tensor.ones(3)));
        assertThat(y).isInstanceOf(SymbolicTensor.class);
        assertThat(y.shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 3));
        Node relu = Graph.producer((SymbolicTensor) y).orElseThrow();
        assertThat(relu.operation().name()).isEqualTo("relu");
        Node add = Graph.producer((SymbolicTensor) relu.inputs().getFirst()).orElseThrow();
        assertThat(add.operation().name()).isEqualTo("add");
        Node matmul = Graph.producer((SymbolicTensor) add.inputs().getFirst()).orElseThrow();
        assertThat(matmul.inputs()).containsExactly(x, w);
        assertThat(Graph.producer(x)).isEmpty();
        assertThat(matmul.callSite()).isPresent();
        assertThat(matmul.callSite().orElseThrow().getClassName()).isEqualTo(GraphTest.class.getName());
    }

    @Test
    void recordedNodesReplayOnConcreteTensors() {
        SymbolicTensor x = Graph.input(Shape.of(Shape.UNKNOWN, 2), "x");
        Tensor y = Ops.multiply(x, Tensor.of(new float[] {2, 3}));
        Node node = Graph.producer((SymbolicTensor) y).orElseThrow();
        Tensor real = Tensor.of(new float[] {1, 1, 2, 2}, 2, 2);
        List<Tensor> args = List.of(real, node.inputs().get(1));
        assertThat(node.operation().apply(args).single().toFloatArray()).containsExactly(2f, 3f, 4f, 6f);
    }

    @Test
    void shapeErrorsSurfaceBeforeAnyData() {
        SymbolicTensor a = Graph.input(Shape.of(Shape.UNKNOWN, 5), "a");
        SymbolicTensor b = Graph.input(Shape.of(Shape.UNKNOWN, 6), "b");
        assertThatThrownBy(() -> Ops.add(a, b)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("add: shapes (None, 5) and (None, 6) cannot be broadcast together");
        assertThatThrownBy(() -> Ops.matmul(a, Tensor.ones(6, 2))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("matmul: shapes (None, 5) and (6, 2) are incompatible");
    }

    @Test
    void unknownDimensionsPropagate() {
        SymbolicTensor x = Graph.input(Shape.of(Shape.UNKNOWN, 4, 6), "x");
        assertThat(Ops.reshape(x, -1, 24).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 24));
        assertThat(Ops.sum(x, 0).shape()).isEqualTo(Shape.of(4, 6));
        assertThat(Ops.mean(x, -1).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 4));
        assertThat(Ops.transpose(x, 0, 2, 1).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 6, 4));
        assertThat(Ops.add(x, Graph.input(Shape.of(1, 1), "one")).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 4, 6));
    }

    @Test
    void readingValuesOfASymbolicTensorSaysWhereAndWhy() {
        SymbolicTensor x = Graph.input(Shape.of(Shape.UNKNOWN, 3), "features");
        Tensor y = Ops.sum(x);
        assertThatThrownBy(() -> y.item()).isInstanceOf(TracingException.class)
                .hasMessageContaining("cannot read item() of a symbolic tensor (shape (), from 'sum')")
                .hasMessageContaining("at " + GraphTest.class.getName() + ".")
                .hasMessageContaining("code whose control flow depends on tensor values cannot be traced");
    }
}
