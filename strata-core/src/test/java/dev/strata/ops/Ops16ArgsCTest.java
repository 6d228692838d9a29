package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.autodiff.GradientTape;
import dev.strata.config.KerasConfigException;
import dev.strata.graph.Graph;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.saving.KerasConfig;
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
 * Issue 16's third round of op arguments against Keras (JAX backend): stft/istft with the window given as a tensor,
 * every case of {@code tools/golden/ops16_args_c.py} ({@link Ops16ArgsCGolden}) for its values and shape, its
 * gradient w.r.t. every input, the window included (jax.grad of {@code sum(W * f)}), a finite-difference check, and
 * the same shape from symbolic inputs; a window of the wrong shape and saving a tensor window are named errors.
 */
class Ops16ArgsCTest {
    /** A case: its golden name, its inputs (golden names) and the call. */
    record Case(String name, List<String> inputs, Function<List<Tensor>, Tensor> f) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Map<String, Case> CASES = new LinkedHashMap<>();

    private static void stft(String name, String x, String w, int len, int stride, int fft, boolean center) {
        CASES.put(name, new Case(name, List.of(x, w),
                in -> Ops.stack(Ops.stft(in.get(0), len, stride, fft, in.get(1), center), 0)));
    }

    private static void istft(String name, String re, String im, String w, int len, int stride, int fft,
                              Integer length, boolean center) {
        CASES.put(name, new Case(name, List.of(re, im, w),
                in -> Ops.istft(in.subList(0, 2), len, stride, fft, length, in.get(2), center)));
    }

    static {
        stft("STFT_W6_S3_F8_CENTER", "X", "W6", 6, 3, 8, true);
        stft("STFT_W6_S2_F8_NOCENTER", "X", "W6", 6, 2, 8, false);
        stft("STFT_W8NEG_S4_F8", "X1", "W8NEG", 8, 4, 8, true);
        stft("STFT_W6ZERO_S3_F10", "X", "W6ZERO", 6, 3, 10, true);
        istft("ISTFT_W6_S3_F8_CENTER", "RE", "IM", "W6", 6, 3, 8, null, true);
        istft("ISTFT_W6_S2_F8_LEN10_NOCENTER", "RE", "IM", "W6", 6, 2, 8, 10, false);
        istft("ISTFT_W8NEG_S4_F8", "RE1", "IM1", "W8NEG", 8, 4, 8, null, true);
        istft("ISTFT_W6ZERO_S4_F8_NOCENTER", "RE", "IM", "W6ZERO", 6, 4, 8, null, false);
    }

    static Stream<Arguments> cases() {
        return CASES.values().stream().map(Arguments::of);
    }

    static Object golden(String name) {
        try {
            return Ops16ArgsCGolden.class.getDeclaredField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(name, e);
        }
    }

    static Tensor input(String name) {
        return Tensor.of((float[]) golden("IN_" + name), (int[]) golden("IN_" + name + "_SHAPE"));
    }

