package dev.strata.optimizers;

import dev.strata.config.Config;
import dev.strata.optimizers.schedules.LearningRateSchedule;
import dev.strata.tensor.Variable;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * LAMB, like {@code keras.optimizers.Lamb} (defaults: learning rate 0.001, beta_1 0.9, beta_2 0.999,
 * epsilon 1e-7): Adam's direction scaled per variable by a trust ratio, the norm of the weights over the norm of
 * the direction. With {@code t = iterations + 1} and the slots {@code m} ({@code momentum}) and {@code v}
 * ({@code velocity}):
 * <pre>
 * m += (g - m) * (1 - beta_1)
 * v += (g^2 - v) * (1 - beta_2)
 * r = (m / (1 - beta_1^t)) / (sqrt(v / (1 - beta_2^t)) + epsilon)
 * ratio = ||w|| / ||r||   (1 if either norm is 0)
 * w -= ratio * lr * r
 * </pre>
 * The ratio reads the whole variable, so the rule runs once per variable ({@link #updateVariable}), not split
 * over threads.
 *
 * <pre>{@code
 * Optimizer opt = new Lamb(1e-3f).weightDecay(0.01f);
 * opt.apply(grads, weights);
 * }</pre>
 */
public final class Lamb extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;

    private float[][] momentums;
    private float[][] velocities;
    /** The direction {@code r} of the variable being updated, reused across variables and steps. */
    private float[] direction = new float[0];
    /** {@code 1 - beta_1^t} and {@code 1 - beta_2^t}, set by {@link #prepareStep}. */
    private float correction1;
    private float correction2;

    /** Lamb with Keras's defaults. */
    public Lamb() {
        this(0.001f);
    }

    /** Lamb with the given learning rate and Keras's other defaults. */
    public Lamb(float learningRate) {
        super(learningRate);
    }

    /**
     * The decay rate of the first moment (default 0.9).
     *
     * @throws IllegalArgumentException if it is not in [0, 1)
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Lamb beta1(float beta1) {
        checkNotBuilt("beta_1");
        this.beta1 = checkRange("beta_1", beta1, 0, true, 1, false);
        return this;
    }

    /**
     * The decay rate of the second moment (default 0.999).
     *
     * @throws IllegalArgumentException if it is not in [0, 1)
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Lamb beta2(float beta2) {
        checkNotBuilt("beta_2");
        this.beta2 = checkRange("beta_2", beta2, 0, true, 1, false);
        return this;
    }

    /**
     * The constant added after the square root (default 1e-7).
     *
     * @throws IllegalArgumentException if it is negative or not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Lamb epsilon(float epsilon) {
        checkNotBuilt("epsilon");
        this.epsilon = checkNonNegative("epsilon", epsilon);
        return this;
    }

    @Override
    protected void buildSlots(List<Variable> trainableVariables) {
        float[][][] slots = addSlots(trainableVariables, "momentum", "velocity");
        momentums = slots[0];
        velocities = slots[1];
    }

    @Override
    protected void prepareStep(float lr, long step) {
        float t = step;
        correction1 = 1f - (float) StrictMath.pow((float) beta1, t);
        correction2 = 1f - (float) StrictMath.pow((float) beta2, t);
    }

    /** Not called: the trust ratio needs the whole variable (see {@link #updateVariable}). */
    @Override
    protected void updateStep(int index, float[] gradient, float[] value, float lr, int from, int to) {
        throw new UnsupportedOperationException("Lamb updates whole variables");
    }

    @Override
    protected void updateVariable(int index, float[] gradient, float[] value, float lr) {
        float[] m = momentums[index];
        float[] v = velocities[index];
        if (direction.length < value.length) {
            direction = new float[value.length];
        }
        float[] r = direction;
        float oneMinusBeta1 = (float) (1 - beta1); // Python floats, rounded to float32 when they meet a tensor
        float oneMinusBeta2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        // XLA divides a tensor by a scalar as a multiplication by its float32 reciprocal, and so does this
        float perC1 = 1f / correction1;
        float perC2 = 1f / correction2;
        double wSquares = 0;
        double rSquares = 0;
        for (int i = 0; i < value.length; i++) {
            float g = gradient[i];
            float mi = m[i] + (g - m[i]) * oneMinusBeta1;
            float vi = v[i] + (g * g - v[i]) * oneMinusBeta2;
            m[i] = mi;
            v[i] = vi;
            float ri = mi * perC1 / ((float) Math.sqrt(vi * perC2) + eps);
            r[i] = ri;
            wSquares += value[i] * value[i]; // float32 squares, summed without rounding in between
            rSquares += ri * ri;
        }
        float wNorm = (float) Math.sqrt((float) wSquares);
        float rNorm = (float) Math.sqrt((float) rSquares);
        float ratio = wNorm > 0 && rNorm > 0 ? wNorm / rNorm : 1f;
        float step = ratio * lr;
        for (int i = 0; i < value.length; i++) {
            value[i] -= step * r[i];
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
     * Keras's {@code Lamb.from_config}: {@code beta_1} (default 0.9), {@code beta_2} (0.999) and {@code epsilon}
     * (1e-7); the keys every optimizer has ({@code learning_rate}, default 0.001, {@code name}, clipping,
     * {@code weight_decay}...) are read by {@link Optimizer#FAMILY}.
     */
    public static Lamb fromConfig(Config config) {
        return new Lamb(0.001f).beta1((float) config.number("beta_1", 0.9))
                .beta2((float) config.number("beta_2", 0.999)).epsilon((float) config.number("epsilon", 1e-7));
    }

    @Override
    public Lamb learningRate(LearningRateSchedule schedule) {
        super.learningRate(schedule);
        return this;
    }

    @Override
    public Lamb useEma(boolean useEma) {
        super.useEma(useEma);
        return this;
    }

    @Override
    public Lamb emaMomentum(float emaMomentum) {
        super.emaMomentum(emaMomentum);
        return this;
    }

    @Override
    public Lamb emaOverwriteFrequency(Integer frequency) {
        super.emaOverwriteFrequency(frequency);
        return this;
    }

    @Override
    public Lamb gradientAccumulationSteps(Integer steps) {
        super.gradientAccumulationSteps(steps);
        return this;
    }

    @Override
    public Lamb lossScaleFactor(Float factor) {
        super.lossScaleFactor(factor);
        return this;
    }

    @Override
    public Lamb name(String newName) {
        super.name(newName);
        return this;
    }

    @Override
    public Lamb clipnorm(float clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    @Override
    public Lamb globalClipnorm(float globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }

    @Override
    public Lamb clipvalue(float clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    @Override
    public Lamb weightDecay(float weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    @Override
    public Lamb excludeFromWeightDecay(String... varNames) {
        super.excludeFromWeightDecay(varNames);
        return this;
    }

    @Override
    public Lamb excludeFromWeightDecay(Collection<Variable> varList, Collection<String> varNames) {
        super.excludeFromWeightDecay(varList, varNames);
        return this;
    }
}
