package dev.strata.internal.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.strata.Strata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both GEMMs (scalar and Vector API) against a float64 reference: sizes 0 and 1, sizes that are not multiples
 * of the register tiles or cache blocks (so every edge path runs), the direct small-product path and the
 * packed path, sub-matrix views, all four transposes, alpha/beta, and the multi-threaded split (identical
 * bits whatever the thread count).
 */
class GemmTest {
    private static final int THREADS = Strata.numThreads();

    @AfterEach
    void restoreThreads() {
        Strata.setNumThreads(THREADS);
    }

    /** The scalar kernels and the Vector API kernels with each GEMM tile, whichever this machine would choose. */
    static Stream<Kernels> kernels() {
        List<Kernels> list = new ArrayList<>();
        list.add(KernelProvider.scalar());
        if (KernelProvider.vector().isPresent()) {
            for (GemmTile tile : GemmTile.values()) {
                list.add(new VectorKernels(tile));
            }
        }
        return list.stream();
    }

    @Test
    void vectorKernelsAreAvailableInTheTestJvm() {
        // The build runs tests with --add-modules jdk.incubator.vector; without it half of this class would
        // silently test nothing.
        assertThat(KernelProvider.vector()).isPresent();
    }

    static Stream<Arguments> shapes() {
        int[][] mnk = {
            {0, 5, 3}, {4, 0, 3}, {4, 5, 0}, {1, 1, 1}, {1, 7, 1}, {7, 1, 9}, {1, 1, 40}, {2, 3, 4},
            {5, 6, 7}, {6, 16, 8}, {6, 32, 8}, {7, 33, 9}, {13, 17, 19}, {12, 64, 5}, {31, 15, 2},
            {32, 30, 8}, {32, 8, 30}, {8, 30, 32}, {32, 30, 30}, {30, 30, 32},
            {64, 64, 64}, {65, 64, 64}, {47, 95, 33}, {100, 17, 130},
            {97, 129, 70}, {150, 70, 300}, {301, 37, 64}, {20, 200, 520}, {3, 1100, 5}, {7, 4200, 20}, {90, 90, 90},
            // one output column (a one-unit layer and its kernel gradient) and depth one (its input gradient)
            {32, 1, 35}, {35, 1, 32}, {32, 1, 30}, {17, 1, 16}, {16, 1, 17}, {200, 1, 300}, {32, 35, 1},
            {32, 30, 1}, {5, 16, 1}, {300, 200, 1},
            // one row of A on the packed path's sizes (streamed, VectorGemm.rowTimesB): tails of 4, 1 and 0 vectors
            {1, 1000, 600}, {1, 97, 5300}, {1, 64, 8200}};
        List<Arguments> out = new ArrayList<>();
        for (int[] s : mnk) {
            for (int t = 0; t < 4; t++) {
                out.add(Arguments.of(s[0], s[1], s[2], (t & 2) != 0, (t & 1) != 0));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> kernelsAndShapes() {
        return kernels().flatMap(k -> shapes().map(a -> {
            Object[] x = a.get();
            return Arguments.of(k, x[0], x[1], x[2], x[3], x[4]);
        }));
    }

    @ParameterizedTest(name = "{0} m={1} n={2} k={3} transA={4} transB={5}")
    @MethodSource("kernelsAndShapes")
    void matchesFloat64Reference(Kernels kernels, int m, int n, int k, boolean transA, boolean transB) {
        Strata.setNumThreads(1);
        check(kernels, new Problem(m, n, k, transA, transB, 1f, 0f, 0, 0, 11));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void alphaBetaAndSubMatrixViews(Kernels kernels) {
        Strata.setNumThreads(1);
        float[][] alphaBeta = {{1f, 1f}, {-0.5f, 0f}, {2f, 0.75f}, {0.25f, -1f}, {0f, 0.5f}, {0f, 0f}};
        int[][] mnk = {{1, 1, 1}, {5, 6, 7}, {13, 40, 21}, {33, 70, 300}, {70, 65, 90}, {35, 1, 32}, {33, 1, 40},
            {32, 35, 1}, {40, 17, 1}};
        int seed = 100;
        for (float[] ab : alphaBeta) {
            for (int[] s : mnk) {
                for (int t = 0; t < 4; t++) {
                    // padding: extra columns in every leading dimension, plus offsets into each array
                    check(kernels, new Problem(s[0], s[1], s[2], (t & 2) != 0, (t & 1) != 0, ab[0], ab[1],
                            3, 5, seed++));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void betaZeroIgnoresNaNAndInfinityInC(Kernels kernels) {
        for (int[] s : new int[][] {{3, 4, 5}, {40, 50, 60}, {7, 33, 0}, {20, 1, 9}, {9, 20, 1}}) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            float[] a = random(m * k, 1);
            float[] b = random(k * n, 2);
            float[] c = new float[m * n];
            for (int i = 0; i < c.length; i++) {
                c[i] = i % 2 == 0 ? Float.NaN : Float.NEGATIVE_INFINITY;
            }
            kernels.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
            for (float v : c) {
                assertThat(Float.isFinite(v)).as("C element after beta=0").isTrue();
            }
            if (k == 0) {
                assertThat(c).containsOnly(0f);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void alphaZeroOnlyScalesC(Kernels kernels) {
        float[] a = {Float.NaN, 1f};
        float[] b = {1f, Float.POSITIVE_INFINITY};
        float[] c = {2f, 4f, 6f, 8f};
        // alpha == 0: A and B are not read (BLAS), so their NaN/Inf do not reach C.
        kernels.gemm(false, false, 2, 2, 1, 0f, a, 0, 1, b, 0, 2, 0.5f, c, 0, 2);
        assertThat(c).containsExactly(1f, 2f, 3f, 4f);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void knownSmallProduct(Kernels kernels) {
        // [1 2 3; 4 5 6] . [7 8; 9 10; 11 12] = [58 64; 139 154]
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {7, 8, 9, 10, 11, 12};
        float[] c = new float[4];
        kernels.gemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
        assertThat(c).containsExactly(58, 64, 139, 154);
        // A^T stored 3 x 2, B^T stored 2 x 3: the same product.
        float[] at = {1, 4, 2, 5, 3, 6};
        float[] bt = {7, 9, 11, 8, 10, 12};
        Arrays.fill(c, 0f);
        kernels.gemm(true, true, 2, 2, 3, 1f, at, 0, 2, bt, 0, 3, 0f, c, 0, 2);
        assertThat(c).containsExactly(58, 64, 139, 154);
    }

    static Stream<Arguments> largeShapes() {
        // Above the parallel threshold; split along n (first two) and along m (last two); sizes not multiples
        // of the tiles, and k spanning several cache blocks.
        int[][] mnk = {{64, 700, 600}, {128, 784, 256}, {700, 96, 500}, {515, 260, 300}};
        return kernels().flatMap(kr -> Arrays.stream(mnk).flatMap(s -> Stream.of(
                Arguments.of(kr, s[0], s[1], s[2], false, false), Arguments.of(kr, s[0], s[1], s[2], true, true),
                Arguments.of(kr, s[0], s[1], s[2], false, true), Arguments.of(kr, s[0], s[1], s[2], true, false))));
    }

    @ParameterizedTest(name = "{0} m={1} n={2} k={3} transA={4} transB={5}")
    @MethodSource("largeShapes")
    void multiThreadedResultsAreCorrectAndIdenticalToSingleThreaded(
            Kernels kernels, int m, int n, int k, boolean transA, boolean transB) {
        Problem p = new Problem(m, n, k, transA, transB, 1.5f, 0.5f, 2, 3, m + n + k);
        Strata.setNumThreads(1);
        float[] one = p.run(kernels);
        Strata.setNumThreads(2);
        assertThat(GemmSplit.threadsFor(m, n, k, 6, 16)).isEqualTo(2);
        float[] two = p.run(kernels);
        Strata.setNumThreads(3);
        float[] three = p.run(kernels);
        assertThat(two).as("2 threads vs 1").isEqualTo(one);
        assertThat(three).as("3 threads vs 1").isEqualTo(one);
        p.verify(two);
    }

    @Test
    void threadsForKeepsSmallProductsOnTheCaller() {
        Strata.setNumThreads(2);
        assertThat(GemmSplit.threadsFor(32, 30, 30, 6, 32)).isEqualTo(1);
        assertThat(GemmSplit.threadsFor(128, 256, 256, 6, 32)).isEqualTo(2);
        assertThat(GemmSplit.threadsFor(4, 30, 200_000, 6, 32)).as("one tile of C only").isEqualTo(1);
        Strata.setNumThreads(1);
        assertThat(GemmSplit.threadsFor(1024, 1024, 1024, 6, 32)).isEqualTo(1);
    }

    @Test
    void setNumThreadsRejectsNonPositive() {
        assertThatThrownBy(() -> Strata.setNumThreads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numThreads");
    }

    @Test
    void scalarAndVectorAgree() {
        Kernels vector = KernelProvider.vector().orElseThrow();
        Problem p = new Problem(77, 91, 133, true, false, 1f, 0f, 1, 1, 5);
        float[] s = p.run(KernelProvider.scalar());
        float[] v = p.run(vector);
        p.verify(s);
        p.verify(v);
    }

    @Test
    void everyTileGivesTheSameBits() {
        Strata.setNumThreads(1);
        for (int[] s : new int[][] {{97, 129, 70}, {150, 70, 300}, {301, 37, 640}, {13, 500, 90}}) {
            for (int t = 0; t < 4; t++) {
                Problem p = new Problem(s[0], s[1], s[2], (t & 2) != 0, (t & 1) != 0, 0.5f, 0.25f, 2, 3, 41);
                float[] first = null;
                for (GemmTile tile : GemmTile.values()) {
                    float[] c = p.run(new VectorKernels(tile));
                    if (first == null) {
                        first = c;
                    } else {
                        assertThat(c).as("tile %s, %s", tile.label(), p).isEqualTo(first);
                    }
                }
            }
        }
    }

    /**
     * One row of A takes its own path on the Vector API kernels (B streamed, not packed): each element must get the
     * packed path's bits, i.e. those of the same row inside a taller product, with alpha and beta, transposed A, an
     * epilogue, several blocks of k, column tails, and a split over threads.
     */
    @Test
    void oneRowOfAGivesTheBitsOfTheSameRowInATallerProduct() {
        for (GemmTile tile : GemmTile.values()) {
            Kernels kernels = new VectorKernels(tile);
            for (int[] s : new int[][] {{1000, 2048}, {1100, 513}, {37, 700}, {2000, 1280}}) {
                int n = s[0];
                int k = s[1];
                float[] w = random(5 + k * n, 8);
                float[] x = random(3 + 4 * k, 7); // 4 rows of A, row stride k; or, transposed, 4 columns
                float[] bias = random(n + 2, 9);
                bias[0] = Float.NaN;
                bias[1] = -0f;
                for (int threads : new int[] {1, 2}) {
                    Strata.setNumThreads(threads);
                    for (boolean transA : new boolean[] {false, true}) {
                        int lda = transA ? 4 : k;
                        float[] tall = random(7 + 4 * n, 10);
                        float[] one = Arrays.copyOf(tall, 7 + n);
                        kernels.gemm(transA, false, 4, n, k, 0.75f, x, 3, lda, w, 5, n, 0.5f, tall, 7, n);
                        kernels.gemm(transA, false, 1, n, k, 0.75f, x, 3, lda, w, 5, n, 0.5f, one, 7, n);
                        assertThat(one).as("tile %s, n %d, k %d, threads %d, transA %s", tile.label(), n, k,
                                threads, transA).isEqualTo(Arrays.copyOf(tall, 7 + n));
                    }
                    float[] tall = new float[4 * n];
                    float[] one = new float[n];
                    kernels.dense(4, n, k, x, 3, w, 5, bias, 0, true, tall, 0);
                    kernels.dense(1, n, k, x, 3, w, 5, bias, 0, true, one, 0);
                    assertThat(one).as("dense: tile %s, n %d, k %d, threads %d", tile.label(), n, k, threads)
                            .isEqualTo(Arrays.copyOf(tall, n));
                }
            }
        }
    }

    static Stream<Arguments> denseShapes() {
        // direct path, packed path with partial tiles (n = 10, 40), k over several blocks, and the W2 MLP's
        // layers on two threads (split along m) and a split along n
        int[][] mnk = {{8, 10, 30}, {97, 10, 70}, {150, 40, 300}, {301, 37, 640}, {1024, 256, 784},
                       {1024, 10, 256}, {64, 700, 600}, {1, 1000, 2048}, {1, 37, 700}};
        return kernels().flatMap(kr -> Arrays.stream(mnk).map(s -> Arguments.of(kr, s[0], s[1], s[2])));
    }

    /** dense's contract: exactly the bits of gemm, then addToRows, then max with 0, with and without each part. */
    @ParameterizedTest(name = "{0} m={1} n={2} k={3}")
    @MethodSource("denseShapes")
    void denseGivesTheBitsOfGemmThenBiasThenRelu(Kernels kernels, int m, int n, int k) {
        float[] x = random(3 + m * k, 7);
        float[] w = random(5 + k * n, 8);
        float[] bias = random(2 + n + 3, 9);
        bias[2] = Float.NaN; // NaN and -0 follow MAXIMUM's rules in both
        bias[3] = -0f;
        for (int threads : new int[] {1, 2}) {
            Strata.setNumThreads(threads);
            for (boolean withBias : new boolean[] {false, true}) {
                for (boolean relu : new boolean[] {false, true}) {
                    float[] expected = random(4 + m * n + 4, 10);
                    float[] got = expected.clone();
                    kernels.gemm(false, false, m, n, k, 1f, x, 3, k, w, 5, n, 0f, expected, 4, n);
                    if (withBias) {
                        kernels.addToRows(expected, 4, m, n, bias, 2);
                    }
                    if (relu) {
                        kernels.binaryScalarRight(BinaryOp.MAXIMUM, expected, 4, 0f, expected, 4, m * n);
                    }
                    kernels.dense(m, n, k, x, 3, w, 5, withBias ? bias : null, 2, relu, got, 4);
                    assertThat(got).as("threads %d, bias %s, relu %s", threads, withBias, relu)
                            .isEqualTo(expected);
                }
            }
        }
    }

    // ---- reference and checking -------------------------------------------------------------------------

    private static void check(Kernels kernels, Problem p) {
        p.verify(p.run(kernels));
    }

    private static float[] random(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    /**
     * One GEMM call on views inside larger arrays: each matrix starts at an offset and its leading dimension
     * is padded; the padding and the space around C must come out untouched.
     */
    private record Problem(int m, int n, int k, boolean transA, boolean transB, float alpha, float beta,
                           int aOff, int bOff, int cOff, long seed, int lda, int ldb, int ldc,
                           float[] a, float[] b, float[] c0) {
        /** A problem whose leading dimensions exceed the widths by {@code pad} and views start near {@code off}. */
        Problem(int m, int n, int k, boolean transA, boolean transB, float alpha, float beta,
                int pad, int off, long seed) {
            this(m, n, k, transA, transB, alpha, beta, off, off + 1, off + 2, seed,
                    (transA ? m : k) + pad, (transB ? k : n) + pad, n + pad,
                    random(off + (transA ? k : m) * ((transA ? m : k) + pad) + 1, seed),
                    random(off + 1 + (transB ? n : k) * ((transB ? k : n) + pad) + 1, seed + 1),
                    random(off + 2 + m * (n + pad) + 1, seed + 2));
        }

        float[] run(Kernels kernels) {
            float[] c = c0.clone();
            kernels.gemm(transA, transB, m, n, k, alpha, a.clone(), aOff, lda, b.clone(), bOff, ldb,
                    beta, c, cOff, ldc);
            return c;
        }

        float opA(int i, int p) {
            return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
        }

        float opB(int p, int j) {
            return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
        }

        void verify(float[] c) {
            for (int idx = 0; idx < c.length; idx++) {
                int rel = idx - cOff;
                boolean inside = rel >= 0 && ldc > 0 && rel / ldc < m && rel % ldc < n;
                if (!inside && Float.floatToRawIntBits(c[idx]) != Float.floatToRawIntBits(c0[idx])) {
                    fail("element %d outside the %dx%d view of C (offset %d, ldc %d) changed: %s -> %s",
                            idx, m, n, cOff, ldc, c0[idx], c[idx]);
                }
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    double mag = 0;
                    for (int p = 0; p < k; p++) {
                        double x = (double) opA(i, p) * opB(p, j);
                        sum += x;
                        mag += Math.abs(x);
                    }
                    float old = c0[cOff + i * ldc + j];
                    double expected = alpha * sum + (beta == 0f ? 0 : beta * (double) old);
                    double scale = Math.abs(alpha) * mag + Math.abs(beta * (double) old);
                    // float32 accumulation over k terms: error within a few k * 2^-24 of sum |a||b|.
                    double tol = (k + 4) * 0x1p-23 * scale + 1e-30;
                    float got = c[cOff + i * ldc + j];
                    if (!(Math.abs(got - expected) <= tol)) {
                        fail("C[%d][%d] = %s, expected %s (tolerance %.3g) for m=%d n=%d k=%d transA=%s "
                                + "transB=%s alpha=%s beta=%s", i, j, got, expected, tol, m, n, k, transA,
                                transB, alpha, beta);
                    }
                }
            }
        }
    }
}
