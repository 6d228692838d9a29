package dev.strata.optimizers;

import dev.strata.config.Config;
import dev.strata.optimizers.schedules.LearningRateSchedule;
import dev.strata.tensor.Variable;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Adam, like {@code keras.optimizers.Adam} (defaults: learning rate 0.001, beta_1 0.9, beta_2 0.999,
 * epsilon 1e-7, amsgrad false), in Keras 3's form with the bias correction folded into the step size. With
 * {@code t = iterations + 1} and slots {@code m} ({@code momentum}) and {@code v} ({@code velocity}):
 * <pre>
 * alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)
 * m += (g - m) * (1 - beta_1)
 * v += (g^2 - v) * (1 - beta_2)
 * v_hat = max(v_hat, v); v = v_hat             (amsgrad only; slot velocity_hat)
 * w -= m * alpha / (sqrt(v) + epsilon)
 * </pre>
 * Epsilon is Keras's "epsilon hat", added after the square root. {@link AdamW} extends it, adding only a default
 * weight decay, as Keras's AdamW does.
 *
 * <pre>{@code
 * Optimizer opt = new Adam(3e-4f).amsgrad(true);
 * opt.apply(grads, weights);
 * }</pre>
 */
public class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private boolean amsgrad;

    private float[][] momentums;
    private float[][] velocities;
    private float[][] velocityHats;
    /** Step constants, set by {@link #prepareStep}. */
    private float alpha;

    /** Adam with Keras's defaults. */
    public Adam() {
        this(0.001f);
    }

    /** Adam with the given learning rate and Keras's other defaults. */
    public Adam(float learningRate) {
        this(learningRate, 0.9f, 0.999f, 1e-7f);
    }

    /**
     * Adam with the given hyperparameters.
     *
     * @throws IllegalArgumentException if a value is not finite, a beta is outside [0, 1), or epsilon is
     *     negative
     */
    @SuppressWarnings("this-escape") // only describe() for an error message, which reads the name the base set
    public Adam(float learningRate, float beta1, float beta2, float epsilon) {
        super(learningRate);
        checkBeta("beta_1", beta1);
        checkBeta("beta_2", beta2);
        if (!(epsilon >= 0) || Float.isInfinite(epsilon)) {
            throw new IllegalArgumentException(describe() + ": epsilon must be >= 0 and finite, got " + epsilon);
        }
        this.beta1 = asDecimal(beta1);
        this.beta2 = asDecimal(beta2);
        this.epsilon = asDecimal(epsilon);
    }

    private void checkBeta(String name, float beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException(describe() + ": " + name + " must be in [0, 1), got " + beta);
        }
    }

    /**
     * Whether to use the AMSGrad variant (the running maximum of {@code v}).
     *
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Adam amsgrad(boolean amsgrad) {
        checkNotBuilt("amsgrad");
        this.amsgrad = amsgrad;
        return this;
    }

    @Override
    protected void buildSlots(List<Variable> trainableVariables) {
        // Keras's add_optimizer_variables(vars, ["momentum", "velocity"]) interleaves them per variable ...
        float[][][] slots = addSlots(trainableVariables, "momentum", "velocity");
        momentums = slots[0];
        velocities = slots[1];
        // ... and the amsgrad maxima come after all of them.
        if (amsgrad) {
            velocityHats = addSlots(trainableVariables, "velocity_hat")[0];
        }
    }

    @Override
    protected void prepareStep(float lr, long step) {
        float t = step; // ops.cast(iterations + 1, float32)
        float beta1Power = (float) StrictMath.pow((float) beta1, t);
        float beta2Power = (float) StrictMath.pow((float) beta2, t);
        alpha = lr * (float) Math.sqrt(1f - beta2Power) / (1f - beta1Power);
    }

    @Override
    protected void updateStep(int index, float[] gradient, float[] value, float lr, int from, int to) {
        float[] m = momentums[index];
        float[] v = velocities[index];
        float[] vHat = amsgrad ? velocityHats[index] : null;
        float a = alpha;
        float oneMinusBeta1 = (float) (1 - beta1); // Python float, rounded to float32 when it meets the tensor
        float oneMinusBeta2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        for (int i = from; i < to; i++) {
            float g = gradient[i];
            float mi = m[i] + (g - m[i]) * oneMinusBeta1;
            float vi = v[i] + (g * g - v[i]) * oneMinusBeta2;
            m[i] = mi;
            v[i] = vi;
            if (vHat != null) {
                vi = Math.max(vHat[i], vi);
                vHat[i] = vi;
            }
            value[i] -= mi * a / ((float) Math.sqrt(vi) + eps);
        }
    }

    /** Keras's {@code get_config()}: the common keys, then {@code beta_1, beta_2, epsilon, amsgrad}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("epsilon", epsilon);
        config.put("amsgrad", amsgrad);
        return config;
    }

    /**
     * Keras's {@code Adam.from_config}: {@code beta_1} (default 0.9), {@code beta_2} (0.999), {@code epsilon}
     * (1e-7) and {@code amsgrad} (false); the keys every optimizer has ({@code learning_rate}, default 0.001,
     * {@code name}, clipping, {@code weight_decay}...) are read by {@link Optimizer#FAMILY}.
     */
    public static Adam fromConfig(Config config) {
        return new Adam(0.001f, (float) config.number("beta_1", 0.9), (float) config.number("beta_2", 0.999),
                (float) config.number("epsilon", 1e-7)).amsgrad(config.bool("amsgrad", false));
    }

    @Override
    public Adam learningRate(LearningRateSchedule schedule) {
        super.learningRate(schedule);
        return this;
    }

    @Override
    public Adam useEma(boolean useEma) {
        super.useEma(useEma);
        return this;
    }

    @Override
    public Adam emaMomentum(float emaMomentum) {
        super.emaMomentum(emaMomentum);
        return this;
    }

    @Override
    public Adam emaOverwriteFrequency(Integer frequency) {
        super.emaOverwriteFrequency(frequency);
        return this;
    }

    @Override
    public Adam gradientAccumulationSteps(Integer steps) {
        super.gradientAccumulationSteps(steps);
        return this;
    }

    @Override
    public Adam lossScaleFactor(Float factor) {
        super.lossScaleFactor(factor);
        return this;
    }

    @Override
    public Adam name(String newName) {
        super.name(newName);
        return this;
    }

    @Override
    public Adam clipnorm(float clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    @Override
    public Adam globalClipnorm(float globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }

    @Override
    public Adam clipvalue(float clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    @Override
    public Adam weightDecay(float weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    @Override
    public Adam excludeFromWeightDecay(String... varNames) {
        super.excludeFromWeightDecay(varNames);
        return this;
    }

    @Override
    public Adam excludeFromWeightDecay(Collection<Variable> varList, Collection<String> varNames) {
        super.excludeFromWeightDecay(varList, varNames);
        return this;
    }
}
