package dev.strata.ops;

import static dev.strata.ops.Ops13Checks.assertGolden;
import static dev.strata.ops.SegmentOpsTest.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.graph.PrimitiveOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * fft, fft2, ifft2, rfft, irfft, stft and istft against Keras 3 ({@link Ops16MathGolden}): radix-2 and Bluestein
 * lengths, fft_length cutting and padding, windows and centring; gradients against jax.grad and finite differences
 * (and second derivatives, the gradients being transforms too); symbolic shapes; errors.
 */
class FourierOpsTest {
    static final int U = Shape.UNKNOWN;
    private static final double RTOL = 1e-4;
    private static final double ATOL = 2e-5;

    private static Tensor t(String name, int... shape) {
        return Tensor.of(golden(name), shape);
    }

    /** The tape's gradients of {@code Σ w1·f(x)[0] + w2·f(x)[1]} with respect to each input. */
    private static List<Tensor> pairGradient(Function<List<Tensor>, List<Tensor>> f, List<Tensor> x, Tensor w1,
                                             Tensor w2) {
        return GradientCheck.analytic(in -> {
            List<Tensor> y = f.apply(in);
            return Ops.add(Ops.sum(Ops.multiply(y.get(0), w1)), Ops.sum(Ops.multiply(y.get(1), w2)));
        }, x, Tensor.scalar(1f));
    }

    @Test
    void fftMatchesKerasForRadix2AndBluesteinLengths() {
        for (int n : new int[] {1, 2, 5, 8, 12}) {
            String p = "FFT" + n;
            List<Tensor> x = List.of(t(p + "_RE", 2, n), t(p + "_IM", 2, n));
            List<Tensor> y = Ops.fft(x);
            assertGolden(p + " real", y.get(0), Shape.of(2, n), golden(p + "_OUT_RE"), RTOL, ATOL);
            assertGolden(p + " imag", y.get(1), Shape.of(2, n), golden(p + "_OUT_IM"), RTOL, ATOL);
            List<Tensor> g = pairGradient(Ops::fft, x, t(p + "_W1", 2, n), t(p + "_W2", 2, n));
            assertGolden("d " + p + " / d real", g.get(0), Shape.of(2, n), golden(p + "_GRAD_RE"), RTOL, ATOL);
            assertGolden("d " + p + " / d imag", g.get(1), Shape.of(2, n), golden(p + "_GRAD_IM"), RTOL, ATOL);
        }
        List<Tensor> empty = Ops.fft(List.of(Tensor.zeros(2, 0), Tensor.zeros(2, 0)));
        assertThat(empty.get(0).shape()).isEqualTo(Shape.of(2, 0));
        Tensor re = OpsTesting.random(1, 3, 6);
        Tensor im = OpsTesting.random(2, 3, 6);
        GradientCheck.check(in -> Ops.fft(in).get(0), re, im);
        GradientCheck.check(in -> Ops.fft(in).get(1), re, im);
        GradientCheck.check(in -> OpsTesting.innerGradient(v -> Ops.square(Ops.fft(List.of(v, in.get(0))).get(1)),
                in.get(1)), re, im);
    }

    @Test
    void fft2AndIfft2MatchKeras() {
        int[][] shapes = {{2, 3, 4}, {4, 6}, {5, 3}};
        String[] tags = {"A", "B", "C"};
        for (int i = 0; i < 3; i++) {
            String p = "F2" + tags[i];
            int[] s = shapes[i];
            List<Tensor> x = List.of(t(p + "_RE", s), t(p + "_IM", s));
            for (String name : new String[] {"FFT2", "IFFT2"}) {
                Function<List<Tensor>, List<Tensor>> f = name.equals("FFT2") ? Ops::fft2 : Ops::ifft2;
                List<Tensor> y = f.apply(x);
                String q = name + tags[i];
                assertGolden(q + " real", y.get(0), Shape.of(s), golden(q + "_OUT_RE"), RTOL, ATOL);
                assertGolden(q + " imag", y.get(1), Shape.of(s), golden(q + "_OUT_IM"), RTOL, ATOL);
                List<Tensor> g = pairGradient(f, x, t(p + "_W1", s), t(p + "_W2", s));
                assertGolden("d " + q + " / d real", g.get(0), Shape.of(s), golden(q + "_GRAD_RE"), RTOL, ATOL);
                assertGolden("d " + q + " / d imag", g.get(1), Shape.of(s), golden(q + "_GRAD_IM"), RTOL, ATOL);
            }
        }
        Tensor re = OpsTesting.random(3, 3, 5);
        Tensor im = OpsTesting.random(4, 3, 5);
        GradientCheck.check(in -> Ops.fft2(in).get(1), re, im);
        GradientCheck.check(in -> Ops.ifft2(in).get(0), re, im);
        List<Tensor> back = Ops.ifft2(Ops.fft2(List.of(re, im)));
        assertGolden("ifft2(fft2(x))", back.get(0), Shape.of(3, 5), re.toFloatArray(), 1e-5, 1e-6);
    }

