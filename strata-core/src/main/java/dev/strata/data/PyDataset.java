package dev.strata.data;

import dev.strata.internal.RandomState;
import java.util.SplittableRandom;

/**
 * A batch loader written by the user, like Keras's {@code keras.utils.PyDataset}: {@link #get(int)} gives batch
 * {@code index} ({@code __getitem__}) and {@link #size()} the number of batches ({@code __len__}); {@code fit},
 * {@code evaluate} and {@code predict} take it as they take arrays. Batches are fetched by {@link #workers()}
 * threads (Keras's {@code workers}; {@code useMultiprocessing} has no separate meaning in Java: threads share the
 * heap) with at most {@link #maxQueueSize()} batches ahead of the training step, in index order.
 *
 * <pre>{@code
 * class Loader extends PyDataset {
 *     Loader() { super(4, false, 10); }                    // 4 worker threads
 *     public int size() { return (int) Math.ceil(n / 32.0); }
 *     public Batch get(int index) { return Batch.of(readImages(index), readLabels(index)); }
 * }
 * model.fit(new Loader(), new FitOptions().epochs(5));
 * }</pre>
 *
 * <p>With more than one worker, {@code get} is called from several threads at once and must be safe for that.
 * An exception of {@code get} stops {@code fit}, naming the batch.
 */
public abstract class PyDataset {
    private final int workers;
    private final boolean useMultiprocessing;
    private final int maxQueueSize;

    /** One worker (batches are read on the training thread), a queue of 10: Keras's defaults. */
    protected PyDataset() {
        this(1, false, 10);
    }

    /**
     * @param workers the threads that call {@link #get}; 1 reads on the thread that iterates
     * @param useMultiprocessing Keras's flag; here it only asks for worker threads even with one worker
     * @param maxQueueSize the batches read ahead at most
     * @throws IllegalArgumentException if {@code workers} or {@code maxQueueSize} is below 1
     */
    protected PyDataset(int workers, boolean useMultiprocessing, int maxQueueSize) {
        if (workers < 1) {
            throw new IllegalArgumentException("PyDataset: workers is " + workers + "; expected 1 or more");
        }
        if (maxQueueSize < 1) {
            throw new IllegalArgumentException("PyDataset: maxQueueSize is " + maxQueueSize + "; expected 1 or more");
        }
        this.workers = workers;
        this.useMultiprocessing = useMultiprocessing;
        this.maxQueueSize = maxQueueSize;
    }

    /** The number of batches in an epoch ({@code __len__}). */
    public abstract int size();

    /** Batch {@code index}, in {@code [0, numBatches())} ({@code __getitem__}). */
    public abstract Batch get(int index);

    /**
     * The number of batches, or null for an infinite dataset (read at 0, 1, 2, ... until {@code stepsPerEpoch}):
     * Keras's {@code num_batches}, {@link #size()} unless overridden.
     */
    public Integer numBatches() {
        return size();
    }

    /** Called at the start of every epoch. */
    public void onEpochBegin() {
    }

    /** Called at the end of every epoch, e.g. to shuffle the data between epochs. */
    public void onEpochEnd() {
    }

    /** The threads that call {@link #get}. */
    public final int workers() {
        return workers;
    }

    /** Keras's {@code use_multiprocessing}. */
    public final boolean useMultiprocessing() {
        return useMultiprocessing;
    }

    /** The batches read ahead at most. */
    public final int maxQueueSize() {
        return maxQueueSize;
    }

    /** The batches as a dataset: index order (shuffled per pass when asked and finite), on the workers. */
    Dataset<Batch> asDataset(boolean shuffle) {
        Integer n = numBatches();
        Dataset<Integer> indices;
        if (n == null) {
            indices = Dataset.of(Dataset.INFINITE_CARDINALITY, () -> new Pipeline.Lookahead<>() {
                private int i;

                @Override
                Integer advance() {
                    return i++;
                }
            });
        } else if (shuffle) {
            indices = Dataset.of(n, () -> {
                int[] order = permutation(n, new SplittableRandom(RandomState.nextSeed()));
                return Pipeline.indexed(n, i -> order[i]);
            });
        } else {
            indices = Dataset.range(n);
        }
        java.util.function.Function<Integer, Batch> fetch = i -> {
            Batch b = get(i);
            if (b == null) {
                throw new NullPointerException("PyDataset.get(" + i + ") returned null; it must return a Batch");
            }
            return b;
        };
        if (workers == 1 && !useMultiprocessing) {
            return indices.map(fetch); // Keras reads in the iterating thread without workers
        }
        return Dataset.of(indices.cardinality(), () -> Pipeline.parallelMap(indices.iterator(), fetch, workers,
                maxQueueSize, "pydataset"));
    }

    private static int[] permutation(int n, SplittableRandom r) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }
}
