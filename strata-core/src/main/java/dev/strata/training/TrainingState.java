package dev.strata.training;

import dev.strata.layers.Layer;
import java.util.Map;
import java.util.Objects;

/**
 * What a callback may see and change of the run it is part of (one {@code fit}, {@code evaluate} or
 * {@code predict}): the model, the run's parameters, a request to stop training, and, for
 * {@code BackupAndRestore}, the epoch a beginning {@code fit} resumes at. The loop makes one per run and hands it to
 * every {@link TrainingListener} before the first hook; the validation inside a {@code fit} shares the fit's.
 */
public final class TrainingState {
    static {
        dev.strata.internal.TrainingAccess.install(new dev.strata.internal.TrainingAccess.Accessor() {
            @Override
            public void acceptResume(Object state, boolean accept) {
                ((TrainingState) state).acceptResume(accept);
            }

            @Override
            public Integer resumeEpoch(Object state) {
                return ((TrainingState) state).resumeEpoch();
            }
        });
    }

    private final Layer model;
    private final Map<String, Object> params;
    private volatile boolean stopTraining;
    private Integer resumeEpoch;
    private boolean resumable;

    /**
     * The state of a run of {@code model} with Keras's callback parameters ({@code epochs}, {@code steps},
     * {@code verbose}). Made by the loop; public so that a callback can be tested on its own.
     */
    public TrainingState(Layer model, Map<String, ?> params) {
        this.model = Objects.requireNonNull(model, "model");
        // not Map.copyOf: Keras's steps is None (null) when a dataset's length is unknown
        this.params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    /** The model being trained, evaluated or used for prediction (a {@code dev.strata.models.Model}). */
    public Layer model() {
        return model;
    }

    /** The run's parameters: {@code steps} and {@code verbose}, and {@code epochs} for {@code fit}. */
    public Map<String, Object> params() {
        return params;
    }

    /** Whether a callback asked training to stop (Keras's {@code model.stop_training}). */
    public boolean stopTraining() {
        return stopTraining;
    }

    /**
     * Asks {@code fit} to stop after the current batch or epoch, like Keras's {@code model.stop_training = True}
     * (as {@code EarlyStopping} and {@code TerminateOnNaN} do).
     */
    public void setStopTraining(boolean stop) {
        stopTraining = stop;
    }

    /**
     * Makes the {@code fit} that is beginning start at {@code epoch} (0-based) instead of its
     * {@code initialEpoch}, as {@code BackupAndRestore} does to resume an interrupted run (Keras's
     * {@code model._initial_epoch}). It counts only from {@code onTrainBegin}; later it has no effect.
     *
     * @throws IllegalArgumentException if {@code epoch} is negative
     */
    public void resumeAtEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("resumeAtEpoch: the epoch must be >= 0, got " + epoch);
        }
        if (resumable) {
            resumeEpoch = epoch;
        }
    }

    /** Opens the window in which {@link #resumeAtEpoch} counts (the fit's {@code onTrainBegin}). */
    void acceptResume(boolean accept) {
        resumable = accept;
    }

    /** The epoch a callback asked the beginning fit to resume at, or null. */
    Integer resumeEpoch() {
        return resumeEpoch;
    }
}
