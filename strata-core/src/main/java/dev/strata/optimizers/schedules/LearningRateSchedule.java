package dev.strata.optimizers.schedules;

import dev.strata.config.KerasObject;
import dev.strata.internal.config.AutoConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The base of learning-rate schedules, like {@code keras.optimizers.schedules.LearningRateSchedule}: a function from
 * the optimizer's step count to a learning rate. An optimizer given a schedule ({@code optimizer.learningRate(s)})
 * asks it for the rate before every update, with the number of updates done so far (Keras's
 * {@code optimizer.iterations}, counting every {@code apply} even under gradient accumulation).
 *
 * <p>To write your own, implement {@link #apply(long)} (Keras's {@code __call__(step)}):
 * <pre>{@code
 * public final class InverseStep extends LearningRateSchedule {
 *     private final float initialLearningRate;
 *     public InverseStep(float initialLearningRate) { this.initialLearningRate = initialLearningRate; }
 *     @Override public float apply(long step) { return initialLearningRate / (step + 1); }
 * }
 * }</pre>
 * It saves as Keras saves a user's schedule (a registered custom object, {@code "module": null}); its config is its
 * fields by snake_case name unless it overrides {@link #getConfig()}, and loading makes it again by the constructor
 * whose parameter names are those keys (or a {@code public static fromConfig}), as for a user's loss or optimizer.
 */
public abstract class LearningRateSchedule implements KerasObject {
    /** For subclasses. */
    protected LearningRateSchedule() {
    }

    /**
     * The learning rate at {@code step} (Keras's {@code __call__(step)}), in float32.
     *
     * @param step the optimizer's step count ({@code >= 0})
     */
    public abstract float apply(long step);

    /**
     * Keras's {@code get_config()}: for a user's schedule, its fields by snake_case name (the auto-config); the
     * built-in schedules write Keras's keys.
     */
    @Override
    public Map<String, Object> getConfig() {
        return new LinkedHashMap<>(AutoConfig.of(this));
    }

    /** The class and its config, e.g. {@code ExponentialDecay{initial_learning_rate=0.1, ...}}. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + getConfig();
    }

    /** Throws naming the schedule and the argument unless {@code value > 0}. */
    static void checkPositive(String schedule, String argument, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(schedule + ": argument `" + argument + "` must be > 0. Received: "
                    + argument + "=" + value);
        }
    }

    /** Throws naming the schedule and the argument unless {@code value} is finite. */
    static void checkFinite(String schedule, String argument, float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException(schedule + ": argument `" + argument + "` must be finite. Received: "
                    + argument + "=" + value);
        }
    }

    /** The decimal a float argument stands for, as Keras keeps a Python float in its config. */
    static double decimal(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    /** Keras casts the step to float32 before any arithmetic. */
    static float stepF(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("a learning-rate schedule's step must be >= 0, got " + step);
        }
        return (float) step;
    }
}
