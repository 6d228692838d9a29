package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.autodiff.GradientTape;
import dev.strata.graph.Graph;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16's array manipulation ops against Keras 3 ({@link Ops16ShapeGolden}, from
 * {@code tools/golden/ops16_shape.py}): values (NaN, infinities, integers, size-1 and empty axes), gradients as
 * jax.grad gives them, finite differences, symbolic shapes equal to eager ones, and bad input.
 */
class ArrayManipulationOpsTest {
    /** The cases of the golden script, by name: the op on the named inputs, its outputs as a list. */
    static final Map<String, Function<List<Tensor>, List<Tensor>>> CASES = new LinkedHashMap<>();
    /** The inputs each case takes (names of Ops16ShapeGolden's IN_ arrays). */
    static final Map<String, String[]> ARGS = new LinkedHashMap<>();

    private static void one(String name, String args, Function<List<Tensor>, Tensor> f) {
        CASES.put(name, in -> List.of(f.apply(in)));
        ARGS.put(name, args.split(" "));
    }

    private static void many(String name, String args, Function<List<Tensor>, List<Tensor>> f) {
        CASES.put(name, f);
        ARGS.put(name, args.split(" "));
    }

    static {
        one("FLIP_ALL", "T", in -> Ops.flip(in.get(0)));
        one("FLIP_1", "T", in -> Ops.flip(in.get(0), 1));
        one("FLIP_0M1", "T", in -> Ops.flip(in.get(0), new int[] {0, -1}));
        one("FLIP_NAN", "TN", in -> Ops.flip(in.get(0), 2));
        one("FLIP_ONE", "ONE", in -> Ops.flip(in.get(0)));
        one("FLIPLR", "T", in -> Ops.fliplr(in.get(0)));
        one("FLIPUD", "T", in -> Ops.flipud(in.get(0)));
        one("FLIPUD_VEC", "A", in -> Ops.flipud(in.get(0)));
        one("ROLL_2", "T", in -> Ops.roll(in.get(0), 2));
        one("ROLL_M1_AXIS1", "T", in -> Ops.roll(in.get(0), -1, 1));
        one("ROLL_PAIRS", "T", in -> Ops.roll(in.get(0), new int[] {1, -2}, new int[] {0, 2}));
        one("ROLL_SAME_AXIS", "T", in -> Ops.roll(in.get(0), new int[] {1, 2}, new int[] {2, 2}));
        one("ROLL_ONE_SHIFT_TWO_AXES", "T", in -> Ops.roll(in.get(0), new int[] {1}, new int[] {1, 2}));
        one("ROLL_BIG", "I", in -> Ops.roll(in.get(0), 7, 2));
        one("ROLL_NEG_BIG", "I", in -> Ops.roll(in.get(0), -25));
        one("ROLL_NAN", "TN", in -> Ops.roll(in.get(0), 5));
        one("ROLL_EMPTY", "E", in -> Ops.roll(in.get(0), 1, 1));
        one("ROT90", "T", in -> Ops.rot90(in.get(0)));
        one("ROT90_K2", "T", in -> Ops.rot90(in.get(0), 2, new int[] {0, 1}));
        one("ROT90_K3_12", "T", in -> Ops.rot90(in.get(0), 3, new int[] {1, 2}));
        one("ROT90_KM1_20", "T", in -> Ops.rot90(in.get(0), -1, new int[] {2, 0}));
        one("ROT90_K5_M", "M", in -> Ops.rot90(in.get(0), 5, new int[] {0, 1}));
        one("MOVEAXIS", "T", in -> Ops.moveaxis(in.get(0), 0, -1));
        one("MOVEAXIS_2", "T", in -> Ops.moveaxis(in.get(0), new int[] {0, 1}, new int[] {2, 0}));
        one("SWAPAXES", "T", in -> Ops.swapaxes(in.get(0), 0, 2));
        one("SWAPAXES_M", "T", in -> Ops.swapaxes(in.get(0), -1, 1));
        one("RAVEL", "T", in -> Ops.ravel(in.get(0)));
        one("HSTACK", "T U", Ops::hstack);
        one("HSTACK_VEC", "A B", Ops::hstack);
        one("VSTACK", "T V", Ops::vstack);
        one("VSTACK_VEC", "A A", Ops::vstack);
        one("DSTACK", "T D", Ops::dstack);
        one("DSTACK_MAT", "M2 M2", Ops::dstack);
        one("DSTACK_VEC", "A A", Ops::dstack);
        one("APPEND", "T U", in -> Ops.append(in.get(0), in.get(1)));
        one("APPEND_AXIS1", "T U", in -> Ops.append(in.get(0), in.get(1), 1));
        many("ARRAY_SPLIT", "T", in -> Ops.arraySplit(in.get(0), 3, 2));
        many("ARRAY_SPLIT_VEC", "C", in -> Ops.arraySplit(in.get(0), 3));
        many("ARRAY_SPLIT_MORE", "B", in -> Ops.arraySplit(in.get(0), 3));
        many("HSPLIT", "T", in -> Ops.hsplit(in.get(0), 3));
        many("HSPLIT_IDX", "T", in -> Ops.hsplit(in.get(0), new int[] {1}));
        many("HSPLIT_VEC", "C", in -> Ops.hsplit(in.get(0), 2));
        many("VSPLIT", "T", in -> Ops.vsplit(in.get(0), 2));
        many("DSPLIT", "T", in -> Ops.dsplit(in.get(0), new int[] {1, 3}));
        one("DIAG_V", "A", in -> Ops.diag(in.get(0)));
        one("DIAG_V_K1", "A", in -> Ops.diag(in.get(0), 1));
        one("DIAG_V_KM2", "A", in -> Ops.diag(in.get(0), -2));
        one("DIAG_M", "M", in -> Ops.diag(in.get(0)));
        one("DIAG_M_K1", "M", in -> Ops.diag(in.get(0), 1));
        one("DIAG_M_KM1", "M", in -> Ops.diag(in.get(0), -1));
        one("DIAG_M_K5", "M", in -> Ops.diag(in.get(0), 5));
        one("DIAGFLAT", "M2", in -> Ops.diagflat(in.get(0)));
        one("DIAGFLAT_K1", "M2", in -> Ops.diagflat(in.get(0), 1));
        one("DIAGONAL", "T", in -> Ops.diagonal(in.get(0)));
        one("DIAGONAL_1_12", "T", in -> Ops.diagonal(in.get(0), 1, 1, 2));
        one("DIAGONAL_M1_20", "T", in -> Ops.diagonal(in.get(0), -1, 2, 0));
        one("DIAGONAL_NAN", "TN", in -> Ops.diagonal(in.get(0), 0, 1, 2));
        one("TRACE", "T", in -> Ops.trace(in.get(0)));
        one("TRACE_1_12", "T", in -> Ops.trace(in.get(0), 1, 1, 2));
        one("TRACE_M1_M1M2", "T", in -> Ops.trace(in.get(0), -1, -1, -2));
        one("TRACE_NAN", "TN", in -> Ops.trace(in.get(0), 0, 1, 2));
        one("TRACE_INT", "I", in -> Ops.trace(in.get(0)));
        one("COPY", "TN", in -> Ops.copy(in.get(0)));
        many("MESHGRID", "A B", in -> Ops.meshgrid(in.get(0), in.get(1)));
        many("MESHGRID_IJ", "A B", in -> Ops.meshgrid(in, "ij"));
        many("MESHGRID_3", "A B C", in -> Ops.meshgrid(in.get(0), in.get(1), in.get(2)));
        one("VANDER", "VN", in -> Ops.vander(in.get(0)));
        one("VANDER_4_INC", "VN", in -> Ops.vander(in.get(0), 4, true));
        one("VANDER_ZERO", "VZ", in -> Ops.vander(in.get(0)));
        one("SELECT", "T", in -> Ops.select(List.of(Ops.greater(in.get(0), 0.5f), Ops.less(in.get(0), -0.5f)),
                List.of(in.get(0), Ops.multiply(in.get(0), 2f))));
        one("SELECT_BROADCAST", "T C", in -> Ops.select(List.of(Ops.greater(in.get(0), 0f),
                Ops.greater(in.get(1), 1f)), List.of(in.get(0), in.get(1)), -1f));
    }

