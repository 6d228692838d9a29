package dev.strata.ops;

import static dev.strata.ops.Ops13Checks.assertExact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/** tril and triu against Keras 3 ({@link Ops13Golden}) for several k, their gradients, NaN, shapes and errors. */
class TriangularOpsTest {
    private static Tensor t() {
        return Tensor.of(Ops13Golden.T, 2, 3, 4);
    }

    @Test
    void matchKerasForEachK() {
        for (int k : new int[] {-1, 0, 1, 2}) {
            String tag = ("K" + k).replace("-", "M");
            assertExact("tril k=" + k, Ops.tril(t(), k), Ops13Checks.golden("TRIL_" + tag));
            assertExact("triu k=" + k, Ops.triu(t(), k), Ops13Checks.golden("TRIU_" + tag));
        }
        assertThat(Ops.tril(t()).toFloatArray()).containsExactly(Ops13Golden.TRIL_K0);
        assertThat(Ops.triu(t()).toFloatArray()).containsExactly(Ops13Golden.TRIU_K0);
    }

    @Test
    void gradientsMatchKerasAndFiniteDifferences() {
        Tensor w = Tensor.of(Ops13Golden.W, 2, 3, 4);
        assertExact("d tril", Ops13Checks.gradient(v -> Ops.tril(v, 1), t(), w), Ops13Golden.TRIL_K1_GRAD);
        assertExact("d triu", Ops13Checks.gradient(v -> Ops.triu(v, -1), t(), w), Ops13Golden.TRIU_KM1_GRAD);
        GradientCheck.check(in -> Ops.tril(in.get(0), -1), GradientCheck.random(1, Shape.of(4, 3), -1, 1));
        GradientCheck.check(in -> Ops.triu(in.get(0), 1), GradientCheck.random(2, Shape.of(2, 2, 3), -1, 1));
        GradientCheck.check(in -> OpsTesting.innerGradient(v -> Ops.triu(Ops.square(v)), in.get(0)),
                GradientCheck.random(3, Shape.of(3, 3), -1, 1));
    }

    @Test
    void aNaNOutsideTheTriangleBecomesZero() {
        Tensor m = Tensor.of(new float[] {1, Float.NaN, Float.NaN, 4}, 2, 2);
        assertThat(Ops.tril(m).toFloatArray()).containsExactly(1f, 0f, Float.NaN, 4f);
        assertThat(Ops.triu(m).toFloatArray()).containsExactly(1f, Float.NaN, 0f, 4f);
    }

    @Test
    void needTwoAxesAndKeepSymbolicShapes() {
        assertThatThrownBy(() -> Ops.tril(Tensor.zeros(3))).isInstanceOf(ShapeException.class)
                .hasMessage("tril: x must have at least 2 axes (the last two are the matrices), got shape (3,)");
        assertThatThrownBy(() -> Ops.triu(Tensor.scalar(1f))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("triu: x must have at least 2 axes");
        SymbolicTensor x = Graph.input(Shape.of(Shape.UNKNOWN, 3, 4), "x");
        Tensor y = Ops.triu(x, 1);
        assertThat(y.shape()).isEqualTo(x.shape());
        var op = Graph.producer((SymbolicTensor) y).orElseThrow().operation();
        assertThat(op.name()).isEqualTo("triu");
        assertThat(((dev.strata.graph.PrimitiveOp) op).config()).containsEntry("k", 1);
        assertThat(op.apply(List.of(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2))).get(0).toFloatArray())
                .containsExactly(0f, 2f, 0f, 0f);
    }
}
