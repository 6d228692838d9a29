package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.autodiff.GradientTape;
import dev.strata.graph.Graph;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16's second round of op arguments against Keras (JAX backend): every case of
 * {@code tools/golden/ops16_args_b.py} ({@link Ops16ArgsBGolden}) for its values and shape, its gradient (jax.grad of
 * {@code sum(W * f)}), a finite-difference check where the inputs are finite and distinct, and the same shape from
 * symbolic inputs. Part 1: quantile, percentile, median and the nan reductions over several axes. Part 2: histogram
 * traced and saved, with the edges' gradient. Part 3: bincount with traced weights, saved as Keras saves it. Part 4:
 * ctc_decode's beam-search scores' gradient, JAX's (NaN included).
 */
class Ops16ArgsBTest {
    /** A case: its golden name, its inputs (golden names) and the call. */
    record Case(String name, List<String> inputs, Function<List<Tensor>, Tensor> f) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Map<String, Case> CASES = new LinkedHashMap<>();

    private static void c1(String name, String input, Function<Tensor, Tensor> f) {
        CASES.put(name, new Case(name, List.of(input), in -> f.apply(in.get(0))));
    }

    private static int[] ax(int... axes) {
        return axes;
    }

    static {
        for (String m : List.of("linear", "lower", "higher", "midpoint", "nearest")) {
            String u = m.toUpperCase();
            c1("QUANTILE_" + u + "_AXES02", "A", x -> Ops.quantile(x, 0.3f, ax(0, 2), m, false));
            c1("NANQUANTILE_" + u + "_AXES02_KEEP", "N3", x -> Ops.nanquantile(x, 0.4f, ax(0, 2), m, true));
        }
        c1("QUANTILE_AXES12_KEEP", "A", x -> Ops.quantile(x, 0.7f, ax(1, 2), "linear", true));
        c1("QUANTILES_AXES_M1_0", "A", x -> Ops.quantile(x, new float[] {0f, 0.35f, 1f}, ax(-1, 0), "linear", false));
        c1("QUANTILE_A4_AXES13", "A4", x -> Ops.quantile(x, 0.5f, ax(1, 3), "linear", false));
        c1("QUANTILE_N3_AXES02", "N3", x -> Ops.quantile(x, 0.3f, ax(0, 2), "linear", false));
        c1("PERCENTILE_AXES02_MIDPOINT", "A", x -> Ops.percentile(x, 40f, ax(0, 2), "midpoint", false));
        c1("PERCENTILES_AXES12_KEEP", "A", x -> Ops.percentile(x, new float[] {10f, 90f}, ax(1, 2), "linear", true));
        c1("NANPERCENTILE_AXES02", "N3", x -> Ops.nanpercentile(x, 75f, ax(0, 2), "higher", false));
        c1("NANPERCENTILES_AXES_M1_0_KEEP", "N3", x -> Ops.nanpercentile(x, new float[] {20f, 60f}, ax(-1, 0),
                "linear", true));
        c1("MEDIAN_AXES01", "A", x -> Ops.median(x, ax(0, 1), false));
        c1("MEDIAN_A4_AXES023_KEEP", "A4", x -> Ops.median(x, ax(0, 2, 3), true));
        c1("NANMEDIAN_AXES02", "N3", x -> Ops.nanmedian(x, ax(0, 2), false));
        c1("NANMEDIAN_AXES12_KEEP", "N3", x -> Ops.nanmedian(x, ax(1, 2), true));
        c1("NANMEDIAN_A_AXES_M1_0", "A", x -> Ops.nanmedian(x, ax(-1, 0), false));
        Map<String, NanReduction> nan = new LinkedHashMap<>();
        nan.put("nansum", Ops::nansum);
        nan.put("nanmean", Ops::nanmean);
        nan.put("nanmax", Ops::nanmax);
        nan.put("nanmin", Ops::nanmin);
        nan.put("nanprod", Ops::nanprod);
        nan.put("nanstd", Ops::nanstd);
        nan.put("nanvar", Ops::nanvar);
        nan.forEach((n, f) -> {
            String u = n.toUpperCase();
            c1(u + "_AXES02", "N3", x -> f.apply(x, ax(0, 2), false));
            c1(u + "_AXES12_KEEP", "N3", x -> f.apply(x, ax(1, 2), true));
            c1(u + "_A_AXES_M1_0", "A", x -> f.apply(x, ax(-1, 0), false));
            c1(u + "_A4_AXES013_KEEP", "A4", x -> f.apply(x, ax(0, 1, 3), true));
        });
    }

