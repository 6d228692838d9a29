package dev.strata.callbacks;

import dev.strata.models.Model;
import dev.strata.training.TrainingListener;
import dev.strata.training.TrainingState;
import java.util.Map;

/**
 * The base of callbacks, like {@code keras.callbacks.Callback}: override the hooks of {@link TrainingListener}
 * ({@code onEpochEnd}, {@code onTrainBatchEnd}, ...), each a no-op unless overridden. {@code logs} maps metric names
 * ({@code loss}, {@code val_loss}, {@code main_output_loss}, ...) to values; batch hooks get the running averages
 * of the epoch so far. A callback reaches the model through {@link #model()} and the run through {@link #state()};
 * it stops training with {@code state().setStopTraining(true)} (or Keras's way,
 * {@code model().setStopTraining(true)}).
 *
 * <pre>{@code
 * class PrintLoss extends Callback {
 *     @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
 *         System.out.println(model().name() + " epoch " + epoch + ": " + logs.get("loss"));
 *     }
 * }
 * }</pre>
 */
public abstract class Callback implements TrainingListener {
    private TrainingState state;

    /** A callback with no state yet: the loop hands it the run's {@link TrainingState} when a run begins. */
    protected Callback() {
    }

    /** Called by the loop before any hook of a run (a {@code fit}, {@code evaluate} or {@code predict}). */
    @Override
    public void setState(TrainingState state) {
        this.state = state;
    }

    /** The run this callback is part of: its parameters, its stop flag; null before the first run. */
    public TrainingState state() {
        return state;
    }

    /**
     * The model being trained, evaluated or used for prediction; null before the first run.
     *
     * @throws IllegalStateException if the loop runs something other than a {@link Model}
     */
    public Model model() {
        if (state == null) {
            return null;
        }
        // The loop (dev.strata.training) sits below models and sees the model as a Layer; Model's methods run
        // it with the Model itself, so this cast holds whenever a Model is trained.
        if (!(state.model() instanceof Model m)) {
            throw new IllegalStateException(getClass().getSimpleName() + " needs a Model, but the loop runs "
                    + state.model().describe());
        }
        return m;
    }

    /** The run's parameters: {@code epochs}, {@code steps}, {@code verbose}; empty before the first run. */
    public Map<String, Object> params() {
        return state == null ? Map.of() : state.params();
    }
}
