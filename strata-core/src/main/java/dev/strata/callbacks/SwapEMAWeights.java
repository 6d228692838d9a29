package dev.strata.callbacks;

import dev.strata.optimizers.Optimizer;
import java.util.Map;

/**
 * Swaps the model's weights with the optimizer's moving averages for evaluation, like
 * {@code keras.callbacks.SwapEMAWeights}: before each evaluation (validation in {@code fit}, {@code evaluate}) the
 * weights become their exponential moving averages, and after it they are swapped back. With {@code swapOnEpoch}
 * the averages are also in the model from each epoch's end to the next epoch's begin, so that callbacks placed after
 * this one (a {@link ModelCheckpoint}) see them; after the last epoch the averages are set to the trained weights, so
 * that {@code fit}'s final {@code finalize_variable_values} leaves the averages in the model. The optimizer must use
 * {@code useEma(true)} (a {@code LossScaleOptimizer}'s inner optimizer may).
 *
 * <p>As Keras 3.15's does, {@code onPredictEnd} swaps only when the averages are not in the model, so after
 * {@code predict} the averages stay in it.
 *
 * <pre>{@code
 * model.compile(new SGD().useEma(true), "mse");
 * model.fit(x, y, new FitOptions().validationData(xv, yv).callbacks(new SwapEMAWeights()));
 * }</pre>
 */
public class SwapEMAWeights extends Callback {
    private final boolean swapOnEpoch;
    private boolean emaWeightsInModel;

    /** Swaps around evaluation only (Keras's {@code swap_on_epoch=False}). */
    public SwapEMAWeights() {
        this(false);
    }

    /** @param swapOnEpoch whether to keep the averages in the model between each epoch's end and the next's begin */
    public SwapEMAWeights(boolean swapOnEpoch) {
        this.swapOnEpoch = swapOnEpoch;
    }

    private Optimizer optimizer() {
        return model().optimizer().orElseThrow(() -> new IllegalStateException("SwapEMAWeights must be used when "
                + "`use_ema=True` is set on the optimizer; the model is not compiled"));
    }

    private void swap() {
        optimizer().swapEmaWeights(false);
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        if (swapOnEpoch && emaWeightsInModel) {
            swap();
            emaWeightsInModel = false;
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (swapOnEpoch && !emaWeightsInModel) {
            swap();
            emaWeightsInModel = true;
            // fit ends with finalize_variable_values, which copies the averages into the model: give them the
            // values now in the model (the averages), as Keras's _finalize_ema_values does
            Object epochs = params().get("epochs");
            if (epochs instanceof Number n && epoch == n.intValue() - 1) {
                optimizer().swapEmaWeights(true);
            }
        }
    }

    @Override
    public void onTestBegin(Map<String, Double> logs) {
        if (!emaWeightsInModel) {
            swap();
            emaWeightsInModel = true;
        }
    }

    @Override
    public void onTestEnd(Map<String, Double> logs) {
        if (emaWeightsInModel) {
            swap();
            emaWeightsInModel = false;
        }
    }

    @Override
    public void onPredictBegin(Map<String, Double> logs) {
        if (!emaWeightsInModel) {
            swap();
            emaWeightsInModel = true;
        }
    }

    @Override
    public void onPredictEnd(Map<String, Double> logs) {
        if (!emaWeightsInModel) { // Keras 3.15's condition, kept (see the class comment)
            swap();
            emaWeightsInModel = false;
        }
    }
}