    private static List<Tensor> inputs(Case c) {
        return new ArrayList<>(c.inputs().stream().map(Ops16ArgsCTest::input).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKeras(Case c) {
        Tensor y = c.f().apply(inputs(c));
        Ops13Checks.assertGolden(c.name(), y, Shape.of((int[]) golden(c.name() + "_SHAPE")),
                (float[]) golden(c.name()), 2e-5, 2e-5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientIsJaxsForEveryInputWindowIncluded(Case c) {
        List<Tensor> in = inputs(c);
        for (int i = 0; i < in.size(); i++) {
            Tensor x = in.get(i);
            Tensor g;
            try (GradientTape tape = GradientTape.record()) {
                tape.watch(x);
                Tensor y = c.f().apply(in);
                g = tape.gradient(Ops.sum(Ops.multiply(y, Ops16ArgsBTest.weights(y.shape()))), x);
            }
            assertThat(g).as(c.name() + " gradient " + i).isNotNull();
            Ops13Checks.assertGolden(c.name() + " gradient " + i, g, x.shape(),
                    (float[]) golden(c.name() + "_GRAD" + i), 1e-4, 1e-4);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void finiteDifferencesAgree(Case c) {
        List<Tensor> in = inputs(c);
        if (c.inputs().contains("W6ZERO") && c.name().startsWith("ISTFT")) {
            // the overlap-added squared window is 0 at the ends, where JAX's where(norm > 1e-10, norm, 1) jumps: a
            // step of the window's end samples crosses it, so finite differences apply to the spectrum only
            Tensor w = in.get(2);
            GradientCheck.of().eps(1e-3).tolerance(2e-2, 2e-3)
                    .verify(xs -> c.f().apply(List.of(xs.get(0), xs.get(1), w)), in.get(0), in.get(1));
            return;
        }
        GradientCheck.of().eps(1e-3).tolerance(2e-2, 2e-3).verify(c.f(), in.toArray(Tensor[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void symbolicShapeIsTheEagerShapeAndATracedModelComputesTheSame(Case c) {
        List<Tensor> in = inputs(c);
        List<Tensor> symbolic = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            symbolic.add(Graph.input(in.get(i).shape(), "x" + i));
        }
        Tensor y = c.f().apply(symbolic);
        assertThat(y.isSymbolic()).isTrue();
        Tensor eager = c.f().apply(in);
        assertThat(y.shape()).as(c.name()).isEqualTo(eager.shape());
    }

    @Test
    void aTracedModelWithATensorWindowRunsButCannotBeSavedAsInKeras() {
        Tensor x = Input.of("x", 20);
        Tensor w = Tensor.of((float[]) golden("IN_W6"), 6);
        List<Tensor> s = Ops.stft(x, 6, 3, 8, w, true);
        Model m = Model.of(List.of(x), List.of(s.get(0), Ops.istft(s, 6, 3, 8, 20, w, true)));
        Tensor batch = input("X");
        List<Tensor> got = m.predictOnBatch(List.of(batch));
        float[] stacked = (float[]) golden("STFT_W6_S3_F8_CENTER");
        Ops13Checks.assertGolden("traced stft real", got.get(0), Shape.of(2, 7, 5),
                java.util.Arrays.copyOf(stacked, 70), 2e-5, 2e-5);
        // the inverse of the forward transform with the same window gives the signal back
        Ops13Checks.assertGolden("traced istft(stft)", got.get(1), Shape.of(2, 20), (float[]) golden("IN_X"), 1e-4,
                1e-4);
        assertThatThrownBy(() -> KerasConfig.modelToJson(m)).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("stft_tensor_window")
                .hasMessageContaining("window given as a tensor cannot be saved")
                .hasMessageContaining("get_config raises NotImplementedError");
    }

    @Test
    void aNamedWindowAndTheSameWindowAsATensorAgree() {
        Tensor x = input("X");
        for (String name : List.of("hann", "hamming")) {
            Tensor w = Tensor.of(Stft.window(name, 6, 6), 6);
            List<Tensor> a = Ops.stft(x, 6, 3, 8, name, true);
            List<Tensor> b = Ops.stft(x, 6, 3, 8, w, true);
            Ops13Checks.assertGolden(name + " real", b.get(0), a.get(0).shape(), OpSupport.data(a.get(0)), 1e-6,
                    1e-6);
            Ops13Checks.assertGolden(name + " imag", b.get(1), a.get(1).shape(), OpSupport.data(a.get(1)), 1e-6,
                    1e-6);
            Ops13Checks.assertGolden(name + " istft", Ops.istft(b, 6, 3, 8, 20, w, true), Shape.of(2, 20),
                    OpSupport.data(Ops.istft(a, 6, 3, 8, 20, name, true)), 1e-5, 1e-5);
        }
    }

    @Test
    void aWindowOfTheWrongShapeIsANamedError() {
        Tensor x = input("X");
        assertThatThrownBy(() -> Ops.stft(x, 6, 3, 8, Tensor.zeros(5), true)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("stft: window must have shape [sequence_length] = [6], got shape (5,)");
        assertThatThrownBy(() -> Ops.stft(x, 6, 3, 8, Tensor.zeros(2, 3), true)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("stft: window must have shape [sequence_length] = [6], got shape (2, 3)");
        List<Tensor> spec = List.of(input("RE"), input("IM"));
        assertThatThrownBy(() -> Ops.istft(spec, 6, 3, 8, null, Tensor.zeros(8), true))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("istft: window must have shape [sequence_length] = [6], got shape (8,)");
        assertThatThrownBy(() -> Ops.stft(Graph.input(Shape.of(2, 20), "x"), 6, 3, 8,
                Graph.input(Shape.of(7), "w"), true)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("got shape (7,)");
        assertThatThrownBy(() -> Ops.stft(x, 6, 3, 4, Tensor.zeros(6), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fft_length must equal or be larger than sequence_length");
    }
}
