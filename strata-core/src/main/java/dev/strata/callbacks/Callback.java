package dev.strata.callbacks;

import dev.strata.models.Model;
import java.util.Map;

/**
 * The base of callbacks, like {@code keras.callbacks.Callback}: every hook does nothing unless overridden.
 * {@code logs} maps metric names ({@code loss}, {@code val_loss}, {@code main_output_loss}, ...) to values;
 * batch hooks get the running averages of the epoch so far. A callback reaches the model being trained
 * through {@link #model()}, and may stop training with {@code model().setStopTraining(true)}.
 */
public abstract class Callback {
    private Model model;
    private Map<String, Object> params = Map.of();

    /** Called by the training loop before anything else. */
    public void setModel(Model model) {
        this.model = model;
    }

    /** The model being trained, evaluated or used for prediction. */
    public Model model() {
        return model;
    }

    /** Called by the training loop with {@code epochs}, {@code steps} and {@code verbose}. */
    public void setParams(Map<String, Object> params) {
        this.params = Map.copyOf(params);
    }

    /** The run's parameters: {@code epochs}, {@code steps}, {@code verbose}. */
    public Map<String, Object> params() {
        return params;
    }

    public void onTrainBegin(Map<String, Double> logs) {
    }

    public void onTrainEnd(Map<String, Double> logs) {
    }

    /** @param epoch 0-based */
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
    }

    /** @param epoch 0-based; {@code logs} has the epoch's training and validation results */
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
    }

    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    }

    public void onTestBegin(Map<String, Double> logs) {
    }

    public void onTestEnd(Map<String, Double> logs) {
    }

    public void onTestBatchBegin(int batch, Map<String, Double> logs) {
    }

    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
    }

    public void onPredictBegin(Map<String, Double> logs) {
    }

    public void onPredictEnd(Map<String, Double> logs) {
    }

    public void onPredictBatchBegin(int batch, Map<String, Double> logs) {
    }

    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
    }
}
