package dev.strata.internal.kernels;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The intra-op thread setting ({@code Strata.setNumThreads}) and the shared daemon pool that large kernels
 * split their work over. Handing a task to another thread costs ~20 us here, so only calls worth well over
 * that (GEMMs of ~15 MFLOP and more) are split; everything else runs on the caller's thread.
 */
public final class Parallelism {
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();
    private static volatile int numThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static ExecutorService pool;
    private static int poolSize;

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

    /**
     * Runs {@code task.accept(i)} for i in [0, tasks): task 0 on the calling thread, the others on the pool,
     * and returns when all are done. Runs everything on the caller when already on a pool thread (a kernel
     * called from a kernel task), so the pool cannot deadlock on itself.
     */
    static void run(int tasks, IntConsumer task) {
        if (tasks <= 1 || Thread.currentThread() instanceof Worker) {
            for (int i = 0; i < tasks; i++) {
                task.accept(i);
            }
            return;
        }
        ExecutorService executor = executor(tasks - 1);
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[tasks - 1];
        for (int i = 1; i < tasks; i++) {
            int id = i;
            futures[i - 1] = executor.submit(() -> task.accept(id));
        }
        Throwable failure = null;
        try {
            task.accept(0);
        } catch (Throwable t) {
            failure = t;
        }
        // Always wait for every task: they write into the caller's arrays.
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException("parallel kernel task failed", failure);
        }
    }

    // Grows on demand, never shrinks: idle daemon threads cost nothing but their stacks.
    private static synchronized ExecutorService executor(int workers) {
        if (pool == null || poolSize < workers) {
            ExecutorService old = pool;
            pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Worker(r, "strata-kernel-" + THREAD_IDS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            poolSize = workers;
            if (old != null) {
                old.shutdown();
            }
        }
        return pool;
    }

    private static final class Worker extends Thread {
        Worker(Runnable r, String name) {
            super(r, name);
        }
    }
}
