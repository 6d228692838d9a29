package dev.strata.optimizers;

import dev.strata.config.Config;
import dev.strata.optimizers.schedules.LearningRateSchedule;
import dev.strata.tensor.Variable;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Gradient descent with optional (Nesterov) momentum, like {@code keras.optimizers.SGD} (defaults: learning
 * rate 0.01, momentum 0, nesterov false). With {@code m} the {@code momentum} slot:
 * <pre>
 * momentum = 0:  w = w - lr * g               (no slot)
 * otherwise:     m = m * momentum - lr * g
 *                w = w + m                     (plain)
 *                w = w + m * momentum - lr * g (nesterov)
 * </pre>
 *
 * <pre>{@code
 * Optimizer opt = new SGD(0.1f, 0.9f, true);
 * opt.apply(grads, weights);
 * }</pre>
 */
public final class SGD extends Optimizer {
    private final double momentum;
    private final boolean nesterov;
    private float[][] momentums;
    private final float momentumF;

    /** Plain gradient descent with learning rate 0.01. */
    public SGD() {
        this(0.01f);
    }

    /** Plain gradient descent with the given learning rate. */
    public SGD(float learningRate) {
        this(learningRate, 0f, false);
    }

    /**
     * Gradient descent with momentum.
     *
     * @throws IllegalArgumentException if {@code momentum} is not in [0, 1] (as Keras checks), or the learning
     *     rate is not finite
     */
    public SGD(float learningRate, float momentum, boolean nesterov) {
        super(learningRate);
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("SGD: momentum must be a float between [0, 1], got " + momentum);
        }
        this.momentum = asDecimal(momentum);
        this.momentumF = momentum;
        this.nesterov = nesterov;
    }

    @Override
    protected void buildSlots(List<Variable> trainableVariables) {
        if (momentum == 0) {
            return; // Keras creates no slot without momentum
        }
        momentums = addSlots(trainableVariables, "momentum")[0];
    }

    @Override
    protected void updateStep(int index, float[] gradient, float[] value, float lr, int from, int to) {
        if (momentums == null) {
            for (int i = from; i < to; i++) {
                value[i] -= gradient[i] * lr;
            }
            return;
        }
        float[] m = momentums[index];
        float mu = momentumF;
        if (nesterov) {
            for (int i = from; i < to; i++) {
                float g = gradient[i];
                float mi = m[i] * mu - g * lr;
                m[i] = mi;
                value[i] += mi * mu - g * lr;
            }
        } else {
            for (int i = from; i < to; i++) {
                float mi = m[i] * mu - gradient[i] * lr;
                m[i] = mi;
                value[i] += mi;
            }
        }
    }

    /** Keras's {@code get_config()}: the common keys, then {@code momentum} and {@code nesterov}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("momentum", momentum);
        config.put("nesterov", nesterov);
        return config;
    }

    /**
     * Keras's {@code SGD.from_config}: {@code momentum} (default 0) and {@code nesterov} (default false); the keys
     * every optimizer has ({@code learning_rate}, default 0.01, {@code name}, clipping...) are read by
     * {@link Optimizer#FAMILY}.
     */
    public static SGD fromConfig(Config config) {
        return new SGD(0.01f, (float) config.number("momentum", 0.0), config.bool("nesterov", false));
    }

    @Override
    public SGD learningRate(LearningRateSchedule schedule) {
        super.learningRate(schedule);
        return this;
    }

    @Override
    public SGD useEma(boolean useEma) {
        super.useEma(useEma);
        return this;
    }

    @Override
    public SGD emaMomentum(float emaMomentum) {
        super.emaMomentum(emaMomentum);
        return this;
    }

    @Override
    public SGD emaOverwriteFrequency(Integer frequency) {
        super.emaOverwriteFrequency(frequency);
        return this;
    }

    @Override
    public SGD gradientAccumulationSteps(Integer steps) {
        super.gradientAccumulationSteps(steps);
        return this;
    }

    @Override
    public SGD lossScaleFactor(Float factor) {
        super.lossScaleFactor(factor);
        return this;
    }

    @Override
    public SGD name(String newName) {
        super.name(newName);
        return this;
    }

    @Override
    public SGD clipnorm(float clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    @Override
    public SGD globalClipnorm(float globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }

    @Override
    public SGD clipvalue(float clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    @Override
    public SGD weightDecay(float weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    @Override
    public SGD excludeFromWeightDecay(String... varNames) {
        super.excludeFromWeightDecay(varNames);
        return this;
    }

    @Override
    public SGD excludeFromWeightDecay(Collection<Variable> varList, Collection<String> varNames) {
        super.excludeFromWeightDecay(varList, varNames);
        return this;
    }
}
