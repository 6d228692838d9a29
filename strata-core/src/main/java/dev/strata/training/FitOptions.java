package dev.strata.training;

import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The options of {@code fit}, with Keras's names and defaults: batch size 32, one epoch, verbose 1 (progress
 * bar), shuffling each epoch, no validation.
 *
 * <pre>{@code
 * History h = model.fit(x, y, new FitOptions().epochs(20).validationData(xValid, yValid));
 * }</pre>
 */
public final class FitOptions {
    private int batchSize = 32;
    /** Whether batchSize was called: Strata refuses a batch size with a Dataset, whose batches are made. */
    private boolean batchSizeGiven;
    private int epochs = 1;
    private int verbose = 1;
    private List<TrainingListener> callbacks = List.of();
    private double validationSplit;
    private List<Tensor> validationX;
    private List<Tensor> validationY;
    private List<Tensor> validationSampleWeight;
    private dev.strata.data.Dataset<dev.strata.data.Batch> validationDataset;
    private dev.strata.data.PyDataset validationPyDataset;
    private boolean shuffle = true;
    private Map<Integer, Double> classWeight;
    private List<Tensor> sampleWeight;
    private int initialEpoch;
    private Integer stepsPerEpoch;
    private Integer validationSteps;
    private Integer validationBatchSize;
    private int validationFreq = 1;

    /** Keras's defaults: batch size 32, one epoch, a progress bar, no validation, shuffled. */
    public FitOptions() {
    }

