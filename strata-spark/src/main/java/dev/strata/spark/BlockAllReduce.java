package dev.strata.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.network.buffer.NioManagedBuffer;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockManager;
import org.apache.spark.storage.BlockManagerId;
import org.apache.spark.storage.BlockResult;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.storage.TestBlockId;
import scala.Option;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The all-reduce of the workers of one barrier stage, built on Spark's block manager as BigDL builds its
 * parameter exchange: in each round every worker hands its vector to every other worker as a block of that
 * worker's block manager, then reads the blocks it was given from its own block manager and adds all the vectors in
 * worker order, so that every worker gets the same bits. Barrier mode guarantees the workers run at once; a block
 * that is not there yet is polled for, locally and briefly. ({@code BarrierTaskContext.allGather} would do the same
 * in one call, but it checks for completion once a second, which a training step cannot afford.)
 *
 * <p>Where the blocks go: at the start of the stage each worker registers a small block with the master and looks
 * up the others' once, which gives every worker's block manager. From then on a vector for a worker of another
 * executor is uploaded straight into that executor's block manager (Spark's block transfer service), and one for a
 * worker of the same executor is put into the shared block manager: a round costs one upload per other executor
 * instead of a put registered with the master, a location lookup at the master and a remote fetch per other worker.
 * The receiver removes each block once read, off the training thread.
 *
 * <p>Blocks are named {@code test_strata_<run>_<attempt>_<round>_<from>_<to>} (Spark's {@code TestBlockId}, the id
 * kind for blocks outside Spark's own, as BigDL uses it): a retried stage attempt never reads a failed attempt's
 * blocks; the driver removes whatever a failed attempt left after the stage ({@link #removeRun}).
 */
final class BlockAllReduce implements AutoCloseable {
    private static final ClassTag<float[]> FLOATS = ClassTag$.MODULE$.apply(float[].class);
    private static final String PREFIX = "strata_";

    private final BlockManager blocks;
    private final String run;
    private final int worker;
    private final int workers;
    private final long timeoutNanos;
    /** Each worker's block manager, looked up at the first round. */
    private BlockManagerId[] peers;
    /** Removes read blocks (an RPC to the master for uploaded ones) off the training thread. */
    private final ExecutorService remover;
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
        this.remover = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "strata-allreduce-remover-" + worker);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The element-wise sum of every worker's {@code message} of this round, added in worker order.
     *
     * @throws IllegalStateException if another worker's block does not come within the timeout, or has another length
     */
    float[] sum(float[] message) {
        if (peers == null) {
            peers = locatePeers();
        }
        int r = round++;
        for (int w = 0; w < workers; w++) {
            if (w != worker) {
                send(r, w, message);
            }
        }
        float[] sum = new float[message.length];
        for (int w = 0; w < workers; w++) {
            float[] part = w == worker ? message : receive(r, w);
            if (part.length != sum.length) {
                throw new IllegalStateException("worker " + worker + ": worker " + w + " sent " + part.length
                        + " values in round " + r + ", expected " + sum.length + " (the replicas differ)");
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += part[i];
            }
        }
        return sum;
    }

    /** Waits for the pending removals (at the end of the task). */
    @Override
    public void close() {
        remover.shutdown();
        try {
            remover.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Registers this worker's block manager with the master under a small block and looks up the others' once. */
    private BlockManagerId[] locatePeers() {
        BlockManagerId[] out = new BlockManagerId[workers];
        out[worker] = blocks.blockManagerId();
        if (workers == 1) {
            return out;
        }
        blocks.putSingle(hello(worker), new float[0], StorageLevel.MEMORY_ONLY(), true, FLOATS);
        for (int w = 0; w < workers; w++) {
            if (w == worker) {
                continue;
            }
            BlockId id = hello(w);
            long start = System.nanoTime();
            long pause = 20_000;
            while (out[w] == null) {
                scala.collection.immutable.Seq<BlockManagerId> found = blocks.master().getLocations(id);
                if (found.nonEmpty()) {
                    out[w] = found.head();
                } else {
                    checkAlive(start, w, "its block manager");
                    LockSupport.parkNanos(pause);
                    pause = Math.min(pause * 2, 1_000_000);
                }
            }
        }
        return out;
    }

    /** Hands {@code message} of round {@code r} to worker {@code to}: uploaded to its executor, or put locally. */
    private void send(int r, int to, float[] message) {
        BlockId id = id(r, worker, to);
        BlockManagerId target = peers[to];
        if (target.equals(peers[worker])) {
            // Registered with the master like an uploaded block (the receiving block manager registers those), so
            // that the driver can remove what a failed attempt left.
            blocks.putSingle(id, message, StorageLevel.MEMORY_ONLY(), true, FLOATS);
            return;
        }
        java.nio.ByteBuffer bytes = blocks.serializerManager().dataSerialize(id,
                scala.package$.MODULE$.Iterator().single(message), FLOATS).toByteBuffer();
        try {
            blocks.blockTransferService().uploadBlockSync(target.host(), target.port(), target.executorId(), id,
                    new NioManagedBuffer(bytes), StorageLevel.MEMORY_ONLY(), FLOATS);
        } catch (IOException e) {
            throw new UncheckedIOException("worker " + worker + ": cannot send round " + r + " to worker " + to
                    + " at " + target + ": " + e.getMessage(), e);
        }
    }

    /** Worker {@code from}'s vector of round {@code r} for this worker, from the local block manager; then removed. */
    private float[] receive(int r, int from) {
        BlockId id = id(r, from, worker);
        long start = System.nanoTime();
        long pause = 5_000;
        while (true) {
            Option<BlockResult> got = blocks.getLocalValues(id);
            if (got.isDefined()) {
                // Read to the end: that releases the read lock the block is read under (a lock kept would block
                // the removal).
                scala.collection.Iterator<Object> values = got.get().data();
                float[] v = (float[]) values.next();
                while (values.hasNext()) {
                    values.next();
                }
                remover.execute(() -> blocks.removeBlock(id, true));
                return v;
            }
            checkAlive(start, from, "values in round " + r);
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, 200_000); // local looks are cheap: at most 0.2 ms apart
        }
    }

    /** Fails if this task was killed (its stage attempt failed) or {@code w} did not answer within the timeout. */
    private void checkAlive(long start, int w, String what) {
        // A task of a failed stage attempt is killed while it waits for the failed worker: leave at once, so that
        // the retried attempt gets the slots (a barrier stage starts only when all its tasks can run).
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.killTaskIfInterrupted();
        }
        if (System.nanoTime() - start > timeoutNanos) {
            throw new IllegalStateException("worker " + worker + ": no " + what + " from worker " + w + " after "
                    + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s; the worker failed or stalled");
        }
    }

    private BlockId id(int r, int from, int to) {
        return TestBlockId.apply(PREFIX + run + "_" + r + "_" + from + "_" + to);
    }

    private BlockId hello(int w) {
        return TestBlockId.apply(PREFIX + run + "_hello_" + w);
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
