package dev.strata.ops;

import static dev.strata.ops.Ops16NnRestGolden.FOLD_GRAD;
import static dev.strata.ops.Ops16NnRestGolden.FOLD_PARAMS;
import static dev.strata.ops.Ops16NnRestGolden.FOLD_W;
import static dev.strata.ops.Ops16NnRestGolden.FOLD_X;
import static dev.strata.ops.Ops16NnRestGolden.FOLD_Y;
import static dev.strata.ops.Ops16NnRestGolden.UNFOLD_GRAD;
import static dev.strata.ops.Ops16NnRestGolden.UNFOLD_PARAMS;
import static dev.strata.ops.Ops16NnRestGolden.UNFOLD_W;
import static dev.strata.ops.Ops16NnRestGolden.UNFOLD_X;
import static dev.strata.ops.Ops16NnRestGolden.UNFOLD_Y;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code keras.ops.nn.unfold} and {@code fold} against Keras's values and JAX's gradients ({@link Ops16NnRestGolden},
 * from {@code tools/golden/ops16_nnrest.py}), finite differences, symbolic shapes against eager ones, and bad input.
 */
class Ops16NnRestTest {
    private static Function<Tensor, Tensor> unfold(int[][] p) {
        return x -> Ops.unfold(x, p[1], p[2], p[3], p[4]);
    }

    private static Function<Tensor, Tensor> fold(int[][] p) {
        return x -> Ops.fold(x, p[1], p[2], p[3], p[4], p[5]);
    }

    /** x with its non-finite values replaced (the golden gradients are taken there: linear ops, x does not matter). */
    private static Tensor finite(float[] x, int[] shape) {
        float[] v = x.clone();
        for (int j = 0; j < v.length; j++) {
            v[j] = Float.isFinite(v[j]) ? v[j] : 0.5f;
        }
        return Tensor.of(v, shape);
    }

    @Test
    void unfoldGivesKerassValuesAndJaxsGradients() {
        for (int i = 0; i < UNFOLD_PARAMS.length; i++) {
            int[][] p = UNFOLD_PARAMS[i];
            Function<Tensor, Tensor> f = unfold(p);
            Tensor x = Tensor.of(UNFOLD_X[i], p[0]);
            Ops13Checks.assertGolden("unfold " + i, f.apply(x), Shape.of(p[5]), UNFOLD_Y[i], 0, 0);
            // linear, so the gradient does not depend on x: taken where x is finite
            List<Tensor> g = GradientCheck.analytic(in -> f.apply(in.get(0)), List.of(finite(UNFOLD_X[i], p[0])),
                    Tensor.of(UNFOLD_W[i], p[5]));
            Ops13Checks.assertGolden("unfold " + i + " gradient", g.get(0), Shape.of(p[0]), UNFOLD_GRAD[i], 1e-6,
                    1e-6);
        }
    }

    @Test
    void foldGivesKerassValuesAndJaxsGradients() {
        for (int i = 0; i < FOLD_PARAMS.length; i++) {
            int[][] p = FOLD_PARAMS[i];
            Function<Tensor, Tensor> f = fold(p);
            Tensor x = Tensor.of(FOLD_X[i], p[0]);
            Ops13Checks.assertGolden("fold " + i, f.apply(x), Shape.of(p[6]), FOLD_Y[i], 1e-6, 1e-6);
            List<Tensor> g = GradientCheck.analytic(in -> f.apply(in.get(0)), List.of(finite(FOLD_X[i], p[0])),
                    Tensor.of(FOLD_W[i], p[6]));
            Ops13Checks.assertGolden("fold " + i + " gradient", g.get(0), Shape.of(p[0]), FOLD_GRAD[i], 1e-6, 1e-6);
        }
    }

    @Test
    void foldOfUnfoldCountsHowManyBlocksCoverEachPixel() {
        Tensor ones = Tensor.ones(1, 1, 3, 4);
        Tensor counts = Ops.fold(Ops.unfold(ones, 2), new int[] {3, 4}, new int[] {2});
        assertThat(counts.toFloatArray()).containsExactly(1, 2, 2, 1, 2, 4, 4, 2, 1, 2, 2, 1);
    }

