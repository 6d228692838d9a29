package dev.strata.callbacks;

import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Stops training when a monitored value has stopped improving, like {@code keras.callbacks.EarlyStopping}
 * (same defaults and rules: monitor {@code val_loss}, patience 0, no minimum delta, direction inferred from the
 * name, optional baseline, optional restoring of the best weights at the end).
 *
 * <pre>{@code
 * model.fit(x, y, new FitOptions().epochs(100).validationSplit(0.2)
 *         .callbacks(new EarlyStopping().patience(5).restoreBestWeights(true)));
 * }</pre>
 */
public class EarlyStopping extends Callback {
    /** Whether a larger or a smaller value is better. */
    public enum Mode { AUTO, MIN, MAX }

    private String monitor = "val_loss";
    private double minDelta;
    private int patience;
    private int verbose;
    private Mode mode = Mode.AUTO;
    private Double baseline;
    private boolean restoreBestWeights;
    private int startFromEpoch;

    private int wait;
    private int stoppedEpoch;
    private Double best;
    private List<Tensor> bestWeights;
    private int bestEpoch;
    private Boolean lowerIsBetter;

    /** Keras's defaults: monitors {@code val_loss}, stops at the first epoch without improvement, mode auto. */
    public EarlyStopping() {
    }

    /** The log value to watch (default {@code val_loss}). */
    public EarlyStopping monitor(String value) {
        monitor = value;
        return this;
    }

    /** The least change that counts as an improvement (its absolute value is used). */
    public EarlyStopping minDelta(double value) {
        minDelta = Math.abs(value);
        return this;
    }

    /** Epochs without improvement after which training stops (default 0). */
    public EarlyStopping patience(int value) {
        patience = value;
        return this;
    }

    /** 1 to print when stopping and restoring. */
    public EarlyStopping verbose(int value) {
        verbose = value;
        return this;
    }

    /** Whether lower or higher values are better (default: inferred from the monitored name). */
    public EarlyStopping mode(Mode value) {
        mode = value;
        return this;
    }

    /** A value the monitored quantity must beat before patience starts counting down. */
    public EarlyStopping baseline(double value) {
        baseline = value;
        return this;
    }

    /** Whether to put back the weights of the best epoch when training ends. */
    public EarlyStopping restoreBestWeights(boolean value) {
        restoreBestWeights = value;
        return this;
    }

    /** Epochs to wait before monitoring starts (a warm-up). */
    public EarlyStopping startFromEpoch(int value) {
        startFromEpoch = value;
        return this;
    }

    /** The (0-based) epoch at which training was stopped, or 0 if it was not. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The (0-based) epoch with the best monitored value. */
    public int bestEpoch() {
        return bestEpoch;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        wait = 0;
        stoppedEpoch = 0;
        best = baseline;
        bestWeights = null;
        bestEpoch = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (lowerIsBetter == null) {
            lowerIsBetter = direction();
        }
        Double current = logs.get(monitor);
        if (current == null) {
            System.err.println("EarlyStopping: monitored value '" + monitor + "' is not in the logs; available: "
                    + logs.keySet());
            return;
        }
        if (epoch < startFromEpoch) {
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            bestWeights = model().getWeights();
            bestEpoch = epoch;
        }
        wait++;
        if (isImprovement(current, best)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = model().getWeights();
            }
            if (baseline == null || isImprovement(current, baseline)) {
                wait = 0;
            }
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            state().setStopTraining(true);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (stoppedEpoch > 0 && verbose > 0) {
            System.out.println("Epoch " + (stoppedEpoch + 1) + ": early stopping");
        }
        if (restoreBestWeights && bestWeights != null) {
            if (verbose > 0) {
                System.out.println("Restoring model weights from the end of the best epoch: " + (bestEpoch + 1) + ".");
            }
            model().setWeights(bestWeights);
        }
    }

    private boolean isImprovement(double value, Double reference) {
        if (reference == null) {
            return true;
        }
        return lowerIsBetter ? value + minDelta < reference : value - minDelta > reference;
    }

    /** Keras's rule: {@code min} / {@code max}, or in auto mode losses and errors go down, accuracies go up. */
    private boolean direction() {
        if (mode != Mode.AUTO) {
            return mode == Mode.MIN;
        }
        return Monitors.lowerIsBetter(monitor, "EarlyStopping");
    }
}
