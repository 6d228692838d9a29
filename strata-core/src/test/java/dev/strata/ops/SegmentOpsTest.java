package dev.strata.ops;

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
 * Issue 16's keras.ops.math reductions and sequences against Keras 3 ({@link Ops16MathGolden}): segment_sum/max/min/
 * prod (dropped ids, ties, NaN, sorted), in_top_k (ties, NaN, negative and out-of-range targets), cdist (batch
 * broadcast) and extract_sequences; gradients against jax.grad and finite differences; symbolic shapes; errors.
 */
class SegmentOpsTest {
    static final int U = Shape.UNKNOWN;

    static float[] golden(String name) {
        try {
            return (float[]) Ops16MathGolden.class.getDeclaredField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no golden array " + name, e);
        }
    }

    private static Tensor seg() {
        return Tensor.of(Ops16MathGolden.SEG, 6, 2);
    }

    private static Tensor ids() {
        return Tensor.of(Ops16MathGolden.SEG_IDS, 6);
    }

    private static Tensor segment(String kind, Tensor data, Tensor ids, int n, boolean sorted) {
        return switch (kind) {
            case "SUM" -> Ops.segmentSum(data, ids, n, sorted);
            case "MAX" -> Ops.segmentMax(data, ids, n, sorted);
            case "MIN" -> Ops.segmentMin(data, ids, n, sorted);
            default -> Ops.segmentProd(data, ids, n, sorted);
        };
    }

    @Test
    void segmentReductionsMatchKerasWithDroppedIdsTiesAndNaN() {
        Tensor sortedIds = Tensor.of(Ops16MathGolden.SEG_SORTED_IDS, 6);
        Tensor nan = Tensor.of(Ops16MathGolden.SEG_NAN, 6, 2);
        for (String k : new String[] {"SUM", "MAX", "MIN", "PROD"}) {
            assertGolden("segment " + k, segment(k, seg(), ids(), 3, false), Shape.of(3, 2),
                    golden("SEGMENT_" + k), 1e-6, 0);
            assertGolden("segment " + k + " sorted", segment(k, seg(), sortedIds, 3, true), Shape.of(3, 2),
                    golden("SEGMENT_" + k + "_SORTED"), 1e-6, 0);
            assertGolden("segment " + k + " NaN", segment(k, nan, ids(), 3, false), Shape.of(3, 2),
                    golden("SEGMENT_" + k + "_NAN"), 1e-6, 0);
        }
        Tensor seg3 = Tensor.of(Ops16MathGolden.SEG3, 4, 2, 3);
        Tensor ids3 = Tensor.of(Ops16MathGolden.SEG3_IDS, 4);
        assertGolden("segment sum rank 3", Ops.segmentSum(seg3, ids3, 2), Shape.of(2, 2, 3),
                Ops16MathGolden.SEGMENT_SUM3, 1e-6, 1e-7);
        assertGolden("segment max rank 3", Ops.segmentMax(seg3, ids3, 2), Shape.of(2, 2, 3),
                Ops16MathGolden.SEGMENT_MAX3, 0, 0);
        assertThat(Ops.segmentSum(seg(), ids(), 0).shape()).isEqualTo(Shape.of(0, 2));
        // no rows: every segment empty, the identity
        assertThat(Ops.segmentMax(Tensor.zeros(0, 2), Tensor.zeros(0), 2).toFloatArray())
                .containsOnly(Float.NEGATIVE_INFINITY).hasSize(4);
        assertThat(Ops.segmentProd(Tensor.zeros(0, 2), Tensor.zeros(0), 1).toFloatArray()).containsExactly(1f, 1f);
    }

    @Test
    void segmentGradientsAreJaxsAndMatchFiniteDifferences() {
        Tensor w = Tensor.of(Ops16MathGolden.SEG_W, 3, 2);
        assertGolden("d segment sum", Ops13Checks.gradient(v -> Ops.segmentSum(v, ids(), 3), seg(), w),
                Shape.of(6, 2), Ops16MathGolden.SEGMENT_SUM_GRAD, 1e-6, 0);
        assertGolden("d segment max (ties split)", Ops13Checks.gradient(v -> Ops.segmentMax(v, ids(), 3), seg(), w),
                Shape.of(6, 2), Ops16MathGolden.SEGMENT_MAX_GRAD, 1e-6, 0);
        assertGolden("d segment min", Ops13Checks.gradient(v -> Ops.segmentMin(v, ids(), 3), seg(), w),
                Shape.of(6, 2), Ops16MathGolden.SEGMENT_MIN_GRAD, 1e-6, 0);
        Tensor x = OpsTesting.distinct(16, Shape.of(5, 3));
        Tensor i = Tensor.of(new float[] {1, 0, 1, 3, 2}, 5); // id 3 of 3 segments is dropped
        GradientCheck.check(in -> Ops.segmentSum(in.get(0), i, 3), x);
        GradientCheck.check(in -> Ops.segmentMax(in.get(0), i, 3), x);
        GradientCheck.check(in -> Ops.segmentMin(in.get(0), i, 3), x);
        GradientCheck.check(in -> OpsTesting.innerGradient(v -> Ops.square(Ops.segmentSum(v, i, 2)), in.get(0)), x);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Tensor y = Ops.sum(Ops.segmentProd(x, i, 3));
            assertThatThrownBy(() -> tape.gradient(y, x)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("segmentProd: no gradient");
        }
    }

