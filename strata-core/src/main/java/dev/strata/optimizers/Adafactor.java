package dev.strata.optimizers;

import dev.strata.config.Config;
import dev.strata.optimizers.schedules.LearningRateSchedule;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Variable;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Adafactor, like {@code keras.optimizers.Adafactor} (defaults: learning rate 0.001, beta_2_decay -0.8, epsilon_1
 * 1e-30, epsilon_2 1e-3, clip_threshold 1.0, relative_step true): a second moment that, for a variable of rank 2 or
 * more, is kept factored over its last two axes (a row statistic {@code r} of shape {@code shape[:-1]} and a column
 * statistic {@code c} of shape {@code shape[:-2] + shape[-1:]}), a step scaled by the RMS of the weights, and the
 * update clipped by its own RMS. With {@code t = iterations + 1}:
 * <pre>
 * rho = min(lr, 1 / sqrt(t))            (relative_step also caps lr itself the same way; a schedule is not capped)
 * alpha = max(epsilon_2, rms(w)) * rho
 * beta = 1 - t^beta_2_decay
 * q = g^2 + epsilon_1
 * rank &gt;= 2: r = beta * r + (1 - beta) * mean(q, axis=-1)
 *            c = beta * c + (1 - beta) * mean(q, axis=-2)
 *            v = (r / mean(r, axis=-1))[..., None] * c[..., None, :]
 * rank &lt; 2:  v = beta * v + (1 - beta) * q
 * u = g / sqrt(v)
 * w -= alpha * u / max(1, rms(u) / clip_threshold)
 * </pre>
 * The slots are built per variable as Keras builds them: {@code r} and {@code c}, both named like the variable
 * ({@code kernel}), then {@code <variable>_velocity}; for a variable of rank below 2, {@code r} and {@code c} are
 * unused scalar zeros, kept (and saved as int32, as Keras makes them) because Keras saves them too. The RMS terms read the whole variable, so the rule runs
 * once per variable ({@link #updateVariable}).
 *
 * <pre>{@code
 * Optimizer opt = new Adafactor().clipThreshold(0.5f);
 * opt.apply(grads, weights);
 * }</pre>
 */
public final class Adafactor extends Optimizer {
    private double beta2Decay = -0.8;
    private double epsilon1 = 1e-30;
    private double epsilon2 = 1e-3;
    private double clipThreshold = 1.0;
    private boolean relativeStep = true;

    private float[][] rows;
    private float[][] cols;
    private float[][] velocities;
    private int[][] shapes;
    /** The update {@code u} of the variable being updated, reused across variables and steps. */
    private float[] update = new float[0];
    /** Set by {@link #prepareStep}: {@code rho}, {@code beta} and {@code 1 - beta}. */
    private float rho;
    private float beta;
    private float oneMinusBeta;

    /** Adafactor with Keras's defaults. */
    public Adafactor() {
        this(0.001f);
    }

    /** Adafactor with the given learning rate and Keras's other defaults. */
    public Adafactor(float learningRate) {
        super(learningRate);
    }

    /**
     * The decay rate of {@code beta_2}: {@code beta_2 = 1 - t^beta_2_decay} (default -0.8).
     *
     * @throws IllegalArgumentException if it is not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Adafactor beta2Decay(float beta2Decay) {
        checkNotBuilt("beta_2_decay");
        checkFinite(describe() + ": beta_2_decay", beta2Decay);
        this.beta2Decay = asDecimal(beta2Decay);
        return this;
    }

    /**
     * The offset added to the squared gradient, keeping the denominator away from 0 (default 1e-30).
     *
     * @throws IllegalArgumentException if it is negative or not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Adafactor epsilon1(float epsilon1) {
        checkNotBuilt("epsilon_1");
        this.epsilon1 = checkNonNegative("epsilon_1", epsilon1);
        return this;
    }

    /**
     * The floor of the weights' RMS in the step size, so that the step does not vanish (default 1e-3).
     *
     * @throws IllegalArgumentException if it is negative or not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Adafactor epsilon2(float epsilon2) {
        checkNotBuilt("epsilon_2");
        this.epsilon2 = checkNonNegative("epsilon_2", epsilon2);
        return this;
    }

    /**
     * The RMS above which the update is scaled down (default 1.0); independent of {@link #clipnorm},
     * {@link #clipvalue} and {@link #globalClipnorm}.
     *
     * @throws IllegalArgumentException if it is not positive and finite (0 would divide by zero, a negative one
     *     would silently never clip)
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Adafactor clipThreshold(float clipThreshold) {
        checkNotBuilt("clip_threshold");
        if (!(clipThreshold > 0) || Float.isInfinite(clipThreshold)) {
            throw new IllegalArgumentException(describe() + ": clip_threshold must be > 0 and finite, got "
                    + clipThreshold);
        }
        this.clipThreshold = asDecimal(clipThreshold);
        return this;
    }

    /**
     * Whether a constant learning rate is capped at {@code 1 / sqrt(t)} (default true), Keras's
     * {@code relative_step}. (Keras caps the step size {@code rho} so in any case, so with Keras's rule this changes
     * no number; it is kept for the config.)
     *
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Adafactor relativeStep(boolean relativeStep) {
        checkNotBuilt("relative_step");
        this.relativeStep = relativeStep;
        return this;
    }

    @Override
    protected void buildSlots(List<Variable> trainableVariables) {
        int n = trainableVariables.size();
        rows = new float[n][];
        cols = new float[n][];
        velocities = new float[n][];
        shapes = new int[n][];
        for (int i = 0; i < n; i++) {
            Variable v = trainableVariables.get(i);
            int[] s = v.shape().toArray();
            shapes[i] = s;
            if (s.length < 2) { // Keras's placeholders: scalar zeros named like the variable, never updated
                rows[i] = addIntegerSlot(v, v.name());
                cols[i] = addIntegerSlot(v, v.name());
            } else { // always factor the last two axes
                int[] colShape = Arrays.copyOf(s, s.length - 1);
                colShape[s.length - 2] = s[s.length - 1];
                rows[i] = addSlot(v, Shape.of(Arrays.copyOf(s, s.length - 1)), v.name());
                cols[i] = addSlot(v, Shape.of(colShape), v.name());
            }
            velocities[i] = addSlot(v, "velocity");
        }
    }

    @Override
    protected void prepareStep(float lr, long step) {
        float t = step;
        float inverseSqrt = 1f / (float) Math.sqrt(t);
        if (relativeStep && learningRateSchedule() == null) {
            lr = Math.min(lr, inverseSqrt);
        }
        rho = Math.min(lr, inverseSqrt);
        beta = 1f - (float) Math.pow(t, (float) beta2Decay);
        oneMinusBeta = 1f - beta;
    }

    /** Not called: the RMS terms need the whole variable (see {@link #updateVariable}). */
    @Override
    protected void updateStep(int index, float[] gradient, float[] value, float lr, int from, int to) {
        throw new UnsupportedOperationException("Adafactor updates whole variables");
    }

    @Override
    protected void updateVariable(int index, float[] gradient, float[] value, float lr) {
        int n = value.length;
        float alpha = Math.max((float) epsilon2, rms(value, n)) * rho;
        float eps1 = (float) epsilon1;
        // XLA divides by a constant or a broadcast scalar as a multiplication by its float32 reciprocal (the means,
        // r / mean(r), the clip), and sums these small reductions in order; the golden test holds this to the ulp
        float[] v = velocities[index];
        int[] s = shapes[index];
        if (s.length >= 2) {
            int width = s[s.length - 1];
            int height = s[s.length - 2];
            int blocks = n / Math.max(1, width * height);
            float[] r = rows[index];
            float[] c = cols[index];
            for (int b = 0; b < blocks; b++) {
                int base = b * height * width;
                for (int i = 0; i < height; i++) {
                    float sum = 0;
                    for (int j = 0; j < width; j++) {
                        float g = gradient[base + i * width + j];
                        sum += g * g + eps1;
                    }
                    int ri = b * height + i;
                    r[ri] = beta * r[ri] + oneMinusBeta * (sum * (1f / width));
                }
                for (int j = 0; j < width; j++) {
                    float sum = 0;
                    for (int i = 0; i < height; i++) {
                        float g = gradient[base + i * width + j];
                        sum += g * g + eps1;
                    }
                    int ci = b * width + j;
                    c[ci] = beta * c[ci] + oneMinusBeta * (sum * (1f / height));
                }
                float rSum = 0;
                for (int i = 0; i < height; i++) {
                    rSum += r[b * height + i];
                }
                float perRowMean = 1f / (rSum * (1f / height));
                for (int i = 0; i < height; i++) {
                    float rowFactor = r[b * height + i] * perRowMean;
                    for (int j = 0; j < width; j++) {
                        v[base + i * width + j] = rowFactor * c[b * width + j];
                    }
                }
            }
        } else {
            for (int k = 0; k < n; k++) {
                float g = gradient[k];
                v[k] = beta * v[k] + oneMinusBeta * (g * g + eps1);
            }
        }
        if (update.length < n) {
            update = new float[n];
        }
        float[] u = update;
        for (int k = 0; k < n; k++) {
            u[k] = gradient[k] / (float) Math.sqrt(v[k]);
        }
        float perScale = 1f / Math.max(1f, rms(u, n) * (1f / (float) clipThreshold));
        for (int k = 0; k < n; k++) {
            value[k] -= alpha * (u[k] * perScale);
        }
    }

    /** {@code sqrt(mean(x^2))} over the first {@code n} elements, as Keras's {@code _rms}. */
    private static float rms(float[] x, int n) {
        float sum = 0;
        for (int k = 0; k < n; k++) {
            sum += x[k] * x[k];
        }
        return (float) Math.sqrt(sum * (1f / n));
    }

    /**
     * Keras's {@code get_config()}: the common keys, then {@code beta_2_decay, epsilon_1, epsilon_2, clip_threshold,
     * relative_step}.
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("beta_2_decay", beta2Decay);
        config.put("epsilon_1", epsilon1);
        config.put("epsilon_2", epsilon2);
        config.put("clip_threshold", clipThreshold);
        config.put("relative_step", relativeStep);
        return config;
    }

    /**
     * Keras's {@code Adafactor.from_config}: {@code beta_2_decay} (default -0.8), {@code epsilon_1} (1e-30),
     * {@code epsilon_2} (1e-3), {@code clip_threshold} (1.0) and {@code relative_step} (true); the keys every
     * optimizer has ({@code learning_rate}, default 0.001, {@code name}, clipping, {@code weight_decay}...) are read
     * by {@link Optimizer#FAMILY}.
     */
    public static Adafactor fromConfig(Config config) {
        return new Adafactor(0.001f).beta2Decay((float) config.number("beta_2_decay", -0.8))
                .epsilon1((float) config.number("epsilon_1", 1e-30))
                .epsilon2((float) config.number("epsilon_2", 1e-3))
                .clipThreshold((float) config.number("clip_threshold", 1.0))
                .relativeStep(config.bool("relative_step", true));
    }

    @Override
    public Adafactor learningRate(LearningRateSchedule schedule) {
        super.learningRate(schedule);
        return this;
    }

    @Override
    public Adafactor useEma(boolean useEma) {
        super.useEma(useEma);
        return this;
    }

    @Override
    public Adafactor emaMomentum(float emaMomentum) {
        super.emaMomentum(emaMomentum);
        return this;
    }

    @Override
    public Adafactor emaOverwriteFrequency(Integer frequency) {
        super.emaOverwriteFrequency(frequency);
        return this;
    }

    @Override
    public Adafactor gradientAccumulationSteps(Integer steps) {
        super.gradientAccumulationSteps(steps);
        return this;
    }

    @Override
    public Adafactor lossScaleFactor(Float factor) {
        super.lossScaleFactor(factor);
        return this;
    }

    @Override
    public Adafactor name(String newName) {
        super.name(newName);
        return this;
    }

    @Override
    public Adafactor clipnorm(float clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    @Override
    public Adafactor globalClipnorm(float globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }

    @Override
    public Adafactor clipvalue(float clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    @Override
    public Adafactor weightDecay(float weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    @Override
    public Adafactor excludeFromWeightDecay(String... varNames) {
        super.excludeFromWeightDecay(varNames);
        return this;
    }

    @Override
    public Adafactor excludeFromWeightDecay(Collection<Variable> varList, Collection<String> varNames) {
        super.excludeFromWeightDecay(varList, varNames);
        return this;
    }
}
