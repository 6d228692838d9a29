package dev.strata.optimizers;

import dev.strata.config.Config;
import dev.strata.optimizers.schedules.LearningRateSchedule;
import dev.strata.tensor.Variable;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Lion, like {@code keras.optimizers.Lion} (defaults: learning rate 0.001, beta_1 0.9, beta_2 0.99): the sign of
 * an interpolation of momentum and gradient, so every element moves by exactly the learning rate. With the slot
 * {@code m} ({@code momentum}):
 * <pre>
 * w -= lr * sign(m * beta_1 + g * (1 - beta_1))
 * m = m * beta_2 + g * (1 - beta_2)
 * </pre>
 * Its updates are larger than Adam's, so it wants a 3-10x smaller learning rate and a larger weight decay.
 *
 * <pre>{@code
 * Optimizer opt = new Lion(1e-4f).weightDecay(0.1f);
 * opt.apply(grads, weights);
 * }</pre>
 */
public final class Lion extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.99;

    private float[][] momentums;

    /** Lion with Keras's defaults. */
    public Lion() {
        this(0.001f);
    }

    /** Lion with the given learning rate and Keras's other defaults. */
    public Lion(float learningRate) {
        super(learningRate);
    }

    /**
     * The weight of the momentum in the update's direction (default 0.9). Keras refuses 0 and less, where Lion
     * degenerates to SignSGD.
     *
     * @throws IllegalArgumentException if it is not in (0, 1]
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Lion beta1(float beta1) {
        checkNotBuilt("beta_1");
        this.beta1 = checkRange("beta_1", beta1, 0, false, 1, true);
        return this;
    }

    /**
     * The decay rate of the momentum (default 0.99).
     *
     * @throws IllegalArgumentException if it is not in [0, 1]
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Lion beta2(float beta2) {
        checkNotBuilt("beta_2");
        this.beta2 = checkRange("beta_2", beta2, 0, true, 1, true);
        return this;
    }

    @Override
    protected void buildSlots(List<Variable> trainableVariables) {
        momentums = addSlots(trainableVariables, "momentum")[0];
    }

    @Override
    protected void updateStep(int index, float[] gradient, float[] value, float lr, int from, int to) {
        float[] m = momentums[index];
        float b1 = (float) beta1; // Keras casts the betas to float32 first: 1 - beta is float32 arithmetic
        float b2 = (float) beta2;
        float oneMinusB1 = 1f - b1;
        float oneMinusB2 = 1f - b2;
        for (int i = from; i < to; i++) {
            float g = gradient[i];
            value[i] -= lr * Math.signum(m[i] * b1 + g * oneMinusB1);
            m[i] = m[i] * b2 + g * oneMinusB2;
        }
    }

    /** Keras's {@code get_config()}: the common keys, then {@code beta_1, beta_2}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        return config;
    }

    /**
     * Keras's {@code Lion.from_config}: {@code beta_1} (default 0.9) and {@code beta_2} (0.99); the keys every
     * optimizer has ({@code learning_rate}, default 0.001, {@code name}, clipping, {@code weight_decay}...) are read
     * by {@link Optimizer#FAMILY}.
     */
    public static Lion fromConfig(Config config) {
        return new Lion(0.001f).beta1((float) config.number("beta_1", 0.9))
                .beta2((float) config.number("beta_2", 0.99));
    }

    @Override
    public Lion learningRate(LearningRateSchedule schedule) {
        super.learningRate(schedule);
        return this;
    }

    @Override
    public Lion useEma(boolean useEma) {
        super.useEma(useEma);
        return this;
    }

    @Override
    public Lion emaMomentum(float emaMomentum) {
        super.emaMomentum(emaMomentum);
        return this;
    }

    @Override
    public Lion emaOverwriteFrequency(Integer frequency) {
        super.emaOverwriteFrequency(frequency);
        return this;
    }

    @Override
    public Lion gradientAccumulationSteps(Integer steps) {
        super.gradientAccumulationSteps(steps);
        return this;
    }

    @Override
    public Lion lossScaleFactor(Float factor) {
        super.lossScaleFactor(factor);
        return this;
    }

    @Override
    public Lion name(String newName) {
        super.name(newName);
        return this;
    }

    @Override
    public Lion clipnorm(float clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    @Override
    public Lion globalClipnorm(float globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }

    @Override
    public Lion clipvalue(float clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    @Override
    public Lion weightDecay(float weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    @Override
    public Lion excludeFromWeightDecay(String... varNames) {
        super.excludeFromWeightDecay(varNames);
        return this;
    }

    @Override
    public Lion excludeFromWeightDecay(Collection<Variable> varList, Collection<String> varNames) {
        super.excludeFromWeightDecay(varList, varNames);
        return this;
    }
}
