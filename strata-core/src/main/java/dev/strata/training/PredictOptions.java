package dev.strata.training;

import java.util.List;

/**
 * The options of {@code predict}: batch size 32 and, unlike Keras, silent by default (a JVM service calling
 * {@code predict} should not print; set {@code verbose(1)} for Keras's progress bar).
 */
public final class PredictOptions {
    private int batchSize = 32;
    /** Whether batchSize was called: Strata refuses a batch size with a Dataset, whose batches are made. */
    private boolean batchSizeGiven;
    private int verbose;
    private Integer steps;
    private List<TrainingListener> callbacks = List.of();

    /** Batch size 32, silent, all the data. */
    public PredictOptions() {
    }

    public PredictOptions batchSize(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + value);
        }
        batchSize = value;
        batchSizeGiven = true;
        return this;
    }

    /** 0 silent (default), 1 progress bar, 2 one line. */
    public PredictOptions verbose(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + value);
        }
        verbose = value;
        return this;
    }

    public PredictOptions steps(int value) {
        steps = value;
        return this;
    }

    /**
     * Callbacks to run ({@code dev.strata.callbacks} or any {@link TrainingListener}); a {@link ProgbarLogger} is
     * added when verbose, unless given.
     */
    public PredictOptions callbacks(TrainingListener... value) {
        callbacks = List.of(value);
        return this;
    }

    /** Callbacks to run. */
    public PredictOptions callbacks(List<? extends TrainingListener> value) {
        callbacks = List.copyOf(value);
        return this;
    }

    public int batchSize() {
        return batchSize;
    }

    public int verbose() {
        return verbose;
    }

    public Integer steps() {
        return steps;
    }

    /** The callbacks given (an unmodifiable list). */
    public List<TrainingListener> callbacks() {
        return callbacks;
    }

    boolean batchSizeGiven() {
        return batchSizeGiven;
    }
}
