package dev.strata.optimizers;

import dev.strata.config.Config;
import dev.strata.optimizers.schedules.LearningRateSchedule;
import dev.strata.tensor.Variable;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * FTRL-Proximal ("Follow The Regularized Leader"), like {@code keras.optimizers.Ftrl} (defaults: learning rate
 * 0.001, learning_rate_power -0.5, initial_accumulator_value 0.1, l1, l2 and l2-shrinkage regularization 0,
 * beta 0). With {@code p = -learning_rate_power}, the slots {@code n} ({@code accumulator}, starting at
 * {@code initial_accumulator_value}) and {@code z} ({@code linear}):
 * <pre>
 * g' = g + 2 * l2_shrinkage * w
 * n' = n + g^2
 * z += g' - (n'^p - n^p) / lr * w
 * w = (clip(z, -l1, l1) - z) / (n'^p / lr + 2 * (l2 + beta / (2 * lr)))
 * n = n'
 * </pre>
 * The new weights come from {@code z} and {@code n} alone (zero wherever {@code |z| <= l1}): FTRL suits shallow
 * models with large, sparse feature spaces.
 *
 * <pre>{@code
 * Optimizer opt = new Ftrl(0.05f).l1RegularizationStrength(0.01f).l2RegularizationStrength(0.1f);
 * opt.apply(grads, weights);
 * }</pre>
 */
public final class Ftrl extends Optimizer {
    private double learningRatePower = -0.5;
    private double initialAccumulatorValue = 0.1;
    private double l1 = 0.0;
    private double l2 = 0.0;
    private double l2Shrinkage = 0.0;
    private double beta = 0.0;

    private float[][] accumulators;
    private float[][] linears;
    /** {@code 2 * (l2 + beta / (2 * lr))}, set by {@link #prepareStep}. */
    private float twiceL2Reg;

    /** Ftrl with Keras's defaults. */
    public Ftrl() {
        this(0.001f);
    }

    /** Ftrl with the given learning rate and Keras's other defaults. */
    public Ftrl(float learningRate) {
        super(learningRate);
    }

    /**
     * How the step size falls as the accumulator grows (default -0.5; 0 for a fixed learning rate).
     *
     * @throws IllegalArgumentException if it is positive or not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Ftrl learningRatePower(float learningRatePower) {
        checkNotBuilt("learning_rate_power");
        if (!(learningRatePower <= 0) || Float.isInfinite(learningRatePower)) {
            throw new IllegalArgumentException(describe() + ": learning_rate_power must be <= 0 and finite, got "
                    + learningRatePower);
        }
        this.learningRatePower = asDecimal(learningRatePower);
        return this;
    }

    /**
     * The value the accumulators start at (default 0.1).
     *
     * @throws IllegalArgumentException if it is negative or not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Ftrl initialAccumulatorValue(float initialAccumulatorValue) {
        checkNotBuilt("initial_accumulator_value");
        this.initialAccumulatorValue = checkNonNegative("initial_accumulator_value",
                initialAccumulatorValue);
        return this;
    }

    /**
     * The L1 regularization strength (default 0).
     *
     * @throws IllegalArgumentException if it is negative or not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Ftrl l1RegularizationStrength(float l1) {
        checkNotBuilt("l1_regularization_strength");
        this.l1 = checkNonNegative("l1_regularization_strength", l1);
        return this;
    }

    /**
     * The L2 (stabilization) regularization strength (default 0).
     *
     * @throws IllegalArgumentException if it is negative or not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Ftrl l2RegularizationStrength(float l2) {
        checkNotBuilt("l2_regularization_strength");
        this.l2 = checkNonNegative("l2_regularization_strength", l2);
        return this;
    }

    /**
     * The L2 shrinkage (magnitude penalty) strength, added to the gradient as {@code 2 * l2_shrinkage * w}
     * (default 0).
     *
     * @throws IllegalArgumentException if it is negative or not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Ftrl l2ShrinkageRegularizationStrength(float l2Shrinkage) {
        checkNotBuilt("l2_shrinkage_regularization_strength");
        this.l2Shrinkage = checkNonNegative("l2_shrinkage_regularization_strength", l2Shrinkage);
        return this;
    }

    /**
     * The paper's beta (default 0), added to the L2 strength as {@code beta / (2 * lr)}.
     *
     * @throws IllegalArgumentException if it is not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Ftrl beta(float beta) {
        checkNotBuilt("beta");
        if (!Float.isFinite(beta)) {
            throw new IllegalArgumentException(describe() + ": beta must be finite, got " + beta);
        }
        this.beta = asDecimal(beta);
        return this;
    }

    @Override
    protected void buildSlots(List<Variable> trainableVariables) {
        float[][][] slots = addSlots(trainableVariables, "accumulator", "linear");
        accumulators = slots[0];
        linears = slots[1];
        for (float[] a : accumulators) {
            Arrays.fill(a, (float) initialAccumulatorValue); // initializers.Constant, cast to float32
        }
    }

    @Override
    protected void prepareStep(float lr, long step) {
        // Keras: l2_reg = l2 + beta / (2.0 * lr), Python floats meeting the float32 learning rate
        float l2Reg = (float) l2 + (float) beta / (2f * lr);
        twiceL2Reg = 2f * l2Reg;
    }

    /** {@code ops.power(x, p)} in float32. */
    private static float pow(float x, float p) {
        return (float) StrictMath.pow(x, p);
    }

    @Override
    protected void updateStep(int index, float[] gradient, float[] value, float lr, int from, int to) {
        float[] n = accumulators[index];
        float[] z = linears[index];
        float p = (float) -learningRatePower;
        float shrink = (float) (2 * l2Shrinkage);
        float l1f = (float) l1;
        float q2 = twiceL2Reg;
        // x / lr: XLA divides a tensor by a scalar as a multiplication by its float32 reciprocal, and so does this
        float perLr = 1f / lr;
        for (int i = from; i < to; i++) {
            float g = gradient[i];
            float w = value[i];
            float gradToUse = g + shrink * w;
            float newN = n[i] + g * g;
            float powNew = pow(newN, p);
            float zi = z[i] + (gradToUse - (powNew - pow(n[i], p)) * perLr * w);
            float quadratic = powNew * perLr + q2;
            float clipped = Math.min(Math.max(zi, -l1f), l1f);
            z[i] = zi;
            value[i] = (clipped - zi) / quadratic;
            n[i] = newN;
        }
    }

    /**
     * Keras's {@code get_config()}: the common keys, then {@code learning_rate_power, initial_accumulator_value,
     * l1_regularization_strength, l2_regularization_strength, l2_shrinkage_regularization_strength, beta}.
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("learning_rate_power", learningRatePower);
        config.put("initial_accumulator_value", initialAccumulatorValue);
        config.put("l1_regularization_strength", l1);
        config.put("l2_regularization_strength", l2);
        config.put("l2_shrinkage_regularization_strength", l2Shrinkage);
        config.put("beta", beta);
        return config;
    }

    /**
     * Keras's {@code Ftrl.from_config}: {@code learning_rate_power} (default -0.5), {@code initial_accumulator_value}
     * (0.1), {@code l1_regularization_strength}, {@code l2_regularization_strength},
     * {@code l2_shrinkage_regularization_strength} and {@code beta} (0); the keys every optimizer has
     * ({@code learning_rate}, default 0.001, {@code name}, clipping, {@code weight_decay}...) are read by
     * {@link Optimizer#FAMILY}.
     */
    public static Ftrl fromConfig(Config config) {
        return new Ftrl(0.001f).learningRatePower((float) config.number("learning_rate_power", -0.5))
                .initialAccumulatorValue((float) config.number("initial_accumulator_value", 0.1))
                .l1RegularizationStrength((float) config.number("l1_regularization_strength", 0.0))
                .l2RegularizationStrength((float) config.number("l2_regularization_strength", 0.0))
                .l2ShrinkageRegularizationStrength(
                        (float) config.number("l2_shrinkage_regularization_strength", 0.0))
                .beta((float) config.number("beta", 0.0));
    }

    @Override
    public Ftrl learningRate(LearningRateSchedule schedule) {
        super.learningRate(schedule);
        return this;
    }

    @Override
    public Ftrl useEma(boolean useEma) {
        super.useEma(useEma);
        return this;
    }

    @Override
    public Ftrl emaMomentum(float emaMomentum) {
        super.emaMomentum(emaMomentum);
        return this;
    }

    @Override
    public Ftrl emaOverwriteFrequency(Integer frequency) {
        super.emaOverwriteFrequency(frequency);
        return this;
    }

    @Override
    public Ftrl gradientAccumulationSteps(Integer steps) {
        super.gradientAccumulationSteps(steps);
        return this;
    }

    @Override
    public Ftrl lossScaleFactor(Float factor) {
        super.lossScaleFactor(factor);
        return this;
    }

    @Override
    public Ftrl name(String newName) {
        super.name(newName);
        return this;
    }

    @Override
    public Ftrl clipnorm(float clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    @Override
    public Ftrl globalClipnorm(float globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }

    @Override
    public Ftrl clipvalue(float clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    @Override
    public Ftrl weightDecay(float weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    @Override
    public Ftrl excludeFromWeightDecay(String... varNames) {
        super.excludeFromWeightDecay(varNames);
        return this;
    }

    @Override
    public Ftrl excludeFromWeightDecay(Collection<Variable> varList, Collection<String> varNames) {
        super.excludeFromWeightDecay(varList, varNames);
        return this;
    }
}
