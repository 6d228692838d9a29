package dev.strata.optimizers;

import dev.strata.config.Config;
import dev.strata.optimizers.schedules.LearningRateSchedule;
import dev.strata.tensor.Variable;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Adamax, like {@code keras.optimizers.Adamax} (defaults: learning rate 0.001, beta_1 0.9, beta_2 0.999,
 * epsilon 1e-7): Adam with the infinity norm in place of the second moment. With {@code t = iterations + 1} and
 * the slots {@code m} ({@code momentum}) and {@code u} ({@code norm}):
 * <pre>
 * m += (g - m) * (1 - beta_1)
 * u = max(beta_2 * u, |g|)
 * w -= lr * m / ((1 - beta_1^t) * (u + epsilon))
 * </pre>
 *
 * <pre>{@code
 * Optimizer opt = new Adamax(2e-3f).beta1(0.8f);
 * opt.apply(grads, weights);
 * }</pre>
 */
public final class Adamax extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;

    private float[][] momentums;
    private float[][] norms;
    /** {@code 1 - beta_1^t}, set by {@link #prepareStep}. */
    private float correction;

    /** Adamax with Keras's defaults. */
    public Adamax() {
        this(0.001f);
    }

    /** Adamax with the given learning rate and Keras's other defaults. */
    public Adamax(float learningRate) {
        super(learningRate);
    }

    /**
     * The decay rate of the first moment (default 0.9).
     *
     * @throws IllegalArgumentException if it is not in [0, 1)
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Adamax beta1(float beta1) {
        checkNotBuilt("beta_1");
        this.beta1 = checkRange("beta_1", beta1, 0, true, 1, false);
        return this;
    }

    /**
     * The decay rate of the infinity norm (default 0.999).
     *
     * @throws IllegalArgumentException if it is not in [0, 1]
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Adamax beta2(float beta2) {
        checkNotBuilt("beta_2");
        this.beta2 = checkRange("beta_2", beta2, 0, true, 1, true);
        return this;
    }

    /**
     * The constant added to the norm (default 1e-7).
     *
     * @throws IllegalArgumentException if it is negative or not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Adamax epsilon(float epsilon) {
        checkNotBuilt("epsilon");
        this.epsilon = checkNonNegative("epsilon", epsilon);
        return this;
    }

    @Override
    protected void buildSlots(List<Variable> trainableVariables) {
        float[][][] slots = addSlots(trainableVariables, "momentum", "norm");
        momentums = slots[0];
        norms = slots[1];
    }

    @Override
    protected void prepareStep(float lr, long step) {
        correction = 1f - (float) StrictMath.pow((float) beta1, (float) step);
    }

    @Override
    protected void updateStep(int index, float[] gradient, float[] value, float lr, int from, int to) {
        float[] m = momentums[index];
        float[] u = norms[index];
        float oneMinusBeta1 = (float) (1 - beta1); // Python float, rounded to float32 when it meets the tensor
        float b2 = (float) beta2;
        float eps = (float) epsilon;
        float c = correction;
        for (int i = from; i < to; i++) {
            float g = gradient[i];
            float mi = m[i] + (g - m[i]) * oneMinusBeta1;
            float ui = Math.max(b2 * u[i], Math.abs(g));
            m[i] = mi;
            u[i] = ui;
            value[i] -= lr * mi / (c * (ui + eps));
        }
    }

    /** Keras's {@code get_config()}: the common keys, then {@code beta_1, beta_2, epsilon}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("epsilon", epsilon);
        return config;
    }

    /**
     * Keras's {@code Adamax.from_config}: {@code beta_1} (default 0.9), {@code beta_2} (0.999) and {@code epsilon}
     * (1e-7); the keys every optimizer has ({@code learning_rate}, default 0.001, {@code name}, clipping,
     * {@code weight_decay}...) are read by {@link Optimizer#FAMILY}.
     */
    public static Adamax fromConfig(Config config) {
        return new Adamax(0.001f).beta1((float) config.number("beta_1", 0.9))
                .beta2((float) config.number("beta_2", 0.999)).epsilon((float) config.number("epsilon", 1e-7));
    }

    @Override
    public Adamax learningRate(LearningRateSchedule schedule) {
        super.learningRate(schedule);
        return this;
    }

    @Override
    public Adamax useEma(boolean useEma) {
        super.useEma(useEma);
        return this;
    }

    @Override
    public Adamax emaMomentum(float emaMomentum) {
        super.emaMomentum(emaMomentum);
        return this;
    }

    @Override
    public Adamax emaOverwriteFrequency(Integer frequency) {
        super.emaOverwriteFrequency(frequency);
        return this;
    }

    @Override
    public Adamax gradientAccumulationSteps(Integer steps) {
        super.gradientAccumulationSteps(steps);
        return this;
    }

    @Override
    public Adamax lossScaleFactor(Float factor) {
        super.lossScaleFactor(factor);
        return this;
    }

    @Override
    public Adamax name(String newName) {
        super.name(newName);
        return this;
    }

    @Override
    public Adamax clipnorm(float clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    @Override
    public Adamax globalClipnorm(float globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }

    @Override
    public Adamax clipvalue(float clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    @Override
    public Adamax weightDecay(float weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    @Override
    public Adamax excludeFromWeightDecay(String... varNames) {
        super.excludeFromWeightDecay(varNames);
        return this;
    }

    @Override
    public Adamax excludeFromWeightDecay(Collection<Variable> varList, Collection<String> varNames) {
        super.excludeFromWeightDecay(varList, varNames);
        return this;
    }
}
