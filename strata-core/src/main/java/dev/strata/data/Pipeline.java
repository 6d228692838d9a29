package dev.strata.data;

import dev.strata.data.Dataset.Cursor;
import dev.strata.internal.RandomState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The passes ({@link Cursor}s) of {@link Dataset}'s sources and transformations. */
final class Pipeline {
    /** Prefix of the names of the pipeline's background threads (tests look for leaks by it). */
    static final String THREAD_PREFIX = "strata-data-";
    private static final AtomicInteger THREADS = new AtomicInteger();

    private Pipeline() {
    }

    /** A dataset made of a cursor factory. */
    static final class Node<T> extends Dataset<T> {
        private final long cardinality;
        private final Supplier<? extends Cursor<T>> cursors;

        Node(long cardinality, Supplier<? extends Cursor<T>> cursors) {
            this.cardinality = cardinality;
            this.cursors = cursors;
        }

        @Override
        public Cursor<T> iterator() {
            return cursors.get();
        }

        @Override
        public long cardinality() {
            return cardinality;
        }
    }

    /** A cursor that computes its next element ahead of {@code hasNext}; {@link #advance} returns null at the end. */
    abstract static class Lookahead<T> implements Cursor<T> {
        private T next;
        private boolean done;
        private boolean closed;

        /** The next element, or null at the end. */
        abstract T advance();

        /** Releases what the pass holds (upstream cursors, threads, files). */
        void release() {
        }

        @Override
        public final boolean hasNext() {
            if (next == null && !done) {
                if (closed) {
                    throw new IllegalStateException("Dataset: the pass was closed");
                }
                try {
                    next = advance();
                } catch (Throwable t) {
                    // A failed pass is over: its threads and files are released at once, not when (if ever) the
                    // consumer closes it.
                    try {
                        close();
                    } catch (Throwable suppressed) {
                        t.addSuppressed(suppressed);
                    }
                    throw t;
                }
                if (next == null) {
                    done = true;
                    close();
                }
            }
            return next != null;
        }

        @Override
        public final T next() {
            if (!hasNext()) {
                throw new NoSuchElementException("Dataset: no more elements in this pass");
            }
            T t = next;
            next = null;
            return t;
        }

        @Override
        public final void close() {
            if (!closed) {
                closed = true;
                done = true;
                next = null;
                release();
            }
        }
    }

    /** A lookahead cursor reading one upstream cursor, which it closes. */
    abstract static class Stage<S, T> extends Lookahead<T> {
        final Cursor<S> upstream;

        Stage(Cursor<S> upstream) {
            this.upstream = upstream;
        }

        @Override
        void release() {
            upstream.close();
        }
    }

    static <T> Cursor<T> indexed(int n, IntFunction<T> element) {
        return new Lookahead<>() {
            private int i;

            @Override
            T advance() {
                return i < n ? element.apply(i++) : null;
            }
        };
    }

