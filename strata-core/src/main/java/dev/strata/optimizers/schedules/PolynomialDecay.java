package dev.strata.optimizers.schedules;

import dev.strata.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Polynomial decay, like {@code keras.optimizers.schedules.PolynomialDecay} (defaults: end learning rate 0.0001,
 * power 1, no cycle): {@code (initial - end) * (1 - step / decay_steps) ^ power + end} with the step held at
 * {@code decay_steps}; with {@code cycle}, {@code decay_steps} becomes its first multiple at or above the step (1
 * times at step 0). Float32, as Keras computes it.
 */
public final class PolynomialDecay extends LearningRateSchedule {
    private final float initialLearningRate;
    private final int decaySteps;
    private final float endLearningRate;
    private final float power;
    private final boolean cycle;
    private final String name;

    /** Linear decay to 0.0001, without cycling. */
    public PolynomialDecay(float initialLearningRate, int decaySteps) {
        this(initialLearningRate, decaySteps, 0.0001f, 1f, false, "PolynomialDecay");
    }

    /**
     * Keras's full signature.
     *
     * @throws IllegalArgumentException if {@code decaySteps <= 0} (as Keras), or a rate or the power is not finite
     */
    public PolynomialDecay(float initialLearningRate, int decaySteps, float endLearningRate, float power,
            boolean cycle, String name) {
        checkFinite("PolynomialDecay", "initial_learning_rate", initialLearningRate);
        checkFinite("PolynomialDecay", "end_learning_rate", endLearningRate);
        checkFinite("PolynomialDecay", "power", power);
        checkPositive("PolynomialDecay", "decay_steps", decaySteps);
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
        this.endLearningRate = endLearningRate;
        this.power = power;
        this.cycle = cycle;
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public float apply(long step) {
        float s = stepF(step);
        float ds = (float) decaySteps;
        if (cycle) {
            float multiplier = s == 0f ? 1f : (float) Math.ceil(s / (float) decaySteps);
            ds = ds * multiplier;
        } else {
            s = Math.min(s, ds);
        }
        float p = s / ds;
        return (initialLearningRate - endLearningRate) * (float) Math.pow(1f - p, power) + endLearningRate;
    }

    /** Keras's keys: {@code initial_learning_rate, decay_steps, end_learning_rate, power, cycle, name}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", decimal(initialLearningRate));
        c.put("decay_steps", decaySteps);
        c.put("end_learning_rate", decimal(endLearningRate));
        c.put("power", decimal(power));
        c.put("cycle", cycle);
        c.put("name", name);
        return c;
    }

    /** Keras's {@code from_config}, with Keras's defaults for the optional keys. */
    public static PolynomialDecay fromConfig(Config c) {
        return new PolynomialDecay((float) c.requireNumber("initial_learning_rate"), c.requireInt("decay_steps"),
                (float) c.number("end_learning_rate", 0.0001), (float) c.number("power", 1.0), c.bool("cycle", false),
                c.string("name", "PolynomialDecay"));
    }
}
