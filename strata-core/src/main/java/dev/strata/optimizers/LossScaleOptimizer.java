package dev.strata.optimizers;

import dev.strata.config.Config;
import dev.strata.config.KerasObjects;
import dev.strata.internal.TensorAccess;
import dev.strata.ops.Ops;
import dev.strata.optimizers.schedules.LearningRateSchedule;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Dynamic loss scaling around another optimizer, like {@code keras.optimizers.LossScaleOptimizer} (defaults: initial
 * scale 2^15, growth every 2000 steps). {@code fit} multiplies the loss by the current scale ({@link #scaleLoss});
 * {@link #apply} then divides the gradients by it and lets the inner optimizer update, unless a gradient holds an
 * infinite or NaN value: that step is skipped and the scale halved. After {@code dynamicGrowthSteps} finite steps in
 * a row the scale doubles. Strata computes in float32 only, where scaling guards against nothing, but the optimizer
 * behaves, saves and loads as Keras's, so models compiled with it move between the two.
 *
 * <p>Its variables are Keras's: its own {@code iteration} and {@code learning_rate} (never used, as in Keras),
 * {@code step_counter} and {@code dynamic_scale}, then the inner optimizer's. The learning rate, the step count,
 * {@link #finalizeVariableValues} and the moving averages are the inner optimizer's; clipping, weight decay and the
 * other options are set on the inner optimizer, as Keras requires.
 *
 * <pre>{@code
 * model.compile(new LossScaleOptimizer(new Adam()), "mse");
 * }</pre>
 */
public final class LossScaleOptimizer extends Optimizer {
    private final Optimizer inner;
    private final double initialScale;
    private final int dynamicGrowthSteps;
    private float[] stepCounter;
    private float[] dynamicScale;
    private Variable stepCounterVariable;

    /** Wraps {@code inner} with Keras's defaults (initial scale 32768, doubling after 2000 finite steps). */
    public LossScaleOptimizer(Optimizer inner) {
        this(inner, 32768f, 2000);
    }

    /**
     * Keras's signature. As in Keras, the inner optimizer's own {@code loss_scale_factor} is turned off.
     *
     * @throws IllegalArgumentException if {@code inner} is null or itself a LossScaleOptimizer, the initial scale is
     *     not positive and finite, or {@code dynamicGrowthSteps < 1}
     */
    public LossScaleOptimizer(Optimizer inner, float initialScale, int dynamicGrowthSteps) {
        super(0f);
        if (inner == null) {
            throw new IllegalArgumentException("LossScaleOptimizer: inner_optimizer must be an optimizer, got null");
        }
        if (!(initialScale > 0) || Float.isInfinite(initialScale)) {
            throw new IllegalArgumentException("LossScaleOptimizer: initial_scale must be a positive finite float, "
                    + "got " + initialScale);
        }
        if (dynamicGrowthSteps < 1) {
            throw new IllegalArgumentException("LossScaleOptimizer: dynamic_growth_steps must be an integer >= 1, got "
                    + dynamicGrowthSteps);
        }
        this.inner = inner;
        this.initialScale = asDecimal(initialScale);
        this.dynamicGrowthSteps = dynamicGrowthSteps;
        inner.lossScaleFactor(null); // otherwise the gradients would be unscaled twice
    }

    /** The wrapped optimizer (Keras's {@code inner_optimizer}). */
    public Optimizer innerOptimizer() {
        return inner;
    }

    /** The current loss scale: {@code dynamic_scale} once built, else the initial scale. */
    public float dynamicScale() {
        return dynamicScale != null ? dynamicScale[0] : (float) initialScale;
    }

    @Override
    protected void buildSlots(List<Variable> trainableVariables) {
        stepCounter = addVariable(Tensor.scalar(0f), "step_counter");
        stepCounterVariable = variablesOwn().get(variablesOwn().size() - 1);
        dynamicScale = addVariable(Tensor.scalar((float) initialScale), "dynamic_scale");
        inner.build(trainableVariables);
    }

    private List<Variable> variablesOwn() {
        return super.variables();
    }

    /**
     * Keras's {@code LossScaleOptimizer.apply}: if every gradient is finite, divides them by the scale, has the inner
     * optimizer apply them, and doubles the scale after {@code dynamic_growth_steps} such steps; otherwise skips the
     * step and halves the scale.
     */
    @Override
    public void apply(List<? extends Tensor> grads, List<Variable> variables) {
        Objects.requireNonNull(grads, "grads");
        Objects.requireNonNull(variables, "variables");
        if (!built()) {
            build(variables);
        }
        boolean finite = true;
        for (Tensor g : grads) {
            if (g != null && !g.isSymbolic() && !allFinite(TensorAccess.data(g))) {
                finite = false;
                break;
            }
        }
        if (!finite) {
            stepCounter[0] = 0f;
            dynamicScale[0] = dynamicScale[0] * 0.5f;
            return;
        }
        float scale = dynamicScale[0];
        List<Tensor> unscaled = new ArrayList<>(grads.size());
        for (Tensor g : grads) {
            if (g == null || g.isSymbolic()) {
                unscaled.add(g); // the inner optimizer reports a symbolic gradient
                continue;
            }
            float[] src = TensorAccess.data(g);
            float[] out = new float[src.length];
            for (int i = 0; i < src.length; i++) {
                out[i] = src[i] / scale;
            }
            unscaled.add(TensorAccess.wrap(out, g.shape()));
        }
        inner.apply(unscaled, variables);
        if (stepCounter[0] == dynamicGrowthSteps - 1) {
            stepCounter[0] = 0f;
            dynamicScale[0] = dynamicScale[0] * 2f;
        } else {
            stepCounter[0] += 1f;
        }
    }

    private static boolean allFinite(float[] a) {
        for (float x : a) {
            if (!Float.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void updateStep(int index, float[] gradient, float[] value, float learningRate, int from, int to) {
        throw new IllegalStateException("LossScaleOptimizer applies gradients through its inner optimizer");
    }

    /** Keras's {@code scale_loss}: the loss times the current scale (the initial scale before the build). */
    @Override
    public Tensor scaleLoss(Tensor loss) {
        return Ops.multiply(loss, dynamicScale());
    }

    /** Its own variables (iteration, learning_rate, step_counter, dynamic_scale), then the inner optimizer's. */
    @Override
    public List<Variable> variables() {
        List<Variable> all = new ArrayList<>(super.variables());
        all.addAll(inner.variables());
        return java.util.Collections.unmodifiableList(all);
    }

    @Override
    List<Variable> slotReferenceList() {
        List<Variable> all = super.slotReferenceList();
        all.addAll(inner.slotReferenceList());
        return all;
    }

    @Override
    Long exactCount(Variable v) {
        Long own = super.exactCount(v);
        if (own != null) {
            return own;
        }
        if (v == stepCounterVariable) {
            return (long) stepCounter[0];
        }
        return inner.exactCount(v);
    }

    @Override
    void setCount(Variable v, long count) {
        if (v == stepCounterVariable) {
            if (count < 0) {
                throw new IllegalArgumentException(describe() + ": step_counter must be >= 0, got " + count);
            }
            stepCounter[0] = count;
        } else if (super.exactCount(v) != null) {
            super.setCount(v, count);
        } else {
            inner.setCount(v, count);
        }
    }

    @Override
    int unbuiltCount() {
        return super.unbuiltCount() + inner.unbuiltCount();
    }

    /** The inner optimizer's learning rate. */
    @Override
    public float learningRate() {
        return inner.learningRate();
    }

    /** Sets the inner optimizer's learning rate. */
    @Override
    public void setLearningRate(float learningRate) {
        inner.setLearningRate(learningRate);
    }

    /** Gives the inner optimizer a schedule. */
    @Override
    public LossScaleOptimizer learningRate(LearningRateSchedule schedule) {
        inner.learningRate(schedule);
        return this;
    }

    @Override
    public LearningRateSchedule learningRateSchedule() {
        return inner.learningRateSchedule();
    }

    /** The inner optimizer's step count. */
    @Override
    public long iterations() {
        return inner.iterations();
    }

    @Override
    public void finalizeVariableValues(List<Variable> varList) {
        inner.finalizeVariableValues(varList);
    }

    @Override
    public boolean usesEma() {
        return inner.usesEma();
    }

    @Override
    public void swapEmaWeights(boolean copyValues) {
        inner.swapEmaWeights(copyValues);
    }

    @Override
    public LossScaleOptimizer name(String newName) {
        super.name(newName);
        return this;
    }

    private IllegalArgumentException unsupported(String option) {
        return new IllegalArgumentException("LossScaleOptimizer does not support `" + option + "`. Instead, set `"
                + option + "` on the `inner_optimizer`.");
    }

    @Override
    public LossScaleOptimizer clipnorm(float clipnorm) {
        throw unsupported("clipnorm");
    }

    @Override
    public LossScaleOptimizer globalClipnorm(float globalClipnorm) {
        throw unsupported("global_clipnorm");
    }

    @Override
    public LossScaleOptimizer clipvalue(float clipvalue) {
        throw unsupported("clipvalue");
    }

    @Override
    public LossScaleOptimizer weightDecay(float weightDecay) {
        throw unsupported("weight_decay");
    }

    @Override
    public LossScaleOptimizer excludeFromWeightDecay(String... varNames) {
        throw unsupported("exclude_from_weight_decay");
    }

    @Override
    public LossScaleOptimizer excludeFromWeightDecay(Collection<Variable> varList, Collection<String> varNames) {
        throw unsupported("exclude_from_weight_decay");
    }

    @Override
    public LossScaleOptimizer useEma(boolean useEma) {
        throw unsupported("use_ema");
    }

    @Override
    public LossScaleOptimizer emaMomentum(float emaMomentum) {
        throw unsupported("ema_momentum");
    }

    @Override
    public LossScaleOptimizer emaOverwriteFrequency(Integer frequency) {
        throw unsupported("ema_overwrite_frequency");
    }

    @Override
    public LossScaleOptimizer gradientAccumulationSteps(Integer steps) {
        throw unsupported("gradient_accumulation_steps");
    }

    @Override
    public LossScaleOptimizer lossScaleFactor(Float factor) {
        if (factor == null) {
            return this; // Keras's LossScaleOptimizer keeps its own loss_scale_factor None
        }
        throw unsupported("loss_scale_factor");
    }

    /** Keras's {@code get_config}: only {@code name, inner_optimizer, initial_scale, dynamic_growth_steps}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name());
        c.put("inner_optimizer", KerasObjects.serialize(inner, describe() + " inner_optimizer"));
        c.put("initial_scale", initialScale);
        c.put("dynamic_growth_steps", dynamicGrowthSteps);
        return c;
    }

    /**
     * Keras's {@code from_config}: {@code inner_optimizer} (required), {@code initial_scale} (32768) and
     * {@code dynamic_growth_steps} (2000); {@code dynamic} must be true if given, as Keras requires. The keys every
     * optimizer has are accepted only at Keras's defaults (see {@link Optimizer#FAMILY}).
     */
    public static LossScaleOptimizer fromConfig(Config c) {
        Optimizer inner = c.object("inner_optimizer", Optimizer.class);
        if (inner == null) {
            throw c.error("LossScaleOptimizer needs 'inner_optimizer' (the optimizer to wrap)");
        }
        if (!c.bool("dynamic", true)) {
            throw c.error("LossScaleOptimizer no longer supports `dynamic=False`. Instead, simply set "
                    + "`loss_scale_factor` directly on the `inner_optimizer`.");
        }
        try {
            return new LossScaleOptimizer(inner, (float) c.number("initial_scale", 32768.0),
                    c.integer("dynamic_growth_steps", 2000));
        } catch (IllegalArgumentException e) {
            throw c.error(e.getMessage());
        }
    }
}
