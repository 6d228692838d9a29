package dev.strata.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batch gathers: the rows asked for, in order, whether the gather runs on one thread or is split over several. */
class EpochIteratorTest {
    private static final int THREADS = Strata.numThreads();

    @AfterEach
    void restoreThreads() {
        Strata.setNumThreads(THREADS);
    }

    @Test
    void shuffledBatchesHoldTheRowsInOrderOnAnyThreadCount() {
        // wide rows (the arraycopy path) and short rows (the loop), each large enough to be split over threads
        for (int[] dims : new int[][] {{1000, 200, 400}, {12_000, 8, 10_000}, {50, 3, 20}}) {
            int n = dims[0];
            int row = dims[1];
            int batch = dims[2];
            float[] values = new float[n * row];
            for (int i = 0; i < values.length; i++) {
                values[i] = i;
            }
            Tensor t = Tensor.of(values, n, row);
            Strata.setRandomSeed(7);
            int[] order = EpochIterator.order(n, true);
            for (int threads = 1; threads <= 3; threads++) {
                Strata.setNumThreads(threads);
                for (int from = 0; from < n; from += batch) {
                    int to = Math.min(n, from + batch);
                    float[] got = EpochIterator.take(t, order, from, to).toFloatArray();
                    assertThat(got).hasSize((to - from) * row);
                    for (int i = 0; i < to - from; i++) {
                        for (int j = 0; j < row; j++) {
                            assertThat(got[i * row + j]).isEqualTo((float) (order[from + i] * row + j));
                        }
                    }
                }
            }
        }
    }
}
