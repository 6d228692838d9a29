package dev.strata.spark;

import dev.strata.training.TrainingListener;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How {@link SparkTraining#fit} trains: Keras's {@code fit} options where they apply (epochs, the global batch size,
 * shuffling, validation data, callbacks) and the distributed ones (how many workers, and the mode).
 *
 * <pre>{@code
 * SparkFitOptions o = new SparkFitOptions().epochs(20).batchSize(32).workers(2)
 *         .validationData(validDf).callbacks(new EarlyStopping().patience(3));
 * }</pre>
 */
public final class SparkFitOptions {
    /** How the replicas of the model stay together. */
    public enum Mode {
        /**
         * Synchronous data-parallel SGD: every step, each worker computes the gradients of its share of the global
         * batch, the gradients are all-reduced, and every replica applies the same update: the same training as on
         * one machine, up to float32 rounding.
         */
        SYNCHRONOUS,
        /**
         * Local SGD: each worker trains on its own shard with batches of {@code batchSize / workers}, and every
         * {@link #averageEvery} steps the weights and the optimizer state are averaged across workers. Fewer rounds
         * of communication, for small models where a per-step all-reduce costs more than the step.
         */
        LOCAL_SGD
    }

    private int epochs = 1;
    private int batchSize = 32;
    private boolean shuffle = true;
    private long seed = 0;
    private int workers;
    private Mode mode = Mode.SYNCHRONOUS;
    private int averageEvery = 16;
    private int verbose = 1;
    private Dataset<Row> validationData;
    private int validationFreq = 1;
    private List<? extends TrainingListener> callbacks = List.of();
    private Fault fault;

    /** Keras's defaults: one epoch, global batch 32, shuffled; as many workers as Spark's default parallelism. */
    public SparkFitOptions() {
    }

    /** Epochs to train (default 1). */
    public SparkFitOptions epochs(int value) {
        this.epochs = positive("epochs", value);
        return this;
    }

    /** The global batch size, split over the workers (default 32). */
    public SparkFitOptions batchSize(int value) {
        this.batchSize = positive("batchSize", value);
        return this;
    }

    /** Whether each epoch visits the rows in a new order drawn from {@link #seed} and the epoch (default true). */
    public SparkFitOptions shuffle(boolean value) {
        this.shuffle = value;
        return this;
    }

    /** The seed of the shuffle order (default 0): the same seed gives the same batches on any cluster. */
    public SparkFitOptions seed(long value) {
        this.seed = value;
        return this;
    }

    /** The number of workers, one Spark task each, all running at once (default: Spark's default parallelism). */
    public SparkFitOptions workers(int value) {
        this.workers = positive("workers", value);
        return this;
    }

    /** How the replicas stay together (default {@link Mode#SYNCHRONOUS}). */
    public SparkFitOptions mode(Mode value) {
        this.mode = Objects.requireNonNull(value, "mode");
        return this;
    }

    /** For {@link Mode#LOCAL_SGD}: the steps between two averagings (default 16). */
    public SparkFitOptions averageEvery(int steps) {
        this.averageEvery = positive("averageEvery", steps);
        return this;
    }

    /** 0 silent, 1 (default) or 2: one line per epoch on the driver. */
    public SparkFitOptions verbose(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + value);
        }
        this.verbose = value;
        return this;
    }

    /** Rows to evaluate after each epoch, with the same columns as the training data; collected to the driver. */
    public SparkFitOptions validationData(Dataset<Row> value) {
        this.validationData = value;
        return this;
    }

    /**
     * Keras's {@code validation_freq}: validate after every n-th epoch, counted from 1 (epochs n, 2n, ...; default
     * 1), as the core fit's {@code FitOptions.validationFreq}.
     */
    public SparkFitOptions validationFreq(int value) {
        this.validationFreq = positive("validationFreq", value);
        return this;
    }

    /** Callbacks, run on the driver at the start and end of training and of each epoch. */
    public SparkFitOptions callbacks(TrainingListener... value) {
        this.callbacks = List.of(value);
        return this;
    }

    /** Callbacks, run on the driver at the start and end of training and of each epoch. */
    public SparkFitOptions callbacks(List<? extends TrainingListener> value) {
        this.callbacks = List.copyOf(value);
        return this;
    }

    /**
     * For tests of fault tolerance: the first attempt of {@code epoch}'s task of {@code worker} throws at the start of
     * its step {@code step}, so that Spark retries the stage.
     */
    SparkFitOptions injectFault(int epoch, int worker, int step) {
        this.fault = new Fault(epoch, worker, step);
        return this;
    }

    /** A task failure injected by a test: which epoch, worker and step fail, on the stage's first attempt only. */
    record Fault(int epoch, int worker, int step) implements java.io.Serializable {
    }

    Fault fault() {
        return fault;
    }

    int epochs() {
        return epochs;
    }

    int batchSize() {
        return batchSize;
    }

    boolean shuffle() {
        return shuffle;
    }

    long seed() {
        return seed;
    }

    /** The workers asked for, or 0 for Spark's default parallelism. */
    int workers() {
        return workers;
    }

    Mode mode() {
        return mode;
    }

    int averageEvery() {
        return averageEvery;
    }

    int verbose() {
        return verbose;
    }

    Dataset<Row> validationData() {
        return validationData;
    }

    int validationFreq() {
        return validationFreq;
    }

    List<? extends TrainingListener> callbacks() {
        return callbacks;
    }

    private static int positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + value);
        }
        return value;
    }
}
