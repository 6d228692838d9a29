package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
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
 * Issue 16's statistics, products, searching and counting ops against Keras (JAX backend): every case of
 * {@code tools/golden/ops16_stats.py} ({@link Ops16StatsGolden}) for its values and shape, its gradient (jax.grad of
 * {@code sum(W * f)}) where JAX differentiates, a finite-difference check where the inputs are finite and free of
 * ties, and the same shape from symbolic inputs.
 */
class Ops16StatsTest {
    /** A case: its golden name, its inputs (golden names) and the call. */
    record Case(String name, List<String> inputs, Function<List<Tensor>, Tensor> f) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Map<String, Case> CASES = new LinkedHashMap<>();

    private static void c(String name, List<String> inputs, Function<List<Tensor>, Tensor> f) {
        CASES.put(name, new Case(name, inputs, f));
    }

    private static void c1(String name, String input, Function<Tensor, Tensor> f) {
        c(name, List.of(input), in -> f.apply(in.get(0)));
    }

    private static Tensor t(float... v) {
        return Tensor.of(v);
    }

    static {
        c("TENSORDOT_1", List.of("A", "C"), in -> Ops.tensordot(in.get(0), in.get(1), 1));
        c("TENSORDOT_2", List.of("A", "D"), in -> Ops.tensordot(in.get(0), in.get(1)));
        c("TENSORDOT_0", List.of("M", "V2"), in -> Ops.tensordot(in.get(0), in.get(1), 0));
        c("TENSORDOT_LISTS", List.of("A", "E"), in -> Ops.tensordot(in.get(0), in.get(1), new int[] {1, 2},
                new int[] {2, 0}));
        c("OUTER", List.of("M", "V5"), in -> Ops.outer(in.get(0), in.get(1)));
        c("INNER", List.of("A", "F"), in -> Ops.inner(in.get(0), in.get(1)));
        c("VDOT", List.of("A", "B"), in -> Ops.vdot(in.get(0), in.get(1)));
        c("KRON", List.of("M", "K"), in -> Ops.kron(in.get(0), in.get(1)));
        c("KRON_RANKS", List.of("A", "V2"), in -> Ops.kron(in.get(0), in.get(1)));
        c("CROSS3", List.of("P3", "Q3"), in -> Ops.cross(in.get(0), in.get(1)));
        c("CROSS_MIXED", List.of("P2", "Q3"), in -> Ops.cross(in.get(0), in.get(1)));
        c("CROSS2", List.of("P2", "Q2"), in -> Ops.cross(in.get(0), in.get(1)));
        c("CROSS_AXES", List.of("PA", "Q3"), in -> Ops.cross(in.get(0), in.get(1), 0, -1, 0));
        c1("DIFF", "A", Ops::diff);
        c1("DIFF_2_AXIS1", "A", x -> Ops.diff(x, 2, 1));
        c1("DIFF_0", "A", x -> Ops.diff(x, 0, -1));
        c1("DIFF_5", "A", x -> Ops.diff(x, 5, -1));
        c1("TRAPEZOID", "A", Ops::trapezoid);
        c1("TRAPEZOID_DX_AXIS1", "A", x -> Ops.trapezoid(x, 0.5f, 1));
        c("TRAPEZOID_X", List.of("A", "XS"), in -> Ops.trapezoid(in.get(0), in.get(1), -1));
        c("CORRELATE_VALID", List.of("C5", "C3"), in -> Ops.correlate(in.get(0), in.get(1)));
        c("CORRELATE_SAME", List.of("C5", "C3"), in -> Ops.correlate(in.get(0), in.get(1), "same"));
        c("CORRELATE_FULL", List.of("C5", "C3"), in -> Ops.correlate(in.get(0), in.get(1), "full"));
        c("CORRELATE_SWAPPED_SAME", List.of("C3", "C5"), in -> Ops.correlate(in.get(0), in.get(1), "same"));
        c("CORRELATE_SWAPPED_VALID", List.of("C3", "C5"), in -> Ops.correlate(in.get(0), in.get(1)));
        c1("AVERAGE", "A", Ops::average);
        c("AVERAGE_AXIS1_WV", List.of("A", "WV"), in -> Ops.average(in.get(0), 1, in.get(1)));
        c("AVERAGE_W", List.of("A", "WPOS"), in -> Ops.average(in.get(0), null, in.get(1)));
        c("AVERAGE_AXISM1_W", List.of("A", "WPOS"), in -> Ops.average(in.get(0), -1, in.get(1)));
        c1("AMAX_T_AXIS1", "T", x -> Ops.amax(x, new int[] {1}, false));
        c1("AMAX", "A", Ops::amax);
        c1("AMIN_KEEP", "A", x -> Ops.amin(x, new int[] {0, 2}, true));
        c1("AMIN_T_AXIS0", "T", x -> Ops.amin(x, new int[] {0}, false));
        c1("PTP_T_AXIS1", "T", x -> Ops.ptp(x, new int[] {1}, false));
        c1("PTP", "A", Ops::ptp);
        c1("MEDIAN", "A", Ops::median);
        c1("MEDIAN_AXIS1", "A", x -> Ops.median(x, new int[] {1}, false));
        c1("MEDIAN_AXISM1", "A", x -> Ops.median(x, new int[] {-1}, false));
        c1("MEDIAN_T_AXIS1", "T", x -> Ops.median(x, new int[] {1}, false));
        c1("MEDIAN_T_AXIS0", "T", x -> Ops.median(x, new int[] {0}, false));
        c1("MEDIAN_KEEP", "A", x -> Ops.median(x, new int[] {0, 2}, true));
        c1("MEDIAN_N_AXIS1", "N", x -> Ops.median(x, new int[] {1}, false));
        c1("MEDIAN_NI_AXIS1", "NI", x -> Ops.median(x, new int[] {1}, false));
        c1("QUANTILE", "A", x -> Ops.quantile(x, 0.3f));
        c1("QUANTILE_KEEP", "A", x -> Ops.quantile(x, 0.3f, (Integer) null, "linear", true));
        c1("QUANTILE_T_HALF", "T", x -> Ops.quantile(x, 0.5f, 1, "linear", false));
        c1("QUANTILES_AXIS1_KEEP", "A", x -> Ops.quantile(x, new float[] {0f, 0.25f, 0.5f, 1f}, 1, "linear", true));
        c1("QUANTILE_N_AXIS1", "N", x -> Ops.quantile(x, 0.3f, 1, "linear", false));
        c1("PERCENTILE_AXIS1", "A", x -> Ops.percentile(x, 30f, 1, "linear", false));
        c1("PERCENTILES_AXISM1", "A", x -> Ops.percentile(x, new float[] {10f, 50f, 95f}, -1, "linear", false));
        c1("COUNT_NONZERO", "I", Ops::countNonzero);
        c1("COUNT_NONZERO_AXIS1", "I", x -> Ops.countNonzero(x, 1));
        c1("COUNT_NONZERO_NI_AXISM1", "NI", x -> Ops.countNonzero(x, -1));
        c1("NANCUMSUM_AXIS1", "N", x -> Ops.nancumsum(x, 1));
        c1("NANCUMSUM", "N", x -> Ops.nancumsum(x, null));
        c1("NANCUMPROD_AXIS1", "N", x -> Ops.nancumprod(x, 1));
        c1("NANCUMPROD_AXIS0", "N", x -> Ops.nancumprod(x, 0));
        c1("NANMEDIAN_AXIS1", "N", x -> Ops.nanmedian(x, 1, false));
        c1("NANMEDIAN", "N", Ops::nanmedian);
        c1("NANMEDIAN_AXIS0_KEEP", "N", x -> Ops.nanmedian(x, 0, true));
        c1("NANPERCENTILES_AXIS1", "N", x -> Ops.nanpercentile(x, new float[] {10f, 90f}, 1, "linear", false));
        c1("NANPERCENTILE_AXIS0", "N", x -> Ops.nanpercentile(x, 50f, 0, "lower", false));
        c1("NANARGMAX_AXIS1", "N", x -> Ops.nanargmax(x, 1, false));
        c1("NANARGMAX", "N", Ops::nanargmax);
        c1("NANARGMIN_AXIS1_KEEP", "N", x -> Ops.nanargmin(x, 1, true));
        c1("NANARGMIN_NI_AXIS0", "NI", x -> Ops.nanargmin(x, 0, false));
        c("SEARCHSORTED_LEFT", List.of("SS", "SV"), in -> Ops.searchsorted(in.get(0), in.get(1)));
        c("SEARCHSORTED_RIGHT", List.of("SS", "SV"), in -> Ops.searchsorted(in.get(0), in.get(1), "right"));
        c("DIGITIZE_INCREASING", List.of("SV", "BI"), in -> Ops.digitize(in.get(0), in.get(1)));
        c("DIGITIZE_DECREASING", List.of("SV", "BD"), in -> Ops.digitize(in.get(0), in.get(1)));
        c("ISIN", List.of("I", "SET"), in -> Ops.isin(in.get(0), in.get(1)));
        c("ISIN_INVERT", List.of("SV", "SS"), in -> Ops.isin(in.get(0), in.get(1), false, true));
        c1("BINCOUNT", "I1", Ops::bincount);
        c1("BINCOUNT_MINLENGTH", "I1", x -> Ops.bincount(x, null, 10));
        c("BINCOUNT_WEIGHTS", List.of("I1", "IW"), in -> Ops.bincount(in.get(0), in.get(1), 9));
        c1("BINCOUNT_2D", "I2", x -> Ops.bincount(x, null, 6));
        c1("ARGPARTITION_1", "A", x -> Ops.argpartition(x, 1));
        c1("ARGPARTITION_T_2", "T", x -> Ops.argpartition(x, 2));
        c1("ARGPARTITION_AXIS0", "A", x -> Ops.argpartition(x, 0, 0));
        c1("ARGPARTITION_FLAT", "A", x -> Ops.argpartition(x, 5, null));
        c1("CORRCOEF", "M", Ops::corrcoef);
        c1("CORRCOEF_VECTOR", "V5", Ops::corrcoef);
        for (String m : List.of("linear", "lower", "higher", "midpoint", "nearest")) {
            String u = m.toUpperCase();
            c1("QUANTILE_" + u + "_AXISM1", "A", x -> Ops.quantile(x, 0.3f, -1, m, false));
            c1("QUANTILE_" + u + "_HALF", "A", x -> Ops.quantile(x, 0.5f, -1, m, false));
            c1("NANQUANTILE_" + u + "_AXISM1", "N", x -> Ops.nanquantile(x, 0.3f, -1, m, false));
            c1("PERCENTILE_" + u + "_AXIS0", "T", x -> Ops.percentile(x, 50f, 0, m, false));
        }
        for (String n : List.of("nansum", "nanmean", "nanmax", "nanmin", "nanprod", "nanstd", "nanvar")) {
            String u = n.toUpperCase();
            c1(u + "_AXIS1", "N", x -> NanReductions.reduce(n, x, 1, false));
            c1(u, "N", x -> NanReductions.reduce(n, x, null, false));
            c1(u + "_AXIS0_KEEP", "N", x -> NanReductions.reduce(n, x, 0, true));
            c1(u + "_NI_AXIS1", "NI", x -> NanReductions.reduce(n, x, 1, false));
        }
    }