    /** The keys of the golden script's GET_ITEM_n cases, as Python writes them. */
    static final String[] GET_ITEM_KEYS = {"0", "-1", "1:3", "1:3, None, ...", "..., ::-1", ":, -1, 1::2", "None",
        "::-2, 1:, -3:-1", "0, 2, 3", "..., 1", "1, ..., None, 2", ":, 5:9", "::, None, 2:0:-1"};

    static {
        for (int n = 0; n < GET_ITEM_KEYS.length; n++) {
            String key = GET_ITEM_KEYS[n];
            one("GET_ITEM_" + n, "T", in -> Ops.getItem(in.get(0), key));
        }
        one("GET_ITEM_NAN", "TN", in -> Ops.getItem(in.get(0), ":, 1"));
    }

    static List<String> cases() {
        return List.copyOf(CASES.keySet());
    }

    private static Object field(String name) {
        try {
            Field f = Ops16ShapeGolden.class.getDeclaredField(name);
            return f.get(null);
        } catch (NoSuchFieldException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static Tensor input(String name) {
        return Tensor.of((float[]) field("IN_" + name), (int[]) field("IN_" + name + "_SHAPE"));
    }

    private static List<Tensor> inputs(String name) {
        List<Tensor> in = new ArrayList<>();
        for (String a : ARGS.get(name)) {
            in.add(input(a));
        }
        return in;
    }

    /** The outputs raveled and joined, as the golden script flattens them. */
    static Tensor flat(List<Tensor> outs) {
        List<Tensor> parts = new ArrayList<>();
        for (Tensor o : outs) {
            parts.add(Ops.reshape(o, -1));
        }
        return Ops.concatenate(parts);
    }

    private static Tensor weights(int n) {
        float[] w = new float[n];
        for (int j = 0; j < n; j++) {
            w[j] = 0.5f + 0.25f * (j % 7);
        }
        return Tensor.of(w);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKeras(String name) {
        List<Tensor> outs = CASES.get(name).apply(inputs(name));
        int[][] shapes = (int[][]) field(name + "_SHAPES");
        if (shapes == null) {
            shapes = new int[][] {(int[]) field(name + "_SHAPE")};
        }
        assertThat(outs).as(name + " outputs").hasSize(shapes.length);
        for (int i = 0; i < shapes.length; i++) {
            assertThat(outs.get(i).shape().toArray()).as(name + " output " + i + " shape").containsExactly(shapes[i]);
        }
        Ops13Checks.assertGolden(name, flat(outs), flat(outs).shape(), (float[]) field(name), 1e-6, 1e-6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsMatchJax(String name) {
        List<Tensor> xs = inputs(name);
        for (int i = 0; i < xs.size(); i++) {
            float[] expected = (float[]) field(name + "_GRAD" + i);
            if (expected == null) {
                continue; // not differentiable in the golden script (NaN inputs, integers, empty)
            }
            final int k = i;
            Tensor g;
            try (GradientTape tape = GradientTape.record()) {
                tape.watch(xs.get(k));
                Tensor y = flat(CASES.get(name).apply(xs));
                g = tape.gradient(Ops.sum(Ops.multiply(y, weights(y.size()))), xs.get(k));
            }
            Ops13Checks.assertGolden(name + " d/d input " + k, g, xs.get(k).shape(), expected, 1e-5, 1e-5);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(String name) {
        if (field(name + "_GRAD0") == null || name.equals("VANDER_ZERO")) {
            return; // not differentiable, or JAX's NaN at 0 (see vanderAtZero)
        }
        List<Tensor> xs = inputs(name);
        Tensor[] random = new Tensor[xs.size()];
        for (int i = 0; i < random.length; i++) {
            random[i] = GradientCheck.random(16 + i, xs.get(i).shape(), -2, 2);
        }
        GradientCheck.of().eps(1e-3).verify(in -> flat(CASES.get(name).apply(in)), random);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void symbolicShapesAreTheEagerShapes(String name) {
        List<Tensor> eager = CASES.get(name).apply(inputs(name));
        List<Tensor> symbolic = new ArrayList<>();
        for (String a : ARGS.get(name)) {
            symbolic.add(Graph.input(input(a).shape(), a.toLowerCase()));
        }
        List<Tensor> traced = CASES.get(name).apply(symbolic);
        assertThat(traced).hasSameSizeAs(eager);
        for (int i = 0; i < eager.size(); i++) {
            assertThat(traced.get(i).isSymbolic()).isTrue();
            assertThat(traced.get(i).shape()).as(name + " output " + i).isEqualTo(eager.get(i).shape());
        }
    }

    @Test
    void vanderAtZeroHasJaxsNaNGradient() {
        // d/dx x^0 at x = 0 is 0 · x^-1 = NaN in JAX's power, and so in Strata's
        Tensor g = Ops13Checks.gradient(v -> Ops.vander(v), input("VZ"), Tensor.ones(3, 3));
        assertThat(Float.isNaN(g.toFloatArray()[0])).isTrue();
    }

    @Test
    void fullTurnsGiveACopyWithTheGradientOfIdentity() {
        Tensor m = input("M");
        Tensor r = Ops.rot90(m, -4, new int[] {0, 1});
        assertThat(r).isNotSameAs(m);
        assertThat(r.toFloatArray()).containsExactly(m.toFloatArray());
        assertThat(Ops13Checks.gradient(v -> Ops.rot90(v, 4, new int[] {1, 0}), m, Tensor.full(m.shape(), 3f))
                .toFloatArray()).containsOnly(3f);
    }

    @Test
    void unknownDimensionsStayUnknown() {
        Tensor x = Graph.input(Shape.of(Shape.UNKNOWN, 3, 4), "x");
        assertThat(Ops.flip(x, 1).shape()).isEqualTo(x.shape());
        assertThat(Ops.roll(x, 2).shape()).isEqualTo(x.shape());
        assertThat(Ops.rot90(x, 1, new int[] {1, 2}).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 4, 3));
        assertThat(Ops.rot90(x).shape()).isEqualTo(Shape.of(3, Shape.UNKNOWN, 4));
        assertThat(Ops.ravel(x).shape()).isEqualTo(Shape.of(Shape.UNKNOWN));
        assertThat(Ops.vstack(List.of(x, x)).shape()).isEqualTo(x.shape());
        assertThat(Ops.hstack(List.of(x, x)).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 6, 4));
        assertThat(Ops.append(x, x).shape()).isEqualTo(Shape.of(Shape.UNKNOWN));
        assertThat(Ops.arraySplit(x, 2)).extracting(Tensor::shape).containsOnly(x.shape());
        assertThat(Ops.diagonal(x)).extracting(Tensor::shape).isEqualTo(Shape.of(4, Shape.UNKNOWN));
        assertThat(Ops.diagonal(x, 0, 1, 2).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 3));
        assertThat(Ops.trace(x, 0, 1, 2).shape()).isEqualTo(Shape.of(Shape.UNKNOWN));
        assertThat(Ops.diagflat(x).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN));
        assertThat(Ops.size(x).shape()).isEqualTo(Shape.scalar());
        assertThat(Ops.ndim(x)).isEqualTo(3);
        assertThat(Ops.zerosLike(x).shape()).isEqualTo(x.shape());
        assertThat(Ops.unravelIndex(x, 3, 4)).extracting(Tensor::shape).containsOnly(x.shape());
    }

    @Test
    void enumerationsMatchKeras() {
        Tensor nz = input("NZ");
        assertThat(flat(Ops.nonzero(nz)).toFloatArray()).containsExactly(Ops16ShapeGolden.NONZERO);
        assertThat(flat(Ops.where(nz)).toFloatArray()).containsExactly(Ops16ShapeGolden.NONZERO);
        assertThat(Ops.nonzero(nz)).extracting(t -> t.shape().toArray()).containsExactly(Ops16ShapeGolden.NONZERO_SHAPES);
        List<Tensor> u = Ops.unravelIndex(input("IDX"), 3, 4);
        assertThat(flat(u).toFloatArray()).containsExactly(Ops16ShapeGolden.UNRAVEL);
        assertThat(u).extracting(t -> t.shape().toArray()).containsExactly(Ops16ShapeGolden.UNRAVEL_SHAPES);
        assertThat(flat(Ops.unravelIndex(input("IDX"), 2, 3, 2)).toFloatArray())
                .containsExactly(Ops16ShapeGolden.UNRAVEL_3D);
        assertThat(Ops.size(input("T")).item()).isEqualTo(24f);
        assertThat(Ops.ndim(input("T"))).isEqualTo(3);
        assertThat(Ops.nonzero(Tensor.scalar(2f))).isEmpty();
    }

    @Test
    void nonzeroCannotBeTraced() {
        Tensor x = Graph.input(Shape.of(Shape.UNKNOWN, 3), "x");
        assertThatThrownBy(() -> Ops.nonzero(x)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith("nonzero: the number of non-zero elements depends on the values, so it "
                        + "cannot be traced (x is symbolic, shape (None, 3))");
        assertThatThrownBy(() -> Ops.where(x)).hasMessageStartingWith("where: the number of non-zero");
    }

    @Test
    void creationFunctionsMatchKeras() {
        Map<String, Tensor> made = new LinkedHashMap<>();
        made.put("ARANGE_5", Ops.arange(5));
        made.put("ARANGE_15_4", Ops.arange(1.5f, 4));
        made.put("ARANGE_0_1_01", Ops.arange(0, 1, 0.1f));
        made.put("ARANGE_10_0_M3", Ops.arange(10, 0, -3));
        made.put("ARANGE_EMPTY", Ops.arange(3, 1));
        made.put("LINSPACE_0_1_5", Ops.linspace(0, 1, 5));
        made.put("LINSPACE_M2_35_7_OPEN", Ops.linspace(-2, 3.5f, 7, false));
        made.put("LINSPACE_1_1_1", Ops.linspace(1, 1, 1));
        made.put("LINSPACE_0_1_0", Ops.linspace(0, 1, 0));
        made.put("LINSPACE_2_3", Ops.linspace(2, 3));
        made.put("LINSPACE_3_M1_4", Ops.linspace(3, -1, 4));
        made.put("LOGSPACE_0_2_5", Ops.logspace(0, 2, 5));
        made.put("LOGSPACE_1_M1_4_BASE2", Ops.logspace(1, -1, 4, true, 2));
        made.put("LOGSPACE_0_3", Ops.logspace(0, 3));
        made.put("GEOMSPACE_1_1000_4", Ops.geomspace(1, 1000, 4, true));
        made.put("GEOMSPACE_M1_M16_5", Ops.geomspace(-1, -16, 5, true));
        made.put("GEOMSPACE_2_05_3_OPEN", Ops.geomspace(2, 0.5f, 3, false));
        made.put("GEOMSPACE_1_2", Ops.geomspace(1, 2));
        made.put("EYE_3", Ops.eye(3));
        made.put("EYE_3_4_1", Ops.eye(3, 4, 1));
        made.put("EYE_4_3_M2", Ops.eye(4, 3, -2));
        made.put("EYE_2_3_5", Ops.eye(2, 3, 5));
        made.put("IDENTITY_3", Ops.identity(3));
        made.put("TRI_3", Ops.tri(3));
        made.put("TRI_3_5_1", Ops.tri(3, 5, 1));
        made.put("TRI_4_2_M1", Ops.tri(4, 2, -1));
        made.put("TRI_2_3_M5", Ops.tri(2, 3, -5));
        for (int m : new int[] {0, 1, 2, 5, 6}) {
            made.put("BARTLETT_" + m, Ops.bartlett(m));
            made.put("BLACKMAN_" + m, Ops.blackman(m));
            made.put("HAMMING_" + m, Ops.hamming(m));
            made.put("HANNING_" + m, Ops.hanning(m));
        }
        made.put("KAISER_0_1_0", Ops.kaiser(0, 1));
        made.put("KAISER_1_3_0", Ops.kaiser(1, 3));
        made.put("KAISER_5_14_0", Ops.kaiser(5, 14));
        made.put("KAISER_6_0_5", Ops.kaiser(6, 0.5f));
        made.put("KAISER_7_0_0", Ops.kaiser(7, 0));
        made.forEach((name, t) -> Ops13Checks.assertGolden(name, t, Shape.of((int[]) field(name + "_SHAPE")),
                (float[]) field(name), 2e-6, 1e-6));
        assertThat(Ops.zeros(2, 3).toFloatArray()).containsOnly(0f).hasSize(6);
        assertThat(Ops.empty(2, 3).shape()).isEqualTo(Shape.of(2, 3));
        assertThat(Ops.ones(4).toFloatArray()).containsExactly(1f, 1f, 1f, 1f);
        assertThat(Ops.full(new int[] {2, 2}, 2.5f).toFloatArray()).containsExactly(2.5f, 2.5f, 2.5f, 2.5f);
        assertThat(Ops.array(new float[] {1, 2, 3, 4}, 2, 2).shape()).isEqualTo(Shape.of(2, 2));
        assertThat(Ops.array(new float[][] {{1, 2}, {3, 4}}).toFloatArray()).containsExactly(1, 2, 3, 4);
        Tensor t = input("TN");
        assertThat(Ops.zerosLike(t).toFloatArray()).containsOnly(0f);
        assertThat(Ops.onesLike(t).toFloatArray()).containsOnly(1f);
        assertThat(Ops.fullLike(t, -2f).toFloatArray()).containsOnly(-2f);
        assertThat(Ops.emptyLike(t).shape()).isEqualTo(t.shape());
    }

    @Test
    void fillLikeOpsPassNoGradient() {
        Tensor x = input("T");
        for (Function<Tensor, Tensor> f : List.<Function<Tensor, Tensor>>of(Ops::zerosLike, Ops::onesLike,
                v -> Ops.fullLike(v, 3f), Ops::emptyLike)) {
            Tensor g = Ops13Checks.gradient(v -> Ops.add(f.apply(v), 0f), x, Tensor.ones(x.shape()));
            if (g != null) {
                assertThat(g.toFloatArray()).containsOnly(0f);
            }
        }
        Tensor g = Ops13Checks.gradient(Ops::copy, x, Tensor.full(x.shape(), 2f));
        assertThat(g.toFloatArray()).containsOnly(2f);
    }

    @Test
    void badInputIsAClearError() {
        Tensor t = input("T");
        Tensor v = input("A");
        assertThatThrownBy(() -> Ops.flip(t, 3)).isInstanceOf(ShapeException.class)
                .hasMessage("flip: axis 3 is out of bounds for a tensor of shape (2, 3, 4) (rank 3)");
        assertThatThrownBy(() -> Ops.flip(t, new int[] {1, -2})).isInstanceOf(ShapeException.class)
                .hasMessage("flip: axis [1, -2] repeats axis 1 (shape (2, 3, 4))");
        assertThatThrownBy(() -> Ops.fliplr(v)).isInstanceOf(ShapeException.class)
                .hasMessage("fliplr: x must have at least 2 axes (it flips axis 1), got shape (3,)");
        assertThatThrownBy(() -> Ops.flipud(Tensor.scalar(1))).isInstanceOf(ShapeException.class)
                .hasMessageStartingWith("flipud: x must have at least 1 axis");
        assertThatThrownBy(() -> Ops.roll(t, new int[] {1, 2}, new int[] {0, 1, 2}))
                .isInstanceOf(ShapeException.class).hasMessage("roll: shift [1, 2] and axis [0, 1, 2] must have the "
                        + "same length, or one of them a single value (shape (2, 3, 4))");
        assertThatThrownBy(() -> Ops.roll(t, 1, -4)).isInstanceOf(ShapeException.class)
                .hasMessageStartingWith("roll: axis -4 is out of bounds");
        assertThatThrownBy(() -> Ops.rot90(v)).isInstanceOf(ShapeException.class)
                .hasMessage("rot90: the array must have at least 2 axes, got shape (3,)");
        assertThatThrownBy(() -> Ops.rot90(t, 1, new int[] {1, -2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rot90: axes must be two different axes, got [1, -2] (shape (2, 3, 4))");
        assertThatThrownBy(() -> Ops.moveaxis(t, new int[] {0, 1}, new int[] {2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("moveaxis: source [0, 1] and "
                        + "destination [2] must have the same number of elements");
        assertThatThrownBy(() -> Ops.moveaxis(t, new int[] {0, 0}, new int[] {1, 2}))
                .hasMessage("moveaxis: source [0, 0] repeats axis 0 (shape (2, 3, 4))");
        assertThatThrownBy(() -> Ops.moveaxis(t, 3, 0)).isInstanceOf(ShapeException.class)
                .hasMessage("moveaxis: source axis 3 is out of bounds for a tensor of shape (2, 3, 4) (rank 3)");
        assertThatThrownBy(() -> Ops.swapaxes(t, 0, 5)).isInstanceOf(ShapeException.class)
                .hasMessageStartingWith("swapaxes: axis 5 is out of bounds");
        assertThatThrownBy(() -> Ops.hstack(List.of(t, input("V")))).isInstanceOf(ShapeException.class)
                .hasMessageStartingWith("hstack: shapes (2, 3, 4), (1, 3, 4) cannot be concatenated on axis 1");
        assertThatThrownBy(() -> Ops.vstack(List.of(t, v))).isInstanceOf(ShapeException.class)
                .hasMessage("vstack: all tensors must have the same rank, got shapes (2, 3, 4), (1, 3)");
        assertThatThrownBy(() -> Ops.dstack(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dstack: needs at least one tensor, got an empty list");
        assertThatThrownBy(() -> Ops.append(t, v, 0)).isInstanceOf(ShapeException.class)
                .hasMessageStartingWith("append: all tensors must have the same rank");
        assertThatThrownBy(() -> Ops.arraySplit(t, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("array_split: indices_or_sections must be a positive number");
        assertThatThrownBy(() -> Ops.hsplit(t, 2)).isInstanceOf(ShapeException.class)
                .hasMessage("hsplit: axis 1 of shape (2, 3, 4) has 3 elements, which cannot be split into 2 equal "
                        + "sections");
        assertThatThrownBy(() -> Ops.vsplit(v, 1)).isInstanceOf(ShapeException.class)
                .hasMessage("vsplit: x must have at least 2 axes, got shape (3,)");
        assertThatThrownBy(() -> Ops.dsplit(input("M"), 1)).isInstanceOf(ShapeException.class)
                .hasMessage("dsplit: x must have at least 3 axes, got shape (3, 4)");
        assertThatThrownBy(() -> Ops.diag(t)).isInstanceOf(ShapeException.class)
                .hasMessage("diag: x must be a vector (to make a matrix) or a matrix (to take its diagonal), got "
                        + "shape (2, 3, 4)");
        assertThatThrownBy(() -> Ops.diagonal(v)).isInstanceOf(ShapeException.class)
                .hasMessage("diagonal: x must have at least 2 axes, got shape (3,)");
        assertThatThrownBy(() -> Ops.trace(t, 0, 1, -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trace: axis1 and axis2 must be different axes, got 1 and -2 (shape (2, 3, 4))");
        assertThatThrownBy(() -> Ops.meshgrid(List.of(v), "yx")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("meshgrid: indexing must be 'xy' or 'ij', got 'yx'");
        assertThatThrownBy(() -> Ops.meshgrid(input("M"), v)).isInstanceOf(ShapeException.class)
                .hasMessage("meshgrid: every input must be a vector (as JAX requires), got shapes (3, 4), (3,)");
        assertThatThrownBy(() -> Ops.vander(t)).isInstanceOf(ShapeException.class)
                .hasMessage("vander: x must be a vector, got shape (2, 3, 4)");
        assertThatThrownBy(() -> Ops.vander(v, -1, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vander: N must be >= 0, got -1 (x of shape (3,))");
        assertThatThrownBy(() -> Ops.select(List.of(t), List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("select: condlist and choicelist must have the same length, got 1 and 0");
        assertThatThrownBy(() -> Ops.select(List.of(t), List.of(v))).isInstanceOf(ShapeException.class)
                .hasMessageStartingWith("select: conditions (2, 3, 4) and choices (3,) cannot be broadcast together");
        assertThatThrownBy(() -> Ops.unravelIndex(Ops.array(new float[] {12}), 3, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unravel_index: indices must be whole "
                        + "numbers in [-12, 12) for shape [3, 4], got 12.0 at position 0 (indices of shape (1,))");
        assertThatThrownBy(() -> Ops.unravelIndex(Ops.array(new float[] {1.5f}), 3, 4))
                .hasMessageContaining("got 1.5 at position 0");
        assertThatThrownBy(() -> Ops.linspace(0, 1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("linspace: num must be >= 0, got -1");
        assertThatThrownBy(() -> Ops.geomspace(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("geomspace: start and stop must be non-zero, got 0.0 and 1.0");
        assertThatThrownBy(() -> Ops.getItem(t, "2")).isInstanceOf(ShapeException.class)
                .hasMessage("get_item: index 2 is out of bounds for axis 0 of size 2 (shape (2, 3, 4), key 2)");
        assertThatThrownBy(() -> Ops.getItem(t, "0, 0, 0, 0")).isInstanceOf(ShapeException.class)
                .hasMessage("get_item: too many indices for shape (2, 3, 4): key [0, 0, 0, 0] indexes 4 axes, x has 3");
        assertThatThrownBy(() -> Ops.getItem(t, "..., 0, ...")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("get_item: an index can only have a single ellipsis");
        assertThatThrownBy(() -> Ops.getItem(t, "::0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("get_item: slice step cannot be zero");
        assertThatThrownBy(() -> Ops.getItem(t, "a:b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("get_item: 'a:b' in key 'a:b' is not an integer, a slice (start:stop:step), None or ...");
        assertThatThrownBy(() -> Ops.tri(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tri: N and M must be >= 0, got -1 and -1");
    }
}
