package dev.strata.optimizers;

import dev.strata.config.Config;
import dev.strata.optimizers.schedules.LearningRateSchedule;
import dev.strata.tensor.Variable;
import java.util.Collection;

/**
 * AdamW, like {@code keras.optimizers.AdamW}: {@link Adam} with decoupled weight decay on by default
 * (defaults: learning rate 0.001, weight decay 0.004, beta_1 0.9, beta_2 0.999, epsilon 1e-7, amsgrad false).
 * Each step first decays the weights, {@code w -= w * weight_decay * lr}, then takes Adam's step; the slots
 * ({@code momentum}, {@code velocity}, and {@code velocity_hat} with amsgrad) and their order are Adam's.
 *
 * <pre>{@code
 * Optimizer opt = new AdamW(1e-3f, 0.01f).excludeFromWeightDecay("bias", "gamma", "beta");
 * opt.apply(grads, weights);
 * }</pre>
 *
 * <p>Keras's AdamW is exactly this: Adam with a default {@code weight_decay}, which the base optimizer applies.
 * This class uses only Strata's public and protected optimizer API, as a user's optimizer would.
 */
public class AdamW extends Adam {
    /** AdamW with Keras's defaults. */
    public AdamW() {
        this(0.001f);
    }

    /** AdamW with the given learning rate and Keras's other defaults (weight decay 0.004). */
    public AdamW(float learningRate) {
        this(learningRate, 0.004f);
    }

    /**
     * AdamW with the given learning rate and weight decay, and Adam's default betas and epsilon.
     *
     * @throws IllegalArgumentException if a value is not finite
     */
    public AdamW(float learningRate, float weightDecay) {
        this(learningRate, weightDecay, 0.9f, 0.999f, 1e-7f);
    }

    /**
     * AdamW with the given hyperparameters, in the order of Keras's arguments.
     *
     * @throws IllegalArgumentException if a value is not finite, a beta is outside [0, 1), or epsilon is
     *     negative
     */
    @SuppressWarnings("this-escape") // the base's own setter, which checks and stores one of its fields
    public AdamW(float learningRate, float weightDecay, float beta1, float beta2, float epsilon) {
        super(learningRate, beta1, beta2, epsilon);
        super.weightDecay(weightDecay);
    }

    /**
     * Keras's {@code AdamW.from_config} ({@code AdamW(**config)}): Adam's keys with Adam's defaults; a missing
     * {@code weight_decay} is AdamW's 0.004. The keys every optimizer has ({@code learning_rate}, default 0.001,
     * {@code weight_decay} when given, {@code name}, clipping...) are read by {@link Optimizer#FAMILY}.
     */
    public static AdamW fromConfig(Config config) {
        return new AdamW(0.001f, 0.004f, (float) config.number("beta_1", 0.9), (float) config.number("beta_2", 0.999),
                (float) config.number("epsilon", 1e-7)).amsgrad(config.bool("amsgrad", false));
    }

    @Override
    public AdamW amsgrad(boolean amsgrad) {
        super.amsgrad(amsgrad);
        return this;
    }

    @Override
    public AdamW learningRate(LearningRateSchedule schedule) {
        super.learningRate(schedule);
        return this;
    }

    @Override
    public AdamW useEma(boolean useEma) {
        super.useEma(useEma);
        return this;
    }

    @Override
    public AdamW emaMomentum(float emaMomentum) {
        super.emaMomentum(emaMomentum);
        return this;
    }

    @Override
    public AdamW emaOverwriteFrequency(Integer frequency) {
        super.emaOverwriteFrequency(frequency);
        return this;
    }

    @Override
    public AdamW gradientAccumulationSteps(Integer steps) {
        super.gradientAccumulationSteps(steps);
        return this;
    }

    @Override
    public AdamW lossScaleFactor(Float factor) {
        super.lossScaleFactor(factor);
        return this;
    }

    @Override
    public AdamW name(String newName) {
        super.name(newName);
        return this;
    }

    @Override
    public AdamW clipnorm(float clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    @Override
    public AdamW globalClipnorm(float globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }

    @Override
    public AdamW clipvalue(float clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    @Override
    public AdamW weightDecay(float weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    @Override
    public AdamW excludeFromWeightDecay(String... varNames) {
        super.excludeFromWeightDecay(varNames);
        return this;
    }

    @Override
    public AdamW excludeFromWeightDecay(Collection<Variable> varList, Collection<String> varNames) {
        super.excludeFromWeightDecay(varList, varNames);
        return this;
    }
}
