package dev.strata.internal.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convolution kernels against a float64 reference written straight from the definition, on both GEMMs (vector
 * and scalar), for 1-D to 3-D geometries with strides, dilations, padding, groups, depthwise and pointwise cases,
 * some large enough to be split into chunks, slabs and threads; and the same bits for every thread count.
 */
class ConvolutionTest {
    private static final Kernels SCALAR = KernelProvider.scalar();
    private static final Kernels VECTOR = KernelProvider.vector().orElseThrow(
            () -> new IllegalStateException("the tests need --add-modules jdk.incubator.vector"));

    @AfterEach
    void restoreThreads() {
        Parallelism.setNumThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /** batch, in, channels, out, filters, kernel, strides, dilations, pads, groups. */
    record Case(String name, int batch, int[] in, int channels, int filters, int[] kernel, int[] strides,
                int[] dilations, int[] pads, int groups) {
        ConvGeometry geometry() {
            int[] out = new int[in.length];
            for (int i = 0; i < in.length; i++) {
                // "same"-like sizes when padded, "valid" otherwise
                int eff = (kernel[i] - 1) * dilations[i] + 1;
                out[i] = (in[i] + 2 * pads[i] - eff) / strides[i] + 1;
            }
            return ConvGeometry.of(batch, in, channels, out, filters, kernel, strides, dilations, pads, groups);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("1d", 2, new int[] {9}, 3, 4, new int[] {3}, new int[] {2}, new int[] {1}, new int[] {1}, 1),
                new Case("1d dilated", 2, new int[] {11}, 2, 3, new int[] {3}, new int[] {1}, new int[] {3},
                        new int[] {0}, 1),
                new Case("2d", 3, new int[] {7, 6}, 3, 5, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1},
                        new int[] {1, 1}, 1),
                new Case("2d strided asymmetric", 2, new int[] {8, 7}, 2, 3, new int[] {2, 3}, new int[] {2, 3},
                        new int[] {1, 1}, new int[] {0, 1}, 1),
                new Case("2d dilated", 1, new int[] {9, 9}, 2, 2, new int[] {3, 3}, new int[] {1, 1},
                        new int[] {2, 2}, new int[] {2, 2}, 1),
                new Case("2d groups", 2, new int[] {6, 6}, 6, 4, new int[] {3, 3}, new int[] {1, 1},
                        new int[] {1, 1}, new int[] {1, 1}, 2),
                new Case("2d depthwise", 2, new int[] {6, 5}, 4, 4, new int[] {3, 3}, new int[] {2, 1},
                        new int[] {1, 1}, new int[] {1, 1}, 4),
                new Case("2d depthwise x3", 2, new int[] {5, 6}, 3, 9, new int[] {3, 2}, new int[] {1, 1},
                        new int[] {1, 2}, new int[] {1, 0}, 3),
                new Case("2d pointwise", 2, new int[] {5, 4}, 7, 3, new int[] {1, 1}, new int[] {1, 1},
                        new int[] {1, 1}, new int[] {0, 0}, 1),
                new Case("3d", 2, new int[] {4, 5, 4}, 2, 3, new int[] {2, 3, 2}, new int[] {1, 2, 1},
                        new int[] {1, 1, 1}, new int[] {1, 1, 0}, 1),
                // large enough for several chunks, slabs and threads
                new Case("2d large", 8, new int[] {20, 20}, 16, 24, new int[] {3, 3}, new int[] {1, 1},
                        new int[] {1, 1}, new int[] {1, 1}, 1),
                new Case("2d large depthwise", 8, new int[] {24, 24}, 32, 32, new int[] {3, 3}, new int[] {1, 1},
                        new int[] {1, 1}, new int[] {1, 1}, 32),
                new Case("2d large one channel", 16, new int[] {28, 28}, 1, 32, new int[] {3, 3}, new int[] {1, 1},
                        new int[] {1, 1}, new int[] {0, 0}, 1));
    }

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextFloat() * 2 - 1;
        }
        return a;
    }

    /** The input position of output o's tap t on one axis, or -1 outside. */
    private static int at(int o, int t, int s, int d, int p, int in) {
        int i = o * s + t * d - p;
        return i >= 0 && i < in ? i : -1;
    }

    /** Forward, input gradient and kernel gradient from the definition, in float64. */
    private static double[][] reference(Case c, ConvGeometry g, float[] x, float[] w, float[] dy) {
        int[] in = lift(c.in(), 1);
        int[] k = lift(c.kernel(), 1);
        int[] s = lift(c.strides(), 1);
        int[] d = lift(c.dilations(), 1);
        int[] p = lift(c.pads(), 0);
        int[] out = {g.outD, g.outH, g.outW};
        int cg = c.channels() / c.groups();
        int fg = c.filters() / c.groups();
        int f = c.filters();
        double[] y = new double[g.outputSize()];
        double[] dx = new double[g.inputSize()];
        double[] dw = new double[g.kernelSize()];
        for (int n = 0; n < c.batch(); n++) {
            for (int o0 = 0; o0 < out[0]; o0++) {
                for (int o1 = 0; o1 < out[1]; o1++) {
                    for (int o2 = 0; o2 < out[2]; o2++) {
                        int yPos = ((n * out[0] + o0) * out[1] + o1) * out[2] + o2;
                        for (int t0 = 0; t0 < k[0]; t0++) {
                            int i0 = at(o0, t0, s[0], d[0], p[0], in[0]);
                            for (int t1 = 0; t1 < k[1]; t1++) {
                                int i1 = at(o1, t1, s[1], d[1], p[1], in[1]);
                                for (int t2 = 0; t2 < k[2]; t2++) {
                                    int i2 = at(o2, t2, s[2], d[2], p[2], in[2]);
                                    if (i0 < 0 || i1 < 0 || i2 < 0) {
                                        continue;
                                    }
                                    int xPos = ((n * in[0] + i0) * in[1] + i1) * in[2] + i2;
                                    int tap = (t0 * k[1] + t1) * k[2] + t2;
                                    for (int ff = 0; ff < f; ff++) {
                                        int grp = ff / fg;
                                        for (int cc = 0; cc < cg; cc++) {
                                            int xi = xPos * c.channels() + grp * cg + cc;
                                            int wi = (tap * cg + cc) * f + ff;
                                            int yi = yPos * f + ff;
                                            y[yi] += (double) x[xi] * w[wi];
                                            dx[xi] += (double) dy[yi] * w[wi];
                                            dw[wi] += (double) dy[yi] * x[xi];
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new double[][] {y, dx, dw};
    }

    private static int[] lift(int[] a, int fill) {
        int[] out = new int[3];
        java.util.Arrays.fill(out, fill);
        System.arraycopy(a, 0, out, 3 - a.length, a.length);
        return out;
    }

    private static void assertClose(String what, float[] actual, double[] expected) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(actual[i] - expected[i]) > 1e-5 * Math.max(1, scale) + 1e-5 * Math.abs(expected[i])) {
                throw new AssertionError(what + " element " + i + ": got " + actual[i] + ", expected " + expected[i]);
            }
        }
    }

    private static float[][] run(Kernels k, ConvGeometry g, float[] x, float[] w, float[] dy) {
        float[] y = new float[g.outputSize()];
        float[] dx = new float[g.inputSize()];
        float[] dw = new float[g.kernelSize()];
        java.util.Arrays.fill(y, Float.NaN); // every element must be written
        java.util.Arrays.fill(dx, Float.NaN);
        java.util.Arrays.fill(dw, Float.NaN);
        Convolution.forward(k, g, x, w, y);
        Convolution.backwardInput(k, g, dy, w, dx);
        Convolution.backwardKernel(k, g, x, dy, dw);
        return new float[][] {y, dx, dw};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheDefinitionOnBothGemms(Case c) {
        ConvGeometry g = c.geometry();
        Random r = new Random(c.name().hashCode());
        float[] x = random(r, g.inputSize());
        float[] w = random(r, g.kernelSize());
        float[] dy = random(r, g.outputSize());
        double[][] ref = reference(c, g, x, w, dy);
        for (Kernels k : List.of(VECTOR, SCALAR)) {
            float[][] got = run(k, g, x, w, dy);
            assertClose(k.name() + " forward", got[0], ref[0]);
            assertClose(k.name() + " input gradient", got[1], ref[1]);
            assertClose(k.name() + " kernel gradient", got[2], ref[2]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void biasAndReluInTheForwardPassAreTheSeparatePasses(Case c) {
        ConvGeometry g = c.geometry();
        Random r = new Random(c.name().hashCode() + 1);
        float[] x = random(r, g.inputSize());
        float[] w = random(r, g.kernelSize());
        float[] bias = random(r, c.filters());
        for (Kernels k : List.of(VECTOR, SCALAR)) {
            float[] separate = new float[g.outputSize()];
            Convolution.forward(k, g, x, w, separate);
            k.addToRows(separate, 0, g.outputSize() / c.filters(), c.filters(), bias, 0);
            k.binaryScalarRight(BinaryOp.MAXIMUM, separate, 0, 0f, separate, 0, separate.length);
            float[] fused = new float[g.outputSize()];
            Arrays.fill(fused, Float.NaN);
            Convolution.forward(k, g, x, w, bias, true, fused);
            assertThat(Arrays.mismatch(fused, separate)).as(k.name() + ": first element that differs").isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theSameBitsForEveryThreadCount(Case c) {
        ConvGeometry g = c.geometry();
        Random r = new Random(7);
        float[] x = random(r, g.inputSize());
        float[] w = random(r, g.kernelSize());
        float[] dy = random(r, g.outputSize());
        Parallelism.setNumThreads(1);
        float[][] one = run(VECTOR, g, x, w, dy);
        for (int threads : new int[] {2, 3, 5}) {
            Parallelism.setNumThreads(threads);
            float[][] many = run(VECTOR, g, x, w, dy);
            for (int i = 0; i < 3; i++) {
                // (AssertJ's containsExactly is quadratic on arrays this large)
                assertThat(Arrays.mismatch(many[i], one[i])).as(threads + " threads, output " + i + ": first element "
                        + "that differs").isEqualTo(-1);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anInferenceEpilogueInTheForwardPassIsTheSeparatePasses(Case c) {
        ConvGeometry g = c.geometry();
        Random r = new Random(c.name().hashCode() + 2);
        float[] x = random(r, g.inputSize());
        float[] w = random(r, g.kernelSize());
        float[] bias = random(r, c.filters());
        float[] scale = random(r, c.filters());
        float[] shift = random(r, c.filters());
        int rows = g.outputSize() / c.filters();
        for (Kernels k : List.of(VECTOR, SCALAR)) {
            for (boolean withBias : new boolean[] {true, false}) {
                float[] separate = new float[g.outputSize()];
                Convolution.forward(k, g, x, w, separate);
                if (withBias) {
                    k.addToRows(separate, 0, rows, c.filters(), bias, 0);
                }
                for (int i = 0; i < separate.length; i++) { // batch norm's multiply and add, then relu6's clamp
                    int ch = i % c.filters();
                    separate[i] = separate[i] * scale[ch];
                    separate[i] = separate[i] + shift[ch];
                    separate[i] = Math.min(Math.max(separate[i], 0f), 6f);
                }
                float[] fused = new float[g.outputSize()];
                Arrays.fill(fused, Float.NaN);
                Convolution.forward(k, g, x, w, new ConvEpilogue(withBias ? bias : null, scale, shift, 0f, 6f), fused);
                assertThat(Arrays.mismatch(fused, separate)).as(k.name() + ", bias " + withBias
                        + ": first element that differs").isEqualTo(-1);
            }
        }
    }

    static Stream<Case> packedCases() {
        return Stream.concat(cases().filter(c -> c.groups() == 1), Stream.of(
                // several blocks of k (576 = 3 x 192), filters not a multiple of the register tile, strides
                new Case("2d wide", 2, new int[] {14, 14}, 64, 100, new int[] {3, 3}, new int[] {1, 1},
                        new int[] {1, 1}, new int[] {1, 1}, 1),
                new Case("2d wide strided", 3, new int[] {15, 15}, 40, 64, new int[] {3, 3}, new int[] {2, 2},
                        new int[] {1, 1}, new int[] {1, 1}, 1),
                new Case("2d pointwise large", 4, new int[] {28, 28}, 96, 72, new int[] {1, 1}, new int[] {1, 1},
                        new int[] {1, 1}, new int[] {0, 0}, 1),
                // fewer rows than Convolution.FEW_ROWS and work enough for the GEMM to split over columns
                new Case("2d few rows", 1, new int[] {7, 7}, 256, 200, new int[] {3, 3}, new int[] {1, 1},
                        new int[] {1, 1}, new int[] {1, 1}, 1),
                new Case("2d few rows strided", 2, new int[] {13, 13}, 96, 128, new int[] {3, 3}, new int[] {2, 2},
                        new int[] {1, 1}, new int[] {0, 0}, 1),
                new Case("2d pointwise few rows", 1, new int[] {14, 14}, 512, 230, new int[] {1, 1},
                        new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0}, 1)));
    }

    /**
     * An inference convolution of one group with fewer rows than {@link Convolution#FEW_ROWS}, on several threads,
     * runs one GEMM over all its rows (split over columns) and then the epilogue: those bits, with the kernel packed
     * ahead or not. (On one thread it runs chunks of rows, whose last chunk may be small enough for the GEMM's
     * direct path, so its last bits can differ there, as before this path existed.)
     */
    static Stream<Case> fewRowsCases() {
        return packedCases().filter(c -> c.geometry().rows < Convolution.FEW_ROWS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fewRowsCases")
    void anInferenceConvolutionWithFewRowsIsOneGemmOverAllRows(Case c) {
        ConvGeometry g = c.geometry();
        int f = c.filters();
        Random r = new Random(c.name().hashCode() + 5);
        float[] x = random(r, g.inputSize());
        float[] w = random(r, g.kernelSize());
        ConvEpilogue e = new ConvEpilogue(random(r, f), random(r, f), random(r, f), 0f, 6f);
        float[] panel = x;
        if (!g.isPointwise()) {
            panel = new float[g.rows * g.kdim];
            Convolution.im2col(g, x, 0, g.rows, 0, panel);
        }
        for (Kernels k : List.of(VECTOR, SCALAR)) {
            Parallelism.setNumThreads(1);
            float[] expected = new float[g.outputSize()];
            k.dense(g.rows, f, g.kdim, panel, 0, w, 0, null, 0, false, expected, 0);
            e.apply(expected, 0, g.rows, f);
            PackedKernel packed = Convolution.pack(k, g, w);
            for (int threads : new int[] {2, 3}) {
                Parallelism.setNumThreads(threads);
                for (PackedKernel p : Arrays.asList(null, packed)) {
                    float[] y = new float[g.outputSize()];
                    Arrays.fill(y, Float.NaN);
                    Convolution.forward(k, g, x, w, p, e, y);
                    assertThat(Arrays.mismatch(y, expected)).as(k.name() + ", " + threads + " threads, packed "
                            + "ahead " + (p != null) + ": first element that differs").isEqualTo(-1);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packedCases")
    void aKernelPackedAheadGivesTheSameBits(Case c) {
        ConvGeometry g = c.geometry();
        assertThat(Convolution.takesPacked(g)).isTrue();
        Random r = new Random(c.name().hashCode() + 4);
        float[] x = random(r, g.inputSize());
        float[] w = random(r, g.kernelSize());
        float[] bias = random(r, c.filters());
        float[] scale = random(r, c.filters());
        float[] shift = random(r, c.filters());
        ConvEpilogue e = new ConvEpilogue(bias, scale, shift, 0f, 6f);
        for (int threads : new int[] {1, 2, 3}) {
            Parallelism.setNumThreads(threads);
            for (Kernels k : List.of(VECTOR, SCALAR)) {
                PackedKernel packed = Convolution.pack(k, g, w);
                float[] plain = new float[g.outputSize()];
                float[] ahead = new float[g.outputSize()];
                Convolution.forward(k, g, x, w, bias, true, plain);
                Arrays.fill(ahead, Float.NaN);
                Convolution.forward(k, g, x, w, packed, bias, true, ahead);
                assertThat(Arrays.mismatch(ahead, plain)).as(k.name() + ", " + threads + " threads, bias and relu: "
                        + "first element that differs").isEqualTo(-1);
                Convolution.forward(k, g, x, w, e, plain);
                Arrays.fill(ahead, Float.NaN);
                Convolution.forward(k, g, x, w, packed, e, ahead);
                assertThat(Arrays.mismatch(ahead, plain)).as(k.name() + ", " + threads + " threads, epilogue: "
                        + "first element that differs").isEqualTo(-1);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void groupedAndDepthwiseConvolutionsTakeNoPackedKernel() {
        assertThat(cases().filter(c -> c.groups() > 1).map(c -> Convolution.takesPacked(c.geometry())))
                .isNotEmpty().containsOnly(false);
    }

    static Stream<Case> depthwiseCases() {
        return Stream.concat(cases().filter(c -> c.groups() == c.channels() && c.filters() == c.channels()),
                Stream.of(
                        // channels not a multiple of the vector, strides, dilation, padding on one side only
                        new Case("depthwise 40 channels", 3, new int[] {9, 8}, 40, 40, new int[] {3, 3},
                                new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 0}, 40),
                        new Case("depthwise 5 channels dilated", 2, new int[] {10, 10}, 5, 5, new int[] {3, 3},
                                new int[] {1, 1}, new int[] {2, 2}, new int[] {2, 2}, 5),
                        new Case("depthwise 1-d 144 channels", 2, new int[] {12}, 144, 144, new int[] {5},
                                new int[] {1}, new int[] {1}, new int[] {2}, 144),
                        new Case("depthwise 3-d 17 channels", 2, new int[] {4, 5, 5}, 17, 17, new int[] {3, 3, 3},
                                new int[] {1, 2, 1}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, 17)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("depthwiseCases")
    void theVectorDepthwiseLoopIsTheScalarLoop(Case c) {
        ConvGeometry g = c.geometry();
        Random r = new Random(c.name().hashCode() + 3);
        float[] x = random(r, g.inputSize());
        float[] w = random(r, g.kernelSize());
        x[0] = -0f; // a signed zero product: both loops start from +0
        int rows = g.outputSize() / c.filters();
        float[] scalar = new float[g.outputSize()];
        float[] vector = new float[g.outputSize()];
        Arrays.fill(vector, Float.NaN);
        Convolution.depthwiseForward(g, x, w, scalar, 0, rows);
        VectorConvKernels.forward(g, x, w, vector, 0, rows / 2);
        VectorConvKernels.forward(g, x, w, vector, rows / 2, rows);
        assertThat(Arrays.mismatch(vector, scalar)).as("first element that differs").isEqualTo(-1);
    }

    /**
     * The GEMM that applies an inference convolution's epilogue as it writes its output (the packed path, the
     * kernel packed ahead or not, one row streamed, one or two threads) gives the bits of the product followed by
     * the epilogue's steps as separate passes; NaN (a whole row of x, one channel's scale) and infinities pass
     * through as they would there.
     */
    @org.junit.jupiter.api.Test
    void theGemmEpilogueIsTheSeparatePasses() {
        Random r = new Random(12);
        int[][] shapes = {{200, 77, 96}, {49, 320, 160}, {30, 37, 600}, {1, 1003, 600}, {1, 1000, 520},
                {7, 9, 20}, {130, 1, 700}, {61, 24, 1}};
        float inf = Float.POSITIVE_INFINITY;
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int kk = s[2];
            float[] x = random(r, m * kk);
            Arrays.fill(x, 0, kk, Float.NaN);
            float[] w = random(r, kk * n);
            float[] bias = random(r, n);
            float[] scale = random(r, n);
            float[] shift = random(r, n);
            scale[n / 2] = Float.NaN;
            shift[n - 1] = Float.NEGATIVE_INFINITY;
            for (ConvEpilogue e : List.of(new ConvEpilogue(null, null, null, 0f, inf),
                    new ConvEpilogue(null, scale, shift, 0f, 6f),
                    new ConvEpilogue(bias, scale, shift, 0f, 6f),
                    new ConvEpilogue(bias, null, null, Float.NEGATIVE_INFINITY, inf),
                    new ConvEpilogue(null, scale, shift, Float.NEGATIVE_INFINITY, inf),
                    new ConvEpilogue(bias, scale, shift, 0f, inf))) {
                for (Kernels k : List.of(VECTOR, SCALAR)) {
                    for (int threads : new int[] {1, 2}) {
                        Parallelism.setNumThreads(threads);
                        float[] expected = new float[m * n];
                        k.dense(m, n, kk, x, 0, w, 0, null, 0, false, expected, 0);
                        for (int i = 0; i < expected.length; i++) {
                            int c = i % n;
                            float v = expected[i];
                            if (e.bias() != null) {
                                v = v + bias[c];
                            }
                            if (e.scale() != null) {
                                v = v * scale[c];
                                v = v + shift[c];
                            }
                            v = e.lo() == 0f ? Math.max(v, 0f) : v;
                            v = e.hi() == 6f ? Math.min(v, 6f) : v;
                            expected[i] = v;
                        }
                        String what = k.name() + ", " + m + "x" + n + "x" + kk + ", " + threads + " threads, "
                                + e + ": first element that differs";
                        float[] y = new float[m * n];
                        Arrays.fill(y, Float.NaN);
                        k.dense(m, n, kk, x, 0, w, 0, e, y, 0);
                        assertThat(Arrays.mismatch(y, expected)).as(what).isEqualTo(-1);
                        Arrays.fill(y, Float.NaN);
                        k.dense(m, k.packKernel(kk, n, w, 0), x, 0, e, y, 0);
                        assertThat(Arrays.mismatch(y, expected)).as("packed ahead, " + what).isEqualTo(-1);
                    }
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theVectorEpilogueIsTheScalarOne() {
        Random r = new Random(5);
        for (int f : new int[] {1, 7, 16, 40, 96}) {
            int rows = 5;
            float[] y = random(r, rows * f);
            y[0] = Float.NaN;
            y[y.length - 1] = -0f;
            y[y.length / 2] = Float.NEGATIVE_INFINITY;
            float[] bias = random(r, f);
            float[] scale = random(r, f);
            float[] shift = random(r, f);
            for (ConvEpilogue e : List.of(new ConvEpilogue(bias, scale, shift, 0f, 6f),
                    new ConvEpilogue(null, scale, shift, 0f, Float.POSITIVE_INFINITY),
                    new ConvEpilogue(bias, null, null, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY),
                    new ConvEpilogue(null, null, null, -0.5f, 0.5f))) {
                float[] scalar = y.clone();
                float[] vector = y.clone();
                e.apply(scalar, f, rows - 1, f); // from the second row: an offset
                VectorConvKernels.epilogue(e, vector, f, rows - 1, f);
                assertThat(Arrays.mismatch(vector, scalar)).as(f + " channels: first element that differs")
                        .isEqualTo(-1);
            }
        }
    }
}