    static <T> Cursor<T> fromIterator(Iterator<? extends T> it, String what) {
        return new Lookahead<>() {
            private long count;

            @Override
            T advance() {
                if (!it.hasNext()) {
                    return null;
                }
                T t = it.next();
                if (t == null) {
                    throw new NullPointerException(what + ": element " + count + " is null; a dataset's elements "
                            + "cannot be null");
                }
                count++;
                return t;
            }

            @Override
            void release() {
                if (it instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException(what + ": closing the iterator failed: " + e, e);
                    }
                }
            }
        };
    }

    static <S, T> Cursor<T> map(Cursor<S> upstream, Function<? super S, ? extends T> f) {
        return new Stage<S, T>(upstream) {
            @Override
            T advance() {
                if (!upstream.hasNext()) {
                    return null;
                }
                return nonNull(f.apply(upstream.next()), "map");
            }
        };
    }

    private static <T> T nonNull(T t, String what) {
        if (t == null) {
            throw new NullPointerException("Dataset." + what + ": the function returned null; a dataset's elements "
                    + "cannot be null (use filter to leave elements out)");
        }
        return t;
    }

    /**
     * {@code f} on {@code threads} daemon threads with up to {@code window} elements in flight, results in order.
     * The upstream is read on the consumer's thread.
     */
    static <S, T> Cursor<T> parallelMap(Cursor<S> upstream, Function<? super S, ? extends T> f, int threads,
                                        int window, String what) {
        return new Stage<S, T>(upstream) {
            private ExecutorService pool;
            private final List<Thread> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
            private final ArrayDeque<Future<T>> inFlight = new ArrayDeque<>();
            private boolean exhausted;

            @Override
            T advance() {
                if (pool == null) {
                    ThreadFactory named = daemonThreads(what);
                    pool = Executors.newFixedThreadPool(threads, r -> {
                        Thread t = named.newThread(r);
                        workers.add(t);
                        return t;
                    });
                }
                while (!exhausted && inFlight.size() < window) {
                    S s;
                    try {
                        if (!upstream.hasNext()) {
                            exhausted = true;
                            break;
                        }
                        s = upstream.next();
                    } catch (RuntimeException | Error e) {
                        // the upstream failed here: the elements before it are still given first
                        exhausted = true;
                        inFlight.add(java.util.concurrent.CompletableFuture.failedFuture(e));
                        break;
                    }
                    inFlight.add(pool.submit(() -> nonNull(f.apply(s), what)));
                }
                Future<T> head = inFlight.poll();
                if (head == null) {
                    return null;
                }
                try {
                    return head.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Dataset." + what + ": interrupted while waiting for an element",
                            e);
                } catch (ExecutionException e) {
                    throw rethrow(e.getCause());
                }
            }

            @Override
            void release() {
                try {
                    if (pool != null) {
                        for (Future<T> f : inFlight) {
                            f.cancel(true);
                        }
                        inFlight.clear();
                        pool.shutdownNow();
                        awaitQuietly(pool);
                        // a terminated pool's workers may still be leaving their run loops: the pass counts as
                        // closed once they have ended
                        for (Thread t : workers) {
                            joinQuietly(t);
                        }
                    }
                } finally {
                    upstream.close();
                }
            }
        };
    }

    static <T> Cursor<T> filter(Cursor<T> upstream, Predicate<? super T> p) {
        return new Stage<T, T>(upstream) {
            @Override
            T advance() {
                while (upstream.hasNext()) {
                    T t = upstream.next();
                    if (p.test(t)) {
                        return t;
                    }
                }
                return null;
            }
        };
    }

    /** The seeds of the passes of one shuffled dataset. */
    static final class Seeds {
        private final Long seed;
        private final boolean reshuffle;
        private final AtomicLong passes = new AtomicLong();
        private volatile Long first;

        Seeds(Long seed, boolean reshuffle) {
            this.seed = seed;
            this.reshuffle = reshuffle;
        }

        /** The seed of the next pass. */
        long next() {
            long pass = passes.getAndIncrement();
            if (!reshuffle) {
                if (first == null) {
                    synchronized (this) {
                        if (first == null) {
                            first = seed != null ? seed : RandomState.nextSeed();
                        }
                    }
                }
                return first;
            }
            if (seed == null) {
                return RandomState.nextSeed();
            }
            // A different, reproducible seed per pass: SplittableRandom's mixing of (seed, pass).
            return new SplittableRandom(seed ^ (pass * 0x9E3779B97F4A7C15L)).nextLong();
        }
    }

    @SuppressWarnings("unchecked")
    static <T> Cursor<T> shuffle(Cursor<T> upstream, int bufferSize, long seed) {
        if (upstream instanceof Records.Source records) { // a file's samples: the same order, kept raw
            return (Cursor<T>) Records.shuffle(records, bufferSize, seed);
        }
        return new Stage<T, T>(upstream) {
            private final SplittableRandom random = new SplittableRandom(seed);
            private final List<T> buffer = new ArrayList<>();

            @Override
            T advance() {
                while (buffer.size() < bufferSize && upstream.hasNext()) {
                    buffer.add(upstream.next());
                }
                if (buffer.isEmpty()) {
                    return null;
                }
                int i = random.nextInt(buffer.size());
                T t = buffer.get(i);
                if (upstream.hasNext()) {
                    buffer.set(i, upstream.next());
                } else {
                    buffer.set(i, buffer.getLast());
                    buffer.removeLast();
                }
                return t;
            }
        };
    }

    @SuppressWarnings("unchecked")
    static <T> Cursor<T> batch(Cursor<T> upstream, int size, boolean dropRemainder, boolean pad, float padValue) {
        if (!pad && upstream instanceof Records.Pass records) { // samples of fixed shapes: written into the batch
            return (Cursor<T>) Records.batch(records, size, dropRemainder);
        }
        return new Stage<T, T>(upstream) {
            @Override
            T advance() {
                List<T> items = new ArrayList<>(size);
                while (items.size() < size && upstream.hasNext()) {
                    items.add(upstream.next());
                }
                if (items.isEmpty() || (dropRemainder && items.size() < size)) {
                    return null;
                }
                return Stacking.stack(items, pad, padValue, pad ? "paddedBatch" : "batch");
            }
        };
    }

    /** Consecutive elements in lists of {@code size} (the last may be shorter). */
    static <T> Cursor<List<T>> groups(Cursor<T> upstream, int size) {
        return new Stage<T, List<T>>(upstream) {
            @Override
            List<T> advance() {
                List<T> items = new ArrayList<>(size);
                while (items.size() < size && upstream.hasNext()) {
                    items.add(upstream.next());
                }
                return items.isEmpty() ? null : items;
            }
        };
    }

    static <T> Cursor<T> repeat(Dataset<T> source, long count) {
        return new Lookahead<>() {
            private Cursor<T> current;
            private long passes;
            private boolean sawAny;

            @Override
            T advance() {
                while (true) {
                    if (current == null) {
                        if (count >= 0 && passes >= count) {
                            return null;
                        }
                        current = source.iterator();
                        passes++;
                        sawAny = false;
                    }
                    if (current.hasNext()) {
                        sawAny = true;
                        return current.next();
                    }
                    current.close();
                    current = null;
                    if (!sawAny) {
                        return null; // an empty source repeated is empty, not an endless loop
                    }
                }
            }

            @Override
            void release() {
                if (current != null) {
                    current.close();
                }
            }
        };
    }

    static <T> Cursor<T> take(Cursor<T> upstream, long count) {
        return new Stage<T, T>(upstream) {
            private long taken;

            @Override
            T advance() {
                if (taken >= count || !upstream.hasNext()) {
                    return null;
                }
                taken++;
                return upstream.next();
            }
        };
    }

    static <T> Cursor<T> skip(Cursor<T> upstream, long count) {
        return new Stage<T, T>(upstream) {
            private boolean skipped;

            @Override
            T advance() {
                if (!skipped) {
                    skipped = true;
                    for (long i = 0; i < count && upstream.hasNext(); i++) {
                        upstream.next();
                    }
                }
                return upstream.hasNext() ? upstream.next() : null;
            }
        };
    }

    /** The elements of a source's first complete pass, kept for the later ones. */
    static final class MemoryCache<T> {
        private final Dataset<T> source;
        private volatile List<T> elements;

        MemoryCache(Dataset<T> source) {
            this.source = source;
        }

        Cursor<T> iterator() {
            List<T> kept = elements;
            if (kept != null) {
                return fromIterator(kept.iterator(), "Dataset.cache");
            }
            List<T> filling = new ArrayList<>();
            return new Stage<T, T>(source.iterator()) {
                @Override
                T advance() {
                    if (upstream.hasNext()) {
                        T t = upstream.next();
                        filling.add(t);
                        return t;
                    }
                    elements = List.copyOf(filling);
                    return null;
                }
            };
        }
    }

    /** A message marking the end of a prefetched pass, or carrying its failure. */
    private record End(Throwable failure) {
    }

    /** Reads {@code upstream} on a background thread into a queue of {@code size} elements. */
    static <T> Cursor<T> prefetch(Cursor<T> upstream, int size) {
        return new Lookahead<T>() {
            private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(size);
            private Thread producer;
            private volatile boolean stopping;
            private boolean ended;

            @Override
            @SuppressWarnings("unchecked")
            T advance() {
                if (ended) {
                    return null;
                }
                if (producer == null) {
                    producer = daemonThreads("prefetch").newThread(this::produce);
                    producer.start();
                }
                Object o;
                try {
                    o = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Dataset.prefetch: interrupted while waiting for an element", e);
                }
                if (o instanceof End end) {
                    ended = true;
                    if (end.failure != null) {
                        throw rethrow(end.failure);
                    }
                    return null;
                }
                return (T) o;
            }

            private void produce() {
                Throwable failure = null;
                try {
                    while (!stopping && upstream.hasNext()) {
                        queue.put(upstream.next());
                    }
                } catch (InterruptedException e) {
                    return; // closed while waiting for room
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    try {
                        upstream.close();
                    } catch (Throwable t) {
                        failure = failure == null ? t : failure;
                    }
                }
                if (!stopping) {
                    try {
                        queue.put(new End(failure));
                    } catch (InterruptedException e) {
                        // closed: nobody reads the end any more
                    }
                }
            }

            @Override
            void release() {
                if (producer == null) {
                    upstream.close();
                    return;
                }
                stopping = true;
                producer.interrupt();
                queue.clear(); // room for a producer blocked on put, if the interrupt came before it blocked
                boolean interrupted = false;
                while (true) {
                    try {
                        producer.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true; // the thread must end before the pass counts as closed
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                queue.clear();
            }
        };
    }

    /** Daemon threads named {@code strata-data-<what>-<n>}, so an abandoned pass never keeps the JVM alive. */
    static ThreadFactory daemonThreads(String what) {
        return r -> {
            Thread t = new Thread(r, THREAD_PREFIX + what + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void joinQuietly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.DAYS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A failure of another thread, thrown again here: unchecked ones as they are, checked ones wrapped. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("Dataset: " + t, t);
    }
}
