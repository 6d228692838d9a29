package dev.strata.optimizers.schedules;

import dev.strata.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Cosine decay with warm restarts (SGDR), like {@code keras.optimizers.schedules.CosineDecayRestarts} (defaults:
 * {@code t_mul} 2, {@code m_mul} 1, {@code alpha} 0): the rate decays by a cosine from {@code initial} to
 * {@code alpha * initial} over {@code first_decay_steps}, then restarts; each period is {@code t_mul} times longer
 * than the last and starts at {@code m_mul} times the last start. Float32, as Keras computes it.
 */
public final class CosineDecayRestarts extends LearningRateSchedule {
    private static final float PI = (float) Math.PI;
    private final float initialLearningRate;
    private final int firstDecaySteps;
    private final float tMul;
    private final float mMul;
    private final float alpha;
    private final String name;

    /** Periods doubling in length, restarting at the initial rate, decaying to 0. */
    public CosineDecayRestarts(float initialLearningRate, int firstDecaySteps) {
        this(initialLearningRate, firstDecaySteps, 2f, 1f, 0f, "SGDRDecay");
    }

    /**
     * Keras's full signature.
     *
     * @throws IllegalArgumentException if {@code firstDecaySteps <= 0} (as Keras), or an argument is not finite
     */
    public CosineDecayRestarts(float initialLearningRate, int firstDecaySteps, float tMul, float mMul, float alpha,
            String name) {
        checkFinite("CosineDecayRestarts", "initial_learning_rate", initialLearningRate);
        checkFinite("CosineDecayRestarts", "t_mul", tMul);
        checkFinite("CosineDecayRestarts", "m_mul", mMul);
        checkFinite("CosineDecayRestarts", "alpha", alpha);
        checkPositive("CosineDecayRestarts", "first_decay_steps", firstDecaySteps);
        this.initialLearningRate = initialLearningRate;
        this.firstDecaySteps = firstDecaySteps;
        this.tMul = tMul;
        this.mMul = mMul;
        this.alpha = alpha;
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public float apply(long step) {
        float completed = stepF(step) / (float) firstDecaySteps;
        float restart;
        if (tMul == 1f) {
            restart = (float) Math.floor(completed);
            completed -= restart;
        } else {
            // Keras's geometric sum: which period the step is in, and how far into it
            float logRatio = (float) Math.log(1f - completed * (1f - tMul)) / (float) Math.log(tMul);
            restart = (float) Math.floor(logRatio);
            float tPow = (float) Math.pow(tMul, restart);
            // XLA compiles the branch dividing by the reciprocal: x * (1 / y), which Keras's eager ops do not
            float sumR = (1f - tPow) * (1f / (1f - tMul));
            completed = (completed - sumR) * (1f / tPow);
        }
        float mFac = (float) Math.pow(mMul, restart);
        float cosine = 0.5f * mFac * (1f + (float) Math.cos(PI * completed));
        float decayed = (1f - alpha) * cosine + alpha;
        return initialLearningRate * decayed;
    }

    /** Keras's keys: {@code initial_learning_rate, first_decay_steps, t_mul, m_mul, alpha, name}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", decimal(initialLearningRate));
        c.put("first_decay_steps", firstDecaySteps);
        c.put("t_mul", decimal(tMul));
        c.put("m_mul", decimal(mMul));
        c.put("alpha", decimal(alpha));
        c.put("name", name);
        return c;
    }

    /** Keras's {@code from_config}, with Keras's defaults for the optional keys. */
    public static CosineDecayRestarts fromConfig(Config c) {
        return new CosineDecayRestarts((float) c.requireNumber("initial_learning_rate"),
                c.requireInt("first_decay_steps"), (float) c.number("t_mul", 2.0), (float) c.number("m_mul", 1.0),
                (float) c.number("alpha", 0.0), c.string("name", "SGDRDecay"));
    }
}