    @Test
    void rfftAndIrfftMatchKerasWithCutAndPaddedLengths() {
        Tensor rx = t("RX", 2, 7);
        for (Integer n : new Integer[] {null, 4, 7, 8, 12}) {
            String tag = n == null ? "D" : n.toString();
            int bins = (n == null ? 7 : n) / 2 + 1;
            List<Tensor> y = n == null ? Ops.rfft(rx) : Ops.rfft(rx, n);
            assertGolden("rfft " + tag + " real", y.get(0), Shape.of(2, bins), golden("RFFT_" + tag + "_RE"), RTOL,
                    ATOL);
            assertGolden("rfft " + tag + " imag", y.get(1), Shape.of(2, bins), golden("RFFT_" + tag + "_IM"), RTOL,
                    ATOL);
            List<Tensor> g = pairGradient(in -> Rfft.rfft(in.get(0), n), List.of(rx), t("RW" + tag + "_1", 2, bins),
                    t("RW" + tag + "_2", 2, bins));
            assertGolden("d rfft " + tag, g.get(0), Shape.of(2, 7), golden("RFFT_" + tag + "_GRAD"), RTOL, ATOL);
        }
        List<Tensor> spectrum = List.of(t("IR_RE", 2, 5), t("IR_IM", 2, 5));
        for (Integer n : new Integer[] {null, 4, 7, 8, 9, 12}) {
            String tag = n == null ? "D" : n.toString();
            int len = n == null ? 8 : n;
            Tensor y = n == null ? Ops.irfft(spectrum) : Ops.irfft(spectrum, n);
            assertGolden("irfft " + tag, y, Shape.of(2, len), golden("IRFFT_" + tag), RTOL, ATOL);
            List<Tensor> g = GradientCheck.analytic(in -> Rfft.irfft(in, n), spectrum, t("IRW" + tag, 2, len));
            assertGolden("d irfft " + tag + " / d real", g.get(0), Shape.of(2, 5), golden("IRFFT_" + tag + "_GRAD_RE"),
                    RTOL, ATOL);
            assertGolden("d irfft " + tag + " / d imag", g.get(1), Shape.of(2, 5), golden("IRFFT_" + tag + "_GRAD_IM"),
                    RTOL, ATOL);
        }
        Tensor x = OpsTesting.random(5, 2, 9);
        GradientCheck.check(in -> Ops.rfft(in.get(0), 6).get(1), x);
        GradientCheck.check(in -> Ops.irfft(in, 9), OpsTesting.random(6, 2, 5), OpsTesting.random(7, 2, 5));
        GradientCheck.check(in -> OpsTesting.innerGradient(v -> Ops.square(Ops.irfft(List.of(v, in.get(0)))),
                in.get(1)), OpsTesting.random(8, 3, 4), OpsTesting.random(9, 3, 4));
        assertGolden("irfft(rfft(x), 9)", Ops.irfft(Ops.rfft(x), 9), Shape.of(2, 9), x.toFloatArray(), 1e-5, 1e-6);
    }

