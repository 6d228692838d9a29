package dev.strata.optimizers.schedules;

import dev.strata.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Cosine decay with optional linear warm-up, like {@code keras.optimizers.schedules.CosineDecay} (defaults: alpha 0,
 * no warm-up). Without a warm-up target: {@code initial * ((1 - alpha) * 0.5 * (1 + cos(pi * s / decay_steps)) +
 * alpha)} with {@code s = min(step, decay_steps)}. With {@code warmupTarget}, the rate first rises linearly from
 * {@code initial} to {@code warmupTarget} over {@code warmupSteps}, then decays from {@code warmupTarget} over
 * {@code decaySteps}. Float32, as Keras computes it.
 *
 * <pre>{@code
 * new CosineDecay(0f, 1000, 0f, "CosineDecay", 0.1f, 100);   // warm up to 0.1 in 100 steps, then decay
 * }</pre>
 */
public final class CosineDecay extends LearningRateSchedule {
    private static final float PI = (float) Math.PI;
    private final float initialLearningRate;
    private final int decaySteps;
    private final double alpha;
    private final String name;
    private final Float warmupTarget;
    private final int warmupSteps;

    /** Decay to 0 over {@code decaySteps}, without warm-up. */
    public CosineDecay(float initialLearningRate, int decaySteps) {
        this(initialLearningRate, decaySteps, 0f, "CosineDecay", null, 0);
    }

    /**
     * Keras's full signature ({@code warmupTarget} null: no warm-up).
     *
     * @throws IllegalArgumentException if {@code decaySteps <= 0} (as Keras), {@code warmupSteps < 0}, or a rate
     *     or {@code alpha} is not finite
     */
    public CosineDecay(float initialLearningRate, int decaySteps, float alpha, String name, Float warmupTarget,
            int warmupSteps) {
        checkFinite("CosineDecay", "initial_learning_rate", initialLearningRate);
        checkFinite("CosineDecay", "alpha", alpha);
        checkPositive("CosineDecay", "decay_steps", decaySteps);
        if (warmupTarget != null) {
            checkFinite("CosineDecay", "warmup_target", warmupTarget);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("CosineDecay: argument `warmup_steps` must be >= 0. Received: "
                    + "warmup_steps=" + warmupSteps);
        }
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
        this.alpha = decimal(alpha);
        this.name = Objects.requireNonNull(name, "name");
        this.warmupTarget = warmupTarget;
        this.warmupSteps = warmupSteps;
    }

    @Override
    public float apply(long step) {
        float s = stepF(step);
        float ds = (float) decaySteps;
        if (warmupTarget == null) {
            return decay(Math.min(s, ds), ds, initialLearningRate, false);
        }
        float target = warmupTarget;
        float ws = (float) warmupSteps;
        s = Math.min(s, ds + ws);
        if (s < ws) {
            float completed = s / ws;
            // Keras's ops.cond compiles both branches, and XLA fuses a multiply-add there into one FMA
            return Math.fma(target - initialLearningRate, completed, initialLearningRate);
        }
        return decay(s - ws, ds, target, true);
    }

    /**
     * Keras's {@code _decay_function}; {@code alpha} is a Python float there, rounded where it meets float32.
     * {@code fused}: inside Keras's {@code ops.cond} (with warm-up), where XLA computes the multiply-add as an FMA.
     */
    private float decay(float s, float ds, float from, boolean fused) {
        float completed = s / ds;
        float cosine = 0.5f * (1f + (float) Math.cos(PI * completed));
        float decayed = fused ? Math.fma((float) (1 - alpha), cosine, (float) alpha)
                : (float) (1 - alpha) * cosine + (float) alpha;
        return from * decayed;
    }

    /** Keras's keys: {@code initial_learning_rate, decay_steps, alpha, name, warmup_target, warmup_steps}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", decimal(initialLearningRate));
        c.put("decay_steps", decaySteps);
        c.put("alpha", alpha);
        c.put("name", name);
        c.put("warmup_target", warmupTarget == null ? null : decimal(warmupTarget));
        c.put("warmup_steps", warmupSteps);
        return c;
    }

    /** Keras's {@code from_config}, with Keras's defaults for the optional keys. */
    public static CosineDecay fromConfig(Config c) {
        Object target = c.raw("warmup_target");
        return new CosineDecay((float) c.requireNumber("initial_learning_rate"), c.requireInt("decay_steps"),
                (float) c.number("alpha", 0.0), c.string("name", "CosineDecay"),
                target == null ? null : (float) c.toDouble(target, "warmup_target"), c.integer("warmup_steps", 0));
    }
}