    @Test
    void finiteDifferencesAgree() {
        for (int[][] p : UNFOLD_PARAMS) {
            if (Shape.of(p[5]).size() > 0) {
                GradientCheck.check(in -> unfold(p).apply(in.get(0)), GradientCheck.random(7, Shape.of(p[0]), -1, 1));
            }
        }
        for (int[][] p : FOLD_PARAMS) {
            GradientCheck.check(in -> fold(p).apply(in.get(0)), GradientCheck.random(8, Shape.of(p[0]), -1, 1));
        }
        // second order: the gradient of unfold is fold and back
        GradientCheck.check(in -> Ops.square(Ops.unfold(in.get(0), new int[] {2, 3}, new int[] {1}, new int[] {1, 0},
                new int[] {1, 2})), GradientCheck.random(9, Shape.of(2, 2, 3, 4), -1, 1));
    }

    private static List<Tensor> ctc(Tensor x, Tensor lengths, String tag) {
        return switch (tag) {
            case "DEFAULT" -> Ops.ctcDecode(x, lengths);
            case "NO_MERGE" -> Ops.ctcDecode(x, lengths, "greedy", 100, 1, false, 0);
            case "MASK_NONE" -> Ops.ctcDecode(x, lengths, "greedy", 100, 1, true, null);
            default -> Ops.ctcDecode(x, lengths, "greedy", 100, 1, true, 2);
        };
    }

    @Test
    void ctcDecodeGreedyGivesKerassLabelsScoresAndJaxsGradients() {
        Tensor x = Tensor.of(Ops16NnRestGolden.CTC_X, 3, 5, 4);
        Tensor lengths = Tensor.of(Ops16NnRestGolden.CTC_LENGTHS, 3);
        Tensor w = Tensor.of(Ops16NnRestGolden.CTC_W, 3, 1);
        Object[][] cases = {
            {"DEFAULT", Ops16NnRestGolden.CTC_DEFAULT_DECODED, Ops16NnRestGolden.CTC_DEFAULT_SCORE,
                Ops16NnRestGolden.CTC_DEFAULT_GRAD},
            {"NO_MERGE", Ops16NnRestGolden.CTC_NO_MERGE_DECODED, Ops16NnRestGolden.CTC_NO_MERGE_SCORE,
                Ops16NnRestGolden.CTC_NO_MERGE_GRAD},
            {"MASK_NONE", Ops16NnRestGolden.CTC_MASK_NONE_DECODED, Ops16NnRestGolden.CTC_MASK_NONE_SCORE,
                Ops16NnRestGolden.CTC_MASK_NONE_GRAD},
            {"MASK2", Ops16NnRestGolden.CTC_MASK2_DECODED, Ops16NnRestGolden.CTC_MASK2_SCORE,
                Ops16NnRestGolden.CTC_MASK2_GRAD}};
        for (Object[] c : cases) {
            String tag = (String) c[0];
            List<Tensor> out = ctc(x, lengths, tag);
            Ops13Checks.assertGolden("ctc_decode " + tag, out.get(0), Shape.of(1, 3, 5), (float[]) c[1], 0, 0);
            Ops13Checks.assertGolden("ctc_decode " + tag + " score", out.get(1), Shape.of(3, 1), (float[]) c[2], 1e-6,
                    1e-6);
            List<Tensor> g = GradientCheck.analytic(in -> ctc(in.get(0), lengths, tag).get(1), List.of(x), w);
            Ops13Checks.assertGolden("ctc_decode " + tag + " gradient", g.get(0), Shape.of(3, 5, 4), (float[]) c[3],
                    1e-6, 1e-6);
        }
        GradientCheck.check(in -> Ops.ctcDecode(in.get(0), lengths).get(1),
                GradientCheck.distinct(11, 0.37, Shape.of(3, 5, 4)).get(0));
    }