    @Test
    void stftAndIstftMatchKerasForEachWindowAndCentring() {
        Tensor sx = t("SX", 2, 16);
        String[] windows = {"hann", "hamming", null};
        for (int i = 0; i < Ops16MathGolden.STFT_CASES.length; i++) {
            int[] c = Ops16MathGolden.STFT_CASES[i];
            String window = windows[c[3]];
            boolean center = c[4] == 1;
            int[] shape = shape("STFT" + i + "_SHAPE");
            List<Tensor> y = Ops.stft(sx, c[0], c[1], c[2], window, center);
            String what = "stft case " + i;
            assertGolden(what + " real", y.get(0), Shape.of(shape), golden("STFT" + i + "_RE"), RTOL, ATOL);
            assertGolden(what + " imag", y.get(1), Shape.of(shape), golden("STFT" + i + "_IM"), RTOL, ATOL);
            List<Tensor> g = pairGradient(in -> Ops.stft(in.get(0), c[0], c[1], c[2], window, center), List.of(sx),
                    t("SW" + i + "_1", shape), t("SW" + i + "_2", shape));
            assertGolden("d " + what, g.get(0), Shape.of(2, 16), golden("STFT" + i + "_GRAD"), RTOL, ATOL);
            int[] outShape = shape("ISTFT" + i + "_SHAPE");
            assertGolden("istft(stft) case " + i, Ops.istft(y, c[0], c[1], c[2], null, window, center),
                    Shape.of(outShape), golden("ISTFT" + i + "_BACK"), RTOL, ATOL);
            List<Tensor> z = List.of(t("ISTFT" + i + "_RE", shape), t("ISTFT" + i + "_IM", shape));
            assertGolden("istft case " + i, Ops.istft(z, c[0], c[1], c[2], null, window, center), Shape.of(outShape),
                    golden("ISTFT" + i), RTOL, ATOL);
            List<Tensor> gz = GradientCheck.analytic(in -> Ops.istft(in, c[0], c[1], c[2], null, window, center), z,
                    t("ISTFT" + i + "_W", outShape));
            assertGolden("d istft case " + i + " / d real", gz.get(0), Shape.of(shape), golden("ISTFT" + i
                    + "_GRAD_RE"), RTOL, ATOL);
            assertGolden("d istft case " + i + " / d imag", gz.get(1), Shape.of(shape), golden("ISTFT" + i
                    + "_GRAD_IM"), RTOL, ATOL);
        }
        assertGolden("istft length 10", Ops.istft(Ops.stft(sx, 8, 4, 8), 8, 4, 8, 10, "hann", true), Shape.of(2, 10),
                Ops16MathGolden.ISTFT0_LEN10, RTOL, ATOL);
        Tensor x = OpsTesting.random(10, 2, 11);
        GradientCheck.check(in -> Ops.stft(in.get(0), 5, 3, 6, "hamming", true).get(1), x);
        GradientCheck.check(in -> Ops.istft(in, 4, 2, 6), OpsTesting.random(11, 2, 4, 4), OpsTesting.random(12, 2, 4,
                4));
    }

    @Test
    void symbolicShapesAgreeWithEagerOnes() {
        SymbolicTensor x = Graph.input(Shape.of(U, 3, 8), "x");
        List<Tensor> pair = List.of(x, x);
        assertThat(Ops.fft(pair).get(1).shape()).isEqualTo(x.shape());
        assertThat(Ops.fft2(pair).get(0).shape()).isEqualTo(x.shape());
        assertThat(Ops.ifft2(pair).get(0).shape()).isEqualTo(x.shape());
        assertThat(Ops.rfft(x).get(0).shape()).isEqualTo(Shape.of(U, 3, 5));
        assertThat(Ops.rfft(x, 5).get(1).shape()).isEqualTo(Shape.of(U, 3, 3));
        assertThat(Ops.irfft(pair).shape()).isEqualTo(Shape.of(U, 3, 14));
        assertThat(Ops.irfft(pair, 5).shape()).isEqualTo(Shape.of(U, 3, 5));
        assertThat(Ops.rfft(Graph.input(Shape.of(2, U), "y")).get(0).shape()).isEqualTo(Shape.of(2, U));
        Tensor concrete = OpsTesting.random(1, 2, 3, 8);
        List<Tensor> cpair = List.of(concrete, concrete);
        assertThat(Ops.irfft(cpair).shape()).isEqualTo(Shape.of(2, 3, 14));
        assertThat(Ops.rfft(concrete, 5).get(1).shape()).isEqualTo(Shape.of(2, 3, 3));
        int[][] cases = {{4, 2, 4, 1}, {5, 3, 6, 0}, {3, 1, 8, 1}, {8, 8, 8, 1}};
        for (int[] c : cases) {
            boolean center = c[3] == 1;
            List<Tensor> sym = Ops.stft(x, c[0], c[1], c[2], "hann", center);
            List<Tensor> eager = Ops.stft(concrete, c[0], c[1], c[2], "hann", center);
            assertThat(sym.get(0).shape().withDim(0, 2)).isEqualTo(eager.get(0).shape());
            Tensor back = Ops.istft(sym, c[0], c[1], c[2], null, "hann", center);
            assertThat(back.shape().withDim(0, 2)).isEqualTo(Ops.istft(eager, c[0], c[1], c[2], null, "hann", center)
                    .shape());
        }
        var op = (PrimitiveOp) Graph.producer((SymbolicTensor) Ops.stft(x, 4, 2, 8, (String) null, false).get(0)).orElseThrow()
                .operation();
        assertThat(op.name()).isEqualTo("stft");
        assertThat(op.config()).containsEntry("window", null).containsEntry("center", false)
                .containsEntry("fft_length", 8);
        assertThat(Ops.stft(Graph.input(Shape.of(2, U), "s"), 4, 2, 4).get(0).shape()).isEqualTo(Shape.of(2, U, 3));
        assertThat(Ops.istft(List.of(x, x), 4, 2, 6, 5, "hann", true).shape()).isEqualTo(Shape.of(U, 5));
    }

