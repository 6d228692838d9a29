package dev.strata.ops;

import static dev.strata.ops.OpsTesting.random;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Softmax shares its lines among threads: the bits must not depend on the thread count. */
class SoftmaxSplitTest {
    @Test
    void theSameBitsOnOneAndSeveralThreads() {
        Tensor x = Ops.multiply(random(7, 4, 3, 100, 128), 8f); // attention's scores: many lines of 128
        int threads = Strata.numThreads();
        try {
            Strata.setNumThreads(1);
            float[] one = Ops.softmax(x, -1).toFloatArray();
            float[] logOne = Ops.logSoftmax(x, -1).toFloatArray();
            Strata.setNumThreads(3);
            assertThat(Ops.softmax(x, -1).toFloatArray()).containsExactly(one);
            assertThat(Ops.logSoftmax(x, -1).toFloatArray()).containsExactly(logOne);
        } finally {
            Strata.setNumThreads(threads);
        }
    }
}
