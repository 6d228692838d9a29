package dev.strata.optimizers;

import dev.strata.config.Config;
import dev.strata.optimizers.schedules.LearningRateSchedule;
import dev.strata.tensor.Variable;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * RMSprop, like {@code keras.optimizers.RMSprop} (defaults: learning rate 0.001, rho 0.9, momentum 0,
 * epsilon 1e-7, centered false). With slots {@code v} ({@code velocity}), {@code a}
 * ({@code average_gradient}, centered only) and {@code m} ({@code momentum}, momentum &gt; 0 only):
 * <pre>
 * v = rho * v + (1 - rho) * g^2
 * a = rho * a + (1 - rho) * g                  (centered)
 * increment = lr * g / sqrt(v - a^2 + epsilon) (centered; otherwise sqrt(v + epsilon))
 * m = momentum * m + increment; w -= m         (momentum &gt; 0; otherwise w -= increment)
 * </pre>
 * Epsilon goes inside the square root, as in Keras 3.
 *
 * <pre>{@code
 * Optimizer opt = new RMSprop(1e-3f).momentum(0.9f).centered(true);
 * opt.apply(grads, weights);
 * }</pre>
 */
public final class RMSprop extends Optimizer {
    private double rho = 0.9;
    private double momentum = 0.0;
    private double epsilon = 1e-7;
    private boolean centered;

    private float[][] velocities;
    private float[][] momentums;
    private float[][] averageGradients;

    /** RMSprop with Keras's defaults. */
    public RMSprop() {
        this(0.001f);
    }

    /** RMSprop with the given learning rate and Keras's other defaults. */
    public RMSprop(float learningRate) {
        super(learningRate);
    }

    /**
     * The discounting factor for the moving averages (default 0.9).
     *
     * @throws IllegalArgumentException if it is not in [0, 1]
     * @throws IllegalStateException after the first {@link #apply}
     */
    public RMSprop rho(float rho) {
        checkNotBuilt("rho");
        if (!(rho >= 0 && rho <= 1)) {
            throw new IllegalArgumentException(describe() + ": rho must be in [0, 1], got " + rho);
        }
        this.rho = asDecimal(rho);
        return this;
    }

    /**
     * Momentum (default 0, meaning none); above 0 the update goes through a {@code momentum} slot.
     *
     * @throws IllegalArgumentException if it is negative or not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public RMSprop momentum(float momentum) {
        checkNotBuilt("momentum");
        if (!(momentum >= 0) || Float.isInfinite(momentum)) {
            throw new IllegalArgumentException(describe() + ": momentum must be >= 0 and finite, got " + momentum);
        }
        this.momentum = asDecimal(momentum);
        return this;
    }

    /**
     * The constant added to the mean square before the square root (default 1e-7).
     *
     * @throws IllegalArgumentException if it is negative or not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public RMSprop epsilon(float epsilon) {
        checkNotBuilt("epsilon");
        if (!(epsilon >= 0) || Float.isInfinite(epsilon)) {
            throw new IllegalArgumentException(describe() + ": epsilon must be >= 0 and finite, got " + epsilon);
        }
        this.epsilon = asDecimal(epsilon);
        return this;
    }

    /**
     * Whether to normalise by the estimated variance of the gradient (keeping a moving average of it) rather
     * than by its uncentered second moment (default false).
     *
     * @throws IllegalStateException after the first {@link #apply}
     */
    public RMSprop centered(boolean centered) {
        checkNotBuilt("centered");
        this.centered = centered;
        return this;
    }

    @Override
    protected void buildSlots(List<Variable> trainableVariables) {
        // Keras adds each kind for all variables before the next kind: velocities, momentums, averages.
        velocities = addSlots(trainableVariables, "velocity")[0];
        if (momentum > 0) {
            momentums = addSlots(trainableVariables, "momentum")[0];
        }
        if (centered) {
            averageGradients = addSlots(trainableVariables, "average_gradient")[0];
        }
    }

    @Override
    protected void updateStep(int index, float[] gradient, float[] value, float lr, int from, int to) {
        float[] v = velocities[index];
        float[] mom = momentums == null ? null : momentums[index];
        float[] avg = averageGradients == null ? null : averageGradients[index];
        float r = (float) rho;
        float oneMinusRho = (float) (1 - rho); // Python float, rounded to float32 when it meets the tensor
        float eps = (float) epsilon;
        float mu = (float) momentum;
        for (int i = from; i < to; i++) {
            float g = gradient[i];
            float vi = r * v[i] + oneMinusRho * (g * g);
            v[i] = vi;
            float denominator;
            if (avg != null) {
                float ai = r * avg[i] + oneMinusRho * g;
                avg[i] = ai;
                denominator = vi - ai * ai + eps;
            } else {
                denominator = vi + eps;
            }
            float increment = lr * g / (float) Math.sqrt(denominator);
            if (mom != null) {
                float mi = mu * mom[i] + increment;
                mom[i] = mi;
                value[i] -= mi;
            } else {
                value[i] -= increment;
            }
        }
    }

    /** Keras's {@code get_config()}: the common keys, then {@code rho, momentum, epsilon, centered}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("rho", rho);
        config.put("momentum", momentum);
        config.put("epsilon", epsilon);
        config.put("centered", centered);
        return config;
    }

    /**
     * Keras's {@code RMSprop.from_config}: {@code rho} (default 0.9), {@code momentum} (0), {@code epsilon} (1e-7)
     * and {@code centered} (false); the keys every optimizer has ({@code learning_rate}, default 0.001,
     * {@code name}, clipping, {@code weight_decay}...) are read by {@link Optimizer#FAMILY}.
     */
    public static RMSprop fromConfig(Config config) {
        return new RMSprop(0.001f).rho((float) config.number("rho", 0.9))
                .momentum((float) config.number("momentum", 0.0)).epsilon((float) config.number("epsilon", 1e-7))
                .centered(config.bool("centered", false));
    }

    @Override
    public RMSprop learningRate(LearningRateSchedule schedule) {
        super.learningRate(schedule);
        return this;
    }

    @Override
    public RMSprop useEma(boolean useEma) {
        super.useEma(useEma);
        return this;
    }

    @Override
    public RMSprop emaMomentum(float emaMomentum) {
        super.emaMomentum(emaMomentum);
        return this;
    }

    @Override
    public RMSprop emaOverwriteFrequency(Integer frequency) {
        super.emaOverwriteFrequency(frequency);
        return this;
    }

    @Override
    public RMSprop gradientAccumulationSteps(Integer steps) {
        super.gradientAccumulationSteps(steps);
        return this;
    }

    @Override
    public RMSprop lossScaleFactor(Float factor) {
        super.lossScaleFactor(factor);
        return this;
    }

    @Override
    public RMSprop name(String newName) {
        super.name(newName);
        return this;
    }

    @Override
    public RMSprop clipnorm(float clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    @Override
    public RMSprop globalClipnorm(float globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }

    @Override
    public RMSprop clipvalue(float clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    @Override
    public RMSprop weightDecay(float weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    @Override
    public RMSprop excludeFromWeightDecay(String... varNames) {
        super.excludeFromWeightDecay(varNames);
        return this;
    }

    @Override
    public RMSprop excludeFromWeightDecay(Collection<Variable> varList, Collection<String> varNames) {
        super.excludeFromWeightDecay(varList, varNames);
        return this;
    }
}
