package dev.strata.layers.normalization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.config.Config;
import dev.strata.internal.ReplicaContext;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * BatchNormalization(synchronized=True): replicas on threads, each with its part of a batch, normalize with the
 * whole batch's statistics and get the whole batch's gradients, as Keras's synchronized moments do across devices.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a replica that misses an all-reduce fails, never hangs
class SynchronizedBatchNormalizationTest {

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void synchronizedIsKerasConfigKeyBothWays() {
        assertThat(new BatchNormalization().getConfig()).containsEntry("synchronized", false);
        BatchNormalization bn = new BatchNormalization().synchronize(true);
        assertThat(bn.getConfig()).containsEntry("synchronized", true);
        BatchNormalization back = BatchNormalization.fromConfig(Config.of(bn.getConfig(), "test"));
        assertThat(back.isSynchronized()).isTrue();
        assertThat(BatchNormalization.fromConfig(Config.of(new BatchNormalization().getConfig(), "test")).isSynchronized())
                .isFalse();
    }

    @Test
    void withoutReplicasItIsTheLayerOnItsBatch() {
        Tensor x = GradientCheck.random(4, Shape.of(6, 3), -1, 3);
        BatchNormalization plain = layer(false, -1, Shape.of(3));
        BatchNormalization synced = layer(true, -1, Shape.of(3));
        assertThat(synced.apply(x, true).toFloatArray()).containsExactly(plain.apply(x, true).toFloatArray());
        // One replica: the synchronized path itself, equal to the batch's moments within rounding.
        try (var scope = ReplicaContext.enter(new ReplicaContext(0, 1, m -> m.clone()))) {
            assertThat(synced.apply(x, true).toFloatArray()).containsExactly(plain.apply(x, true).toFloatArray(),
                    within(2e-6f));
        }
        assertThat(synced.movingVariance().toFloatArray()).containsExactly(plain.movingVariance().toFloatArray(),
                within(1e-6f));
    }

    @Test
    void theSynchronizedGradientIsTheFiniteDifference() {
        BatchNormalization bn = layer(true, 1, Shape.of(3, 2));
        ReplicaContext one = new ReplicaContext(0, 1, m -> m.clone());
        GradientCheck.check(xs -> {
            try (var scope = ReplicaContext.enter(one)) {
                return bn.apply(xs.get(0), true);
            }
        }, GradientCheck.random(8, Shape.of(4, 3, 2), -1, 1));
        assertThat(one.used()).isTrue();
    }

    @Test
    void twoReplicasNormalizeAndDifferentiateAsTheWholeBatch() throws Exception {
        // Features far from zero: a sum-of-squares variance would lose digits here.
        Tensor x = Ops.add(GradientCheck.random(5, Shape.of(8, 3), -1, 2), 40f);
        assertReplicasAreTheWholeBatch(x, -1, Shape.of(3), 5);
    }

    @Test
    void anotherAxisUnevenSplitsAndAnEmptyReplica() throws Exception {
        Tensor x = GradientCheck.random(6, Shape.of(5, 3, 2), -2, 2);
        assertReplicasAreTheWholeBatch(x, 1, Shape.of(3, 2), 2);
        assertReplicasAreTheWholeBatch(x, 1, Shape.of(3, 2), 5); // replica 1 has no rows
    }