    @Test
    void badInputNamesTheOpAndTheShapes() {
        Tensor a = Tensor.zeros(2, 4);
        assertThatThrownBy(() -> Ops.fft(List.of(a, Tensor.zeros(2, 5)))).isInstanceOf(ShapeException.class)
                .hasMessage("fft: the real and imaginary parts must have the same shape, got x[0].shape = (2, 4) and "
                        + "x[1].shape = (2, 5)");
        assertThatThrownBy(() -> Ops.fft(List.of(a))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fft: x must be a pair (real, imag) of two tensors, got 1 element(s)");
        assertThatThrownBy(() -> Ops.fft2(List.of(Tensor.zeros(3), Tensor.zeros(3))))
                .isInstanceOf(ShapeException.class).hasMessage("fft2: x must have rank >= 2, got shape (3,)");
        SymbolicTensor open = Graph.input(Shape.of(2, U), "x");
        assertThatThrownBy(() -> Ops.fft(List.of(open, open))).isInstanceOf(ShapeException.class)
                .hasMessage("fft: the last axis must be known, got shape (2, None)");
        assertThatThrownBy(() -> Ops.rfft(a, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rfft: fft_length must be positive, got 0 (x shape (2, 4))");
        assertThatThrownBy(() -> Ops.irfft(List.of(Tensor.zeros(2, 1), Tensor.zeros(2, 1))))
                .isInstanceOf(ShapeException.class).hasMessageContaining("give fft_length");
        assertThatThrownBy(() -> Ops.stft(a, 5, 1, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stft: fft_length must equal or be larger than sequence_length, got sequence_length=5, "
                        + "fft_length=4");
        assertThatThrownBy(() -> Ops.stft(a, 2, 0, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sequence_length and sequence_stride must be positive");
        assertThatThrownBy(() -> Ops.stft(a, 2, 1, 4, "blackman", true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stft: window must be \"hann\", \"hamming\" or null (none), got \"blackman\"");
        assertThatThrownBy(() -> Ops.stft(Tensor.zeros(2, 0), 4, 1, 8)).isInstanceOf(ShapeException.class)
                .hasMessage("stft: the signal is empty (last axis 0) in shape (2, 0)");
        assertThatThrownBy(() -> Ops.stft(Tensor.zeros(2, 3), 4, 1, 8, "hann", false))
                .isInstanceOf(ShapeException.class).hasMessageContaining("shorter than one frame of fft_length 8");
        assertThatThrownBy(() -> Ops.istft(List.of(Tensor.zeros(4), Tensor.zeros(4)), 4, 2, 4))
                .isInstanceOf(ShapeException.class).hasMessage("istft: x must have rank >= 2, got shape (4,)");
        assertThatThrownBy(() -> Ops.istft(List.of(Tensor.zeros(1, 3, 3), Tensor.zeros(1, 3, 3)), 4, 2, 4, 20, "hann",
                true)).isInstanceOf(ShapeException.class).hasMessageContaining("too few for length 20");
    }

    private static int[] shape(String name) {
        try {
            return (int[]) Ops16MathGolden.class.getDeclaredField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
