package dev.strata.optimizers.schedules;

import dev.strata.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Exponential decay, like {@code keras.optimizers.schedules.ExponentialDecay}:
 * {@code initial_learning_rate * decay_rate ^ (step / decay_steps)}, the exponent floored when {@code staircase}
 * (float32, as Keras computes it).
 *
 * <pre>{@code
 * Optimizer opt = new SGD().learningRate(new ExponentialDecay(0.1f, 100000, 0.96f, true));
 * }</pre>
 */
public final class ExponentialDecay extends LearningRateSchedule {
    private final float initialLearningRate;
    private final int decaySteps;
    private final float decayRate;
    private final boolean staircase;
    private final String name;

    /** Continuous decay, named {@code "ExponentialDecay"}. */
    public ExponentialDecay(float initialLearningRate, int decaySteps, float decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false, "ExponentialDecay");
    }

    /** Continuous or staircase decay, named {@code "ExponentialDecay"}. */
    public ExponentialDecay(float initialLearningRate, int decaySteps, float decayRate, boolean staircase) {
        this(initialLearningRate, decaySteps, decayRate, staircase, "ExponentialDecay");
    }

    /**
     * Keras's full signature.
     *
     * @throws IllegalArgumentException if {@code decaySteps <= 0} (as Keras), or the rates are not finite
     */
    public ExponentialDecay(float initialLearningRate, int decaySteps, float decayRate, boolean staircase,
            String name) {
        checkFinite("ExponentialDecay", "initial_learning_rate", initialLearningRate);
        checkFinite("ExponentialDecay", "decay_rate", decayRate);
        checkPositive("ExponentialDecay", "decay_steps", decaySteps);
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
        this.decayRate = decayRate;
        this.staircase = staircase;
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public float apply(long step) {
        float p = stepF(step) / (float) decaySteps;
        if (staircase) {
            p = (float) Math.floor(p);
        }
        return initialLearningRate * (float) Math.pow(decayRate, p);
    }

    /** Keras's keys: {@code initial_learning_rate, decay_steps, decay_rate, staircase, name}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", decimal(initialLearningRate));
        c.put("decay_steps", decaySteps);
        c.put("decay_rate", decimal(decayRate));
        c.put("staircase", staircase);
        c.put("name", name);
        return c;
    }

    /** Keras's {@code from_config}: the three required arguments, {@code staircase} (false) and {@code name}. */
    public static ExponentialDecay fromConfig(Config c) {
        return new ExponentialDecay((float) c.requireNumber("initial_learning_rate"), c.requireInt("decay_steps"),
                (float) c.requireNumber("decay_rate"), c.bool("staircase", false),
                c.string("name", "ExponentialDecay"));
    }
}
