package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.ShapeException;
import dev.strata.autodiff.GradientTape;
import dev.strata.graph.Graph;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@code keras.ops.vectorize} against Keras 3 ({@code tools/golden/ops16_vectorize.py}). */
class VectorizeTest {
    private static final Tensor A = Tensor.of(Ops16VectorizeGolden.A, 2, 3, 4);
    private static final Tensor V = Tensor.of(Ops16VectorizeGolden.V, 4);
    private static final Tensor B = Tensor.of(Ops16VectorizeGolden.B, 3, 1);
    private static final Tensor C = Tensor.of(Ops16VectorizeGolden.C, 1, 5);

    private static final Function<List<Tensor>, Tensor> ELEMENTWISE = Ops.vectorize(in -> Ops.where(
            Ops.greater(in.get(0), in.get(1)), Ops.multiply(in.get(0), in.get(1)),
            Ops.sin(Ops.subtract(in.get(0), in.get(1)))), null);
    private static final Function<List<Tensor>, Tensor> MATVEC = Ops.vectorize(in -> Ops.matmul(in.get(0), in.get(1)),
            "(m,n),(n)->(m)");

    @Test
    void elementwiseWithBroadcastingAsKeras() {
        assertThat(Ops.vectorize(in -> Ops.add(in.get(0), in.get(1)), null)
                .apply(List.of(Tensor.of(new float[] {1, 2, 3, 4}, 4), Tensor.scalar(2f))).toFloatArray())
                .containsExactly(Ops16VectorizeGolden.DOC);
        Tensor y = ELEMENTWISE.apply(List.of(B, C));
        assertThat(y.shape()).isEqualTo(Shape.of(3, 5));
        assertThat(y.toFloatArray()).containsExactly(Ops16VectorizeGolden.ELEMENTWISE, within(1e-6f));
        Tensor b = Tensor.of(B.toFloatArray(), 3, 1);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(b);
            assertThat(tape.gradient(Ops.sum(ELEMENTWISE.apply(List.of(b, C))), b).toFloatArray())
                    .containsExactly(Ops16VectorizeGolden.ELEMENTWISE_GRAD_B, within(1e-5f));
        }
    }

    @Test
    void gufuncSignaturesAsKeras() {
        Tensor y = MATVEC.apply(List.of(A, V));
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(y.toFloatArray()).containsExactly(Ops16VectorizeGolden.MATVEC, within(1e-5f));
        Tensor a = Tensor.of(A.toFloatArray(), 2, 3, 4);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(a);
            assertThat(tape.gradient(Ops.sum(MATVEC.apply(List.of(a, V))), a).toFloatArray())
                    .containsExactly(Ops16VectorizeGolden.MATVEC_GRAD_A, within(1e-5f));
        }
        Function<List<Tensor>, Tensor> norm = Ops.vectorize(in -> Ops.sqrt(Ops.sum(Ops.square(in.get(0)))),
                "(n)->()");
        assertThat(norm.apply(List.of(A)).toFloatArray()).containsExactly(Ops16VectorizeGolden.NORM, within(1e-5f));
        GradientCheck.check(in -> MATVEC.apply(List.of(in.get(0), V)), GradientCheck.random(1, Shape.of(2, 3, 4), -1, 1));
        assertThat(Ops.vectorize(x -> Ops.square(x)).apply(V).toFloatArray())
                .containsExactly(Ops.square(V).toFloatArray());
    }

    @Test
    void tracedLoopsOverKnownDimensionsAndBadInputIsNamed() {
        Tensor s = Graph.input(Shape.of(2, 3, 4), "a");
        assertThat(MATVEC.apply(List.of(s, V)).shape()).isEqualTo(Shape.of(2, 3));
        assertThatThrownBy(() -> MATVEC.apply(List.of(Graph.input(Shape.of(Shape.UNKNOWN, 3, 4), "b"), V)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("loop dimensions (None,) must be known");
        assertThatThrownBy(() -> MATVEC.apply(List.of(A, Tensor.zeros(5))))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("core dimension 'n' is 4 in one argument and 5 in argument 1");
        assertThatThrownBy(() -> Ops.vectorize(in -> in.get(0), "(n),(n)").apply(List.of(V)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be of the form");
        assertThatThrownBy(() -> MATVEC.apply(List.of(A)))
                .hasMessageContaining("takes 2 argument(s), got 1");
    }
}
