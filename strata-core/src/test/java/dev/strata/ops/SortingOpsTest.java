package dev.strata.ops;

import static dev.strata.ops.Ops13Checks.assertExact;
import static dev.strata.ops.Ops13Checks.assertGolden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.autodiff.GradientTape;
import dev.strata.graph.Graph;
import dev.strata.graph.PrimitiveOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sort, argsort and top_k bit for bit against Keras 3 ({@link Ops13Golden}): ties, signed zeros, infinities and NaN;
 * gradients routed to the selected positions; symbolic shapes (top_k's two outputs) and errors.
 */
class SortingOpsTest {
    private static Tensor s() {
        return Tensor.of(Ops13Golden.S, 3, 5);
    }

    private static Tensor sd() {
        return Tensor.of(Ops13Golden.SD, 3, 5);
    }

    @Test
    void sortAndArgsortMatchKerasWithTiesZerosAndNaN() {
        assertExact("sort", Ops.sort(s()), Ops13Golden.SORT_AXISM1);
        assertExact("sort axis 0", Ops.sort(s(), 0), Ops13Golden.SORT_AXIS0);
        assertExact("sort axis -1", Ops.sort(s(), -1), Ops13Golden.SORT_AXISM1);
        assertExact("argsort", Ops.argsort(s()), Ops13Golden.ARGSORT_AXISM1);
        assertExact("argsort axis 0", Ops.argsort(s(), 0), Ops13Golden.ARGSORT_AXIS0);
        // axis None (Keras's flattened form) is there for loaded graphs, through the op classes
        Tensor flat = Sort.apply(s(), null);
        assertThat(flat.shape()).isEqualTo(Shape.of(15));
        assertExact("sort flat", flat, Ops13Golden.SORT_FLAT);
        assertExact("argsort flat", Argsort.apply(s(), null), Ops13Golden.ARGSORT_FLAT);
        assertExact("sort of the flattened", Ops.sort(Ops.reshape(s(), -1)), Ops13Golden.SORT_FLAT);
    }

    @Test
    void sortGradientsGoBackToTheOriginalPositions() {
        Tensor w = Tensor.of(Ops13Golden.WS, 3, 5);
        assertExact("d sort axis 0", Ops13Checks.gradient(v -> Ops.sort(v, 0), sd(), w),
                Ops13Golden.SORT_SD_AXIS0_GRAD);
        assertExact("d sort", Ops13Checks.gradient(Ops::sort, sd(), w), Ops13Golden.SORT_SD_AXISM1_GRAD);
        Tensor x = OpsTesting.distinct(5, Shape.of(2, 3, 4));
        GradientCheck.check(in -> Ops.sort(in.get(0), 1), x);
        GradientCheck.check(in -> Ops.sort(in.get(0)), x);
        GradientCheck.check(in -> Sort.apply(in.get(0), null), x);
        GradientCheck.check(in -> OpsTesting.innerGradient(v -> Ops.square(Ops.sort(v)), in.get(0)),
                OpsTesting.distinct(6, Shape.of(2, 5)));
    }

    @Test
    void topKMatchesKerasForEachK() {
        Tensor k = Tensor.of(Ops13Golden.K, 3, 5);
        Tensor ws = Tensor.of(Ops13Golden.WS, 3, 5);
        for (int n : new int[] {1, 3, 5}) {
            List<Tensor> top = Ops.topK(k, n);
            assertThat(top).hasSize(2);
            assertThat(top.get(0).shape()).isEqualTo(Shape.of(3, n));
            assertExact("top_k values k=" + n, top.get(0), Ops13Checks.golden("TOP_K" + n + "_VALUES"));
            assertExact("top_k indices k=" + n, top.get(1), Ops13Checks.golden("TOP_K" + n + "_INDICES"));
            Tensor w = Ops.slice(ws, new int[] {0, 0}, new int[] {3, n});
            assertGolden("d top_k k=" + n, Ops13Checks.gradient(v -> Ops.topK(v, n).get(0), sd(), w), Shape.of(3, 5),
                    Ops13Checks.golden("TOP_K" + n + "_SD_GRAD"), 0, 0);
        }
        assertThat(Ops.topK(k, 2, false).get(1).toFloatArray()).containsExactly(Ops.topK(k, 2).get(1)
                .toFloatArray());
    }

    @Test
    void topKGradientMatchesFiniteDifferencesAndIndicesHaveNone() {
        GradientCheck.check(in -> Ops.topK(in.get(0), 2).get(0), OpsTesting.distinct(7, Shape.of(2, 3, 4)));
        GradientCheck.check(in -> Ops.topK(in.get(0), 4).get(0), OpsTesting.distinct(8, Shape.of(4)));
        Tensor x = OpsTesting.distinct(9, Shape.of(3, 4));
        try (GradientTape tape = GradientTape.record(true)) {
            tape.watch(x);
            assertThat(tape.gradient(Ops.sum(Ops.topK(x, 2).get(1)), x)).isNull();
            assertThat(tape.gradient(Ops.sum(Ops.argsort(x)), x)).isNull();
        }
    }

    @Test
    void topKOfZeroAndOfAWholeRow() {
        assertThat(Ops.topK(Tensor.ones(2, 3), 0).get(0).shape()).isEqualTo(Shape.of(2, 0));
        Tensor row = Tensor.of(new float[] {3, 1, 2}, 3);
        assertThat(Ops.topK(row, 3).get(0).toFloatArray()).containsExactly(3f, 2f, 1f);
        assertThat(Ops.topK(row, 3).get(1).toFloatArray()).containsExactly(0f, 2f, 1f);
    }

    @Test
    void symbolicInputsRecordTheOps() {
        SymbolicTensor x = Graph.input(Shape.of(Shape.UNKNOWN, 3, 5), "x");
        assertThat(Ops.sort(x, 1).shape()).isEqualTo(x.shape());
        assertThat(Ops.argsort(x).shape()).isEqualTo(x.shape());
        assertThat(Sort.apply(x, null).shape()).isEqualTo(Shape.of(Shape.UNKNOWN));
        assertThat(Argsort.apply(Graph.input(Shape.of(3, 5), "y"), null).shape()).isEqualTo(Shape.of(15));
        List<Tensor> top = Ops.topK(x, 2);
        assertThat(top).hasSize(2);
        assertThat(top.get(0).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 3, 2));
        assertThat(top.get(1).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 3, 2));
        var op = Graph.producer((SymbolicTensor) top.get(0)).orElseThrow().operation();
        assertThat(op.name()).isEqualTo("top_k");
        assertThat(((PrimitiveOp) op).config()).containsEntry("k", 2).containsEntry("sorted", true);
        var out = op.apply(List.of(Tensor.of(new float[] {1, 5, 3}, 1, 3)));
        assertThat(out.get(0).toFloatArray()).containsExactly(5f, 3f);
        assertThat(out.get(1).toFloatArray()).containsExactly(1f, 2f);
        var sortOp = Graph.producer((SymbolicTensor) Ops.sort(x, -2)).orElseThrow().operation();
        assertThat(((PrimitiveOp) sortOp).config()).containsEntry("axis", -2);
    }

    @Test
    void badInputNamesTheOpAndTheShape() {
        assertThatThrownBy(() -> Ops.topK(Tensor.zeros(2, 3), 4)).isInstanceOf(ShapeException.class)
                .hasMessage("topK: k = 4 is larger than the last axis of x, of shape (2, 3)");
        assertThatThrownBy(() -> Ops.topK(Graph.input(Shape.of(Shape.UNKNOWN, 3), "x"), 5))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(None, 3)");
        assertThatThrownBy(() -> Ops.topK(Tensor.zeros(3), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topK: k must be non-negative, got -1 (shape (3,))");
        assertThatThrownBy(() -> Ops.topK(Tensor.scalar(1f), 1)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("topK: x must have at least one axis");
        assertThatThrownBy(() -> Ops.sort(Tensor.zeros(2, 3), 2)).isInstanceOf(ShapeException.class)
                .hasMessage("sort: axis 2 is out of bounds for a tensor of shape (2, 3) (rank 2)");
        assertThatThrownBy(() -> Ops.argsort(Tensor.scalar(1f))).isInstanceOf(ShapeException.class)
                .hasMessage("argsort: axis -1 is out of bounds for a tensor of shape () (rank 0)");
    }
}
