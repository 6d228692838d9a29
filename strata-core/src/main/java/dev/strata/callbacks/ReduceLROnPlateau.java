package dev.strata.callbacks;

import dev.strata.optimizers.Optimizer;
import java.util.Map;
import java.util.Objects;

/**
 * Reduces the learning rate when a monitored value has stopped improving, like
 * {@code keras.callbacks.ReduceLROnPlateau}, with its defaults and rules: after {@code patience} epochs without an
 * improvement of more than {@code minDelta}, the rate becomes {@code max(lr * factor, minLr)} (unless it is already
 * at {@code minLr}), then {@code cooldown} epochs pass before counting resumes. Every epoch end logs the optimizer's
 * rate under {@code learning_rate} (before any reduction), so History and CSVLogger record it.
 *
 * <pre>{@code
 * model.fit(x, y, new FitOptions().epochs(50).validationSplit(0.2)
 *         .callbacks(new ReduceLROnPlateau().factor(0.2).patience(5).minLr(0.001)));
 * }</pre>
 *
 * <p>As in Keras the comparison with the best value so far is made in float32 ({@code ops.less} on Python
 * floats), and with {@code verbose(1)} it prints Keras's line
 * ({@code Epoch 12: ReduceLROnPlateau reducing learning rate to 0.0009999999776482583.}).
 */
public class ReduceLROnPlateau extends Callback {
    private String monitor = "val_loss";
    private double factor = 0.1;
    private int patience = 10;
    private int verbose;
    private String mode = "auto";
    private double minDelta = 1e-4;
    private int cooldown;
    private double minLr;

    private Boolean lowerIsBetter;
    private Double best;
    private int wait;
    private int cooldownCounter;

    /** Keras's defaults: monitor {@code val_loss}, factor 0.1, patience 10, min delta 1e-4, no cooldown, min lr 0. */
    public ReduceLROnPlateau() {
    }

    /** The log value to watch (default {@code val_loss}). */
    public ReduceLROnPlateau monitor(String value) {
        monitor = Objects.requireNonNull(value, "monitor");
        return this;
    }

    /**
     * The factor the rate is multiplied by: {@code new_lr = lr * factor} (default 0.1).
     *
     * @throws IllegalArgumentException if it is not below 1 (Keras's error), or not positive, or not finite
     */
    public ReduceLROnPlateau factor(double value) {
        if (!(value < 1.0)) {
            throw new IllegalArgumentException("ReduceLROnPlateau does not support a factor >= 1.0. Received factor="
                    + PythonFormat.pythonRepr(value));
        }
        if (!(value > 0)) {
            throw new IllegalArgumentException("ReduceLROnPlateau factor must be > 0 (the rate is multiplied by it), "
                    + "got " + PythonFormat.pythonRepr(value));
        }
        factor = value;
        return this;
    }

    /**
     * Epochs without improvement after which the rate is reduced (default 10).
     *
     * @throws IllegalArgumentException if negative
     */
    public ReduceLROnPlateau patience(int value) {
        requireNonNegative("patience", value);
        patience = value;
        return this;
    }

    /** 1 to print a line at each reduction. */
    public ReduceLROnPlateau verbose(int value) {
        verbose = value;
        return this;
    }

    /**
     * {@code "min"} (reduce when the value stops decreasing), {@code "max"} (stops increasing) or {@code "auto"}
     * (default: inferred from the name, as Keras does).
     *
     * @throws IllegalArgumentException for another value (Keras warns and falls back to auto; Strata refuses, as
     *     {@link ModelCheckpoint#mode} does, so a typo is not silently a different rule)
     */
    public ReduceLROnPlateau mode(String value) {
        if (!"auto".equals(value) && !"min".equals(value) && !"max".equals(value)) {
            throw new IllegalArgumentException("ReduceLROnPlateau mode must be 'auto', 'min' or 'max', got '" + value
                    + "'");
        }
        mode = value;
        lowerIsBetter = null;
        return this;
    }

    /** The least change that counts as an improvement (its absolute value; default 1e-4). */
    public ReduceLROnPlateau minDelta(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("ReduceLROnPlateau min_delta must be a number, got NaN");
        }
        minDelta = Math.abs(value);
        return this;
    }

    /**
     * Epochs to wait after a reduction before counting epochs without improvement again (default 0).
     *
     * @throws IllegalArgumentException if negative
     */
    public ReduceLROnPlateau cooldown(int value) {
        requireNonNegative("cooldown", value);
        cooldown = value;
        return this;
    }

    /**
     * The lower bound of the rate (default 0).
     *
     * @throws IllegalArgumentException if negative or not finite
     */
    public ReduceLROnPlateau minLr(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("ReduceLROnPlateau min_lr must be a finite number >= 0, got "
                    + PythonFormat.pythonRepr(value));
        }
        minLr = value;
        return this;
    }

    /** Whether the callback is in its cooldown after a reduction. */
    public boolean inCooldown() {
        return cooldownCounter > 0;
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("ReduceLROnPlateau " + name + " must be >= 0, got " + value);
        }
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        best = null;
        cooldownCounter = 0;
        wait = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (lowerIsBetter == null) {
            lowerIsBetter = mode.equals("auto") ? Monitors.lowerIsBetter(monitor, "ReduceLROnPlateau")
                    : mode.equals("min");
        }
        Optimizer optimizer = LearningRates.optimizer(this, "ReduceLROnPlateau");
        LearningRates.log(logs, optimizer);
        Double current = logs == null ? null : logs.get(monitor);
        if (current == null) {
            System.err.println("ReduceLROnPlateau: Learning rate reduction is conditioned on metric `" + monitor
                    + "` which is not available. Available metrics are: "
                    + String.join(",", logs == null ? java.util.List.of() : logs.keySet()) + ".");
            return;
        }
        if (inCooldown()) {
            cooldownCounter--;
            wait = 0;
        }
        if (isImprovement(current)) {
            best = current;
            wait = 0;
        } else if (!inCooldown()) {
            wait++;
            if (wait >= patience && reduce(optimizer, epoch)) {
                cooldownCounter = cooldown;
                wait = 0;
            }
        }
    }

    /** Keras's {@code _is_improvement}: {@code op(current -+ min_delta, best)} compared in float32. */
    private boolean isImprovement(double current) {
        if (best == null) {
            return true;
        }
        double best32 = (float) (double) best;
        return lowerIsBetter ? (float) (current + minDelta) < best32 : (float) (current - minDelta) > best32;
    }

    /** Keras's {@code _reduce_optimizer_lr}: the product is taken in float64, then stored as the float32 rate. */
    private boolean reduce(Optimizer optimizer, int epoch) {
        double oldLr = optimizer.learningRate();
        if (!(oldLr > (float) minLr)) {
            return false;
        }
        double newLr = Math.max(oldLr * factor, minLr);
        optimizer.setLearningRate((float) newLr);
        if (verbose > 0) {
            System.out.print("\nEpoch " + (epoch + 1) + ": ReduceLROnPlateau reducing learning rate to "
                    + PythonFormat.pythonRepr(newLr) + ".\n");
        }
        return true;
    }
}
