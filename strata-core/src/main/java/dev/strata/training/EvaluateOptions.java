package dev.strata.training;

import dev.strata.tensor.Tensor;
import java.util.List;

/** The options of {@code evaluate}: batch size 32, verbose 1, as Keras. */
public final class EvaluateOptions {
    private int batchSize = 32;
    /** Whether batchSize was called: Strata refuses a batch size with a Dataset, whose batches are made. */
    private boolean batchSizeGiven;
    private int verbose = 1;
    private List<Tensor> sampleWeight;
    private Integer steps;
    private List<TrainingListener> callbacks = List.of();

    /** Keras's defaults: batch size 32, a progress bar, all the data. */
    public EvaluateOptions() {
    }

    public EvaluateOptions batchSize(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + value);
        }
        batchSize = value;
        batchSizeGiven = true;
        return this;
    }

    /** 0 silent, 1 progress bar (default), 2 one line. */
    public EvaluateOptions verbose(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + value);
        }
        verbose = value;
        return this;
    }

    /** Per-sample weights, for every output. */
    public EvaluateOptions sampleWeight(Tensor value) {
        sampleWeight = List.of(value);
        return this;
    }

    /** Per-sample weights, one tensor per output. */
    public EvaluateOptions sampleWeight(List<? extends Tensor> perOutput) {
        sampleWeight = List.copyOf(perOutput);
        return this;
    }

    /** Evaluate only this many batches. */
    public EvaluateOptions steps(int value) {
        steps = value;
        return this;
    }

    /**
     * Callbacks to run ({@code dev.strata.callbacks} or any {@link TrainingListener}); a {@link ProgbarLogger} is
     * added when verbose, unless given.
     */
    public EvaluateOptions callbacks(TrainingListener... value) {
        callbacks = List.of(value);
        return this;
    }

    /** Callbacks to run. */
    public EvaluateOptions callbacks(List<? extends TrainingListener> value) {
        callbacks = List.copyOf(value);
        return this;
    }

    public int batchSize() {
        return batchSize;
    }

    public int verbose() {
        return verbose;
    }

    public List<Tensor> sampleWeight() {
        return sampleWeight;
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