    /** A nan reduction's facade over several axes. */
    interface NanReduction {
        Tensor apply(Tensor x, int[] axes, boolean keepDims);
    }

    static Stream<Arguments> cases() {
        return CASES.values().stream().map(Arguments::of);
    }

    static Object golden(String name) {
        return Ops13Checks.field(Ops16ArgsBGolden.class, name);
    }

    static Tensor input(String name) {
        return Tensor.of((float[]) golden("IN_" + name), (int[]) golden("IN_" + name + "_SHAPE"));
    }

    static Tensor weights(Shape s) {
        return Ops13Checks.weights(s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKeras(Case c) {
        List<Tensor> in = c.inputs().stream().map(Ops16ArgsBTest::input).toList();
        Tensor y = c.f().apply(in);
        Shape shape = Shape.of((int[]) golden(c.name() + "_SHAPE"));
        Ops13Checks.assertGolden(c.name(), y, shape, (float[]) golden(c.name()), 2e-5, 2e-6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientIsJaxs(Case c) {
        Ops13Checks.assertJaxGradients(c.name(), c.f(),
                new ArrayList<>(c.inputs().stream().map(Ops16ArgsBTest::input).toList()), Ops16ArgsBTest::golden);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void finiteDifferencesAgree(Case c) {
        if (golden(c.name() + "_GRAD0") == null || c.inputs().contains("N3")) {
            return; // not differentiable, or NaN where finite differences mean nothing
        }
        Tensor x = input(c.inputs().getFirst());
        GradientCheck.of().eps(1e-3).tolerance(2e-2, 2e-3)
                .verify(xs -> c.f().apply(List.of(xs.getFirst())), x);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void symbolicShapeIsTheEagerShape(Case c) {
        List<Tensor> in = c.inputs().stream().map(Ops16ArgsBTest::input).toList();
        List<Tensor> symbolic = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            symbolic.add(Graph.input(in.get(i).shape(), "x" + i));
        }
        Tensor y = c.f().apply(symbolic);
        assertThat(y.isSymbolic()).isTrue();
        assertThat(y.shape()).as(c.name()).isEqualTo(c.f().apply(in).shape());
    }

    @Test
    void severalAxesAreCheckedLikeOne() {
        Tensor a = input("A");
        assertThatThrownBy(() -> Ops.quantile(a, 0.5f, ax(0, 3), "linear", false)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("quantile: axis 3 is out of bounds for a tensor of shape (2, 3, 4)");
        assertThatThrownBy(() -> Ops.nanpercentile(a, 50f, ax(2, -1), "linear", false))
                .isInstanceOf(ShapeException.class).hasMessageContaining("nanpercentile: axis 2 is repeated in [2, -1]");
        assertThatThrownBy(() -> Ops.nanmedian(a, ax(1, 1), false)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("nanmedian: axis 1 is repeated");
        assertThatThrownBy(() -> Ops.nansum(a, ax(0, -4), false)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("nansum: axis -4 is out of bounds");
        assertThatThrownBy(() -> NanReductions.reduce("nanargmax", a, ax(0, 1), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nanargmax: axis must be one integer or None, got the list [0, 1]");
        assertThatThrownBy(() -> Ops.median(Tensor.zeros(2, 0, 3), ax(0, 1), false))
                .isInstanceOf(ShapeException.class).hasMessageContaining("which hold no elements");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histograms")
    void histogramIsJaxsWithTheEdgesGradient(String name, String input, int bins, float[] range) {
        Tensor x = input(input);
        List<Tensor> h;
        Tensor g;
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            h = Ops.histogram(x, bins, range);
            g = tape.gradient(Ops.sum(Ops.multiply(h.get(1), weights(h.get(1).shape()))), x);
        }
        Ops13Checks.assertExact(name + " counts", h.get(0), (float[]) golden(name + "_COUNTS"));
        assertThat(h.get(0).shape()).isEqualTo(Shape.of(bins));
        // edges within an ulp: XLA fuses jnp.linspace, so its edges can differ from the float32 formula in the last bit
        Ops13Checks.assertGolden(name + " edges", h.get(1), Shape.of(bins + 1), (float[]) golden(name + "_EDGES"),
                1e-7, 1e-7);
        float[] expected = (float[]) golden(name + "_EDGES_GRAD");
        if (range == null) {
            assertThat(g).as(name + ": edges from x's min and max are differentiable").isNotNull();
            Ops13Checks.assertGolden(name + " edges gradient", g, x.shape(), expected, 1e-5, 1e-6);
        } else {
            assertThat(expected).containsOnly(0f);
            assertThat(g == null || java.util.Arrays.equals(g.toFloatArray(), expected)).isTrue();
        }
    }

    static Stream<Arguments> histograms() {
        return Stream.of(Arguments.of("HIST_H", "H", 5, null), Arguments.of("HIST_HT", "HT", 3, null),
                Arguments.of("HIST_HC", "HC", 4, null), Arguments.of("HIST_H_RANGE", "H", 4, new float[] {0f, 1f}),
                Arguments.of("HIST_H_DEFAULT", "H", 10, null));
    }

    @Test
    void histogramEdgesPassFiniteDifferences() {
        // distinct values, one min and one max: the edges move with them
        GradientCheck.of().eps(1e-3).tolerance(2e-2, 2e-3).verify(xs -> Ops.histogram(xs.getFirst(), 5, null).get(1),
                input("H"));
    }

    @Test
    void histogramTracesWithKerassShapesAndSaves() {
        Tensor x = dev.strata.models.Input.of(1);
        List<Tensor> h = Ops.histogram(Ops.reshape(x, -1), 4, new float[] {0f, 1f});
        assertThat(h.get(0).isSymbolic()).isTrue();
        assertThat(h.get(0).shape()).isEqualTo(Shape.of(4));
        assertThat(h.get(1).shape()).isEqualTo(Shape.of(5));
        assertThat(Ops.histogram(Graph.input(Shape.of(7), "y")).get(1).shape()).isEqualTo(Shape.of(11));
        // a traced model computes the data-dependent parts when it runs: counts and the range from x
        dev.strata.models.Model m = dev.strata.models.Model.of(List.of(x), h);
        Tensor column = Ops.reshape(input("H"), 10, 1);
        List<Tensor> got = m.predictOnBatch(List.of(column));
        Ops13Checks.assertExact("counts", got.get(0), Ops16ArgsBGolden.HIST_H_RANGE_COUNTS);
        Tensor y = dev.strata.models.Input.of(1);
        List<Tensor> hy = Ops.histogram(Ops.reshape(y, -1), 5, null);
        List<Tensor> gy = dev.strata.models.Model.of(List.of(y), hy).predictOnBatch(List.of(column));
        Ops13Checks.assertExact("counts", gy.get(0), Ops16ArgsBGolden.HIST_H_COUNTS);
        Ops13Checks.assertExact("edges", gy.get(1), Ops16ArgsBGolden.HIST_H_EDGES);
        assertThat(dev.strata.saving.KerasConfig.modelToJson(m)).contains("\"class_name\": \"Histogram\"")
                .contains("\"bins\": 4").contains("\"range\": [0.0, 1.0]");
    }

    @Test
    void histogramBadInputIsAClearError() {
        assertThatThrownBy(() -> Ops.histogram(Graph.input(Shape.of(2, 3), "x"))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("histogram: x must be 1-D, got shape (2, 3)");
        assertThatThrownBy(() -> Ops.histogram(Graph.input(Shape.of(3), "x"), -2, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bins must be a non-negative");
        assertThatThrownBy(() -> Ops.histogram(input("H"), 3, new float[] {1f, 0f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range must be two numbers");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bincounts")
    void bincountWithWeightsMatchesKerasEagerAndTraced(String name, String xName, String wName, int minlength) {
        Tensor x = input(xName);
        Tensor w = wName == null ? null : input(wName);
        Shape shape = Shape.of((int[]) golden(name + "_SHAPE"));
        float[] expected = (float[]) golden(name);
        Ops13Checks.assertGolden(name, Ops.bincount(x, w, minlength), shape, expected, 1e-6, 1e-6);
        // symbolic: Keras's shape x.shape[:-1] + (None,), for traced x and weights alike
        Tensor sx = Graph.input(x.shape(), "x");
        assertThat(Ops.bincount(sx, w, minlength).shape()).isEqualTo(x.shape().withDim(-1, Shape.UNKNOWN));
        if (w != null) {
            Tensor sw = Graph.input(w.shape(), "w");
            assertThat(Ops.bincount(x, sw, minlength).shape()).isEqualTo(x.shape().withDim(-1, Shape.UNKNOWN));
            assertThat(Ops.bincount(sx, sw, minlength).shape()).isEqualTo(x.shape().withDim(-1, Shape.UNKNOWN));
        }
        if (x.rank() != 2) {
            return;
        }
        // traced in a model (rows as the batch): the length comes from the data when it runs
        Tensor ix = dev.strata.models.Input.of(x.shape().get(1));
        Tensor iw = dev.strata.models.Input.of(x.shape().get(1));
        dev.strata.models.Model m = dev.strata.models.Model.of(List.of(ix, iw),
                List.of(Ops.bincount(ix, w == null ? null : iw, minlength)));
        assertThat(Ops.bincount(ix, w == null ? null : iw, minlength).shape()).isEqualTo(Shape.of(Shape.UNKNOWN,
                Shape.UNKNOWN));
        Tensor wIn = w == null ? Tensor.zeros(x.shape().toArray()) : w;
        Ops13Checks.assertGolden(name + " traced", m.predictOnBatch(List.of(x, wIn)).getFirst(), shape, expected, 1e-6,
                1e-6);
        if (w == null) {
            return;
        }
        Tensor g;
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(w);
            Tensor y = m.apply(List.of(x, w)).getFirst();
            g = tape.gradient(Ops.sum(Ops.multiply(y, weights(y.shape()))), w);
        }
        Ops13Checks.assertGolden(name + " traced gradient", g, w.shape(), (float[]) golden(name + "_GRAD1"), 1e-6,
                1e-6);
        GradientCheck.of().eps(1e-3).tolerance(2e-2, 2e-3)
                .verify(ws -> m.apply(List.of(x, ws.getFirst())).getFirst(), w);
    }

    static Stream<Arguments> bincounts() {
        return Stream.of(Arguments.of("BINCOUNT_W2", "BX", "BW", 0), Arguments.of("BINCOUNT_W2_MIN7", "BX", "BW", 7),
                Arguments.of("BINCOUNT_W1_MIN3", "BX1", "BW1", 3), Arguments.of("BINCOUNT_2_MIN6", "BX", null, 6));
    }

    @Test
    void bincountSavesAsKerasWithoutWeightsAndSaysWhyNotWithThem() {
        Tensor ix = dev.strata.models.Input.of(5);
        Tensor iw = dev.strata.models.Input.of(5);
        String json = dev.strata.saving.KerasConfig.modelToJson(dev.strata.models.Model.of(List.of(ix),
                List.of(Ops.bincount(Ops.cast(ix, "int32"), null, 6))));
        assertThat(json).contains("\"class_name\": \"Bincount\"").contains("\"weights\": null")
                .contains("\"minlength\": 6").contains("\"sparse\": false");
        dev.strata.models.Model weighted = dev.strata.models.Model.of(List.of(ix, iw),
                List.of(Ops.bincount(ix, iw, 6)));
        assertThatThrownBy(() -> dev.strata.saving.KerasConfig.modelToJson(weighted))
                .hasMessageContaining("bincount_weighted").hasMessageContaining("cannot save keras.ops.bincount with "
                        + "weights");
        assertThatThrownBy(() -> Ops.bincount(input("BX"), null, 0, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bincount: sparse=True asks for a sparse tensor");
        assertThat(Ops.bincount(input("BX"), null, 6, false).toFloatArray())
                .containsExactly(Ops16ArgsBGolden.BINCOUNT_2_MIN6);
    }

    @Test
    void bincountBatchesOfOtherLengthsAreAClearError() {
        Tensor ix = dev.strata.models.Input.of(2);
        dev.strata.models.Model m = dev.strata.models.Model.of(List.of(ix), List.of(Ops.bincount(ix, null, 0)));
        Tensor x = Tensor.of(new float[] {0, 1, 3, 3}, 2, 2);
        // one batch: one length (4) for both rows
        assertThat(m.predictOnBatch(List.of(x)).getFirst().shape()).isEqualTo(Shape.of(2, 4));
        // batches of one row: lengths 2 and 4, which cannot be joined (4 then 2 once filled the rest with zeros)
        for (Tensor rows : List.of(x, Tensor.of(new float[] {3, 3, 0, 1}, 2, 2))) {
            assertThatThrownBy(() -> m.predict(List.of(rows), new dev.strata.training.PredictOptions().batchSize(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("predict: the model returned "
                            + "an output of shape").hasMessageContaining("such as bincount");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ctcCases")
    void ctcBeamSearchScoresGradientIsJaxs(String name, float[] lengths, int width, int top, Integer mask) {
        Tensor x = Tensor.of(Ops16ArgsBGolden.IN_CX, 3, 7, 5);
        Tensor len = Tensor.of(lengths);
        Tensor scores;
        Tensor g;
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            scores = Ops.ctcDecode(x, len, "beam_search", width, top, true, mask).get(1);
            g = tape.gradient(Ops.sum(Ops.multiply(scores, weights(scores.shape()))), x);
        }
        Ops13Checks.assertGolden(name + " scores", scores, Shape.of(3, top), (float[]) golden(name + "_SCORES"), 1e-4,
                1e-4);
        assertThat(g).as(name + ": JAX differentiates the scores").isNotNull();
        Ops13Checks.assertGolden(name + " gradient", g, x.shape(), (float[]) golden(name + "_GRAD"), 1e-4, 1e-5);
    }

    static Stream<Arguments> ctcCases() {
        float[] cl = Ops16ArgsBGolden.IN_CL;
        float[] cl1 = Ops16ArgsBGolden.IN_CL1;
        return Stream.of(Arguments.of("CTC_W4_TOP2_MASK0", cl, 4, 2, 0),
                Arguments.of("CTC_W4_TOP1_MASKNONE", cl, 4, 1, null), Arguments.of("CTC_W3_TOP3_MASK2", cl, 3, 3, 2),
                Arguments.of("CTC_W10_TOP2_MASK0", cl, 10, 2, 0), Arguments.of("CTC_W1_TOP1_MASK0", cl, 1, 1, 0),
                Arguments.of("CTC_L1_W10_TOP3_MASK4", cl1, 10, 3, 4), Arguments.of("CTC_L1_W5_TOP2_MASK0", cl1, 5, 2, 0));
    }

    @Test
    void ctcBeamSearchScoresOfLengthOneSamplesPassFiniteDifferences() {
        // finite only where no pruning step runs and the last merge has no all -inf group (beam_width >= classes,
        // so the blank starts a path); JAX's NaN elsewhere. Distinct values, so the best paths hold
        Tensor x = Tensor.of(Ops16ArgsBGolden.IN_CX, 3, 7, 5);
        for (int width : new int[] {10, 5}) {
            GradientCheck.of().eps(1e-3).tolerance(2e-2, 2e-3).verify(xs -> Ops.ctcDecode(xs.getFirst(),
                    Tensor.of(Ops16ArgsBGolden.IN_CL1), "beam_search", width, 2, true, 0).get(1), x);
        }
    }

    @Test
    void ctcBeamSearchScoresGradientFlowsWhenTraced() {
        Tensor in = dev.strata.models.Input.of(7, 5);
        Tensor lengths = dev.strata.models.Input.of();
        dev.strata.models.Model m = dev.strata.models.Model.of(List.of(in, lengths),
                List.of(Ops.ctcDecode(in, lengths, "beam_search", 10, 3, true, 4).get(1)));
        Tensor x = Tensor.of(Ops16ArgsBGolden.IN_CX, 3, 7, 5);
        Tensor g;
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Tensor scores = m.apply(List.of(x, Tensor.of(Ops16ArgsBGolden.IN_CL1))).getFirst();
            g = tape.gradient(Ops.sum(Ops.multiply(scores, weights(scores.shape()))), x);
        }
        Ops13Checks.assertGolden("traced gradient", g, x.shape(), Ops16ArgsBGolden.CTC_L1_W10_TOP3_MASK4_GRAD, 1e-4,
                1e-5);
    }
}