    static Stream<Arguments> cases() {
        return CASES.values().stream().map(Arguments::of);
    }

    static Object golden(String name) {
        return Ops13Checks.field(Ops16StatsGolden.class, name);
    }

    static Tensor input(String name) {
        return Tensor.of((float[]) golden("IN_" + name), (int[]) golden("IN_" + name + "_SHAPE"));
    }

    static Tensor weights(Shape s) {
        return Ops13Checks.weights(s);
    }

    private static boolean finiteWithoutTies(List<String> inputs) {
        return inputs.stream().noneMatch(List.of("T", "N", "NI")::contains);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKeras(Case c) {
        List<Tensor> in = c.inputs().stream().map(Ops16StatsTest::input).toList();
        Tensor y = c.f().apply(in);
        Shape shape = Shape.of((int[]) golden(c.name() + "_SHAPE"));
        Ops13Checks.assertGolden(c.name(), y, shape, (float[]) golden(c.name()), 2e-5, 2e-6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientIsJaxs(Case c) {
        Ops13Checks.assertJaxGradients(c.name(), c.f(),
                new ArrayList<>(c.inputs().stream().map(Ops16StatsTest::input).toList()), Ops16StatsTest::golden);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void finiteDifferencesAgree(Case c) {
        if (golden(c.name() + "_GRAD0") == null && golden(c.name() + "_GRAD1") == null
                || !finiteWithoutTies(c.inputs())) {
            return; // not differentiable, or ties/NaN where finite differences mean nothing
        }
        List<Tensor> in = c.inputs().stream().map(Ops16StatsTest::input).toList();
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            if (golden(c.name() + "_GRAD" + i) != null) {
                free.add(i);
            }
        }
        GradientCheck.of().eps(1e-3).tolerance(2e-2, 2e-3).verify(xs -> {
            List<Tensor> all = new ArrayList<>(in);
            for (int k = 0; k < free.size(); k++) {
                all.set(free.get(k), xs.get(k));
            }
            return c.f().apply(all);
        }, free.stream().map(in::get).toArray(Tensor[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void symbolicShapeIsTheEagerShape(Case c) {
        if (c.name().startsWith("BINCOUNT")) {
            return; // the length depends on the values: see bincountTracesWithAnUnknownLength
        }
        List<Tensor> in = c.inputs().stream().map(Ops16StatsTest::input).toList();
        List<Tensor> symbolic = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            symbolic.add(Graph.input(in.get(i).shape(), "x" + i));
        }
        Tensor y = c.f().apply(symbolic);
        assertThat(y.isSymbolic()).isTrue();
        assertThat(y.shape()).as(c.name()).isEqualTo(c.f().apply(in).shape());
    }

    @Test
    void histogramIsJaxs() {
        List<Tensor> h = Ops.histogram(input("H"));
        Ops13Checks.assertExact("counts", h.get(0), Ops16StatsGolden.HISTOGRAM_COUNTS);
        // edges within an ulp: XLA fuses jnp.linspace, so its edges can differ from the float32 formula in the last bit
        Ops13Checks.assertGolden("edges", h.get(1), Shape.of(11), Ops16StatsGolden.HISTOGRAM_EDGES, 1e-7, 1e-7);
        h = Ops.histogram(input("H"), 4, new float[] {0f, 1f});
        Ops13Checks.assertExact("counts", h.get(0), Ops16StatsGolden.HISTOGRAM_4_RANGE_COUNTS);
        Ops13Checks.assertExact("edges", h.get(1), Ops16StatsGolden.HISTOGRAM_4_RANGE_EDGES);
        h = Ops.histogram(input("HC"), 3, null);
        Ops13Checks.assertExact("counts", h.get(0), Ops16StatsGolden.HISTOGRAM_CONSTANT_COUNTS);
        Ops13Checks.assertExact("edges", h.get(1), Ops16StatsGolden.HISTOGRAM_CONSTANT_EDGES);
    }

    @Test
    void uniqueIsJaxs() {
        Tensor x = input("I");
        List<Tensor> u = Ops.unique(x, true, true, true, true, null, null, null);
        Ops13Checks.assertExact("values", u.get(0), Ops16StatsGolden.UNIQUE_VALUES);
        Ops13Checks.assertExact("index", u.get(1), Ops16StatsGolden.UNIQUE_INDEX);
        Ops13Checks.assertExact("inverse", u.get(2), Ops16StatsGolden.UNIQUE_INVERSE);
        assertThat(u.get(2).shape()).isEqualTo(x.shape());
        Ops13Checks.assertExact("counts", u.get(3), Ops16StatsGolden.UNIQUE_COUNTS);
        List<Tensor> sized = Ops.unique(x, true, false, false, true, null, 8, -1f);
        Ops13Checks.assertExact("values", sized.get(0), Ops16StatsGolden.UNIQUE_SIZE8_VALUES);
        Ops13Checks.assertExact("counts", sized.get(1), Ops16StatsGolden.UNIQUE_SIZE8_COUNTS);
        Ops13Checks.assertExact("values only", Ops.unique(x), Ops16StatsGolden.UNIQUE_VALUES);
        // each NaN is its own value (Keras's equal_nan=False), after the numbers
        assertThat(Ops.unique(t(2f, Float.NaN, 1f, Float.NaN)).toFloatArray()).containsExactly(1f, 2f, Float.NaN,
                Float.NaN);
    }

    @Test
    void bincountTracesWithAnUnknownLengthAndWeightedDoesNotSave() {
        Tensor y = Ops.bincount(Graph.input(Shape.of(Shape.UNKNOWN, 5), "x"), null, 3);
        assertThat(y.shape()).isEqualTo(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN));
        assertThat(dev.strata.internal.OpSpecs.named("bincount_weighted").orElseThrow().noKerasFormReason())
                .contains("cannot save keras.ops.bincount with weights");
    }

    @Test
    void badInputIsAClearError() {
        Tensor a = input("A");
        assertThatThrownBy(() -> Ops.tensordot(a, input("M"), 1)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("tensordot").hasMessageContaining("(2, 3, 4)").hasMessageContaining("4 against 3");
        assertThatThrownBy(() -> Ops.tensordot(a, input("M"), 4)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("tensordot: axes = 4");
        assertThatThrownBy(() -> Ops.tensordot(a, input("E"), new int[] {1}, new int[] {0, 1}))
                .isInstanceOf(ShapeException.class).hasMessageContaining("as long as each other");
        assertThatThrownBy(() -> Ops.vdot(a, input("M"))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("vdot").hasMessageContaining("24 and 12");
        assertThatThrownBy(() -> Ops.inner(a, Ops.reshape(input("F"), 4, 5))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("inner: the last axes");
        assertThatThrownBy(() -> Ops.cross(a, a)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("cross: the vectors must have 2 or 3 components, got 4");
        assertThatThrownBy(() -> Ops.correlate(input("M"), input("C3"))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("correlate: x1 and x2 must be 1-D");
        assertThatThrownBy(() -> Ops.correlate(input("C5"), input("C3"), "circular"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'valid', 'same' or 'full'");
        assertThatThrownBy(() -> Ops.diff(a, -1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("diff: the order n must be non-negative, got -1");
        assertThatThrownBy(() -> Ops.diff(Tensor.scalar(1f))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("diff: x must have at least one axis");
        assertThatThrownBy(() -> Ops.quantile(a, 1.5f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantile: q must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> Ops.percentile(a, 150f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("percentile: q must be in [0, 100], got 150.0");
        assertThatThrownBy(() -> Ops.quantile(a, 0.5f, 1, "inverted_cdf", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("method must be 'linear'");
        assertThatThrownBy(() -> Ops.quantile(a, 0.5f, 3, "linear", false)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("quantile: axis 3 is out of bounds");
        assertThatThrownBy(() -> Ops.median(Tensor.zeros(2, 0), new int[] {1}, false))
                .isInstanceOf(ShapeException.class).hasMessageContaining("which hold no elements");
        assertThatThrownBy(() -> Ops.searchsorted(input("M"), a)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("searchsorted: sorted_sequence must be 1-D, got shape (3, 4)");
        assertThatThrownBy(() -> Ops.searchsorted(input("SS"), a, "middle"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'left' or 'right'");
        assertThatThrownBy(() -> Ops.digitize(a, input("M"))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("digitize: bins must be 1-D");
        assertThatThrownBy(() -> Ops.bincount(t(1f, -2f))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bincount: x must hold non-negative whole numbers, got -2.0");
        assertThatThrownBy(() -> Ops.bincount(t(1f, 2.5f))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 2.5");
        assertThatThrownBy(() -> Ops.bincount(t(1f, 2f), t(1f), 0)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("bincount: weights of shape (1,) must have x's shape (2,)");
        assertThatThrownBy(() -> Ops.bincount(a)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("bincount: x must be 1-D or 2-D");
        assertThat(Ops.bincount(Graph.input(Shape.of(4), "x"), t(1f, 1f, 1f, 1f), 0).shape())
                .isEqualTo(Shape.of(Shape.UNKNOWN));
        assertThatThrownBy(() -> Ops.histogram(input("H"), -1, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bins must be a non-negative integer");
        assertThatThrownBy(() -> Ops.histogram(input("H"), 3, new float[] {1f, 0f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range must be two numbers");
        assertThatThrownBy(() -> Ops.histogram(Graph.input(Shape.of(4, 2), "x")))
                .isInstanceOf(ShapeException.class).hasMessageContaining("histogram: x must be 1-D");
        assertThatThrownBy(() -> Ops.unique(Graph.input(Shape.of(4), "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unique: cannot be traced");
        // unique along an axis is computed now (Ops16ArgsATest); an axis out of range is still an error
        assertThatThrownBy(() -> Ops.unique(a, true, false, false, false, a.shape().rank(), null, null))
                .isInstanceOf(dev.strata.ShapeException.class).hasMessageContaining("unique: axis");
        assertThatThrownBy(() -> Ops.argpartition(a, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("argpartition: kth = 4 is out of bounds for axis 2 of length 4");
        assertThatThrownBy(() -> Ops.average(a, 1, Ops.reshape(input("WPOS"), 4, 6)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("average: weights of shape (4, 6)");
        assertThatThrownBy(() -> Ops.corrcoef(a)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("corrcoef: x must be 1-D or 2-D");
        assertThatThrownBy(() -> Ops.nanargmax(a, 3, false)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("nanargmax: axis 3 is out of bounds");
    }
}