    /**
     * Replica 0 gets rows [0, split), replica 1 the rest, each on its own thread with its own copy of the layer:
     * outputs, input gradients (rows), weight gradients (summed) and moving statistics are the whole batch's.
     */
    private static void assertReplicasAreTheWholeBatch(Tensor x, int axis, Shape sample, int split) throws Exception {
        int rows = x.shape().get(0);
        Tensor upstream = GradientCheck.random(9, x.shape(), -1, 1); // the loss sum(y * upstream): rows weigh apart
        BatchNormalization whole = layer(true, axis, sample);
        Result expected = step(whole, x, upstream);

        ThreadAllReduce reduce = new ThreadAllReduce(2);
        List<CompletableFuture<Result>> replicas = new ArrayList<>();
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        for (int r = 0; r < 2; r++) {
            int replica = r;
            int from = r == 0 ? 0 : split;
            int to = r == 0 ? split : rows;
            BatchNormalization copy = layer(true, axis, sample);
            ReplicaContext context = new ReplicaContext(r, 2, m -> reduce.sum(replica, m));
            replicas.add(CompletableFuture.supplyAsync(() -> {
                try (var scope = ReplicaContext.enter(context)) {
                    return step(copy, rowsOf(x, from, to), rowsOf(upstream, from, to));
                }
            }, threads));
        }
        Result r0;
        Result r1;
        try {
            r0 = replicas.get(0).get(30, TimeUnit.SECONDS);
            r1 = replicas.get(1).get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(concat(r0.y, r1.y)).containsExactly(expected.y, within(2e-5f));
        assertThat(concat(r0.dx, r1.dx)).containsExactly(expected.dx, within(2e-5f));
        for (int w = 0; w < 2; w++) {
            float[] summed = new float[expected.dWeights.get(w).length];
            for (int k = 0; k < summed.length; k++) {
                summed[k] = r0.dWeights.get(w)[k] + r1.dWeights.get(w)[k];
            }
            assertThat(summed).as("gradient of weight %d", w).containsExactly(expected.dWeights.get(w),
                    within(2e-5f));
        }
        for (Result r : List.of(r0, r1)) {
            assertThat(r.movingMean).containsExactly(expected.movingMean, within(1e-5f));
            assertThat(r.movingVariance).containsExactly(expected.movingVariance, within(1e-5f));
        }
    }

    private record Result(float[] y, float[] dx, List<float[]> dWeights, float[] movingMean,
                          float[] movingVariance) {
    }

    private static Result step(BatchNormalization bn, Tensor x, Tensor upstream) {
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Tensor y = bn.apply(x, true);
            Tensor loss = Ops.sum(Ops.multiply(y, upstream));
            List<Tensor> grads = tape.gradient(loss, List.of(x, bn.gamma(), bn.beta()));
            return new Result(y.toFloatArray(), grads.get(0).toFloatArray(),
                    List.of(grads.get(1).toFloatArray(), grads.get(2).toFloatArray()),
                    bn.movingMean().toFloatArray(), bn.movingVariance().toFloatArray());
        }
    }

    /** A built layer with the same non-trivial gamma and beta every time. */
    private static BatchNormalization layer(boolean synchronize, int axis, Shape sample) {
        BatchNormalization bn = new BatchNormalization().axis(axis).momentum(0.9).synchronize(synchronize);
        bn.buildForSamples(sample);
        int features = bn.gamma().size();
        bn.gamma().assign(Ops.add(GradientCheck.random(1, Shape.of(features), -1, 1), 1.5f));
        bn.beta().assign(GradientCheck.random(2, Shape.of(features), -1, 1));
        return bn;
    }

    private static Tensor rowsOf(Tensor t, int from, int to) {
        int[] start = new int[t.shape().rank()];
        int[] size = t.shape().toArray();
        start[0] = from;
        size[0] = to - from;
        return Ops.slice(t, start, size);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** An all-reduce between threads: each puts its message, all wait, each sums in replica order, all wait. */
    private static final class ThreadAllReduce {
        private final float[][] messages;
        private final CyclicBarrier barrier;

        ThreadAllReduce(int replicas) {
            messages = new float[replicas][];
            barrier = new CyclicBarrier(replicas);
        }

        float[] sum(int me, float[] message) {
            try {
                messages[me] = message;
                barrier.await(20, TimeUnit.SECONDS);
                float[] sum = new float[message.length];
                for (float[] m : messages) {
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += m[i];
                    }
                }
                barrier.await(20, TimeUnit.SECONDS);
                return sum;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
