package dev.strata.callbacks;

import dev.strata.optimizers.Optimizer;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * Sets the learning rate at the beginning of every epoch from a schedule, like
 * {@code keras.callbacks.LearningRateScheduler}: the schedule gets the (0-based) epoch and the current rate and
 * returns the new rate, which the optimizer stores as float32; every epoch end logs the rate under
 * {@code learning_rate}, so History and CSVLogger record it.
 *
 * <pre>{@code
 * // keep the rate for ten epochs, then decay it exponentially
 * var scheduler = new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1));
 * model.fit(x, y, new FitOptions().epochs(15).callbacks(scheduler));
 * }</pre>
 *
 * <p>As in Keras the schedule must return a floating-point number ({@code Double} or {@code Float}: Python's float,
 * {@code np.float32}, {@code np.float64}); anything else, {@code null} or an {@code Integer} included, is Keras's
 * error ({@code The output of the `schedule` function should be a float. Got: 1}). With {@code verbose(1)} it prints
 * Keras's line ({@code Epoch 3: LearningRateScheduler setting learning rate to 0.009048373978112673.}).
 */
public class LearningRateScheduler extends Callback {
    private final BiFunction<Integer, Double, ? extends Number> schedule;
    private int verbose;

    /**
     * A scheduler calling {@code schedule(epoch, currentRate)}; the current rate is the optimizer's float32 rate as
     * a double, as Keras passes {@code float(optimizer.learning_rate)}.
     */
    public LearningRateScheduler(BiFunction<Integer, Double, ? extends Number> schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /** A scheduler calling {@code schedule(epoch)}: Keras's older one-argument form. */
    public LearningRateScheduler(IntFunction<? extends Number> schedule) {
        Objects.requireNonNull(schedule, "schedule");
        this.schedule = (epoch, lr) -> schedule.apply(epoch);
    }

    /** 1 to print the rate set at each epoch. */
    public LearningRateScheduler verbose(int value) {
        verbose = value;
        return this;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        Optimizer optimizer = LearningRates.optimizer(this, "LearningRateScheduler");
        Number lr = schedule.apply(epoch, (double) optimizer.learningRate());
        if (!(lr instanceof Double || lr instanceof Float)) {
            throw new IllegalArgumentException("The output of the `schedule` function should be a float. Got: "
                    + (lr == null ? "None" : lr));
        }
        double value = lr.doubleValue();
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("LearningRateScheduler: the schedule returned "
                    + PythonFormat.pythonRepr(value) + " for epoch " + epoch + "; a learning rate must be finite");
        }
        optimizer.setLearningRate((float) value);
        if (verbose > 0) {
            // Keras formats the returned value with f"{lr}": a float32 prints as the double it widens to
            System.out.print("\nEpoch " + (epoch + 1) + ": LearningRateScheduler setting learning rate to "
                    + PythonFormat.pythonRepr(value) + ".\n");
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        LearningRates.log(logs, LearningRates.optimizer(this, "LearningRateScheduler"));
    }
}
