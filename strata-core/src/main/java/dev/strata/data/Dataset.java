package dev.strata.data;

import dev.strata.tensor.Tensor;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A stream of elements read lazily, like {@code tf.data.Dataset}: a source (tensors, a generator, a CSV file, a
 * {@link PyDataset}) and transformations ({@link #map}, {@link #filter}, {@link #shuffle}, {@link #batch},
 * {@link #repeat}, {@link #prefetch}, ...) that run only while the elements are iterated. {@code fit},
 * {@code evaluate} and {@code predict} take a {@code Dataset<Batch>} as they take arrays, iterating it anew for
 * every epoch.
 *
 * <pre>{@code
 * Dataset<Batch> train = Dataset.fromTensorSlices(x, y).shuffle(1000, 42).batch(32).prefetch(2);
 * model.fit(train, new FitOptions().epochs(10));
 * }</pre>
 *
 * <p>Elements are {@link Tensor}s or {@link Batch}es (tf.data's {@code (x, y[, sample_weight])} tuples) or any
 * other type, which {@link #map} can turn into those. Before {@link #batch}, a {@code Batch} element is one sample:
 * its tensors have no batch axis, as in tf.data; {@code batch} stacks samples into batches.
 *
 * <p>Each {@link #iterator()} is a new pass (an epoch): sources are re-read and shuffles draw a new order. A pass
 * that runs background threads ({@link #prefetch}, a parallel {@link #map}) starts them on its first element and
 * stops them when it ends or is {@linkplain Cursor#close() closed}; the training loop closes every pass it opens,
 * also when it stops early or fails. An exception of a source or a function given to a transformation is thrown
 * from {@code next()}, from the thread that iterates, whichever thread ran the function.
 *
 * @param <T> the element type
 */
public abstract class Dataset<T> implements Iterable<T> {
    /** {@link #cardinality()} of a dataset that never ends (tf.data's {@code INFINITE_CARDINALITY}). */
    public static final long INFINITE_CARDINALITY = -1;
    /** {@link #cardinality()} of a dataset whose length is not known before it is read. */
    public static final long UNKNOWN_CARDINALITY = -2;
    /** For {@link #prefetch} and {@link #map(Function, int)}: let Strata choose (tf.data's {@code AUTOTUNE}). */
    public static final int AUTOTUNE = -1;

    /** A pass over a dataset's elements; close it to stop its background threads before it ends. */
    public interface Cursor<T> extends Iterator<T>, AutoCloseable {
        /** Stops the pass: its background threads end (this waits for them) and its files close. Idempotent. */
        @Override
        void close();
    }

    Dataset() {
    }

    /** A new pass over the elements (an epoch); close it if it is not read to the end. */
    @Override
    public abstract Cursor<T> iterator();

    /**
     * The number of elements, as far as it is known without reading them: {@link #INFINITE_CARDINALITY} for a
     * dataset that repeats forever, {@link #UNKNOWN_CARDINALITY} when only reading tells (a generator, a file, after
     * a {@link #filter}).
     */
    public abstract long cardinality();

    // ---- sources ---------------------------------------------------------------------------------------------

    /** One element: the whole tensor. */
    public static Dataset<Tensor> fromTensors(Tensor x) {
        Objects.requireNonNull(x, "Dataset.fromTensors: x is null");
        return fromIterable(List.of(x), 1);
    }

    /** One element: the pair {@code (x, y)} as one batch. */
    public static Dataset<Batch> fromTensors(Tensor x, Tensor y) {
        return fromTensors(Batch.of(x, y));
    }

    /** One element: the batch given. */
    public static Dataset<Batch> fromTensors(Batch batch) {
        Objects.requireNonNull(batch, "Dataset.fromTensors: batch is null");
        return fromIterable(List.of(batch), 1);
    }

    /** The rows of {@code x} (its slices along the first axis), one element each. */
    public static Dataset<Tensor> fromTensorSlices(Tensor x) {
        Objects.requireNonNull(x, "Dataset.fromTensorSlices: x is null");
        int n = Stacking.rows(List.of(x), "Dataset.fromTensorSlices");
        return Dataset.<Tensor>of(n, () -> Pipeline.indexed(n, i -> Stacking.row(x, i)));
    }

    /** The samples {@code (x[i], y[i])}, one {@link Batch} element of one sample each. */
    public static Dataset<Batch> fromTensorSlices(Tensor x, Tensor y) {
        return fromTensorSlices(Batch.of(x, y));
    }

    /** The samples {@code (x[i], y[i], sampleWeight[i])}. */
    public static Dataset<Batch> fromTensorSlices(Tensor x, Tensor y, Tensor sampleWeight) {
        Objects.requireNonNull(sampleWeight, "Dataset.fromTensorSlices: sampleWeight is null");
        return fromTensorSlices(new Batch(List.of(x), List.of(y), List.of(sampleWeight)));
    }

    /**
     * The samples of a batch of several inputs, targets and sample weights: element {@code i} holds row {@code i}
     * of each tensor.
     *
     * @throws IllegalArgumentException if the tensors do not share their first dimension
     */
    public static Dataset<Batch> fromTensorSlices(Batch data) {
        Objects.requireNonNull(data, "Dataset.fromTensorSlices: data is null");
        int n = Stacking.rows(Stacking.all(data), "Dataset.fromTensorSlices");
        return Dataset.<Batch>of(n, () -> Pipeline.indexed(n, i -> Stacking.row(data, i)));
    }

    /** The integers {@code 0, 1, ..., n - 1} (tf.data's {@code range}). */
    public static Dataset<Integer> range(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Dataset.range: n is " + n + "; expected 0 or more");
        }
        return Dataset.<Integer>of(n, () -> Pipeline.indexed(n, i -> i));
    }

    /** The elements of a collection or other re-iterable source, read anew in each pass. */
    public static <T> Dataset<T> fromIterable(Iterable<? extends T> source) {
        Objects.requireNonNull(source, "Dataset.fromIterable: source is null");
        long n = source instanceof java.util.Collection<?> c ? c.size() : UNKNOWN_CARDINALITY;
        return fromIterable(source, n);
    }

    private static <T> Dataset<T> fromIterable(Iterable<? extends T> source, long n) {
        return of(n, () -> Pipeline.fromIterator(source.iterator(), "Dataset.fromIterable"));
    }

    /**
     * The elements of a generator (tf.data's {@code from_generator}): {@code generator} is called for each pass and
     * its iterator read to its end (or closed, if it is {@link AutoCloseable}, when the pass stops early).
     * Its exceptions are thrown from the pass's {@code next()}; in {@code fit} they name the batch.
     */
    public static <T> Dataset<T> fromGenerator(Supplier<? extends Iterator<? extends T>> generator) {
        Objects.requireNonNull(generator, "Dataset.fromGenerator: generator is null");
        return of(UNKNOWN_CARDINALITY, () -> Pipeline.fromIterator(
                Objects.requireNonNull(generator.get(), "Dataset.fromGenerator: the generator gave a null iterator"),
                "Dataset.fromGenerator"));
    }

    /**
     * The rows of a CSV file of numbers, streamed (the file is read anew in each pass and never held in memory):
     * each element is a {@link Batch} of one sample, the features (the columns that are neither targets nor
     * skipped, or the {@linkplain CsvOptions#selectColumns selected} ones) as a tensor {@code (features,)}, the
     * {@linkplain CsvOptions#targetColumns target columns} as {@code (targets,)}, or no target when none is given.
     * A value that does not parse fails the pass with a {@link CsvException} naming the file, line and column.
     */
    public static Dataset<Batch> fromCsv(Path file, CsvOptions options) {
        Objects.requireNonNull(file, "Dataset.fromCsv: file is null");
        Objects.requireNonNull(options, "Dataset.fromCsv: options is null");
        checkNumeric(options);
        return of(UNKNOWN_CARDINALITY, () -> CsvStream.openSamples(file, options));
    }

    /**
     * {@link #fromCsv(Path, CsvOptions)} for CSV text that is not a file of its own (a network stream, a resource, a
     * generator): {@code opener} gives a new stream for each pass, closed when the pass ends; {@code sourceName}
     * names it in messages.
     */
    public static Dataset<Batch> fromCsv(Supplier<? extends java.io.InputStream> opener, String sourceName,
                                         CsvOptions options) {
        Objects.requireNonNull(opener, "Dataset.fromCsv: opener is null");
        Objects.requireNonNull(sourceName, "Dataset.fromCsv: sourceName is null");
        Objects.requireNonNull(options, "Dataset.fromCsv: options is null");
        checkNumeric(options);
        return of(UNKNOWN_CARDINALITY, () -> CsvStream.openSamples(opener, sourceName, options));
    }

    private static void checkNumeric(CsvOptions options) {
        if (!options.stringSelections().isEmpty()) {
            throw new IllegalArgumentException("Dataset.fromCsv: string columns " + options.stringSelections()
                    + " cannot go into tensors; stream the rows with Dataset.csvRows and map them");
        }
    }

    /**
     * The rows of a CSV file as {@link CsvRow}s, streamed: typed columns, with the
     * {@linkplain CsvOptions#stringColumns string columns} kept as text for the lookup layers
     * ({@code StringLookup}, {@code TextVectorization}), to {@link #map} into tensors.
     */
    public static Dataset<CsvRow> csvRows(Path file, CsvOptions options) {
        Objects.requireNonNull(file, "Dataset.csvRows: file is null");
        Objects.requireNonNull(options, "Dataset.csvRows: options is null");
        return of(UNKNOWN_CARDINALITY, () -> CsvStream.open(file, options));
    }

    /**
     * The samples of IDX files (MNIST's format, plain or gzipped), streamed: each pass reads the files anew, one
     * sample at a time; element {@code i} is a {@link Batch} of one sample, {@code images[i]} (shaped as the file's
     * dimensions after the first, e.g. {@code (28, 28)}) and {@code labels[i]} (a scalar), or no target when
     * {@code labels} is null.
     *
     * @param scaleToUnit divide uint8 values by 255
     * @throws IdxException from a pass if a file is not well-formed IDX or the two hold different numbers of samples
     */
    public static Dataset<Batch> fromIdx(Path images, Path labels, boolean scaleToUnit) {
        Objects.requireNonNull(images, "Dataset.fromIdx: images is null");
        return of(UNKNOWN_CARDINALITY, () -> IdxStream.open(images, labels, scaleToUnit));
    }

    /**
     * The batches of a {@link PyDataset} in index order (shuffled anew each pass when {@code shuffle}), fetched by
     * its {@linkplain PyDataset#workers() worker threads} with at most {@linkplain PyDataset#maxQueueSize() its
     * queue size} ahead. An infinite PyDataset ({@code numBatches()} null) is read at indices 0, 1, 2, ... and not
     * shuffled.
     */
    public static Dataset<Batch> fromPyDataset(PyDataset data, boolean shuffle) {
        Objects.requireNonNull(data, "Dataset.fromPyDataset: data is null");
        return data.asDataset(shuffle);
    }

    static <T> Dataset<T> of(long cardinality, Supplier<? extends Cursor<T>> cursors) {
        return new Pipeline.Node<>(cardinality, cursors);
    }

    // ---- transformations -------------------------------------------------------------------------------------

    /** Each element through {@code function}, in this thread, in order. */
    public <R> Dataset<R> map(Function<? super T, ? extends R> function) {
        Objects.requireNonNull(function, "Dataset.map: function is null");
        return of(cardinality(), () -> Pipeline.map(iterator(), function));
    }

    /**
     * Each element through {@code function} on {@code numParallelCalls} threads ({@link #AUTOTUNE}: one per
     * processor), the order kept (tf.data's {@code deterministic=True}). The function must be safe to call from
     * several threads at once.
     */
    public <R> Dataset<R> map(Function<? super T, ? extends R> function, int numParallelCalls) {
        Objects.requireNonNull(function, "Dataset.map: function is null");
        int threads = numParallelCalls == AUTOTUNE ? Runtime.getRuntime().availableProcessors() : numParallelCalls;
        if (threads < 1) {
            throw new IllegalArgumentException("Dataset.map: numParallelCalls is " + numParallelCalls
                    + "; expected 1 or more, or AUTOTUNE");
        }
        if (threads == 1) {
            return map(function);
        }
        return of(cardinality(), () -> Pipeline.parallelMap(iterator(), function, threads, 2 * threads, "map"));
    }

    /** The elements for which {@code predicate} holds. */
    public Dataset<T> filter(Predicate<? super T> predicate) {
        Objects.requireNonNull(predicate, "Dataset.filter: predicate is null");
        long n = cardinality() == INFINITE_CARDINALITY ? INFINITE_CARDINALITY : UNKNOWN_CARDINALITY;
        return of(n, () -> Pipeline.filter(iterator(), predicate));
    }

    /** {@link #shuffle(int, Long, boolean)} with a seed drawn from Strata's generator for each pass. */
    public Dataset<T> shuffle(int bufferSize) {
        return shuffle(bufferSize, null, true);
    }

    /** {@link #shuffle(int, Long, boolean)} with a seed, reshuffled in each pass. */
    public Dataset<T> shuffle(int bufferSize, long seed) {
        return shuffle(bufferSize, seed, true);
    }

    /**
     * Shuffles with tf.data's buffer: the first {@code bufferSize} elements fill a buffer; each element given is
     * drawn at random from it and its place taken by the next element read. A buffer at least as large as the
     * dataset gives a uniform shuffle; a smaller one holds only {@code bufferSize} elements in memory.
     *
     * @param seed the seed (null: drawn from Strata's global generator, {@code Strata.setRandomSeed}, per pass)
     * @param reshuffleEachIteration whether each pass draws a new order (with a seed, a different one per pass,
     *     the same sequence of orders in every run); if false every pass has the order of the first
     */
    public Dataset<T> shuffle(int bufferSize, Long seed, boolean reshuffleEachIteration) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("Dataset.shuffle: bufferSize is " + bufferSize
                    + "; expected 1 or more");
        }
        Pipeline.Seeds seeds = new Pipeline.Seeds(seed, reshuffleEachIteration);
        return of(cardinality(), () -> Pipeline.shuffle(iterator(), bufferSize, seeds.next()));
    }

    /** {@link #batch(int, boolean)} keeping a smaller last batch. */
    public Dataset<T> batch(int batchSize) {
        return batch(batchSize, false);
    }

    /**
     * Stacks {@code batchSize} consecutive elements into one, along a new first axis: tensors into a tensor,
     * {@link Batch} samples component by component. All the elements of a batch must have the same shapes
     * ({@link #paddedBatch} pads them).
     *
     * @param dropRemainder whether a last batch of fewer elements is left out
     */
    public Dataset<T> batch(int batchSize, boolean dropRemainder) {
        checkBatchSize(batchSize, "batch");
        return of(batchedCardinality(batchSize, dropRemainder),
                () -> Pipeline.batch(iterator(), batchSize, dropRemainder, false, 0f));
    }

    /** {@link #paddedBatch(int, float, boolean)} with zeros, keeping a smaller last batch. */
    public Dataset<T> paddedBatch(int batchSize) {
        return paddedBatch(batchSize, 0f, false);
    }

    /**
     * Like {@link #batch}, but elements of different shapes (of the same rank) are padded at the end of each axis
     * with {@code paddingValue} to the largest shape in their batch (tf.data's {@code padded_batch} without
     * {@code padded_shapes}), e.g. sequences of different lengths.
     */
    public Dataset<T> paddedBatch(int batchSize, float paddingValue, boolean dropRemainder) {
        checkBatchSize(batchSize, "paddedBatch");
        return of(batchedCardinality(batchSize, dropRemainder),
                () -> Pipeline.batch(iterator(), batchSize, dropRemainder, true, paddingValue));
    }

    /** The elements repeated forever. */
    public Dataset<T> repeat() {
        long n = cardinality() == 0 ? 0 : INFINITE_CARDINALITY;
        return of(n, () -> Pipeline.repeat(this, -1));
    }

    /** The elements {@code count} times, re-reading the source each time. */
    public Dataset<T> repeat(long count) {
        if (count < 0) {
            return repeat();
        }
        long c = cardinality();
        long n = c < 0 ? c : c * count;
        return of(n, () -> Pipeline.repeat(this, count));
    }

    /** At most the first {@code count} elements ({@code count < 0}: all). */
    public Dataset<T> take(long count) {
        if (count < 0) {
            return this;
        }
        long c = cardinality();
        long n = c == UNKNOWN_CARDINALITY ? (count == 0 ? 0 : UNKNOWN_CARDINALITY)
                : c == INFINITE_CARDINALITY ? count : Math.min(c, count);
        return of(n, () -> Pipeline.take(iterator(), count));
    }

    /** All but the first {@code count} elements ({@code count < 0}: none). */
    public Dataset<T> skip(long count) {
        long c = cardinality();
        if (count < 0) {
            return take(0);
        }
        long n = c < 0 ? c : Math.max(0, c - count);
        return of(n, () -> Pipeline.skip(iterator(), count));
    }

    /**
     * Keeps the elements in memory after the first complete pass; later passes read them from there instead of
     * running the pipeline above again. A pass stopped early caches nothing.
     */
    public Dataset<T> cache() {
        Pipeline.MemoryCache<T> cache = new Pipeline.MemoryCache<>(this);
        return of(cardinality(), cache::iterator);
    }

    /**
     * Keeps the elements in {@code file} after the first complete pass (written to a temporary file beside it,
     * renamed when the pass completes, so a stopped pass leaves nothing half-written); later passes, and later
     * programs, read the file instead of running the pipeline above. Elements must be {@link Tensor}s or
     * {@link Batch}es.
     *
     * @throws java.io.UncheckedIOException from the first pass if the file cannot be written
     */
    public Dataset<T> cache(Path file) {
        Objects.requireNonNull(file, "Dataset.cache: file is null");
        FileCache<T> cache = new FileCache<>(this, file);
        return of(cardinality(), cache::iterator);
    }

    /**
     * Reads up to {@code bufferSize} elements ahead on a background thread ({@link #AUTOTUNE}: 2), so that the
     * pipeline above runs while the consumer (the training step) works.
     */
    public Dataset<T> prefetch(int bufferSize) {
        int n = bufferSize == AUTOTUNE ? 2 : bufferSize;
        if (n < 1) {
            throw new IllegalArgumentException("Dataset.prefetch: bufferSize is " + bufferSize
                    + "; expected 1 or more, or AUTOTUNE");
        }
        return of(cardinality(), () -> Pipeline.prefetch(iterator(), n));
    }

    private static void checkBatchSize(int batchSize, String method) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Dataset." + method + ": batchSize is " + batchSize
                    + "; expected 1 or more");
        }
    }

    private long batchedCardinality(int batchSize, boolean dropRemainder) {
        long c = cardinality();
        if (c < 0) {
            return c;
        }
        return dropRemainder ? c / batchSize : (c + batchSize - 1) / batchSize;
    }

    /** The dataset, for messages: its cardinality. */
    @Override
    public String toString() {
        long c = cardinality();
        String n = c == INFINITE_CARDINALITY ? "infinite" : c == UNKNOWN_CARDINALITY ? "unknown" : Long.toString(c);
        return "Dataset(cardinality=" + n + ")";
    }
}
