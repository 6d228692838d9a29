package dev.strata.usercode;

import dev.strata.optimizers.Optimizer;
import dev.strata.tensor.Variable;
import java.util.List;
import java.util.Map;

/**
 * SGD with heavy-ball momentum and a linear learning-rate warm-up, written as a user would write an optimizer:
 * outside Strata's packages, with only the public and protected {@link Optimizer} API. With {@code v} the
 * {@code velocity} slot and {@code t} the step (from 1):
 * <pre>
 * v = momentum * v + g
 * w -= lr * min(1, t / warmup_steps) * v
 * </pre>
 * Its config is the base's plus {@code momentum} and {@code warmup_steps}; loading makes it again with the
 * three-argument constructor, whose parameter names are those keys.
 */
public final class WarmupMomentumSGD extends Optimizer {
    private final double momentum;
    private int warmupSteps;
    private float[][] velocities;
    /** The warm-up factor of the current step, set by {@link #prepareStep}. */
    private float warmup;

    public WarmupMomentumSGD(float learningRate, float momentum) {
        super(learningRate);
        checkFinite("momentum", momentum);
        this.momentum = asDecimal(momentum);
    }

    /** The constructor loading calls: its parameter names are the config's keys (learning_rate, momentum, ...). */
    public WarmupMomentumSGD(float learningRate, float momentum, int warmupSteps) {
        this(learningRate, momentum);
        warmupSteps(warmupSteps);
    }

    /** Ramps the learning rate up linearly over the first {@code steps} steps (0, the default: no warm-up). */
    public WarmupMomentumSGD warmupSteps(int steps) {
        checkNotBuilt("warmup_steps");
        if (steps < 0) {
            throw new IllegalArgumentException(describe() + ": warmup_steps must be >= 0, got " + steps);
        }
        this.warmupSteps = steps;
        return this;
    }

    @Override
    protected void buildSlots(List<Variable> trainableVariables) {
        velocities = addSlots(trainableVariables, "velocity")[0];
    }

    @Override
    protected void prepareStep(float learningRate, long step) {
        warmup = warmupSteps == 0 ? 1f : Math.min(1f, (float) step / warmupSteps);
    }

    @Override
    protected void updateStep(int index, float[] gradient, float[] value, float learningRate, int from, int to) {
        float[] v = velocities[index];
        float mu = (float) momentum;
        float rate = learningRate * warmup;
        for (int i = from; i < to; i++) {
            float vi = mu * v[i] + gradient[i];
            v[i] = vi;
            value[i] -= rate * vi;
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("momentum", momentum);
        config.put("warmup_steps", warmupSteps);
        return config;
    }
}
