package dev.strata.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Saves the model (or its weights) during training, like {@code keras.callbacks.ModelCheckpoint}, with the same
 * defaults and rules: at the end of every epoch (or every {@code n} batches), to a path that may hold Python format
 * fields filled from the epoch (counted from 1), the batch and the logs, as Keras fills them with
 * {@code filepath.format(epoch=epoch + 1, **logs)}; with {@link #saveBestOnly} only when the monitored value improved.
 *
 * <pre>{@code
 * model.fit(x, y, new FitOptions().epochs(20).validationSplit(0.2).callbacks(
 *         new ModelCheckpoint("checkpoints/model-{epoch:02d}-{val_loss:.2f}.keras").saveBestOnly(true)));
 * }</pre>
 *
 * <p>Full models go to {@code .keras} files ({@link dev.strata.models.Model#save}), weights only to
 * {@code .weights.h5} files ({@link dev.strata.models.Model#saveWeights}); missing directories are created. Each
 * save is atomic, so an interrupted run leaves the previous checkpoint whole. With {@code verbose(1)} it prints
 * Keras's messages ({@code Epoch 3: val_loss improved from 0.51234 to 0.49876, saving model to ...}).
 */
public class ModelCheckpoint extends Callback {
    private final String filepath;
    private String monitor = "val_loss";
    private int verbose;
    private boolean saveBestOnly;
    private boolean saveWeightsOnly;
    private String mode = "auto";
    private Integer saveFreqBatches; // null: "epoch"
    private Double best;
    private Boolean lowerIsBetter;
    private int currentEpoch;
    private Integer lastBatchSeen;
    private int batchesSinceLastSave;
    private Path lastSaved;

    /**
     * A checkpoint to {@code filepath}, which may hold Python format fields: {@code {epoch:02d}}, {@code {batch}},
     * or any log name ({@code {val_loss:.2f}}, {@code {loss}}).
     *
     * @throws NullPointerException if {@code filepath} is null
     */
    public ModelCheckpoint(String filepath) {
        this.filepath = Objects.requireNonNull(filepath, "filepath");
    }

    /** A checkpoint to a path (which may hold format fields in its file name). */
    public ModelCheckpoint(Path filepath) {
        this(filepath.toString());
    }

    /** The log value that decides which model is best (default {@code val_loss}). */
    public ModelCheckpoint monitor(String value) {
        monitor = Objects.requireNonNull(value, "monitor");
        return this;
    }

    /** 1 to print a message at each save (and at each epoch without improvement with {@link #saveBestOnly}). */
    public ModelCheckpoint verbose(int value) {
        verbose = value;
        return this;
    }

    /** Whether to save only when the monitored value improves on the best so far (default false). */
    public ModelCheckpoint saveBestOnly(boolean value) {
        saveBestOnly = value;
        return this;
    }

    /** Whether to save only the weights ({@code .weights.h5}) instead of the whole model ({@code .keras}). */
    public ModelCheckpoint saveWeightsOnly(boolean value) {
        saveWeightsOnly = value;
        return this;
    }

    /**
     * {@code "min"}, {@code "max"} or {@code "auto"} (default: {@code loss} and errors go down, accuracies up).
     *
     * @throws IllegalArgumentException for another value
     */
    public ModelCheckpoint mode(String value) {
        if (!value.equals("auto") && !value.equals("min") && !value.equals("max")) {
            throw new IllegalArgumentException("ModelCheckpoint mode must be 'auto', 'min' or 'max', got '" + value
                    + "'");
        }
        mode = value;
        return this;
    }

    /**
     * {@code "epoch"} (the default): save at the end of every epoch.
     *
     * @throws IllegalArgumentException for another string (use {@link #saveFreq(int)} for a number of batches)
     */
    public ModelCheckpoint saveFreq(String value) {
        if (!value.equals("epoch")) {
            throw new IllegalArgumentException("Unrecognized save_freq: " + value + ". Expected save_freq are 'epoch' "
                    + "or integer values");
        }
        saveFreqBatches = null;
        return this;
    }

    /**
     * Save every {@code batches} training batches instead of every epoch (the count runs across epochs).
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public ModelCheckpoint saveFreq(int batches) {
        if (batches <= 0) {
            throw new IllegalArgumentException("save_freq must be positive, got " + batches);
        }
        saveFreqBatches = batches;
        return this;
    }

    /** The value the monitored quantity must beat for the first save with {@link #saveBestOnly}. */
    public ModelCheckpoint initialValueThreshold(double value) {
        best = value;
        return this;
    }

    /** The best monitored value so far, or null. */
    public Double best() {
        return best;
    }

    /** The file of the last save, or null if none was made. */
    public Path lastSaved() {
        return lastSaved;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        if (saveWeightsOnly) {
            if (!filepath.endsWith(".weights.h5")) {
                throw new IllegalArgumentException("When using saveWeightsOnly(true) in ModelCheckpoint, the filepath "
                        + "provided must end in `.weights.h5` (Keras weights format). Received: filepath=" + filepath);
            }
        } else if (!filepath.endsWith(".keras")) {
            throw new IllegalArgumentException("The filepath provided must end in `.keras` (Keras model format). "
                    + "Received: filepath=" + filepath);
        }
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        currentEpoch = epoch;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (shouldSaveOnBatch(batch)) {
            save(currentEpoch, batch, logs);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        direction(); // Keras sets its monitor_op here, whether or not it saves the best only
        if (saveFreqBatches == null) {
            save(epoch, null, logs);
        }
    }

    private boolean shouldSaveOnBatch(int batch) {
        if (saveFreqBatches == null) {
            return false;
        }
        int add = lastBatchSeen == null || batch <= lastBatchSeen ? batch + 1 : batch - lastBatchSeen; // new epoch
        batchesSinceLastSave += add;
        lastBatchSeen = batch;
        if (batchesSinceLastSave >= saveFreqBatches) {
            batchesSinceLastSave = 0;
            return true;
        }
        return false;
    }

    private void save(int epoch, Integer batch, Map<String, Double> logs) {
        Path path = Path.of(filePath(epoch, batch, logs));
        if (!shouldSave(epoch, logs, path)) {
            return;
        }
        Path dir = path.toAbsolutePath().getParent();
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint cannot create the directory " + dir + ": " + e, e);
        }
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException("Please specify a non-directory filepath for ModelCheckpoint. Filepath "
                    + "used is an existing directory: " + path);
        }
        if (saveWeightsOnly) {
            model().saveWeights(path);
        } else {
            model().save(path);
        }
        lastSaved = path;
        if (verbose > 0) {
            System.out.println("\nEpoch " + (epoch + 1) + ": finished saving model to " + path);
        }
    }

    /** Keras's {@code _should_save_model}, with its messages. */
    private boolean shouldSave(int epoch, Map<String, Double> logs, Path path) {
        if (!saveBestOnly) {
            if (verbose > 0) {
                System.out.println("\nEpoch " + (epoch + 1) + ": saving model to " + path);
            }
            return true;
        }
        Double current = logs.get(monitor);
        if (current == null) {
            System.err.println("ModelCheckpoint: Can save best model only with " + monitor + " available.");
            return true;
        }
        String bestText = best == null ? "None" : String.format(Locale.ROOT, "%.5f", best);
        if (isImprovement(current)) {
            if (verbose > 0) {
                System.out.println("\nEpoch " + (epoch + 1) + ": " + monitor + " improved from " + bestText + " to "
                        + PythonFormat.formatValue(current, ".5f") + ", saving model to " + path);
            }
            best = current;
            return true;
        }
        if (verbose > 0) {
            System.out.println("\nEpoch " + (epoch + 1) + ": " + monitor + " did not improve from " + bestText);
        }
        return false;
    }

    private boolean direction() {
        if (lowerIsBetter == null) {
            lowerIsBetter = mode.equals("auto") ? Monitors.lowerIsBetter(monitor, "ModelCheckpoint")
                    : mode.equals("min");
        }
        return lowerIsBetter;
    }

    private boolean isImprovement(double current) {
        boolean lower = direction();
        if (best == null) {
            return true;
        }
        return lower ? current < best : current > best;
    }

    /** The template filled as Keras fills it: {@code epoch + 1}, {@code batch + 1} for batch saves, the logs. */
    private String filePath(int epoch, Integer batch, Map<String, Double> logs) {
        Map<String, Object> values = new LinkedHashMap<>(logs);
        values.put("epoch", epoch + 1);
        if (batch != null && !logs.containsKey("batch")) {
            values.put("batch", batch + 1);
        }
        try {
            return PythonFormat.format(filepath, values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Failed to format this callback filepath: \"" + filepath + "\". Reason: "
                    + e.getMessage() + " (the logs have " + logs.keySet() + ")", e);
        }
    }
}