    @Test
    void ctcDecodeSymbolicShapesAndBadInput() {
        Tensor sx = Graph.input(Shape.of(Shape.UNKNOWN, 5, 4), "x");
        Tensor sl = Graph.input(Shape.of(Shape.UNKNOWN), "lengths");
        List<Tensor> sym = Ops.ctcDecode(sx, sl);
        List<Tensor> eager = Ops.ctcDecode(Tensor.zeros(3, 5, 4), Tensor.zeros(3));
        assertThat(sym.get(0).shape()).isEqualTo(Shape.of(1, Shape.UNKNOWN, 5));
        assertThat(sym.get(1).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 1));
        assertThat(eager.get(0).shape()).isEqualTo(Shape.of(1, 3, 5));
        assertThat(eager.get(1).shape()).isEqualTo(Shape.of(3, 1));
        Tensor x = Tensor.zeros(3, 5, 4);
        assertThatThrownBy(() -> Ops.ctcDecode(Tensor.zeros(3, 5), Tensor.zeros(3))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("ctcDecode").hasMessageContaining("3D").hasMessageContaining("(3, 5)");
        assertThatThrownBy(() -> Ops.ctcDecode(x, Tensor.zeros(2))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("sequence_lengths").hasMessageContaining("(2,)");
        assertThatThrownBy(() -> Ops.ctcDecode(x, Tensor.of(new float[] {1, 2.5f, 3}, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> Ops.ctcDecode(x, Tensor.zeros(3), "greedy", 100, 1, true, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mask_index 4");
        assertThatThrownBy(() -> Ops.ctcDecode(x, Tensor.zeros(3), "best", 100, 1, true, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid strategy 'best'");
        assertThatThrownBy(() -> Ops.ctcDecode(x, Tensor.zeros(3), "beam_search", 0, 1, true, 0)) // (see
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beam_width"); // CtcBeamSearchTest)
    }

    @Test
    void symbolicShapesAgreeWithEagerOnes() {
        for (int[][] p : UNFOLD_PARAMS) {
            int[] batchless = p[0].clone();
            batchless[0] = Shape.UNKNOWN;
            Tensor sym = unfold(p).apply(Graph.input(Shape.of(batchless), "x"));
            Tensor eager = unfold(p).apply(Tensor.zeros(p[0]));
            assertThat(sym.shape().subShape(1, 3)).isEqualTo(eager.shape().subShape(1, 3));
            assertThat(sym.shape().get(0)).isEqualTo(Shape.UNKNOWN);
        }
        for (int[][] p : FOLD_PARAMS) {
            int[] batchless = p[0].clone();
            batchless[0] = Shape.UNKNOWN;
            Tensor sym = fold(p).apply(Graph.input(Shape.of(batchless), "x"));
            Tensor eager = fold(p).apply(Tensor.zeros(p[0]));
            assertThat(sym.shape().subShape(1, 4)).isEqualTo(eager.shape().subShape(1, 4));
        }
        // unknown spatial sizes stay unknown
        Tensor u = Ops.unfold(Graph.input(Shape.of(Shape.UNKNOWN, 2, Shape.UNKNOWN, 5), "x"), 2);
        assertThat(u.shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 8, Shape.UNKNOWN));
    }

    @Test
    void badInputFailsNamingTheOpAndTheShapes() {
        Tensor x3 = Tensor.zeros(2, 3, 4);
        Tensor x4 = Tensor.zeros(1, 2, 3, 4);
        assertThatThrownBy(() -> Ops.unfold(x3, 2)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("unfold").hasMessageContaining("4D").hasMessageContaining("(2, 3, 4)");
        assertThatThrownBy(() -> Ops.unfold(x4, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unfold").hasMessageContaining("kernel_size");
        assertThatThrownBy(() -> Ops.unfold(x4, new int[] {2, 2, 2}, new int[] {1}, new int[] {0}, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel_size")
                .hasMessageContaining("[2, 2, 2]");
        assertThatThrownBy(() -> Ops.unfold(x4, 2, 1, -1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("padding");
        assertThatThrownBy(() -> Ops.unfold(x4, 2, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stride");
        assertThatThrownBy(() -> Ops.unfold(x4, 2, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dilation");
        assertThatThrownBy(() -> Ops.unfold(x4, 6)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("unfold").hasMessageContaining("height 3");
        assertThatThrownBy(() -> Ops.fold(x4, 3, 2, 1, 0, 1)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("fold").hasMessageContaining("3D").hasMessageContaining("(1, 2, 3, 4)");
        assertThatThrownBy(() -> Ops.fold(Tensor.zeros(1, 6, 6), new int[] {3, 4}, new int[] {2}))
                .isInstanceOf(ShapeException.class).hasMessageContaining("fold").hasMessageContaining("divisible")
                .hasMessageContaining("(1, 6, 6)");
        assertThatThrownBy(() -> Ops.fold(Tensor.zeros(1, 4, 5), new int[] {3, 4}, new int[] {2}))
                .isInstanceOf(ShapeException.class).hasMessageContaining("fold").hasMessageContaining("5 blocks")
                .hasMessageContaining("2 x 3 = 6");
        assertThatThrownBy(() -> Ops.fold(Graph.input(Shape.of(Shape.UNKNOWN, 4, 5), "x"), new int[] {3, 4},
                new int[] {2})).isInstanceOf(ShapeException.class).hasMessageContaining("5 blocks");
    }
}
