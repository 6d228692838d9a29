package dev.strata.internal.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The intra-op thread setting ({@code Strata.setNumThreads}) and the shared daemon workers that large kernels
 * split their work over.
 *
 * <p>Waking a parked thread costs tens of microseconds here (more in a VM), which would eat most of the gain
 * of splitting a 30 MFLOP product. So, as OpenMP runtimes do, a worker spins for a short while
 * ({@link #SPIN_NANOS}) after each task before it parks, and the caller spins while it waits: back-to-back
 * products (a training step) find their workers awake. Past the first microseconds the spinning yields the
 * core at each turn, so it never starves the JIT compiler or the garbage collector on a small machine (with a
 * pure spin, the JIT's warm-up of a training loop took twice as long on 2 cores). Only calls worth well over a hand-off are split; the
 * rest run on the caller's thread. Work that finds no idle worker (several callers at once) runs on the
 * caller, so nothing ever queues behind another call.
 */
public final class Parallelism {
    /** How long an idle worker, or a waiting caller, spins before parking. */
    static final long SPIN_NANOS = 200_000L;
    /** How long a wait loop spins on the core before it starts yielding it. */
    static final long PURE_SPIN_NANOS = 5_000L;

    private static final AtomicInteger THREAD_IDS = new AtomicInteger();
    private static volatile int numThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static volatile Worker[] workers = new Worker[0];

    private Parallelism() {
    }

    /** The number of threads a large kernel may use, the caller's included. */
    public static int numThreads() {
        return numThreads;
    }

    /**
     * Sets the number of threads a large kernel may use, the caller's included (1 = single-threaded).
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static void setNumThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("numThreads must be >= 1, got " + n);
        }
        numThreads = n;
    }

    /** A body run on one contiguous range of a {@link #forRange} loop. */
    @FunctionalInterface
    public interface RangeBody {
        /** Processes the elements {@code [from, to)}. */
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, n)} in contiguous ranges, split over up to {@link #numThreads()}
     * threads when every thread gets at least {@code minPerThread} elements, else in one call on the caller's
     * thread. For element-wise work (an optimizer update, a row gather): each element is processed by exactly
     * one call, so the result does not depend on the split.
     *
     * @param n            the number of elements
     * @param minPerThread the least work worth handing to another thread (a hand-off costs microseconds)
     * @param body         the work on one range
     */
    public static void forRange(int n, int minPerThread, RangeBody body) {
        int threads = (int) Math.min(numThreads, n / (long) Math.max(1, minPerThread));
        if (threads <= 1) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        int parts = threads;
        run(parts, t -> body.run((int) ((long) n * t / parts), (int) ((long) n * (t + 1) / parts)));
    }

    /**
     * Runs {@code task.accept(i)} for i in [0, tasks) and returns when all are done: task 0 on the calling
     * thread, the others on idle workers (or on the caller when none is idle, or when the caller is itself a
     * worker). The first exception thrown by a task is rethrown here after all tasks have finished.
     */
    static void run(int tasks, IntConsumer task) {
        if (tasks <= 1 || Thread.currentThread() instanceof Worker) {
            for (int i = 0; i < tasks; i++) {
                task.accept(i);
            }
            return;
        }
        Worker[] pool = workers(tasks - 1);
        Job job = new Job(task);
        int[] leftovers = new int[tasks];
        int nLeft = 0;
        int next = 0;
        for (int i = 1; i < tasks; i++) {
            boolean handed = false;
            while (next < pool.length && !handed) {
                handed = pool[next++].offer(job, i);
            }
            if (!handed) {
                leftovers[nLeft++] = i;
            }
        }
        job.runHere(0);
        for (int i = 0; i < nLeft; i++) {
            job.runHere(leftovers[i]);
        }
        job.await();
        job.rethrow();
    }

    // Grows on demand, never shrinks: idle workers are parked daemon threads.
    private static Worker[] workers(int wanted) {
        Worker[] pool = workers;
        if (pool.length >= wanted) {
            return pool;
        }
        synchronized (Parallelism.class) {
            pool = workers;
            if (pool.length < wanted) {
                Worker[] grown = java.util.Arrays.copyOf(pool, wanted);
                for (int i = pool.length; i < wanted; i++) {
                    grown[i] = new Worker("strata-kernel-" + THREAD_IDS.incrementAndGet());
                    grown[i].start();
                }
                workers = grown;
                pool = grown;
            }
        }
        return pool;
    }

    /**
     * One turn of a wait loop: a pause instruction for the first microseconds, then a yield, which costs about
     * as little when the core is free but hands it to a runnable thread (the JIT compiler, the garbage
     * collector, a descheduled worker) when there is one: on a machine with few cores, spinning threads
     * would otherwise starve them.
     */
    private static void spinOrYield(long waitedNanos) {
        if (waitedNanos < PURE_SPIN_NANOS) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    /** One parallel call: its task, the count of handed-off parts still running, and the first failure. */
    private static final class Job {
        private final IntConsumer task;
        private final AtomicInteger pending = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile Thread waiter;

        Job(IntConsumer task) {
            this.task = task;
        }

        void runHere(int i) {
            try {
                task.accept(i);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }

        /** Called by a worker when a part handed to it has finished (after it freed its slot). */
        void finishHanded() {
            if (pending.decrementAndGet() == 0) {
                Thread w = waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }

        void await() {
            long start = System.nanoTime();
            while (pending.get() != 0) {
                long waited = System.nanoTime() - start;
                if (waited < SPIN_NANOS) {
                    spinOrYield(waited);
                } else {
                    waiter = Thread.currentThread();
                    if (pending.get() != 0) {
                        LockSupport.parkNanos(this, 1_000_000L);
                    }
                }
            }
        }

        void rethrow() {
            Throwable t = failure.get();
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
            if (t != null) {
                throw new IllegalStateException("parallel kernel task failed", t);
            }
        }
    }

    private record Handoff(Job job, int part) {
    }

    /** A daemon worker with a one-task slot; spins briefly when idle, then parks until offered work. */
    private static final class Worker extends Thread {
        private final AtomicReference<Handoff> slot = new AtomicReference<>();
        private volatile boolean parked;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        /** Hands part {@code i} of {@code job} to this worker if it is idle. */
        boolean offer(Job job, int i) {
            if (slot.get() != null) {
                return false;
            }
            job.pending.incrementAndGet();
            if (!slot.compareAndSet(null, new Handoff(job, i))) {
                job.pending.decrementAndGet();
                return false;
            }
            if (parked) {
                LockSupport.unpark(this);
            }
            return true;
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (true) {
                Handoff h = slot.get();
                if (h != null) {
                    h.job.runHere(h.part);
                    // Free the slot before reporting, so the caller's next call finds this worker idle.
                    slot.set(null);
                    h.job.finishHanded();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    spinOrYield(System.nanoTime() - idleSince);
                } else {
                    parked = true;
                    if (slot.get() == null) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
