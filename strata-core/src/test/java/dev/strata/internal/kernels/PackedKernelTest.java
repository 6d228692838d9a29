package dev.strata.internal.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A weight matrix packed ahead ({@link Kernels#packKernel}) gives the same bits as the GEMM that packs it itself, on
 * both kernels, for shapes that take the direct path, one block or several of k, several blocks of columns
 * (n past the packed path's NC), ragged panels, bias and relu, one thread and several (split along either side).
 */
class PackedKernelTest {
    private static final Kernels SCALAR = KernelProvider.scalar();
    private static final Kernels VECTOR = KernelProvider.vector().orElseThrow(
            () -> new IllegalStateException("the tests need --add-modules jdk.incubator.vector"));

    @AfterEach
    void restoreThreads() {
        Parallelism.setNumThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextFloat() * 2 - 1;
        }
        return a;
    }

    @Test
    void aKernelPackedAheadGivesTheBitsOfTheGemmThatPacksIt() {
        int[][] shapes = { // m, n, k
            {1, 64, 64}, {5, 3, 7}, {70, 1, 300}, {64, 64, 1}, {100, 100, 100}, {113, 64, 576}, {300, 33, 257},
            {64, 100, 513}, {40, 4200, 30}, {300, 4200, 20}, {2000, 40, 70}, {97, 256, 1152}};
        Random r = new Random(12);
        for (int threads : new int[] {1, 3}) {
            Parallelism.setNumThreads(threads);
            for (int[] s : shapes) {
                int m = s[0];
                int n = s[1];
                int k = s[2];
                float[] x = random(r, m * k + 3);
                float[] w = random(r, k * n + 5);
                float[] bias = random(r, n);
                for (Kernels kernels : List.of(VECTOR, SCALAR)) {
                    PackedKernel packed = kernels.packKernel(k, n, w, 5);
                    for (int variant = 0; variant < 3; variant++) {
                        float[] b = variant == 0 ? null : bias;
                        boolean relu = variant == 2;
                        float[] plain = new float[m * n + 2];
                        kernels.dense(m, n, k, x, 3, w, 5, b, 0, relu, plain, 2);
                        float[] ahead = new float[m * n + 2];
                        Arrays.fill(ahead, 2, ahead.length, Float.NaN);
                        kernels.dense(m, packed, x, 3, b, relu, ahead, 2);
                        assertThat(Arrays.mismatch(ahead, plain)).as(kernels.name() + ", " + threads + " threads, "
                                + Arrays.toString(s) + ", variant " + variant + ": first element that differs")
                                .isEqualTo(-1);
                    }
                }
            }
        }
    }

    @Test
    void aGemmOnAKernelPackedAheadAccumulatesWithStridesAsTheGemmDoes() {
        // a recurrent step: c (row stride ldc > n) += a (row stride lda > k) · R, R packed once for every step
        int[][] shapes = { // m, n, k
            {64, 512, 128}, {32, 384, 128}, {7, 80, 20}, {1, 512, 128}, {300, 64, 33}, {12, 4, 1}};
        Random r = new Random(13);
        for (int threads : new int[] {1, 3}) {
            Parallelism.setNumThreads(threads);
            for (int[] s : shapes) {
                int m = s[0];
                int n = s[1];
                int k = s[2];
                int lda = k + 9;
                int ldc = n + 7;
                float[] a = random(r, m * lda + 4);
                float[] w = random(r, k * n);
                float[] c = random(r, m * ldc + 1);
                for (Kernels kernels : List.of(VECTOR, SCALAR)) {
                    PackedKernel packed = kernels.packKernel(k, n, w, 0);
                    for (float beta : new float[] {0f, 1f}) {
                        float[] plain = c.clone();
                        kernels.gemm(false, false, m, n, k, 1f, a, 4, lda, w, 0, n, beta, plain, 1, ldc);
                        float[] ahead = c.clone();
                        kernels.gemm(m, packed, a, 4, lda, beta, ahead, 1, ldc);
                        assertThat(Arrays.mismatch(ahead, plain)).as(kernels.name() + ", " + threads + " threads, "
                                + Arrays.toString(s) + ", beta " + beta + ": first element that differs").isEqualTo(-1);
                    }
                }
            }
        }
    }

    @Test
    void theVectorKernelsPackAheadAndTheScalarOnesKeepTheSource() {
        float[] w = new float[64 * 64];
        assertThat(VECTOR.packKernel(64, 64, w, 0).panels()).isNotNull();
        assertThat(VECTOR.packKernel(64, 64, w, 0).source()).isSameAs(w);
        assertThat(SCALAR.packKernel(64, 64, w, 0).panels()).isNull();
    }
}
