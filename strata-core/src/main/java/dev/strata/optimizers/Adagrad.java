package dev.strata.optimizers;

import dev.strata.config.Config;
import dev.strata.optimizers.schedules.LearningRateSchedule;
import dev.strata.tensor.Variable;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Adagrad, like {@code keras.optimizers.Adagrad} (defaults: learning rate 0.001, initial_accumulator_value 0.1,
 * epsilon 1e-7): per-parameter step sizes that shrink with the sum of the squared gradients seen so far. With
 * the slot {@code a} ({@code accumulator}, starting at {@code initial_accumulator_value}):
 * <pre>
 * a += g^2
 * w -= lr * g / sqrt(a + epsilon)
 * </pre>
 *
 * <pre>{@code
 * Optimizer opt = new Adagrad(0.01f).initialAccumulatorValue(0.05f);
 * opt.apply(grads, weights);
 * }</pre>
 */
public final class Adagrad extends Optimizer {
    private double initialAccumulatorValue = 0.1;
    private double epsilon = 1e-7;

    private float[][] accumulators;

    /** Adagrad with Keras's defaults. */
    public Adagrad() {
        this(0.001f);
    }

    /** Adagrad with the given learning rate and Keras's other defaults. */
    public Adagrad(float learningRate) {
        super(learningRate);
    }

    /**
     * The value the accumulators start at (default 0.1); Keras documents that it must be non-negative.
     *
     * @throws IllegalArgumentException if it is negative or not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Adagrad initialAccumulatorValue(float initialAccumulatorValue) {
        checkNotBuilt("initial_accumulator_value");
        this.initialAccumulatorValue = checkNonNegative("initial_accumulator_value",
                initialAccumulatorValue);
        return this;
    }

    /**
     * The constant added to the accumulator under the square root (default 1e-7).
     *
     * @throws IllegalArgumentException if it is negative or not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Adagrad epsilon(float epsilon) {
        checkNotBuilt("epsilon");
        this.epsilon = checkNonNegative("epsilon", epsilon);
        return this;
    }

    @Override
    protected void buildSlots(List<Variable> trainableVariables) {
        accumulators = addSlots(trainableVariables, "accumulator")[0];
        for (float[] a : accumulators) {
            Arrays.fill(a, (float) initialAccumulatorValue); // initializers.Constant, cast to float32
        }
    }

    @Override
    protected void updateStep(int index, float[] gradient, float[] value, float lr, int from, int to) {
        float[] a = accumulators[index];
        float eps = (float) epsilon;
        for (int i = from; i < to; i++) {
            float g = gradient[i];
            float ai = a[i] + g * g;
            a[i] = ai;
            value[i] -= lr * g / (float) Math.sqrt(ai + eps);
        }
    }

    /** Keras's {@code get_config()}: the common keys, then {@code initial_accumulator_value, epsilon}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("initial_accumulator_value", initialAccumulatorValue);
        config.put("epsilon", epsilon);
        return config;
    }

    /**
     * Keras's {@code Adagrad.from_config}: {@code initial_accumulator_value} (default 0.1) and {@code epsilon}
     * (1e-7); the keys every optimizer has ({@code learning_rate}, default 0.001, {@code name}, clipping,
     * {@code weight_decay}...) are read by {@link Optimizer#FAMILY}.
     */
    public static Adagrad fromConfig(Config config) {
        return new Adagrad(0.001f)
                .initialAccumulatorValue((float) config.number("initial_accumulator_value", 0.1))
                .epsilon((float) config.number("epsilon", 1e-7));
    }

    @Override
    public Adagrad learningRate(LearningRateSchedule schedule) {
        super.learningRate(schedule);
        return this;
    }

    @Override
    public Adagrad useEma(boolean useEma) {
        super.useEma(useEma);
        return this;
    }

    @Override
    public Adagrad emaMomentum(float emaMomentum) {
        super.emaMomentum(emaMomentum);
        return this;
    }

    @Override
    public Adagrad emaOverwriteFrequency(Integer frequency) {
        super.emaOverwriteFrequency(frequency);
        return this;
    }

    @Override
    public Adagrad gradientAccumulationSteps(Integer steps) {
        super.gradientAccumulationSteps(steps);
        return this;
    }

    @Override
    public Adagrad lossScaleFactor(Float factor) {
        super.lossScaleFactor(factor);
        return this;
    }

    @Override
    public Adagrad name(String newName) {
        super.name(newName);
        return this;
    }

    @Override
    public Adagrad clipnorm(float clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    @Override
    public Adagrad globalClipnorm(float globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }

    @Override
    public Adagrad clipvalue(float clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    @Override
    public Adagrad weightDecay(float weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    @Override
    public Adagrad excludeFromWeightDecay(String... varNames) {
        super.excludeFromWeightDecay(varNames);
        return this;
    }

    @Override
    public Adagrad excludeFromWeightDecay(Collection<Variable> varList, Collection<String> varNames) {
        super.excludeFromWeightDecay(varList, varNames);
        return this;
    }
}
