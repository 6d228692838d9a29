package dev.strata.optimizers.schedules;

import dev.strata.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Inverse time decay, like {@code keras.optimizers.schedules.InverseTimeDecay}:
 * {@code initial_learning_rate / (1 + decay_rate * step / decay_steps)}, with {@code step / decay_steps} floored when
 * {@code staircase} (float32, as Keras computes it).
 */
public final class InverseTimeDecay extends LearningRateSchedule {
    private final float initialLearningRate;
    private final int decaySteps;
    private final float decayRate;
    private final boolean staircase;
    private final String name;

    /** Continuous decay, named {@code "InverseTimeDecay"}. */
    public InverseTimeDecay(float initialLearningRate, int decaySteps, float decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false, "InverseTimeDecay");
    }

    /**
     * Keras's full signature.
     *
     * @throws IllegalArgumentException if {@code decaySteps <= 0} (as Keras), or the rates are not finite
     */
    public InverseTimeDecay(float initialLearningRate, int decaySteps, float decayRate, boolean staircase,
            String name) {
        checkFinite("InverseTimeDecay", "initial_learning_rate", initialLearningRate);
        checkFinite("InverseTimeDecay", "decay_rate", decayRate);
        checkPositive("InverseTimeDecay", "decay_steps", decaySteps);
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
        return initialLearningRate / (1f + decayRate * p);
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
    public static InverseTimeDecay fromConfig(Config c) {
        return new InverseTimeDecay((float) c.requireNumber("initial_learning_rate"), c.requireInt("decay_steps"),
                (float) c.requireNumber("decay_rate"), c.bool("staircase", false),
                c.string("name", "InverseTimeDecay"));
    }
}