    @Test
    void segmentOpsRecordSymbolicallyAndCheckTheirInputs() {
        SymbolicTensor data = Graph.input(Shape.of(U, 4), "x");
        SymbolicTensor ids = Graph.input(Shape.of(U), "ids");
        Tensor y = Ops.segmentMax(data, ids, 5, true);
        assertThat(y.shape()).isEqualTo(Shape.of(5, 4));
        var op = (PrimitiveOp) Graph.producer((SymbolicTensor) y).orElseThrow().operation();
        assertThat(op.name()).isEqualTo("segment_max");
        assertThat(op.config()).containsEntry("num_segments", 5).containsEntry("sorted", true);
        assertThat(op.apply(List.of(seg(), ids())).get(0).toFloatArray())
                .containsExactly(Ops.segmentMax(seg(), ids(), 5).toFloatArray());
        assertThatThrownBy(() -> Ops.segmentSum(seg(), Tensor.zeros(6, 1), 3)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("segmentSum: segment_ids must be a vector (rank 1), got shape (6, 1)");
        assertThatThrownBy(() -> Ops.segmentSum(seg(), Tensor.zeros(5), 3)).isInstanceOf(ShapeException.class)
                .hasMessage("segmentSum: segment_ids and data must have the same leading dimension, got shapes (5,) "
                        + "and (6, 2)");
        assertThatThrownBy(() -> Ops.segmentMin(seg(), Tensor.of(new float[] {0, 0.5f, 1, 1, 1, 1}), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("segmentMin: segment_ids must be whole numbers, got 0.5 at index 1");
        assertThatThrownBy(() -> Segment.apply(Segment.Kind.SUM, seg(), ids(), null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("num_segments must be set");
        assertThatThrownBy(() -> Ops.segmentProd(seg(), ids(), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("num_segments must be non-negative");
        assertThatThrownBy(() -> Ops.segmentSum(Tensor.scalar(1f), ids(), 2)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("data must have rank >= 1");
    }

    @Test
    void inTopKMatchesKerasWithTiesNaNAndOutOfRangeTargets() {
        Tensor pred = Tensor.of(Ops16MathGolden.PRED, 6, 5);
        Tensor targets = Tensor.of(Ops16MathGolden.TARGETS, 6);
        Tensor out = Tensor.of(Ops16MathGolden.TARGETS_OUT, 6);
        for (int k : new int[] {0, 1, 2, 3, 5}) {
            assertGolden("in_top_k k=" + k, Ops.inTopK(targets, pred, k), Shape.of(6), golden("IN_TOP_K" + k), 0, 0);
            assertGolden("in_top_k out of range k=" + k, Ops.inTopK(out, pred, k), Shape.of(6),
                    golden("IN_TOP_K" + k + "_OUT"), 0, 0);
        }
        SymbolicTensor p = Graph.input(Shape.of(U, 5), "p");
        Tensor y = Ops.inTopK(Graph.input(Shape.of(U), "t"), p, 2);
        assertThat(y.shape()).isEqualTo(Shape.of(U));
        assertThat(((PrimitiveOp) Graph.producer((SymbolicTensor) y).orElseThrow().operation()).config())
                .containsEntry("k", 2);
        assertThatThrownBy(() -> Ops.inTopK(Tensor.zeros(6, 1), pred, 1)).isInstanceOf(ShapeException.class)
                .hasMessage("inTopK: predictions must have the shape of targets plus a class axis, got targets (6, 1) "
                        + "and predictions (6, 5)");
        assertThatThrownBy(() -> Ops.inTopK(Tensor.of(new float[] {0, 1.5f, 0, 0, 0, 0}), pred, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inTopK: targets must be whole numbers (class indices), got 1.5 at index 1");
        Tensor x = Tensor.of(new float[] {0.1f, 0.9f}, 1, 2);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            assertThat(tape.gradient(Ops.sum(Ops.inTopK(Tensor.of(new float[] {1}), x, 1)), x)).isNull();
        }
    }

    @Test
    void cdistMatchesKerasWithBatchBroadcasting() {
        Tensor cx = Tensor.of(Ops16MathGolden.CX, 2, 3, 4);
        Tensor cy = Tensor.of(Ops16MathGolden.CY, 5, 4);
        assertGolden("cdist", Ops.cdist(cx, cy), Shape.of(2, 3, 5), Ops16MathGolden.CDIST, 1e-5, 1e-6);
        assertGolden("cdist (1, 2, 2) with (3, 4, 2)", Ops.cdist(Tensor.of(Ops16MathGolden.CX2, 1, 2, 2),
                Tensor.of(Ops16MathGolden.CY2, 3, 4, 2)), Shape.of(3, 2, 4), Ops16MathGolden.CDIST2, 1e-5, 1e-6);
        Tensor w = Tensor.of(Ops16MathGolden.CW, 2, 3, 5);
        List<Tensor> g = GradientCheck.analytic(in -> Ops.cdist(in.get(0), in.get(1)), List.of(cx, cy), w);
        assertGolden("d cdist / dx", g.get(0), Shape.of(2, 3, 4), Ops16MathGolden.CDIST_GRAD_X, 1e-4, 1e-5);
        assertGolden("d cdist / dy", g.get(1), Shape.of(5, 4), Ops16MathGolden.CDIST_GRAD_Y, 1e-4, 1e-5);
        GradientCheck.check(in -> Ops.cdist(in.get(0), in.get(1)), cx, cy);
        Tensor sym = Ops.cdist(Graph.input(Shape.of(U, 1, 3, 2), "x"), Graph.input(Shape.of(4, 5, 2), "y"));
        assertThat(sym.shape()).isEqualTo(Shape.of(U, 4, 3, 5));
        assertThatThrownBy(() -> Ops.cdist(Tensor.zeros(3, 2), Tensor.zeros(4, 3))).isInstanceOf(ShapeException.class)
                .hasMessage("cdist: the last dimensions of x and y must match, got shapes (3, 2) and (4, 3)");
        assertThatThrownBy(() -> Ops.cdist(Tensor.zeros(3), Tensor.zeros(4, 3))).isInstanceOf(ShapeException.class)
                .hasMessage("cdist: x and y must have rank >= 2, got shapes (3,) and (4, 3)");
        assertThatThrownBy(() -> Ops.cdist(Tensor.zeros(2, 3, 2), Tensor.zeros(3, 4, 2)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("cdist (batch axes)");
    }

    @Test
    void extractSequencesMatchesKerasWithOverlapAddGradients() {
        Tensor es = Tensor.of(Ops16MathGolden.ES, 2, 10);
        int[][] cases = {{3, 2}, {4, 3}, {10, 1}, {1, 5}, {2, 2}};
        for (int[] c : cases) {
            String name = "ES_" + c[0] + "_" + c[1];
            Tensor y = Ops.extractSequences(es, c[0], c[1]);
            int frames = 1 + (10 - c[0]) / c[1];
            assertGolden(name, y, Shape.of(2, frames, c[0]), golden(name), 0, 0);
            float[] ramp = new float[y.size()];
            for (int i = 0; i < ramp.length; i++) {
                ramp[i] = (i + 1) / 10f;
            }
            assertGolden("d " + name, Ops13Checks.gradient(v -> Ops.extractSequences(v, c[0], c[1]), es,
                    Tensor.of(ramp, y.shape())), Shape.of(2, 10), golden(name + "_GRAD"), 1e-6, 1e-6);
        }
        GradientCheck.check(in -> Ops.extractSequences(in.get(0), 3, 2), OpsTesting.random(3, 2, 3, 7));
        assertThat(Ops.extractSequences(Tensor.zeros(2, 3), 5, 1).shape()).isEqualTo(Shape.of(2, 0, 5));
        assertThat(Ops.extractSequences(Graph.input(Shape.of(U, 9), "x"), 4, 2).shape())
                .isEqualTo(Shape.of(U, 3, 4));
        assertThat(Ops.extractSequences(Graph.input(Shape.of(2, U), "x"), 4, 2).shape())
                .isEqualTo(Shape.of(2, U, 4));
        assertThatThrownBy(() -> Ops.extractSequences(es, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("extractSequences: sequence_length and sequence_stride must be positive, got 0 and 1 (x "
                        + "shape (2, 10))");
        assertThatThrownBy(() -> Ops.extractSequences(Tensor.scalar(1f), 1, 1)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("rank >= 1");
    }
}
