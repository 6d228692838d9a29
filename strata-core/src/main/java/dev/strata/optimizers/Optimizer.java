package dev.strata.optimizers;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.config.KerasObject;
import dev.strata.config.KerasObjects;
import dev.strata.internal.TensorAccess;
import dev.strata.internal.kernels.Parallelism;
import dev.strata.ops.Ops;
import dev.strata.optimizers.schedules.LearningRateSchedule;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The base of Strata's optimizers, like {@code keras.optimizers.Optimizer}: it owns the step counter, the
 * learning rate and one set of state variables ("slots") per trainable variable, and updates variables in
 * place from their gradients.
 *
 * <p>{@link #apply} follows Keras 3's {@code BaseOptimizer.apply}: on the first call it builds the slots for
 * the variables given; it skips variables whose gradient is {@code null}; it clips the gradients (by
 * {@link #clipnorm}, else {@link #globalClipnorm}, else {@link #clipvalue}); it applies decoupled
 * {@link #weightDecay weight decay} ({@code w -= w * weight_decay * lr}) to the variables not
 * {@link #excludeFromWeightDecay excluded}; it runs the optimizer's update rule on each variable; then it adds
 * one to {@link #iterations}. The arithmetic is float32, in Keras's order, so results match Keras to about one
 * unit in the last place. Updates write straight into the variables' storage and are never recorded on a
 * {@link dev.strata.autodiff.GradientTape}.
 *
 * <pre>{@code
 * List<Variable> weights = List.of(kernel, bias);
 * Optimizer opt = new Adam(1e-3f).clipnorm(1f);
 * try (GradientTape tape = GradientTape.record()) {
 *     Tensor loss = Ops.mean(Ops.square(Ops.subtract(Ops.add(Ops.matmul(x, kernel), bias), y)));
 *     opt.apply(tape.gradient(loss, weights), weights);
 * }
 * }</pre>
 *
 * <h2>Writing an optimizer</h2>
 * Extend this class as Keras's documentation says to extend {@code keras.optimizers.Optimizer}, with Keras's
 * methods under Java names; the built-in optimizers use nothing else:
 * <ul>
 *   <li>the constructor {@link #Optimizer(float) super(learningRate)}; the default name is the snake-cased class
 *       name made unique, as Keras's {@code auto_name};
 *   <li>{@link #buildSlots} (Keras's {@code build}): create the slots with {@link #addSlot} or {@link #addSlots}
 *       (Keras's {@code add_variable_from_reference} and {@code add_optimizer_variables}), in Keras's order,
 *       and keep the arrays they return;
 *   <li>{@link #prepareStep} (optional): compute what depends only on the step, once per {@link #apply};
 *   <li>{@link #updateStep} (Keras's {@code update_step}): the update rule, on raw float32 storage, element-wise (a
 *       large variable is split over threads); or, for a rule that reads the whole variable (a norm, a matrix
 *       product), {@link #updateVariable}, called once per variable on the whole arrays;
 *   <li>{@link #addVariable} (optional, Keras's {@code add_variable}): state not shaped after a trainable variable;
 *   <li>{@link #weightDecayRate} (optional): a weight-decay rate per variable, where Keras's optimizer overrides
 *       {@code _apply_weight_decay};
 *   <li>{@link #getConfig} (Keras's {@code get_config}), if the optimizer has hyperparameters of its own: override
 *       it, start from {@code super.getConfig()} (the keys every optimizer has) and put your own keys after them.
 *       This is the one way an optimizer writes its config; unlike a layer's, an optimizer's fields are never
 *       recorded automatically, since they mostly hold state (slots, step constants), not configuration.
 * </ul>
 * Clipping, weight decay, skipping null gradients, the step count and the thread split are the base's. For
 * a fluent setter of your own, call {@link #checkNotBuilt} first (options that shape the slots cannot change
 * after the build), and {@link #checkRange} or {@link #checkNonNegative} for the value.
 *
 * <pre>{@code
 * public final class SignSGD extends Optimizer {          // w -= lr * sign(g) * scale
 *     private final double scale;
 *     public SignSGD(float learningRate, double scale) { super(learningRate); this.scale = scale; }
 *     @Override protected void buildSlots(List<Variable> vars) { }
 *     @Override protected void updateStep(int index, float[] g, float[] w, float lr, int from, int to) {
 *         for (int i = from; i < to; i++) w[i] -= lr * Math.signum(g[i]) * (float) scale;
 *     }
 *     @Override public Map<String, Object> getConfig() {
 *         Map<String, Object> config = super.getConfig();
 *         config.put("scale", scale);
 *         return config;
 *     }
 * }
 * }</pre>
 *
 * <h2>Saving it</h2>
 * A model compiled with your optimizer saves it as Keras saves a custom object ({@code "module": null}, its class
 * name, its config, and its registered name from {@link dev.strata.config.SavingRegistry}; saving registers the
 * class in this JVM, and another JVM registers it before loading). Loading makes it again, as for a user's layer,
 * by the class's {@code public static fromConfig(Map<String, Object>)} if it declares one, else by the constructor
 * whose parameter names (compile with {@code -parameters}) are the config's own keys, snake-cased ({@code scale}
 * above; it may also take the keys every optimizer has, such as {@code learning_rate}); then {@link #FAMILY} applies
 * the keys every optimizer has ({@code name}, {@code learning_rate}, clipping, {@code weight_decay}). A save that
 * loading could not make again fails when it is written, naming the class and what to add; the slots and the step
 * count travel in the weights file. (Strata's own optimizers declare a {@code public static fromConfig(Config)}
 * reading their own keys with Keras's defaults, which is what makes them built-in Keras classes, saved under
 * {@code keras.optimizers}.)
 *
 * <p>The fluent setters ({@link #clipnorm}, {@link #weightDecay}, ...) return {@code Optimizer}; each built-in
 * re-declares them to return its own type, so that {@code new Adam().clipnorm(1f).amsgrad(true)} chains. (A
 * self-typed {@code Optimizer<T extends Optimizer<T>>} would save those few lines at the price of writing
 * {@code Optimizer<?>} at every use, and it does not extend to a subclass of a subclass, such as AdamW of Adam.)
 *
 * <p>Keras's other options are the base's too, for every optimizer: a {@link #learningRate(LearningRateSchedule)
 * learning-rate schedule}, moving averages of the weights ({@link #useEma}, {@link #emaMomentum},
 * {@link #emaOverwriteFrequency}, {@link #finalizeVariableValues}), {@link #gradientAccumulationSteps} and a constant
 * {@link #lossScaleFactor} ({@link LossScaleOptimizer} scales dynamically). Their variables come before the
 * optimizer's own slots, as Keras builds them. An optimizer is not thread-safe.
 */
public abstract class Optimizer implements KerasObject {
    /** Variables at least twice this size are updated on several threads (smaller ones are not worth a hand-off). */
    private static final int PARALLEL_MIN_ELEMENTS = 32_768;

    static {
        dev.strata.internal.OptimizerAccess.install(new dev.strata.internal.OptimizerAccess.Accessor() {
            @Override
            public List<Variable> slotReferences(Object opt) {
                return Collections.unmodifiableList(((Optimizer) opt).slotReferenceList());
            }

            @Override
            public List<Variable> builtFor(Object opt) {
                return ((Optimizer) opt).trainableVariables;
            }

            @Override
            public void setIterations(Object opt, long iterations) {
                Optimizer optimizer = (Optimizer) opt;
                optimizer.setCount(optimizer.iterationVariable, iterations);
            }

            @Override
            public boolean keepsNoGradients(Object opt) {
                // The exact classes: their update rules and clipping read the gradient during apply, and keep it nowhere
                // (LossScaleOptimizer hands its inner optimizer unscaled copies).
                Class<?> c = opt.getClass();
                return c == SGD.class || c == Adam.class || c == AdamW.class || c == RMSprop.class
                        || c == Adagrad.class || c == Adadelta.class || c == Adamax.class || c == Nadam.class
                        || c == Ftrl.class || c == Lion.class || c == Lamb.class || c == Muon.class
                        || c == Adafactor.class || c == LossScaleOptimizer.class;
            }

            @Override
            public Long exactCount(Object opt, Variable v) {
                return ((Optimizer) opt).exactCount(v);
            }

            @Override
            public void setCount(Object opt, Variable v, long count) {
                ((Optimizer) opt).setCount(v, count);
            }

            @Override
            public int unbuiltCount(Object opt) {
                return ((Optimizer) opt).unbuiltCount();
            }
        });
    }

    /** The class name Keras's {@code auto_name} derives the default name from, e.g. {@code "RMSprop"}. */
    private final String className;
    private String name;
    /** Keras's {@code iteration} variable: int32 there, a float32 scalar here (exact up to 2^24 steps). */
    private final Variable iterationVariable;
    private final Variable learningRateVariable;
    /** The learning-rate schedule, or null for the constant rate in {@link #learningRateVariable}. */
    private LearningRateSchedule schedule;
    /**
     * The exact count of {@link #apply} calls (Keras's {@code _iterations}; {@link #iterations()} divides it by the
     * accumulation steps); {@link #iterationVariable} mirrors it (see {@link #currentIterations}).
     */
    private long iterations;

    // Keras's base options beyond clipping and weight decay (their config keys, with Keras's defaults).
    private boolean useEma;
    private double emaMomentum = 0.99;
    private Integer emaOverwriteFrequency;
    private Double lossScaleFactor;
    private Integer gradientAccumulationSteps;
    /** Per build-list index: the moving averages (use_ema) and the gradient accumulators; null when off. */
    private float[][] averages;
    private float[][] accumulators;

    private final GradientClipping clipping = new GradientClipping();
    private final WeightDecay weightDecay = new WeightDecay();
    /**
     * Per build-list index: the weight-decay rate as float32 ({@code ops.cast(weight_decay, float32)}), NaN where
     * none applies; null when no variable decays. Set by build.
     */
    private float[] decays;
    /** Whether the subclass overrides {@link #updateVariable}: its rule then runs once per whole variable. */
    private final boolean wholeVariableRule;

    private boolean built;
    /** True while {@link #buildSlots} runs: the only time slots may be added. */
    private boolean building;
    private List<Variable> trainableVariables = List.of();
    private final IdentityHashMap<Variable, Integer> indices = new IdentityHashMap<>();
    private final List<Variable> variables = new ArrayList<>();
    /** Parallel to {@link #variables}: the trainable variable each slot was made for (null for the first two). */
    private final List<Variable> slotReferences = new ArrayList<>();

    /** The slots made by {@link #addIntegerSlot}, saved and restored as integers. */
    private final java.util.Set<Variable> integerSlots = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());

    /**
     * Starts an optimizer with the given learning rate: the step count is 0, there are no slots yet, and the
     * name defaults to the snake-cased class name made unique ({@code MySGD} gives {@code "my_sgd"}, then
     * {@code "my_sgd_1"}, ...).
     *
     * @throws IllegalArgumentException if the learning rate is NaN or infinite
     */
    protected Optimizer(float learningRate) {
        this.className = kerasClassName(getClass());
        this.wholeVariableRule = overridesUpdateVariable(getClass());
        this.name = dev.strata.internal.Names.autoName(className);
        checkFinite("learning_rate", learningRate);
        this.iterationVariable = new Variable(Tensor.scalar(0f), "iteration", false);
        this.learningRateVariable = new Variable(Tensor.scalar(learningRate), "learning_rate", false);
        variables.add(iterationVariable);
        variables.add(learningRateVariable);
        slotReferences.add(null);
        slotReferences.add(null);
    }

    private static boolean overridesUpdateVariable(Class<?> type) {
        for (Class<?> t = type; t != Optimizer.class; t = t.getSuperclass()) {
            try {
                t.getDeclaredMethod("updateVariable", int.class, float[].class, float[].class, float.class);
                return true;
            } catch (NoSuchMethodException e) {
                // not declared here: look further up
            }
        }
        return false;
    }

    /** The simple name of the class, or of its nearest named superclass for an anonymous one. */
    private static String kerasClassName(Class<?> type) {
        Class<?> t = type;
        while (t.getSimpleName().isEmpty()) {
            t = t.getSuperclass();
        }
        return t.getSimpleName();
    }

    // ---- identity and hyperparameters ------------------------------------------------------------------

    /**
     * The optimizer's name; by default the snake-cased class name made unique, as Keras does ({@code "adam"},
     * {@code "adam_1"}, ...).
     */
    public String name() {
        return name;
    }

    /**
     * Sets the name (Keras's {@code name} argument).
     *
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Optimizer name(String newName) {
        checkNotBuilt("name");
        this.name = Objects.requireNonNull(newName, "name");
        return this;
    }

    /**
     * The current learning rate: the value of the {@code learning_rate} variable, or, with a
     * {@link #learningRate(LearningRateSchedule) schedule}, the schedule's value at the current step count (Keras's
     * {@code optimizer.learning_rate}, which calls the schedule with {@code _iterations}, every {@link #apply} counted
     * even under gradient accumulation).
     */
    public float learningRate() {
        return schedule != null ? schedule.apply(currentIterations()) : TensorAccess.data(learningRateVariable)[0];
    }

    /**
     * Sets the learning rate, at any time (like {@code optimizer.learning_rate = x} in Keras).
     *
     * @throws IllegalArgumentException if it is NaN or infinite
     * @throws IllegalStateException if the optimizer's rate is a schedule (Keras's {@code TypeError})
     */
    public void setLearningRate(float learningRate) {
        if (schedule != null) {
            throw new IllegalStateException(describe() + " was given a LearningRateSchedule (" + schedule
                    + ") as its learning rate, hence its learning rate is not settable. If you need the learning rate "
                    + "to be settable, create the optimizer with a float learning rate.");
        }
        checkFinite("learning_rate", learningRate);
        TensorAccess.data(learningRateVariable)[0] = learningRate;
    }

    /**
     * Drives the learning rate by a schedule (Keras's {@code learning_rate=schedule}, or assigning a schedule to
     * {@code optimizer.learning_rate}): before each update the rate is {@code schedule.apply(step)}, with the step
     * count so far. As in Keras the optimizer then has no {@code learning_rate} variable ({@link #variables()} and the
     * saved state go {@code iteration}, then the slots), {@link #getConfig()} writes the serialized schedule, and
     * {@link #setLearningRate} fails.
     *
     * <pre>{@code
     * Optimizer opt = new SGD(0.1f, 0.9f, false).learningRate(new CosineDecay(0.1f, 1000));
     * }</pre>
     */
    public Optimizer learningRate(LearningRateSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        int at = indexOf(learningRateVariable);
        if (at >= 0) { // Keras untracks the variable
            variables.remove(at);
            slotReferences.remove(at);
        }
        return this;
    }

    /** The learning-rate schedule, or null when the rate is a constant (a variable). */
    public LearningRateSchedule learningRateSchedule() {
        return schedule;
    }

    /**
     * The number of updates so far (Keras's {@code optimizer.iterations}): the number of {@link #apply} calls, divided
     * (rounding down) by {@link #gradientAccumulationSteps} when gradients are accumulated.
     */
    public long iterations() {
        long raw = currentIterations();
        return gradientAccumulationSteps == null ? raw : raw / gradientAccumulationSteps;
    }

    private int indexOf(Variable v) {
        for (int i = 0; i < variables.size(); i++) {
            if (variables.get(i) == v) {
                return i;
            }
        }
        return -1;
    }

    // ---- Keras's moving average, accumulation and loss scaling ------------------------------------------------

    /**
     * Keeps an exponential moving average of the trainable variables (Keras's {@code use_ema}): after each update
     * every variable's average becomes {@code momentum * average + (1 - momentum) * value} (the first update copies
     * the value), held in one {@code <variable>_average} slot per variable, built before the optimizer's own slots.
     * The averages replace the variables every {@link #emaOverwriteFrequency} updates if set, and at the end of
     * {@code fit} ({@link #finalizeVariableValues}); {@code SwapEMAWeights} swaps them in for evaluation.
     *
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Optimizer useEma(boolean useEma) {
        checkNotBuilt("use_ema");
        this.useEma = useEma;
        return this;
    }

    /**
     * The momentum of the moving average (Keras's {@code ema_momentum}, default 0.99; used with {@link #useEma}).
     *
     * @throws IllegalArgumentException if it is not in [0, 1]
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Optimizer emaMomentum(float emaMomentum) {
        checkNotBuilt("ema_momentum");
        if (!(emaMomentum >= 0 && emaMomentum <= 1)) {
            throw new IllegalArgumentException(describe() + ": `ema_momentum` must be in the range [0, 1]. Received: "
                    + "ema_momentum=" + emaMomentum);
        }
        this.emaMomentum = asDecimal(emaMomentum);
        return this;
    }

    /**
     * Overwrites the variables with their moving averages every {@code frequency} updates (Keras's
     * {@code ema_overwrite_frequency}; null, the default, only at the end of {@code fit}). Used with {@link #useEma}.
     *
     * @throws IllegalArgumentException if it is less than 1
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Optimizer emaOverwriteFrequency(Integer frequency) {
        checkNotBuilt("ema_overwrite_frequency");
        if (frequency != null && frequency < 1) {
            throw new IllegalArgumentException(describe() + ": `ema_overwrite_frequency` must be an integer >= 1 or "
                    + "None. Received: ema_overwrite_frequency=" + frequency);
        }
        this.emaOverwriteFrequency = frequency;
        return this;
    }

    /**
     * Accumulates gradients over {@code steps} calls of {@link #apply} and updates with their mean on every
     * {@code steps}-th call (Keras's {@code gradient_accumulation_steps}; null, the default, updates every call). The
     * sums are kept in one {@code <variable>_gradient_accumulator} slot per variable; {@link #iterations()} counts
     * updates, while a schedule sees every call.
     *
     * @throws IllegalArgumentException if {@code steps < 2}
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Optimizer gradientAccumulationSteps(Integer steps) {
        checkNotBuilt("gradient_accumulation_steps");
        if (steps != null && steps < 2) {
            throw new IllegalArgumentException(describe() + ": `gradient_accumulation_steps` must be an integer >= 2. "
                    + "Received: gradient_accumulation_steps=" + steps);
        }
        this.gradientAccumulationSteps = steps;
        return this;
    }

    /**
     * A constant loss scale (Keras's {@code loss_scale_factor}; null, the default, for none): {@code fit} multiplies
     * the loss by it before computing gradients ({@link #scaleLoss}), and {@link #apply} divides the gradients by it
     * before anything else.
     *
     * @throws IllegalArgumentException if it is not positive and finite
     */
    public Optimizer lossScaleFactor(Float factor) {
        if (factor != null && !(factor > 0 && Float.isFinite(factor))) {
            throw new IllegalArgumentException(describe() + ": `loss_scale_factor` must be a positive finite float or "
                    + "None. Received: loss_scale_factor=" + factor);
        }
        this.lossScaleFactor = factor == null ? null : asDecimal(factor);
        return this;
    }

    /** Whether the optimizer keeps moving averages of the variables (Keras's {@code use_ema}). */
    public boolean usesEma() {
        return useEma;
    }

    /**
     * Keras's {@code scale_loss(loss)}: the loss times {@link #lossScaleFactor} (float32), or the loss itself when
     * there is none. A training step calls it on the loss it differentiates; the logged loss stays unscaled.
     */
    public Tensor scaleLoss(Tensor loss) {
        return lossScaleFactor == null ? loss : Ops.multiply(loss, (float) (double) lossScaleFactor);
    }

    /**
     * Keras's {@code finalize_variable_values(var_list)}, which {@code fit} calls after its last epoch: with
     * {@link #useEma}, assigns each variable its moving average (in build order); otherwise does nothing.
     *
     * @throws IllegalArgumentException if {@code varList} is not as long as the list the optimizer was built for
     */
    public void finalizeVariableValues(List<Variable> varList) {
        if (useEma && built) {
            overwriteWithAverages(varList);
        }
    }

    private void overwriteWithAverages(List<Variable> varList) {
        if (varList.size() != averages.length) {
            throw new IllegalArgumentException(describe() + ": the length of model variables (" + varList.size()
                    + ") to override does not match the length of model variables stored in the optimizer ("
                    + averages.length + "). Please check if the optimizer was called on your model.");
        }
        for (int i = 0; i < averages.length; i++) {
            float[] w = TensorAccess.data(varList.get(i));
            System.arraycopy(averages[i], 0, w, 0, w.length);
        }
    }

    /**
     * Swaps each trainable variable's value with its moving average, for {@code SwapEMAWeights} (Keras's
     * {@code _backend_swap_variables}), or, with {@code copyValues}, sets the averages to the variables' values
     * ({@code _backend_finalize_ema_values}).
     *
     * @throws IllegalStateException if the optimizer keeps no moving averages (Keras's message)
     */
    public void swapEmaWeights(boolean copyValues) {
        if (!useEma || averages == null) {
            throw new IllegalStateException("SwapEMAWeights must be used when `use_ema=True` is set on the optimizer. "
                    + "Received: use_ema=" + (useEma ? "True" : "False") + " (" + describe()
                    + (useEma ? ", not built yet" : "") + ")");
        }
        for (int i = 0; i < averages.length; i++) {
            float[] w = TensorAccess.data(trainableVariables.get(i));
            float[] a = averages[i];
            if (copyValues) {
                System.arraycopy(w, 0, a, 0, w.length);
            } else {
                for (int j = 0; j < w.length; j++) {
                    float t = w[j];
                    w[j] = a[j];
                    a[j] = t;
                }
            }
        }
    }

    /**
     * Clips each gradient tensor to L2 norm at most {@code clipnorm}: {@code g * clipnorm / max(||g||, clipnorm)}.
     *
     * @throws IllegalArgumentException if it is not positive and finite, or if {@link #clipvalue} or
     *     {@link #globalClipnorm} is set (Keras allows one of the three)
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Optimizer clipnorm(float clipnorm) {
        checkNotBuilt("clipnorm");
        clipping.set("clipnorm", clipnorm, describe());
        return this;
    }

    /**
     * Scales all gradients together so that their joint L2 norm is at most {@code globalClipnorm}, like
     * {@code clip_by_global_norm}.
     *
     * @throws IllegalArgumentException if it is not positive and finite, or if {@link #clipnorm} or
     *     {@link #clipvalue} is set
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Optimizer globalClipnorm(float globalClipnorm) {
        checkNotBuilt("global_clipnorm");
        clipping.set("global_clipnorm", globalClipnorm, describe());
        return this;
    }

    /**
     * Clips every gradient element to {@code [-clipvalue, clipvalue]}.
     *
     * @throws IllegalArgumentException if it is not positive and finite, or if {@link #clipnorm} or
     *     {@link #globalClipnorm} is set
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Optimizer clipvalue(float clipvalue) {
        checkNotBuilt("clipvalue");
        clipping.set("clipvalue", clipvalue, describe());
        return this;
    }

    /**
     * Sets decoupled weight decay (Keras's {@code weight_decay}): before each update, every variable that has a
     * gradient and is not {@link #excludeFromWeightDecay excluded} becomes {@code w - w * weightDecay * lr}
     * (float32, in that order), for any optimizer. Off (Keras's {@code None}) by default, except in
     * {@link AdamW}.
     *
     * <pre>{@code
     * Optimizer opt = new SGD(0.1f).weightDecay(1e-4f).excludeFromWeightDecay("bias");
     * }</pre>
     *
     * @throws IllegalArgumentException if it is NaN or infinite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Optimizer weightDecay(float weightDecay) {
        checkNotBuilt("weight_decay");
        checkFinite("weight_decay", weightDecay);
        this.weightDecay.rate(weightDecay);
        return this;
    }

    /**
     * Exempts the variables whose name contains a match of one of {@code varNames} from weight decay, like
     * Keras's {@code exclude_from_weight_decay(var_names=[...])}: {@code "bias"} exempts every {@code bias}.
     * As in Keras the names are regular expressions, searched in the variable's own name (e.g.
     * {@code "kernel"}, not its path {@code "dense/kernel"}), and each call replaces the previous exclusions.
     *
     * @throws IllegalArgumentException if a name is null or the names do not form a valid regular expression
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Optimizer excludeFromWeightDecay(String... varNames) {
        return excludeFromWeightDecay(List.of(), Arrays.asList(Objects.requireNonNull(varNames, "varNames")));
    }

    /**
     * Exempts variables from weight decay, like Keras's {@code exclude_from_weight_decay(var_list, var_names)}:
     * the variables in {@code varList} (by identity), and those whose name contains a match of one of the
     * regular expressions {@code varNames}. Either may be null or empty. Each call replaces the previous
     * exclusions. Exclusions are not part of {@link #getConfig()} (Keras does not save them either).
     *
     * @throws IllegalArgumentException if an entry is null or the names do not form a valid regular expression
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Optimizer excludeFromWeightDecay(Collection<Variable> varList, Collection<String> varNames) {
        checkNotBuilt("exclude_from_weight_decay");
        weightDecay.exclude(varList, varNames, describe());
        return this;
    }

    // ---- state -----------------------------------------------------------------------------------------

    /**
     * The optimizer's state in Keras's order ({@code optimizer.variables}): {@code iteration}, then
     * {@code learning_rate}, then the slots built for the trainable variables (named
     * {@code <variable name>_<slot>}, e.g. {@code kernel_momentum}). Before the first {@link #apply} or
     * {@link #build} only the first two exist. The variables are live: assigning them (to restore a
     * checkpoint) changes the optimizer's state.
     */
    public List<Variable> variables() {
        return Collections.unmodifiableList(new ArrayList<>(variables));
    }

    /** Whether the slots exist (after the first {@link #apply} or {@link #build}). */
    public boolean built() {
        return built;
    }

    /**
     * Creates the slots for {@code trainableVariables}, which every later {@link #apply} must draw from (like
     * Keras's {@code optimizer.build}). {@link #apply} calls it on first use; call it directly to restore
     * saved state into {@link #variables()} before training. Does nothing if already built.
     *
     * @throws IllegalArgumentException if a variable is null or appears twice
     */
    public final void build(List<Variable> trainableVariables) {
        Objects.requireNonNull(trainableVariables, "trainableVariables");
        if (built) {
            return;
        }
        IdentityHashMap<Variable, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < trainableVariables.size(); i++) {
            Variable v = trainableVariables.get(i);
            if (v == null) {
                throw new IllegalArgumentException(describe() + ".build: variable " + i + " is null");
            }
            Integer before = seen.put(v, i);
            if (before != null) {
                throw new IllegalArgumentException(describe() + ".build: variable '" + v.name() + "' appears twice"
                        + " (positions " + before + " and " + i + ")");
            }
        }
        this.trainableVariables = List.copyOf(trainableVariables);
        indices.putAll(seen);
        building = true;
        try {
            // Keras's BaseOptimizer.build, which every optimizer's build calls first: the averages, then the
            // accumulators, before the optimizer's own slots.
            if (useEma) {
                averages = addSlots(this.trainableVariables, "average")[0];
            }
            if (gradientAccumulationSteps != null) {
                accumulators = addSlots(this.trainableVariables, "gradient_accumulator")[0];
            }
            buildSlots(this.trainableVariables);
        } finally {
            building = false;
        }
        if (clipping.active()) {
            int max = 0;
            for (Variable v : this.trainableVariables) {
                max = Math.max(max, v.size());
            }
            clipping.allocate(max);
        }
        decays = decayRates(weightDecay.mask(this.trainableVariables));
        built = true;
    }

    /** Per variable, {@link #weightDecayRate}'s rate as float32 where Keras's exclusions allow decay; or null. */
    private float[] decayRates(boolean[] notExcluded) {
        float[] rates = new float[trainableVariables.size()];
        boolean any = false;
        double rate = weightDecay.rate();
        for (int i = 0; i < rates.length; i++) {
            double r = notExcluded[i] ? weightDecayRate(trainableVariables.get(i), rate) : Double.NaN;
            rates[i] = (float) r;
            any |= !Double.isNaN(r);
        }
        return any ? rates : null;
    }

    /** For restoring: how many variables exist before the build ({@code iteration}, {@code learning_rate}). */
    int unbuiltCount() {
        return schedule == null ? 2 : 1;
    }

    /** For saving: parallel to {@link #variables()}, the trainable variable each slot was made for, else null. */
    List<Variable> slotReferenceList() {
        return new ArrayList<>(slotReferences);
    }

    /**
     * For saving: the exact value of {@code v} if it is one of the optimizer's integer counters (Keras's int
     * variables, here float32 scalars exact only up to 2^24), else null.
     */
    Long exactCount(Variable v) {
        if (integerSlots.contains(v)) {
            return (long) TensorAccess.data(v)[0];
        }
        return v == iterationVariable ? currentIterations() : null;
    }

    /**
     * For restoring: sets the integer counter {@code v} (see {@link #exactCount}) exactly.
     *
     * @throws IllegalArgumentException if the count is negative or {@code v} is not a counter of this optimizer
     */
    void setCount(Variable v, long count) {
        if (count < 0) {
            throw new IllegalArgumentException(describe() + ": " + v.name() + " must be >= 0, got " + count);
        }
        if (integerSlots.contains(v)) {
            TensorAccess.data(v)[0] = count;
            return;
        }
        if (v != iterationVariable) {
            throw new IllegalArgumentException(describe() + ": '" + v.name() + "' is not a step counter");
        }
        iterations = count;
        TensorAccess.data(iterationVariable)[0] = count;
    }

    // ---- applying gradients ----------------------------------------------------------------------------

    /**
     * Updates {@code variables} in place from their gradients, like Keras's
     * {@code optimizer.apply(grads, trainable_variables)}, then adds one to {@link #iterations}. A
     * {@code null} gradient leaves its variable (and its slots) untouched. The first call builds the slots
     * for exactly these variables; later calls may pass any of them, in any order. An empty list does nothing.
     *
     * @throws IllegalArgumentException if the lists differ in size, every gradient is null, a gradient is
     *     symbolic, or a variable is not one the optimizer was built for
     * @throws ShapeException if a gradient's shape differs from its variable's (the message names the variable)
     */
    public void apply(List<? extends Tensor> grads, List<Variable> variables) {
        Objects.requireNonNull(grads, "grads");
        Objects.requireNonNull(variables, "variables");
        if (grads.size() != variables.size()) {
            throw new IllegalArgumentException(describe() + ".apply: got " + grads.size() + " gradients for "
                    + variables.size() + " variables; pass one gradient (or null) per variable");
        }
        if (grads.isEmpty()) {
            return; // Keras returns without counting a step
        }
        checkGradients(grads, variables);
        if (!built) {
            build(variables);
        } else {
            for (Variable v : variables) {
                if (v == null || !indices.containsKey(v)) {
                    throw new IllegalArgumentException(describe() + ".apply: unknown variable "
                            + (v == null ? "null" : "'" + v.name() + "' " + v.shape()) + "; this optimizer can only"
                            + " update the variables it was built with " + names(trainableVariables)
                            + ". For a new set of variables, create a new optimizer.");
                }
            }
        }
        update(grads, variables);
    }

    /**
     * Updates the variables the optimizer was built with, one gradient (or null) per variable in build order
     * (Keras's {@code optimizer.apply(grads)} without variables).
     *
     * @throws IllegalStateException if the optimizer is not built yet
     * @throws IllegalArgumentException if the number of gradients differs from the number of variables
     */
    public void apply(List<? extends Tensor> grads) {
        Objects.requireNonNull(grads, "grads");
        if (!built) {
            throw new IllegalStateException(describe() + ".apply: without variables the optimizer must already "
                    + "be built; pass the variables on the first call, or call build(variables) first");
        }
        apply(grads, trainableVariables);
    }

    private void checkGradients(List<? extends Tensor> grads, List<Variable> variables) {
        boolean any = false;
        for (int i = 0; i < grads.size(); i++) {
            Tensor g = grads.get(i);
            Variable v = variables.get(i);
            if (v == null) {
                throw new IllegalArgumentException(describe() + ".apply: variable " + i + " is null");
            }
            if (g == null) {
                continue;
            }
            any = true;
            if (g.isSymbolic()) {
                throw new IllegalArgumentException(describe() + ".apply: the gradient for variable '" + v.name()
                        + "' is symbolic (" + g + "); optimizers need concrete gradients");
            }
            if (!g.shape().equals(v.shape())) {
                throw new ShapeException(describe() + ".apply: the gradient for variable '" + v.name() + "' has shape "
                        + g.shape() + " but the variable has shape " + v.shape() + " (position " + i + ")");
            }
        }
        if (!any) {
            throw new IllegalArgumentException(describe() + ".apply: no gradients provided for any variable "
                    + names(variables) + " (all are null)");
        }
    }

    /**
     * One call in Keras's order ({@code BaseOptimizer.apply} and the JAX backend's {@code _backend_apply_gradients}):
     * unscale the gradients by the loss scale factor; with accumulation, add them to the accumulators and update only
     * on every n-th call, with the accumulated mean; clip, decay the weights, run the update rule; update the moving
     * averages (and overwrite the variables with them when due); apply the constraints; count the call. Keras decays
     * every variable before updating any; since both are element-wise per variable, decaying each variable just before
     * its own update gives the same values.
     */
    private void update(List<? extends Tensor> grads, List<Variable> variables) {
        long raw = currentIterations();
        float lr = learningRate();
        float[][] g = new float[grads.size()][];
        for (int i = 0; i < g.length; i++) {
            Tensor t = grads.get(i);
            g[i] = t == null ? null : TensorAccess.data(t);
        }
        if (lossScaleFactor != null) {
            float scale = (float) (double) lossScaleFactor;
            for (int i = 0; i < g.length; i++) {
                if (g[i] != null) {
                    float[] u = new float[g[i].length]; // the caller's gradients stay as they are
                    for (int j = 0; j < u.length; j++) {
                        u[j] = g[i][j] / scale;
                    }
                    g[i] = u;
                }
            }
        }
        boolean updating = gradientAccumulationSteps == null || accumulate(g, variables, raw);
        if (updating) {
            long step = iterations() + 1; // Keras's local_step = iterations + 1 (updates, under accumulation)
            float globalScale = clipping.globalScale(g);
            prepareStep(lr, step);
            for (int i = 0; i < g.length; i++) {
                if (g[i] == null) {
                    continue;
                }
                Variable v = variables.get(i);
                float[] gradient = clipping.clip(g[i], globalScale);
                float[] value = TensorAccess.data(v);
                int index = indices.get(v);
                float wd = decays == null ? Float.NaN : decays[index];
                if (wholeVariableRule) {
                    if (!Float.isNaN(wd)) {
                        WeightDecay.apply(value, wd, lr, 0, value.length);
                    }
                    updateVariable(index, gradient, value, lr);
                    continue;
                }
                // Element-wise rules, so a large variable is split over the kernel threads with the same result.
                // Without weight decay the body is the update alone, so that an optimizer without it pays nothing.
                Parallelism.RangeBody body = !Float.isNaN(wd)
                        ? (from, to) -> {
                            WeightDecay.apply(value, wd, lr, from, to);
                            updateStep(index, gradient, value, lr, from, to);
                        }
                        : (from, to) -> updateStep(index, gradient, value, lr, from, to);
                Parallelism.forRange(value.length, PARALLEL_MIN_ELEMENTS, body);
            }
        }
        if (useEma) {
            updateAverages();
        }
        for (int i = 0; i < g.length; i++) {
            Variable v = variables.get(i);
            if (g[i] != null && v.constraint() != null) {
                applyConstraint(v);
            }
        }
        iterations = raw + 1;
        TensorAccess.data(iterationVariable)[0] = iterations;
    }

    /**
     * Keras's gradient accumulation (as its JAX backend runs it): on every n-th call the gradients become
     * {@code (g + accumulated) / n} and those accumulators restart at zero, and the update runs; on the other calls
     * {@code accumulated += g} and nothing else changes. Only variables with a gradient take part.
     *
     * @return whether this call updates the variables
     */
    private boolean accumulate(float[][] g, List<Variable> variables, long raw) {
        int n = gradientAccumulationSteps;
        boolean updating = (raw + 1) % n == 0;
        float steps = n;
        for (int i = 0; i < g.length; i++) {
            if (g[i] == null) {
                continue;
            }
            float[] gi = g[i];
            float[] acc = accumulators[indices.get(variables.get(i))];
            if (updating) {
                float[] mean = new float[gi.length];
                for (int j = 0; j < gi.length; j++) {
                    mean[j] = (gi[j] + acc[j]) * (1f / steps);
                }
                Arrays.fill(acc, 0f);
                g[i] = mean;
            } else {
                for (int j = 0; j < gi.length; j++) {
                    acc[j] = gi[j] + acc[j];
                }
            }
        }
        return updating;
    }

    /**
     * Keras's {@code _update_model_variables_moving_average} over every variable the optimizer was built for, with
     * momentum 0 while {@link #iterations()} is 0 (so the first average is the value), then the overwrite of the
     * variables by their averages every {@link #emaOverwriteFrequency} updates.
     */
    private void updateAverages() {
        long it = iterations();
        float momentum = (it != 0 ? 1f : 0f) * (float) emaMomentum;
        float rest = 1f - momentum;
        for (int i = 0; i < averages.length; i++) {
            float[] a = averages[i];
            float[] w = TensorAccess.data(trainableVariables.get(i));
            for (int j = 0; j < a.length; j++) {
                a[j] = momentum * a[j] + rest * w[j];
            }
        }
        if (emaOverwriteFrequency != null && (it + 1) % emaOverwriteFrequency == 0) {
            overwriteWithAverages(trainableVariables);
        }
    }

    /**
     * Keras's {@code variable.assign(variable.constraint(variable))} after the update. Keras applies the constraints
     * once every variable is updated; a constraint reads only its own variable, so applying it right after that
     * variable's update gives the same values.
     */
    private void applyConstraint(Variable v) {
        Tensor projected = v.constraint().apply(v);
        if (projected == null || !projected.shape().equals(v.shape()) || projected.isSymbolic()) {
            throw new IllegalStateException(describe() + ": the constraint " + v.constraint() + " of variable '"
                    + v.name() + "' " + v.shape() + " returned " + (projected == null ? "null"
                    : projected.isSymbolic() ? "a symbolic tensor" : "shape " + projected.shape())
                    + "; a constraint must return a concrete value of the variable's shape");
        }
        if (projected != v) {
            v.assign(projected);
        }
    }

    /**
     * The step count, taking over a value assigned to the {@code iteration} variable from outside (e.g. when
     * state is restored): float32 holds counts exactly only up to 2^24, so the long is the truth as long as
     * the variable still shows its own rounding of it.
     */
    private long currentIterations() {
        float stored = TensorAccess.data(iterationVariable)[0];
        if (stored != (float) iterations) {
            iterations = (long) stored;
        }
        return iterations;
    }

    // ---- the extension API: what subclasses provide ----------------------------------------------------

    /**
     * Creates the slots for the trainable variables, like Keras's {@code build(variables)}: call
     * {@link #addSlot} or {@link #addSlots} in the order Keras creates them (that order is the order of
     * {@link #variables()} and of a saved file's optimizer state) and keep the arrays they return for
     * {@link #updateStep}. Called once, by {@link #build} or the first {@link #apply}, before any update; an
     * optimizer without state does nothing here. The options set before it are final from then on.
     *
     * @param trainableVariables the variables, in build order: {@code updateStep}'s {@code index} is a
     *     position in this list
     */
    protected abstract void buildSlots(List<Variable> trainableVariables);

    /**
     * Computes what depends only on the step, once per {@link #apply} before any {@link #updateStep} (for
     * example Adam's bias-corrected step size), and keeps it in fields the update reads. Does nothing by
     * default. Runs on the calling thread.
     *
     * @param learningRate the current learning rate (float32, as Keras reads its variable)
     * @param step Keras's {@code local_step}: {@link #iterations()} + 1, counting this step
     */
    protected void prepareStep(float learningRate, long step) {
    }

    /**
     * The update rule for one variable, like Keras's {@code update_step(gradient, variable, learning_rate)}, on
     * the elements {@code [from, to)}: write the new values into {@code value} and into this variable's slots.
     * The base has already clipped the gradient and applied weight decay. Called once per variable that has a
     * gradient, in any order.
     *
     * <p><b>Threads:</b> a large variable is split into ranges updated on several threads at once, so the
     * rule must be element-wise: element {@code i} of the result may depend only on element {@code i} of the
     * gradient, the value and the slots, and on fields set in {@link #buildSlots} or {@link #prepareStep}.
     * Write only inside {@code [from, to)} and keep no other state here. <b>Numerics:</b> to match Keras to
     * the last bit, compute in float32 in the order Keras's ops do, rounding Python-float hyperparameters to
     * float32 where they meet a tensor (see {@link #asDecimal}).
     *
     * @param index the variable's position in the build list (which slots to use)
     * @param gradient the (clipped) gradient, read-only
     * @param value the variable's live storage
     * @param learningRate the current learning rate
     * @param from the first element to update
     * @param to one past the last element to update
     */
    protected abstract void updateStep(int index, float[] gradient, float[] value, float learningRate, int from,
            int to);

    /**
     * The update rule for one whole variable, for a rule that is not element-wise (Keras's {@code update_step} as
     * it is: Lamb's trust ratio reads the norms of the whole variable, Muon orthogonalises a whole matrix). An
     * optimizer that overrides this method has it called once per variable that has a gradient, on the calling
     * thread, with the whole gradient and value, after the base clipped the gradient and applied weight decay;
     * {@link #updateStep} is then never called (implement it to throw). By default the base splits the variable over
     * threads and calls {@link #updateStep} on each range (this method is not called).
     *
     * @param index the variable's position in the build list (which slots to use)
     * @param gradient the (clipped) gradient, read-only
     * @param value the variable's live storage
     * @param learningRate the current learning rate
     */
    protected void updateVariable(int index, float[] gradient, float[] value, float learningRate) {
        throw new UnsupportedOperationException(describe() + ": updateVariable is only called when overridden");
    }

    /**
     * The weight-decay rate of one variable (Keras's {@code _apply_weight_decay} picks it; NaN for none), asked once
     * per variable at build for the variables {@link #excludeFromWeightDecay} leaves decayed. By default
     * {@code rate}, the optimizer's {@link #weightDecay} (NaN when unset). Override it to decay some variables at
     * another rate (Muon decays the variables it updates with AdamW by its {@code adam_weight_decay}).
     *
     * @param variable the variable
     * @param rate the optimizer's weight decay as the user wrote it (see {@link #asDecimal}), or NaN
     */
    protected double weightDecayRate(Variable variable, double rate) {
        return rate;
    }

    /**
     * Adds a state variable of its own, not shaped after a trainable variable, like Keras's
     * {@code add_variable(shape, initializer, name)} (Nadam's running product {@code u_product}): it is filled with
     * {@code initialValue} and appended to {@link #variables()}. Returns its live storage. Call it only from
     * {@link #buildSlots}.
     *
     * @throws IllegalStateException outside {@link #buildSlots}
     */
    protected final float[] addVariable(dev.strata.tensor.Shape shape, float initialValue, String variableName) {
        if (!building) {
            throw new IllegalStateException(describe() + ": addVariable('" + variableName + "') was called outside "
                    + "buildSlots; state can only be added while the optimizer is being built");
        }
        Variable variable = new Variable(Tensor.full(shape, initialValue), variableName, false);
        variables.add(variable);
        slotReferences.add(null);
        return TensorAccess.data(variable);
    }

    /**
     * Adds a slot shaped like {@code reference} and initialised to zero, like Keras's
     * {@code add_variable_from_reference(reference, name)}: it is named {@code <reference name>_<slotName>}
     * ({@code kernel_momentum}) and appended to {@link #variables()}. Returns its live storage, for
     * {@link #updateStep}. Call it only from {@link #buildSlots}.
     *
     * @throws IllegalStateException outside {@link #buildSlots}
     */
    protected final float[] addSlot(Variable reference, String slotName) {
        if (!building) {
            throw new IllegalStateException(describe() + ": addSlot('" + slotName + "') was called outside "
                    + "buildSlots; slots can only be added while the optimizer is being built");
        }
        String base = reference.name().replace('/', '_').replace(':', '_');
        Variable slot = new Variable(Tensor.zeros(reference.shape()), base + "_" + slotName, false);
        variables.add(slot);
        slotReferences.add(reference);
        return TensorAccess.data(slot);
    }

    /**
     * Adds a zero slot of its own shape and name that still belongs to {@code reference}, like Keras's
     * {@code add_variable(shape, name=var.name)} in a per-variable build (Adafactor's factored row and column
     * statistics). Saving keeps it with {@code reference}'s other slots. Returns its live storage; only from
     * {@link #buildSlots}.
     *
     * @throws IllegalStateException outside {@link #buildSlots}
     */
    protected final float[] addSlot(Variable reference, dev.strata.tensor.Shape shape, String variableName) {
        if (!building) {
            throw new IllegalStateException(describe() + ": addSlot('" + variableName + "') was called outside "
                    + "buildSlots; slots can only be added while the optimizer is being built");
        }
        Variable slot = new Variable(Tensor.zeros(shape), variableName, false);
        variables.add(slot);
        slotReferences.add(reference);
        return TensorAccess.data(slot);
    }

    /**
     * Adds a scalar integer slot, zero, named {@code variableName}, that belongs to {@code reference}, like Keras's
     * {@code backend.Variable(0, name=var.name)} (Adafactor's placeholders for variables it does not factor): saved
     * as an int32 scalar, as Keras saves it. Returns its live storage; only from {@link #buildSlots}.
     *
     * @throws IllegalStateException outside {@link #buildSlots}
     */
    protected final float[] addIntegerSlot(Variable reference, String variableName) {
        float[] data = addSlot(reference, dev.strata.tensor.Shape.of(), variableName);
        integerSlots.add(variables.getLast());
        return data;
    }

    /**
     * Adds a variable that belongs to no trainable variable (LossScaleOptimizer's {@code step_counter} and
     * {@code dynamic_scale}, Keras's {@code add_variable}); only from {@link #buildSlots}.
     */
    final float[] addVariable(Tensor initial, String variableName) {
        if (!building) {
            throw new IllegalStateException(describe() + ": addVariable('" + variableName + "') was called outside "
                    + "buildSlots");
        }
        Variable v = new Variable(initial, variableName, false);
        variables.add(v);
        slotReferences.add(null);
        return TensorAccess.data(v);
    }

    /** The variables the optimizer was built for, in build order (empty before). */
    final List<Variable> builtVariables() {
        return trainableVariables;
    }

    /**
     * Adds one slot per name for each variable, variable by variable (all of the first variable's slots, then
     * the second's, ...), like Keras's {@code add_optimizer_variables(variables, names)}. Returns the storage
     * as {@code [name][variable]}: {@code addSlots(vars, "momentum", "velocity")[1][i]} is variable
     * {@code i}'s velocity. For one name it is Keras's loop of {@code add_variable_from_reference}.
     *
     * @throws IllegalStateException outside {@link #buildSlots}
     */
    protected final float[][][] addSlots(List<Variable> trainableVariables, String... slotNames) {
        float[][][] out = new float[slotNames.length][trainableVariables.size()][];
        for (int i = 0; i < trainableVariables.size(); i++) {
            for (int s = 0; s < slotNames.length; s++) {
                out[s][i] = addSlot(trainableVariables.get(i), slotNames[s]);
            }
        }
        return out;
    }

    /**
     * For a fluent setter: throws if the optimizer is already built, since the slots and the options that
     * shaped them are fixed then.
     *
     * @param option the option's Keras name, for the message
     * @throws IllegalStateException after the first {@link #apply} or {@link #build}
     */
    protected final void checkNotBuilt(String option) {
        if (built) {
            throw new IllegalStateException(describe() + ": " + option + " can only be set before the first apply"
                    + " (the optimizer is already built for " + names(trainableVariables) + ")");
        }
    }

    /** The class and name, e.g. {@code "Adam 'adam_1'"}, to begin error messages with. */
    protected final String describe() {
        return className + " '" + name + "'";
    }

    /**
     * Checks that a hyperparameter is finite.
     *
     * @throws IllegalArgumentException naming {@code option} if it is NaN or infinite
     */
    protected static void checkFinite(String option, float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException(option + " must be finite, got " + value);
        }
    }

    /**
     * For a setter: checks that a hyperparameter is finite and at least 0 (Keras's "positive or zero").
     *
     * @param option the option's Keras name, for the message
     * @return the value as the decimal the user wrote ({@link #asDecimal})
     * @throws IllegalArgumentException naming this optimizer and {@code option} otherwise
     */
    protected final double checkNonNegative(String option, float value) {
        if (!(value >= 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(describe() + ": " + option + " must be >= 0 and finite, got " + value);
        }
        return asDecimal(value);
    }

    /**
     * For a setter: checks that a hyperparameter lies between {@code low} and {@code high}, each bound included or
     * not (a beta in [0, 1), Lion's beta_1 in (0, 1]).
     *
     * @param option the option's Keras name, for the message
     * @return the value as the decimal the user wrote ({@link #asDecimal})
     * @throws IllegalArgumentException naming this optimizer, {@code option} and the range otherwise
     */
    protected final double checkRange(String option, float value, double low, boolean lowIncluded, double high,
            boolean highIncluded) {
        if (!((lowIncluded ? value >= low : value > low) && (highIncluded ? value <= high : value < high))) {
            throw new IllegalArgumentException(describe() + ": " + option + " must be in " + (lowIncluded ? "[" : "(")
                    + bound(low) + ", " + bound(high) + (highIncluded ? "]" : ")") + ", got " + value);
        }
        return asDecimal(value);
    }

    private static String bound(double b) {
        return b == Math.rint(b) ? Long.toString((long) b) : Double.toString(b);
    }

    /**
     * The double a Java user meant by a float argument such as {@code 0.9f}: its shortest decimal form. Keras
     * keeps hyperparameters as Python floats (doubles) and rounds derived constants such as
     * {@code 1 - beta_1} to float32 only at the end; keep hyperparameters as this double, and compute such
     * constants as {@code (float) (1 - beta1)}, so that they, and the config values, come out as in Keras.
     */
    protected static double asDecimal(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    private static List<String> names(List<Variable> vars) {
        List<String> out = new ArrayList<>(vars.size());
        for (Variable v : vars) {
            out.add(v == null ? "null" : v.name());
        }
        return out;
    }

    // ---- config and printing ---------------------------------------------------------------------------

    /**
     * Keras's {@code get_config()}: the keys every Keras optimizer has, in Keras's order ({@code name,
     * learning_rate, weight_decay, clipnorm, global_clipnorm, clipvalue, use_ema, ema_momentum,
     * ema_overwrite_frequency, loss_scale_factor, gradient_accumulation_steps}); an optimizer with hyperparameters
     * of its own overrides this, starting from {@code super.getConfig()}, and puts its keys after these, as Keras's
     * {@code config.update({...})}. Unset options are {@code null}; floats are {@code Double}s (the learning rate is
     * its float32 value widened, as Keras reads it from its variable; other hyperparameters are the decimals the
     * user wrote, see {@link #asDecimal}); a {@link #learningRate(LearningRateSchedule) schedule} is written
     * serialized, as Keras's {@code learning_rate_schedule.serialize}. Each call returns a new map, which the caller
     * may change.
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("learning_rate", schedule != null ? KerasObjects.serialize(schedule, describe() + " learning_rate")
                : (Object) (double) learningRate());
        c.put("weight_decay", weightDecay.configValue());
        clipping.addConfig(c);
        c.put("use_ema", useEma);
        c.put("ema_momentum", emaMomentum);
        c.put("ema_overwrite_frequency", emaOverwriteFrequency);
        c.put("loss_scale_factor", lossScaleFactor);
        c.put("gradient_accumulation_steps", gradientAccumulationSteps);
        return c;
    }

    /**
     * The keys of every optimizer's config that this base class reads, whatever the optimizer: Keras 3's common
     * keys, and the ones Keras 2 wrote ({@code lr}, {@code decay}, {@code jit_compile}, {@code is_legacy_optimizer}).
     */
    static final Set<String> BASE_KEYS = Set.of("name", "learning_rate", "lr", "weight_decay", "clipnorm",
            "global_clipnorm", "clipvalue", "use_ema", "ema_momentum", "ema_overwrite_frequency", "loss_scale_factor",
            "gradient_accumulation_steps", "decay", "jit_compile", "is_legacy_optimizer");

    /**
     * Optimizers as a family of Keras objects: the keys every optimizer's config has, which this base class reads
     * for every optimizer made from a config, built-in or not (see {@link #readBaseConfig}). An optimizer's own
     * {@code fromConfig} (or constructor) reads only its own keys.
     */
    public static final KerasObjects.Family<Optimizer> FAMILY = new KerasObjects.Family<>(Optimizer.class, BASE_KEYS,
            Optimizer::readBaseConfig);

    /**
     * Applies the {@link #BASE_KEYS} of a config to an optimizer just made from it, as Keras's
     * {@code BaseOptimizer.__init__} takes them. A missing or null key keeps what the optimizer has (its class's
     * default learning rate, AdamW's weight decay); {@code learning_rate} (or Keras 2's {@code lr}) is a number or a
     * serialized {@link LearningRateSchedule}; {@code name}, the clipping options, {@code weight_decay}, the moving
     * average's options, {@code loss_scale_factor} and {@code gradient_accumulation_steps} are set when given (as in
     * Keras, {@code ema_momentum} and {@code ema_overwrite_frequency} are checked only with {@code use_ema}). Keras
     * 2's {@code decay} is accepted only at 0; {@code jit_compile} and {@code is_legacy_optimizer} change nothing.
     */
    static void readBaseConfig(Optimizer optimizer, Config c) {
        if (optimizer instanceof LossScaleOptimizer) {
            // Keras's LossScaleOptimizer takes only its name; older files wrote the other keys at their defaults
            String name = c.string("name", null);
            if (name != null) {
                setting(c, "name", () -> optimizer.name(name));
            }
            String why = "LossScaleOptimizer does not support it; set it on the inner_optimizer";
            c.requireDefault("learning_rate", null, why);
            c.requireDefault("lr", null, why);
            for (String key : List.of("weight_decay", "clipnorm", "global_clipnorm", "clipvalue",
                    "ema_overwrite_frequency", "loss_scale_factor", "gradient_accumulation_steps", "decay")) {
                c.requireDefault(key, null, why);
            }
            c.requireDefault("use_ema", false, why);
            c.requireDefault("ema_momentum", 0.99, why);
            c.ignore("jit_compile", "is_legacy_optimizer");
            return;
        }
        Object lr = c.has("learning_rate") ? c.raw("learning_rate") : c.raw("lr");
        c.ignore("learning_rate", "lr");
        if (lr instanceof Map) {
            LearningRateSchedule s = KerasObjects.deserialize(lr, LearningRateSchedule.class, c.context(),
                    c.where() + ".learning_rate");
            optimizer.learningRate(s);
        } else if (lr != null) {
            float rate = (float) c.toDouble(lr, "learning_rate");
            setting(c, "learning_rate", () -> optimizer.setLearningRate(rate));
        }
        String name = c.string("name", null);
        if (name != null) {
            setting(c, "name", () -> optimizer.name(name));
        }
        Object clip;
        if ((clip = c.raw("clipnorm")) != null) {
            float v = (float) c.toDouble(clip, "clipnorm");
            setting(c, "clipnorm", () -> optimizer.clipnorm(v));
        }
        if ((clip = c.raw("global_clipnorm")) != null) {
            float v = (float) c.toDouble(clip, "global_clipnorm");
            setting(c, "global_clipnorm", () -> optimizer.globalClipnorm(v));
        }
        if ((clip = c.raw("clipvalue")) != null) {
            float v = (float) c.toDouble(clip, "clipvalue");
            setting(c, "clipvalue", () -> optimizer.clipvalue(v));
        }
        Object decay = c.raw("weight_decay"); // None: no decay (AdamW keeps its default, where Keras refuses None)
        if (decay != null) {
            float v = (float) c.toDouble(decay, "weight_decay");
            setting(c, "weight_decay", () -> optimizer.weightDecay(v));
        }
        boolean ema = c.bool("use_ema", false);
        Object momentum = c.raw("ema_momentum");
        Object frequency = c.raw("ema_overwrite_frequency");
        c.ignore("ema_momentum", "ema_overwrite_frequency");
        if (ema) {
            setting(c, "use_ema", () -> optimizer.useEma(true));
            if (momentum != null) {
                float m = (float) c.toDouble(momentum, "ema_momentum");
                setting(c, "ema_momentum", () -> optimizer.emaMomentum(m));
            }
            if (frequency != null) {
                int f = c.toInt(frequency, "ema_overwrite_frequency");
                setting(c, "ema_overwrite_frequency", () -> optimizer.emaOverwriteFrequency(f));
            }
        } else {
            // Keras keeps (and writes back) these unchecked when the average is off
            if (momentum != null) {
                optimizer.emaMomentum = c.toDouble(momentum, "ema_momentum");
            }
            if (frequency != null) {
                optimizer.emaOverwriteFrequency = c.toInt(frequency, "ema_overwrite_frequency");
            }
        }
        Object scale = c.raw("loss_scale_factor");
        if (scale != null) {
            float f = (float) c.toDouble(scale, "loss_scale_factor");
            setting(c, "loss_scale_factor", () -> optimizer.lossScaleFactor(f));
        }
        Object accumulation = c.raw("gradient_accumulation_steps");
        if (accumulation != null) {
            int n = c.toInt(accumulation, "gradient_accumulation_steps");
            setting(c, "gradient_accumulation_steps", () -> optimizer.gradientAccumulationSteps(n));
        }
        c.requireDefault("decay", 0.0, "Keras 2's learning-rate decay is not supported");
        c.ignore("jit_compile", "is_legacy_optimizer");
    }

    /** Runs a setter for {@code key}, reporting a value it refuses as an error at the config. */
    private static void setting(Config c, String key, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw c.error("'" + key + "': " + e.getMessage());
        }
    }

    /** E.g. {@code Adam(name=adam, learning_rate=0.001, beta_1=0.9, ..., iterations=0)}; unset options are left out. */
    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", className + "(", ")");
        for (Map.Entry<String, Object> e : getConfig().entrySet()) {
            Object value = e.getValue();
            if (value == null || (!useEma && (e.getKey().equals("use_ema") || e.getKey().equals("ema_momentum")))) {
                continue; // features not in use
            }
            if (e.getKey().equals("learning_rate")) {
                value = schedule != null ? schedule + " (now " + learningRate() + ")" : learningRate();
            }
            s.add(e.getKey() + "=" + value);
        }
        s.add("iterations=" + iterations());
        return s.toString();
    }
}