    /** Samples per gradient step (default 32). */
    public FitOptions batchSize(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + value);
        }
        batchSize = value;
        batchSizeGiven = true;
        return this;
    }

    /** The epoch to train up to (default 1); with {@link #initialEpoch}, the epochs run are [initial, epochs). */
    public FitOptions epochs(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + value);
        }
        epochs = value;
        return this;
    }

    /** 0 silent, 1 progress bar (default), 2 one line per epoch. */
    public FitOptions verbose(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + value);
        }
        verbose = value;
        return this;
    }

    /**
     * Callbacks to run ({@code dev.strata.callbacks} or any {@link TrainingListener}); a {@link History} and, when
     * verbose, a {@link ProgbarLogger} are added unless given.
     */
    public FitOptions callbacks(TrainingListener... value) {
        callbacks = List.of(value);
        return this;
    }

    /** Callbacks to run. */
    public FitOptions callbacks(List<? extends TrainingListener> value) {
        callbacks = List.copyOf(value);
        return this;
    }

    /** The fraction of the data (its last rows, before shuffling) held out for validation, as Keras. */
    public FitOptions validationSplit(double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("validationSplit must be in [0, 1), got " + value);
        }
        validationSplit = value;
        return this;
    }

    /** Validation data for a single-input, single-output model. */
    public FitOptions validationData(Tensor x, Tensor y) {
        return validationData(List.of(x), List.of(y));
    }

    /** Validation data, one tensor per model input and per output. */
    public FitOptions validationData(List<? extends Tensor> x, List<? extends Tensor> y) {
        validationX = List.copyOf(x);
        validationY = List.copyOf(y);
        validationSampleWeight = null;
        validationDataset = null;
        validationPyDataset = null;
        return this;
    }

    /**
     * Validation data as a dataset of batches, evaluated after each epoch ({@link #validationSteps} batches of it
     * if set, continuing where the last validation stopped, as Keras does; else all of it).
     */
    public FitOptions validationData(dev.strata.data.Dataset<dev.strata.data.Batch> data) {
        validationX = null;
        validationY = null;
        validationSampleWeight = null;
        validationDataset = java.util.Objects.requireNonNull(data, "validationData: data is null");
        validationPyDataset = null;
        return this;
    }

    /** Validation data as a {@link dev.strata.data.PyDataset}, evaluated after each epoch. */
    public FitOptions validationData(dev.strata.data.PyDataset data) {
        validationX = null;
        validationY = null;
        validationSampleWeight = null;
        validationDataset = null;
        validationPyDataset = java.util.Objects.requireNonNull(data, "validationData: data is null");
        return this;
    }

    /** Validation data with per-sample weights (one tensor per output). */
    public FitOptions validationData(List<? extends Tensor> x, List<? extends Tensor> y,
                                     List<? extends Tensor> sampleWeight) {
        validationData(x, y);
        validationSampleWeight = List.copyOf(sampleWeight);
        return this;
    }

    /** Whether to shuffle the training data before each epoch (default true). */
    public FitOptions shuffle(boolean value) {
        shuffle = value;
        return this;
    }

    /** Weights per class index, turned into sample weights (single-output models only, as in Keras). */
    public FitOptions classWeight(Map<Integer, Double> value) {
        classWeight = Map.copyOf(value);
        return this;
    }

    /** Per-sample weights (shape (n,)), for every output. */
    public FitOptions sampleWeight(Tensor value) {
        sampleWeight = List.of(Objects.requireNonNull(value));
        return this;
    }

    /** Per-sample weights, one tensor per output. */
    public FitOptions sampleWeight(List<? extends Tensor> perOutput) {
        sampleWeight = List.copyOf(perOutput);
        return this;
    }

    /** The epoch to start at (for resuming; default 0). */
    public FitOptions initialEpoch(int value) {
        initialEpoch = value;
        return this;
    }

    /** Steps per epoch (default: all the data once). */
    public FitOptions stepsPerEpoch(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("stepsPerEpoch must be positive, got " + value);
        }
        stepsPerEpoch = value;
        return this;
    }

    /** Validation steps (default: all the validation data). */
    public FitOptions validationSteps(int value) {
        validationSteps = value;
        return this;
    }

    /** Validation batch size (default: the training batch size). */
    public FitOptions validationBatchSize(int value) {
        validationBatchSize = value;
        return this;
    }

    /** Validate after every n-th epoch, counted from 1 as Keras does (epochs n, 2n, ...; default 1). */
    public FitOptions validationFreq(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("validationFreq must be positive, got " + value);
        }
        validationFreq = value;
        return this;
    }

    public int batchSize() {
        return batchSize;
    }

    public int epochs() {
        return epochs;
    }

    public int verbose() {
        return verbose;
    }

    /** The callbacks given (an unmodifiable list). */
    public List<TrainingListener> callbacks() {
        return callbacks;
    }

    public double validationSplit() {
        return validationSplit;
    }

    public List<Tensor> validationX() {
        return validationX;
    }

    public List<Tensor> validationY() {
        return validationY;
    }

    public List<Tensor> validationSampleWeight() {
        return validationSampleWeight;
    }

    /** The validation dataset, or null. */
    public dev.strata.data.Dataset<dev.strata.data.Batch> validationDataset() {
        return validationDataset;
    }

    /** The validation PyDataset, or null. */
    public dev.strata.data.PyDataset validationPyDataset() {
        return validationPyDataset;
    }

    public boolean shuffle() {
        return shuffle;
    }

    public Map<Integer, Double> classWeight() {
        return classWeight;
    }

    public List<Tensor> sampleWeight() {
        return sampleWeight;
    }

    public int initialEpoch() {
        return initialEpoch;
    }

    public Integer stepsPerEpoch() {
        return stepsPerEpoch;
    }

    public Integer validationSteps() {
        return validationSteps;
    }

    public Integer validationBatchSize() {
        return validationBatchSize;
    }

    public int validationFreq() {
        return validationFreq;
    }

    @Override
    public String toString() {
        return "FitOptions{batchSize=" + batchSize + ", epochs=" + epochs + ", verbose=" + verbose + ", shuffle="
                + shuffle + ", validationSplit=" + validationSplit + ", callbacks="
                + Arrays.toString(callbacks.toArray()) + "}";
    }

    boolean batchSizeGiven() {
        return batchSizeGiven;
    }
}
