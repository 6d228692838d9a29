package dev.strata.internal.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The kernel worker pool: every part runs exactly once, failures surface, nesting and concurrent callers. */
class ParallelismTest {
    private static final int THREADS = Strata.numThreads();

    @AfterEach
    void restoreThreads() {
        Strata.setNumThreads(THREADS);
    }

    @Test
    void runsEveryPartExactlyOnceAndReturnsAfterAll() {
        for (int tasks = 1; tasks <= 5; tasks++) {
            for (int rep = 0; rep < 200; rep++) {
                AtomicInteger[] counts = new AtomicInteger[tasks];
                for (int i = 0; i < tasks; i++) {
                    counts[i] = new AtomicInteger();
                }
                Parallelism.run(tasks, i -> counts[i].incrementAndGet());
                for (AtomicInteger c : counts) {
                    assertThat(c.get()).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void forRangeCoversEveryElementExactlyOnce() {
        for (int threads = 1; threads <= 3; threads++) {
            Strata.setNumThreads(threads);
            for (int n : new int[] {0, 1, 7, 63, 64, 65, 1000, 4097}) {
                for (int min : new int[] {1, 10, 5000}) {
                    int[] hits = new int[n];
                    List<int[]> ranges = java.util.Collections.synchronizedList(new ArrayList<>());
                    Parallelism.forRange(n, min, (from, to) -> {
                        ranges.add(new int[] {from, to});
                        for (int i = from; i < to; i++) {
                            hits[i]++;
                        }
                    });
                    for (int i = 0; i < n; i++) {
                        assertThat(hits[i]).as("n=%d min=%d threads=%d element %d", n, min, threads, i).isEqualTo(1);
                    }
                    // never split below the minimum, never more parts than threads
                    assertThat(ranges.size()).isLessThanOrEqualTo(Math.max(1, Math.min(threads, n / min)));
                    if (ranges.size() > 1) {
                        assertThat(ranges).allSatisfy(r -> assertThat(r[1] - r[0]).isGreaterThanOrEqualTo(min));
                    }
                }
            }
        }
    }

    @Test
    void usesAnotherThread() {
        Strata.setNumThreads(2);
        var threads = ConcurrentHashMap.<Thread>newKeySet();
        for (int rep = 0; rep < 50; rep++) {
            Parallelism.run(2, i -> threads.add(Thread.currentThread()));
        }
        assertThat(threads).hasSizeGreaterThan(1);
    }

    @Test
    void failureOfAHandedOffPartIsRethrownAfterAllFinish() {
        AtomicInteger done = new AtomicInteger();
        assertThatThrownBy(() -> Parallelism.run(3, i -> {
            if (i == 2) {
                throw new IllegalStateException("part " + i + " failed");
            }
            done.incrementAndGet();
        })).isInstanceOf(IllegalStateException.class).hasMessage("part 2 failed");
        assertThat(done.get()).isEqualTo(2);
        // the workers survive a failed task
        AtomicInteger after = new AtomicInteger();
        Parallelism.run(3, i -> after.incrementAndGet());
        assertThat(after.get()).isEqualTo(3);
    }

    @Test
    void nestedCallsRunInlineWithoutDeadlock() {
        AtomicInteger inner = new AtomicInteger();
        Parallelism.run(2, i -> Parallelism.run(3, j -> inner.incrementAndGet()));
        assertThat(inner.get()).isEqualTo(6);
    }

    @Test
    void concurrentCallersGetTheSingleThreadedBits() throws Exception {
        Kernels kernels = KernelProvider.get();
        int m = 200;
        int n = 300;
        int k = 256;
        SplittableRandom r = new SplittableRandom(3);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextDouble(-1, 1);
        }
        Strata.setNumThreads(1);
        float[] expected = new float[m * n];
        kernels.gemm(false, true, m, n, k, 1f, a, 0, k, transpose(b, k, n), 0, k, 0f, expected, 0, n);
        Strata.setNumThreads(2);
        float[] bt = transpose(b, k, n);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(callers.submit(() -> {
                    float[] c = new float[m * n];
                    for (int rep = 0; rep < 5; rep++) {
                        kernels.gemm(false, true, m, n, k, 1f, a, 0, k, bt, 0, k, 0f, c, 0, n);
                    }
                    return c;
                }));
            }
            for (Future<float[]> f : results) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    private static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }
}
