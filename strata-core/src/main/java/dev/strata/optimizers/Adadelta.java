package dev.strata.optimizers;

import dev.strata.config.Config;
import dev.strata.optimizers.schedules.LearningRateSchedule;
import dev.strata.tensor.Variable;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Adadelta, like {@code keras.optimizers.Adadelta} (defaults: learning rate 0.001, rho 0.95, epsilon 1e-7): step
 * sizes from moving windows of the squared gradients and of the squared updates. With the slots {@code a}
 * ({@code accumulated_grad}) and {@code d} ({@code accumulated_delta_var}):
 * <pre>
 * a = rho * a + (1 - rho) * g^2
 * delta = -(sqrt(d + epsilon) * g) / sqrt(a + epsilon)
 * d = rho * d + (1 - rho) * delta^2
 * w += lr * delta
 * </pre>
 *
 * <pre>{@code
 * Optimizer opt = new Adadelta(1f).rho(0.9f);   // the paper's form: learning rate 1
 * opt.apply(grads, weights);
 * }</pre>
 */
public final class Adadelta extends Optimizer {
    private double rho = 0.95;
    private double epsilon = 1e-7;

    private float[][] accumulatedGrads;
    private float[][] accumulatedDeltas;

    /** Adadelta with Keras's defaults. */
    public Adadelta() {
        this(0.001f);
    }

    /** Adadelta with the given learning rate and Keras's other defaults. */
    public Adadelta(float learningRate) {
        super(learningRate);
    }

    /**
     * The decay rate of the moving averages (default 0.95).
     *
     * @throws IllegalArgumentException if it is not in [0, 1]
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Adadelta rho(float rho) {
        checkNotBuilt("rho");
        this.rho = checkRange("rho", rho, 0, true, 1, true);
        return this;
    }

    /**
     * The constant added under both square roots (default 1e-7).
     *
     * @throws IllegalArgumentException if it is negative or not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Adadelta epsilon(float epsilon) {
        checkNotBuilt("epsilon");
        this.epsilon = checkNonNegative("epsilon", epsilon);
        return this;
    }

    @Override
    protected void buildSlots(List<Variable> trainableVariables) {
        float[][][] slots = addSlots(trainableVariables, "accumulated_grad", "accumulated_delta_var");
        accumulatedGrads = slots[0];
        accumulatedDeltas = slots[1];
    }

    @Override
    protected void updateStep(int index, float[] gradient, float[] value, float lr, int from, int to) {
        float[] a = accumulatedGrads[index];
        float[] d = accumulatedDeltas[index];
        float r = (float) rho;
        float oneMinusRho = (float) (1 - rho); // Python floats, rounded to float32 where they meet a tensor
        float eps = (float) epsilon;
        for (int i = from; i < to; i++) {
            float g = gradient[i];
            float ai = r * a[i] + oneMinusRho * (g * g);
            a[i] = ai;
            float delta = -((float) Math.sqrt(d[i] + eps) * g / (float) Math.sqrt(ai + eps));
            d[i] = r * d[i] + oneMinusRho * (delta * delta);
            value[i] += lr * delta;
        }
    }

    /** Keras's {@code get_config()}: the common keys, then {@code rho, epsilon}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("rho", rho);
        config.put("epsilon", epsilon);
        return config;
    }

    /**
     * Keras's {@code Adadelta.from_config}: {@code rho} (default 0.95) and {@code epsilon} (1e-7); the keys every
     * optimizer has ({@code learning_rate}, default 0.001, {@code name}, clipping, {@code weight_decay}...) are read
     * by {@link Optimizer#FAMILY}.
     */
    public static Adadelta fromConfig(Config config) {
        return new Adadelta(0.001f).rho((float) config.number("rho", 0.95))
                .epsilon((float) config.number("epsilon", 1e-7));
    }

    @Override
    public Adadelta learningRate(LearningRateSchedule schedule) {
        super.learningRate(schedule);
        return this;
    }

    @Override
    public Adadelta useEma(boolean useEma) {
        super.useEma(useEma);
        return this;
    }

    @Override
    public Adadelta emaMomentum(float emaMomentum) {
        super.emaMomentum(emaMomentum);
        return this;
    }

    @Override
    public Adadelta emaOverwriteFrequency(Integer frequency) {
        super.emaOverwriteFrequency(frequency);
        return this;
    }

    @Override
    public Adadelta gradientAccumulationSteps(Integer steps) {
        super.gradientAccumulationSteps(steps);
        return this;
    }

    @Override
    public Adadelta lossScaleFactor(Float factor) {
        super.lossScaleFactor(factor);
        return this;
    }

    @Override
    public Adadelta name(String newName) {
        super.name(newName);
        return this;
    }

    @Override
    public Adadelta clipnorm(float clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    @Override
    public Adadelta globalClipnorm(float globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }

    @Override
    public Adadelta clipvalue(float clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    @Override
    public Adadelta weightDecay(float weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    @Override
    public Adadelta excludeFromWeightDecay(String... varNames) {
        super.excludeFromWeightDecay(varNames);
        return this;
    }

    @Override
    public Adadelta excludeFromWeightDecay(Collection<Variable> varList, Collection<String> varNames) {
        super.excludeFromWeightDecay(varList, varNames);
        return this;
    }
}
