package dev.strata.spark;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockManager;
import org.apache.spark.storage.BlockResult;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.storage.TestBlockId;
import scala.Option;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The all-reduce of the workers of one barrier stage, built on Spark's block manager as BigDL builds its
 * parameter exchange: each worker puts its vector of a round as a block (registered with the master), then reads
 * every worker's block of that round (its own locally, the others' from wherever they live) and adds them in worker
 * order, so that every worker gets the same bits. Barrier mode guarantees the workers run at once; a block that is
 * not there yet is polled for, briefly. ({@code BarrierTaskContext.allGather} would do the same in one call, but it
 * checks for completion once a second, which a training step cannot afford.)
 *
 * <p>Blocks are named {@code test_strata_<run>_<attempt>_<round>_<worker>} (Spark's {@code TestBlockId}, the id kind
 * for blocks outside Spark's own, as BigDL uses it): a retried stage attempt never reads a failed attempt's blocks. A
 * worker removes its block of round {@code r - 2} in round {@code r} (by then every worker has read it); the driver
 * removes the rest after the stage ({@link #removeRun}).
 */
final class BlockAllReduce {
    private static final ClassTag<float[]> FLOATS = ClassTag$.MODULE$.apply(float[].class);
    private static final String PREFIX = "strata_";

    private final BlockManager blocks;
    private final String run;
    private final int worker;
    private final int workers;
    private final long timeoutNanos;
    private int round;

    /**
     * @param run the training run and epoch, unique per stage
     * @param attempt the stage attempt number
     * @param timeoutMillis how long to wait for another worker's block before failing the task
     */
    BlockAllReduce(String run, int attempt, int worker, int workers, long timeoutMillis) {
        this.blocks = SparkEnv.get().blockManager();
        this.run = run + "_" + attempt;
        this.worker = worker;
        this.workers = workers;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    /**
     * The element-wise sum of every worker's {@code message} of this round, added in worker order.
     *
     * @throws IllegalStateException if another worker's block does not come within the timeout, or has another length
     */
    float[] sum(float[] message) {
        int r = round++;
        blocks.putSingle(id(r, worker), message, StorageLevel.MEMORY_ONLY(), true, FLOATS);
        float[] sum = new float[message.length];
        for (int w = 0; w < workers; w++) {
            float[] part = w == worker ? message : await(r, w);
            if (part.length != sum.length) {
                throw new IllegalStateException("worker " + worker + ": worker " + w + " sent " + part.length
                        + " values in round " + r + ", expected " + sum.length + " (the replicas differ)");
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += part[i];
            }
        }
        if (r >= 2) {
            blocks.removeBlock(id(r - 2, worker), true);
        }
        return sum;
    }

    private float[] await(int r, int w) {
        BlockId id = id(r, w);
        long start = System.nanoTime();
        long pause = 20_000;
        while (true) {
            Option<BlockResult> got = blocks.get(id, FLOATS);
            if (got.isDefined()) {
                // Read to the end: that releases the read lock a local block is read under (getSingle keeps it to the
                // end of the task, which would block the owner's removal of the block).
                scala.collection.Iterator<Object> values = got.get().data();
                float[] v = (float[]) values.next();
                while (values.hasNext()) {
                    values.next();
                }
                return v;
            }
            // A task of a failed stage attempt is killed while it waits for the failed worker: leave at once, so that
            // the retried attempt gets the slots (a barrier stage starts only when all its tasks can run).
            TaskContext task = TaskContext.get();
            if (task != null) {
                task.killTaskIfInterrupted();
            }
            if (System.nanoTime() - start > timeoutNanos) {
                throw new IllegalStateException("worker " + worker + ": no values from worker " + w + " in round " + r
                        + " after " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s; the worker failed or stalled");
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, 1_000_000); // at most 1 ms between looks
        }
    }

    private BlockId id(int r, int w) {
        return TestBlockId.apply(PREFIX + run + "_" + r + "_" + w);
    }

    /** Removes every block left by the stages of {@code run}, from every executor (on the driver, after the stage). */
    static void removeRun(String run) {
        String prefix = "test_" + PREFIX + run + "_";
        var master = SparkEnv.get().blockManager().master();
        scala.collection.immutable.Seq<BlockId> ids = master.getMatchingBlockIds(new Prefixed(prefix), true);
        scala.jdk.javaapi.CollectionConverters.asJava(ids).forEach(master::removeBlock);
    }

    /** How many all-reduce blocks of any run are left in the cluster (on the driver; for tests). */
    static int remaining() {
        return SparkEnv.get().blockManager().master().getMatchingBlockIds(new Prefixed("test_" + PREFIX), true)
                .size();
    }

    /** Matches block ids by name prefix; sent to the executors' block managers, so serializable. */
    private static final class Prefixed extends scala.runtime.AbstractFunction1<BlockId, Object>
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final String prefix;

        Prefixed(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Object apply(BlockId id) {
            return id.name().startsWith(prefix);
        }
    }
}
