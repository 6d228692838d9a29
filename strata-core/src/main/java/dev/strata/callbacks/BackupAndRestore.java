package dev.strata.callbacks;

import dev.strata.ModelFormatException;
import dev.strata.config.KerasConfigException;
import dev.strata.internal.RandomState;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Backs up the training state at the end of every epoch and, when {@code fit} starts again after an interruption
 * (an exception, a killed process), restores it and resumes at the epoch after the last backup, like
 * {@code keras.callbacks.BackupAndRestore}. The backup directory holds Keras's two files: {@code latest.weights.h5}
 * (the weights and the optimizer's state, see {@link dev.strata.models.Model#saveWeights}) and
 * {@code training_metadata.json} ({@code {"epoch": ..., "batch": ...}}), to which Strata adds the state of its random
 * generator, so that a run resumed from an end-of-epoch backup shuffles, drops out and ends exactly as the
 * uninterrupted run would have. At the end of a completed {@code fit} the backup is deleted (unless
 * {@link #deleteCheckpoint(boolean) deleteCheckpoint(false)}).
 *
 * <pre>{@code
 * BackupAndRestore backup = new BackupAndRestore(Path.of("backup"));
 * model.fit(x, y, new FitOptions().epochs(100).callbacks(backup));   // killed at epoch 40
 * // in the next run: build and compile the same model, then the same call resumes at epoch 40
 * model.fit(x, y, new FitOptions().epochs(100).callbacks(backup));
 * }</pre>
 *
 * <p>The directory is for this run only (not shared with another run or a {@link ModelCheckpoint}). Each file is
 * written atomically. With {@link #saveFreq(int)} backups are also made within an epoch; as in Keras, the run then
 * resumes at the start of the epoch that was under way, with the weights of mid-epoch.
 */
public class BackupAndRestore extends Callback {
    private static final String WEIGHTS = "latest.weights.h5";
    private static final String METADATA = "training_metadata.json";

    private final Path backupDir;
    private Integer saveFreqBatches; // null: "epoch"
    private boolean doubleCheckpoint;
    private boolean deleteCheckpoint = true;
    private int currentEpoch;
    private int lastBatchSeen;
    private int batchesSinceLastSave;

    /**
     * Backs up to {@code backupDir} (created when needed).
     *
     * @throws NullPointerException if it is null
     */
    public BackupAndRestore(Path backupDir) {
        this.backupDir = Objects.requireNonNull(backupDir, "backupDir");
    }

    /**
     * {@code "epoch"} (the default): back up at the end of every epoch.
     *
     * @throws IllegalArgumentException for another string
     */
    public BackupAndRestore saveFreq(String value) {
        if (!value.equals("epoch")) {
            throw new IllegalArgumentException("Invalid value for argument `save_freq`. Received: save_freq=" + value
                    + ". Expected either 'epoch' or an integer value.");
        }
        saveFreqBatches = null;
        return this;
    }

    /**
     * Back up every {@code batches} batches (the count runs across epochs) instead of at epoch ends.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public BackupAndRestore saveFreq(int batches) {
        if (batches <= 0) {
            throw new IllegalArgumentException("save_freq must be positive, got " + batches);
        }
        saveFreqBatches = batches;
        return this;
    }

    /** Whether to keep the previous backup too ({@code .bkp}), used if the latest one cannot be read. */
    public BackupAndRestore doubleCheckpoint(boolean value) {
        doubleCheckpoint = value;
        return this;
    }

    /** Whether to delete the backup when {@code fit} completes (default true). */
    public BackupAndRestore deleteCheckpoint(boolean value) {
        deleteCheckpoint = value;
        return this;
    }

    private Path weights() {
        return backupDir.resolve(WEIGHTS);
    }

    private Path metadata() {
        return backupDir.resolve(METADATA);
    }

    private static Path previous(Path p) {
        return p.resolveSibling(p.getFileName() + ".bkp");
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        currentEpoch = 0;
        lastBatchSeen = 0;
        batchesSinceLastSave = 0;
        try {
            restore();
        } catch (ModelFormatException | UncheckedIOException e) {
            if (!Files.exists(previous(weights()))) {
                throw e;
            }
            copy(previous(weights()), weights());
            if (Files.exists(previous(metadata()))) {
                copy(previous(metadata()), metadata());
            } else {
                delete(metadata());
            }
            restore();
        }
    }

    /** Keras's {@code _load_model}: the weights and optimizer state, then the epoch to resume at. */
    private void restore() {
        if (!model().isBuilt()) {
            throw new IllegalStateException("To use the BackupAndRestore callback, your model must be built before "
                    + "you call fit(). " + model().describe() + " is unbuilt. You can build it beforehand by calling it "
                    + "on a batch of data.");
        }
        if (Files.exists(weights())) {
            model().loadWeights(weights());
        }
        if (Files.exists(metadata())) {
            Map<?, ?> meta = readMetadata();
            if (!(meta.get("epoch") instanceof Number epoch) || epoch.intValue() < 0) {
                throw new ModelFormatException(metadata().toString(), "epoch", "missing or not a non-negative "
                        + "integer");
            }
            currentEpoch = epoch.intValue();
            state().resumeAtEpoch(currentEpoch);
            Object state = meta.get(Saving.RANDOM_STATE_KEY);
            if (state instanceof List<?> words) {
                try {
                    RandomState.setState(RandomState.parseWords(words.stream().map(String::valueOf).toList()));
                } catch (IllegalArgumentException e) {
                    throw new ModelFormatException(metadata().toString(), Saving.RANDOM_STATE_KEY, e.getMessage(), e);
                }
            }
        }
    }

    private Map<?, ?> readMetadata() {
        try {
            Object parsed = KerasConfig.parseJson(Files.readString(metadata(), StandardCharsets.UTF_8));
            if (parsed instanceof Map<?, ?> m) {
                return m;
            }
            throw new ModelFormatException(metadata().toString(), null, "expected a JSON object");
        } catch (KerasConfigException e) {
            throw new ModelFormatException(metadata().toString(), null, e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + metadata() + ": " + e, e);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        currentEpoch = epoch + 1;
        lastBatchSeen = 0;
        if (saveFreqBatches == null) {
            backup();
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (saveFreqBatches == null) {
            return;
        }
        int add = batch <= lastBatchSeen ? batch + 1 : batch - lastBatchSeen; // a new epoch restarts the count
        batchesSinceLastSave += add;
        lastBatchSeen = batch;
        if (batchesSinceLastSave >= saveFreqBatches) {
            batchesSinceLastSave = 0;
            backup();
        }
    }

    /** Keras's {@code _save_model}: the weights, then the metadata, each replaced atomically. */
    private void backup() {
        try {
            Files.createDirectories(backupDir);
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore cannot create " + backupDir + ": " + e, e);
        }
        if (doubleCheckpoint && Files.exists(weights())) {
            copy(weights(), previous(weights()));
        }
        if (doubleCheckpoint && Files.exists(metadata())) {
            copy(metadata(), previous(metadata()));
        }
        model().saveWeights(weights());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("epoch", currentEpoch);
        meta.put("batch", lastBatchSeen);
        meta.put(Saving.RANDOM_STATE_KEY, RandomState.stateWords());
        writeAtomically(metadata(), KerasConfig.toJson(meta));
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (!deleteCheckpoint) {
            return;
        }
        // Only this callback's files: the directory itself goes only if nothing else is in it.
        for (Path p : List.of(weights(), metadata(), previous(weights()), previous(metadata()))) {
            delete(p);
        }
        try {
            Files.deleteIfExists(backupDir);
        } catch (IOException e) {
            // not empty: someone else's files are there; leave them
        }
    }

    private static void writeAtomically(Path target, String text) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore cannot write " + target + ": " + e, e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
            Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore cannot copy " + from + " to " + to + ": " + e, e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore cannot delete " + p + ": " + e, e);
        }
    }
}
