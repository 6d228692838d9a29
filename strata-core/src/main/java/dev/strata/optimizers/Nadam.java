package dev.strata.optimizers;

import dev.strata.config.Config;
import dev.strata.optimizers.schedules.LearningRateSchedule;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Variable;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Nadam, like {@code keras.optimizers.Nadam} (defaults: learning rate 0.001, beta_1 0.9, beta_2 0.999,
 * epsilon 1e-7): Adam with Nesterov momentum, in Dozat's form with a momentum schedule. With
 * {@code t = iterations + 1}, {@code mu(s) = beta_1 * (1 - 0.5 * 0.96^s)}, the slots {@code m} ({@code momentum})
 * and {@code v} ({@code velocity}), and the running product {@code P} of {@code mu(1) ... mu(t)}:
 * <pre>
 * P = P * mu(t)                                       (once per step, before the variables)
 * m += (g - m) * (1 - beta_1)
 * v += (g^2 - v) * (1 - beta_2)
 * m_hat = mu(t+1) * m / (1 - P * mu(t+1)) + (1 - mu(t)) * g / (1 - P)
 * v_hat = v / (1 - beta_2^t)
 * w -= m_hat * lr / (sqrt(v_hat) + epsilon)
 * </pre>
 * {@code P} is Keras's {@code _u_product}, a scalar state variable after all the slots in {@link #variables()}
 * (unnamed in Keras, so named {@code "variable"} there and here); it is saved and restored with the slots.
 *
 * <pre>{@code
 * Optimizer opt = new Nadam(2e-3f).beta2(0.99f);
 * opt.apply(grads, weights);
 * }</pre>
 */
public final class Nadam extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;

    private float[][] momentums;
    private float[][] velocities;
    private float[] uProduct;
    /** Step constants, set by {@link #prepareStep}: mu(t), mu(t+1), P, P * mu(t+1), beta_2^t. */
    private float uT;
    private float uT1;
    private float uProductT;
    private float uProductT1;
    private float beta2Power;

    /** Nadam with Keras's defaults. */
    public Nadam() {
        this(0.001f);
    }

    /** Nadam with the given learning rate and Keras's other defaults. */
    public Nadam(float learningRate) {
        super(learningRate);
    }

    /**
     * The decay rate of the first moment (default 0.9).
     *
     * @throws IllegalArgumentException if it is not in [0, 1)
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Nadam beta1(float beta1) {
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
    public Nadam beta2(float beta2) {
        checkNotBuilt("beta_2");
        this.beta2 = checkRange("beta_2", beta2, 0, true, 1, false);
        return this;
    }

    /**
     * The constant added after the square root (default 1e-7, Keras's "epsilon hat").
     *
     * @throws IllegalArgumentException if it is negative or not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Nadam epsilon(float epsilon) {
        checkNotBuilt("epsilon");
        this.epsilon = checkNonNegative("epsilon", epsilon);
        return this;
    }

    @Override
    protected void buildSlots(List<Variable> trainableVariables) {
        float[][][] slots = addSlots(trainableVariables, "momentum", "velocity");
        momentums = slots[0];
        velocities = slots[1];
        uProduct = addVariable(Shape.of(), 1f, "variable"); // Keras: backend.Variable(1.0), after the slots
    }

    /** {@code beta_1 * (1 - 0.5 * 0.96^s)} in float32, as Keras computes it. */
    private float mu(float b1, float s) {
        return b1 * (1f - 0.5f * (float) StrictMath.pow(0.96f, s));
    }

    @Override
    protected void prepareStep(float lr, long step) {
        float b1 = (float) beta1;
        float t = step;
        // Keras's _backend_update_step: u_product * beta_1 * (1 - 0.5 * 0.96^t), once per apply
        uProduct[0] = uProduct[0] * b1 * (1f - 0.5f * (float) StrictMath.pow(0.96f, t));
        uT = mu(b1, t);
        uT1 = mu(b1, (float) (step + 1));
        uProductT = uProduct[0];
        uProductT1 = uProductT * uT1;
        beta2Power = (float) StrictMath.pow((float) beta2, t);
    }

    @Override
    protected void updateStep(int index, float[] gradient, float[] value, float lr, int from, int to) {
        float[] m = momentums[index];
        float[] v = velocities[index];
        // Keras casts beta_1 and beta_2 to float32 first, so 1 - beta is float32 arithmetic here (unlike Adam's)
        float oneMinusBeta1 = 1f - (float) beta1;
        float oneMinusBeta2 = 1f - (float) beta2;
        float eps = (float) epsilon;
        float ut = uT;
        float ut1 = uT1;
        // XLA divides a tensor by a scalar as a multiplication by its float32 reciprocal, and so does this
        float perDen1 = 1f / (1f - uProductT1);
        float perDen0 = 1f / (1f - uProductT);
        float oneMinusUt = 1f - ut;
        float perVDen = 1f / (1f - beta2Power);
        for (int i = from; i < to; i++) {
            float g = gradient[i];
            float mi = m[i] + (g - m[i]) * oneMinusBeta1;
            float vi = v[i] + (g * g - v[i]) * oneMinusBeta2;
            m[i] = mi;
            v[i] = vi;
            float mHat = ut1 * mi * perDen1 + oneMinusUt * g * perDen0;
            float vHat = vi * perVDen;
            value[i] -= mHat * lr / ((float) Math.sqrt(vHat) + eps);
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
     * Keras's {@code Nadam.from_config}: {@code beta_1} (default 0.9), {@code beta_2} (0.999) and {@code epsilon}
     * (1e-7); the keys every optimizer has ({@code learning_rate}, default 0.001, {@code name}, clipping,
     * {@code weight_decay}...) are read by {@link Optimizer#FAMILY}.
     */
    public static Nadam fromConfig(Config config) {
        return new Nadam(0.001f).beta1((float) config.number("beta_1", 0.9))
                .beta2((float) config.number("beta_2", 0.999)).epsilon((float) config.number("epsilon", 1e-7));
    }

    @Override
    public Nadam learningRate(LearningRateSchedule schedule) {
        super.learningRate(schedule);
        return this;
    }

    @Override
    public Nadam useEma(boolean useEma) {
        super.useEma(useEma);
        return this;
    }

    @Override
    public Nadam emaMomentum(float emaMomentum) {
        super.emaMomentum(emaMomentum);
        return this;
    }

    @Override
    public Nadam emaOverwriteFrequency(Integer frequency) {
        super.emaOverwriteFrequency(frequency);
        return this;
    }

    @Override
    public Nadam gradientAccumulationSteps(Integer steps) {
        super.gradientAccumulationSteps(steps);
        return this;
    }

    @Override
    public Nadam lossScaleFactor(Float factor) {
        super.lossScaleFactor(factor);
        return this;
    }

    @Override
    public Nadam name(String newName) {
        super.name(newName);
        return this;
    }

    @Override
    public Nadam clipnorm(float clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    @Override
    public Nadam globalClipnorm(float globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }

    @Override
    public Nadam clipvalue(float clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    @Override
    public Nadam weightDecay(float weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    @Override
    public Nadam excludeFromWeightDecay(String... varNames) {
        super.excludeFromWeightDecay(varNames);
        return this;
    }

    @Override
    public Nadam excludeFromWeightDecay(Collection<Variable> varList, Collection<String> varNames) {
        super.excludeFromWeightDecay(varList, varNames);
        return this;
    }
}
