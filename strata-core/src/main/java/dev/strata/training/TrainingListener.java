package dev.strata.training;

import java.util.Map;

/**
 * What the training loop calls as {@code fit}, {@code evaluate} and {@code predict} run: Keras's callback hooks
 * ({@code keras.callbacks.Callback}'s {@code on_*} methods), each a no-op unless overridden. Users normally extend
 * {@code dev.strata.callbacks.Callback}, which implements this and gives the model being trained; {@link History}
 * and {@link ProgbarLogger} implement it directly.
 *
 * <p>{@code logs} maps Keras's log names ({@code loss}, {@code val_loss}, {@code main_output_loss}, ...) to values;
 * batch hooks get the running averages of the epoch so far. Before any hook of a run the loop hands the listener
 * the run's {@link TrainingState} (the model, the run's parameters, the stop flag).
 *
 * <p>A listener that holds resources (files, connections) releases them in its end hook; if it also implements
 * {@link AutoCloseable}, the loop closes it when {@code fit}, {@code evaluate} or {@code predict} ends by an
 * exception (Keras has no hook for that), and a later run may open them again.
 */
public interface TrainingListener {
    /** Called by the loop before any hook of a run, with that run's state. */
    default void setState(TrainingState state) {
    }

    /** At the start of {@code fit}. */
    default void onTrainBegin(Map<String, Double> logs) {
    }

    /** At the end of {@code fit}, with the last epoch's logs. */
    default void onTrainEnd(Map<String, Double> logs) {
    }

    /** At the start of an epoch ({@code epoch} is 0-based). */
    default void onEpochBegin(int epoch, Map<String, Double> logs) {
    }

    /** At the end of an epoch ({@code epoch} is 0-based), with its training and validation results. */
    default void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    /** Before a training batch ({@code batch} counts from 0 in each epoch). */
    default void onTrainBatchBegin(int batch, Map<String, Double> logs) {
    }

    /** After a training batch, with the epoch's running results. */
    default void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    }

    /** At the start of {@code evaluate}, or of the validation at the end of an epoch. */
    default void onTestBegin(Map<String, Double> logs) {
    }

    /** At the end of {@code evaluate} or of a validation, with its results. */
    default void onTestEnd(Map<String, Double> logs) {
    }

    /** Before an evaluation batch. */
    default void onTestBatchBegin(int batch, Map<String, Double> logs) {
    }

    /** After an evaluation batch, with the running results. */
    default void onTestBatchEnd(int batch, Map<String, Double> logs) {
    }

    /** At the start of {@code predict}. */
    default void onPredictBegin(Map<String, Double> logs) {
    }

    /** At the end of {@code predict}. */
    default void onPredictEnd(Map<String, Double> logs) {
    }

    /** Before a prediction batch. */
    default void onPredictBatchBegin(int batch, Map<String, Double> logs) {
    }

    /** After a prediction batch. */
    default void onPredictBatchEnd(int batch, Map<String, Double> logs) {
    }
}
