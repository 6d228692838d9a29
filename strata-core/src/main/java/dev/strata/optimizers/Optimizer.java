package dev.strata.optimizers;

import dev.strata.ShapeException;
import dev.strata.internal.TensorAccess;
import dev.strata.internal.kernels.Parallelism;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The base of Strata's optimizers, like {@code keras.optimizers.Optimizer}: it owns the step counter, the
 * learning rate and one set of state variables ("slots") per trainable variable, and updates variables in
 * place from their gradients.
 *
 * <p>{@link #apply} follows Keras 3's {@code BaseOptimizer.apply}: on the first call it builds the slots for
 * the variables given; it skips variables whose gradient is {@code null}; it clips the gradients (by
 * {@link #clipnorm}, else {@link #globalClipnorm}, else {@link #clipvalue}); it runs the optimizer's update
 * rule on each variable; then it adds one to {@link #iterations}. The arithmetic is float32, in Keras's order,
 * so results match Keras to about one unit in the last place. Updates write straight into the variables'
 * storage and are never recorded on a {@link dev.strata.autodiff.GradientTape}.
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
 * <p>Not supported yet (their {@link #config()} keys show Keras's defaults): weight decay, EMA of the
 * weights, loss scaling, gradient accumulation and learning-rate schedules. An optimizer is not thread-safe.
 */
public abstract class Optimizer {
    /** Variables at least twice this size are updated on several threads (smaller ones are not worth a hand-off). */
    private static final int PARALLEL_MIN_ELEMENTS = 32_768;

    static {
        dev.strata.internal.OptimizerAccess.install(new dev.strata.internal.OptimizerAccess.Accessor() {
            @Override
            public List<Variable> slotReferences(Object opt) {
                return Collections.unmodifiableList(new ArrayList<>(((Optimizer) opt).slotReferences));
            }

            @Override
            public List<Variable> builtFor(Object opt) {
                return ((Optimizer) opt).trainableVariables;
            }

            @Override
            public void setIterations(Object opt, long iterations) {
                Optimizer optimizer = (Optimizer) opt;
                if (iterations < 0) {
                    throw new IllegalArgumentException(optimizer.describe() + ": iterations must be >= 0, got "
                            + iterations);
                }
                optimizer.iterations = iterations;
                TensorAccess.data(optimizer.iterationVariable)[0] = iterations;
            }
        });
    }

    /** The class name Keras's {@code auto_name} derives the default name from, e.g. {@code "RMSprop"}. */
    private final String className;
    private String name;
    /** Keras's {@code iteration} variable: int32 there, a float32 scalar here (exact up to 2^24 steps). */
    private final Variable iterationVariable;
    private final Variable learningRateVariable;
    /** The exact step count; {@link #iterationVariable} mirrors it (see {@link #currentIterations}). */
    private long iterations;

    /** Clipping thresholds as Keras holds them (Python floats), or NaN when unset. */
    private double clipnorm = Double.NaN;
    private double globalClipnorm = Double.NaN;
    private double clipvalue = Double.NaN;

    private boolean built;
    private List<Variable> trainableVariables = List.of();
    private final IdentityHashMap<Variable, Integer> indices = new IdentityHashMap<>();
    private final List<Variable> variables = new ArrayList<>();
    /** Parallel to {@link #variables}: the trainable variable each slot was made for (null for the first two). */
    private final List<Variable> slotReferences = new ArrayList<>();
    /** Holds one clipped gradient at a time; sized to the largest variable when clipping is on. */
    private float[] scratch;

    Optimizer(String className, float learningRate) {
        this.className = className;
        this.name = dev.strata.internal.Names.autoName(className);
        checkFinite("learning_rate", learningRate);
        this.iterationVariable = new Variable(Tensor.scalar(0f), "iteration", false);
        this.learningRateVariable = new Variable(Tensor.scalar(learningRate), "learning_rate", false);
        variables.add(iterationVariable);
        variables.add(learningRateVariable);
        slotReferences.add(null);
        slotReferences.add(null);
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

    /** The current learning rate (the value of the {@code learning_rate} variable). */
    public float learningRate() {
        return TensorAccess.data(learningRateVariable)[0];
    }

    /**
     * Sets the learning rate, at any time (like {@code optimizer.learning_rate = x} in Keras).
     *
     * @throws IllegalArgumentException if it is NaN or infinite
     */
    public void setLearningRate(float learningRate) {
        checkFinite("learning_rate", learningRate);
        TensorAccess.data(learningRateVariable)[0] = learningRate;
    }

    /** The number of {@link #apply} calls that updated variables so far (Keras's {@code optimizer.iterations}). */
    public long iterations() {
        return currentIterations();
    }

    /**
     * Clips each gradient tensor to L2 norm at most {@code clipnorm}: {@code g * clipnorm / max(||g||, clipnorm)}.
     *
     * @throws IllegalArgumentException if it is not positive and finite, or if {@link #clipvalue} or
     *     {@link #globalClipnorm} is set (Keras allows one of the three)
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Optimizer clipnorm(float clipnorm) {
        this.clipnorm = checkClip("clipnorm", clipnorm, globalClipnorm, "global_clipnorm", clipvalue, "clipvalue");
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
        this.globalClipnorm = checkClip("global_clipnorm", globalClipnorm, clipnorm, "clipnorm", clipvalue,
                "clipvalue");
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
        this.clipvalue = checkClip("clipvalue", clipvalue, clipnorm, "clipnorm", globalClipnorm,
                "global_clipnorm");
        return this;
    }

    /** Validates a clipping option and returns it as the double Keras would hold. */
    private double checkClip(String option, float value, double other1, String name1, double other2,
            String name2) {
        checkNotBuilt(option);
        if (!(value > 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(describe() + ": " + option + " must be positive and finite, got "
                    + value);
        }
        if (!Double.isNaN(other1) || !Double.isNaN(other2)) {
            String set = !Double.isNaN(other1) ? name1 + "=" + other1 : name2 + "=" + other2;
            throw new IllegalArgumentException(describe() + ": only one of clipnorm, clipvalue and global_clipnorm"
                    + " can be set; cannot set " + option + "=" + value + " because " + set + " is set");
        }
        return asDecimal(value);
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
    public void build(List<Variable> trainableVariables) {
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
        buildSlots(this.trainableVariables);
        if (clipping()) {
            int max = 0;
            for (Variable v : this.trainableVariables) {
                max = Math.max(max, v.size());
            }
            scratch = new float[max];
        }
        built = true;
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

    private void update(List<? extends Tensor> grads, List<Variable> variables) {
        float lr = learningRate();
        long step = currentIterations() + 1; // Keras's local_step = iterations + 1
        float globalScale = Float.NaN;
        if (!Double.isNaN(globalClipnorm)) {
            globalScale = globalClipScale(grads);
        }
        prepareStep(lr, step);
        for (int i = 0; i < grads.size(); i++) {
            Tensor g = grads.get(i);
            if (g == null) {
                continue;
            }
            Variable v = variables.get(i);
            float[] gradient = clip(TensorAccess.data(g), globalScale);
            float[] value = TensorAccess.data(v);
            int index = indices.get(v);
            // Element-wise rules, so a large variable is split over the kernel threads with the same result.
            Parallelism.forRange(value.length, PARALLEL_MIN_ELEMENTS,
                    (from, to) -> updateStep(index, gradient, value, lr, from, to));
        }
        iterations = step;
        TensorAccess.data(iterationVariable)[0] = step;
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

    private boolean clipping() {
        return !Double.isNaN(clipnorm) || !Double.isNaN(globalClipnorm) || !Double.isNaN(clipvalue);
    }

    /**
     * The gradient after clipping, in Keras's float32 arithmetic. Returns {@code g} itself when no clipping is
     * set; otherwise the result goes into {@link #scratch} (never into {@code g}, which the caller owns).
     */
    private float[] clip(float[] g, float globalScale) {
        if (!Double.isNaN(clipnorm)) {
            // _clip_by_norm: (g * clipnorm) / max(l2norm, clipnorm), with l2norm = 0 for an all-zero gradient
            float c = (float) clipnorm;
            float l2sum = sumOfSquares(g);
            float l2norm = l2sum > 0 ? (float) Math.sqrt(l2sum) : l2sum;
            float denominator = Math.max(l2norm, c);
            for (int i = 0; i < g.length; i++) {
                scratch[i] = g[i] * c / denominator;
            }
            return scratch;
        }
        if (!Double.isNaN(globalClipnorm)) {
            for (int i = 0; i < g.length; i++) {
                scratch[i] = g[i] * globalScale;
            }
            return scratch;
        }
        if (!Double.isNaN(clipvalue)) {
            float hi = (float) clipvalue;
            float lo = -hi;
            for (int i = 0; i < g.length; i++) {
                scratch[i] = Math.min(Math.max(g[i], lo), hi); // NaN stays NaN, as in ops.clip
            }
            return scratch;
        }
        return g;
    }

    /**
     * Keras's {@code clip_by_global_norm} factor: {@code clip * min(1 / norm, 1 / clip) + (norm - norm)}. Note
     * that it is not exactly 1 when the norm is below the threshold ({@code 3 * float32(1/3)} is
     * {@code 1.0000001}), and the last term turns an infinite or NaN norm into NaN.
     */
    private float globalClipScale(List<? extends Tensor> grads) {
        double total = 0; // sum of the per-tensor float32 sums, like ops.sum(ops.stack(squared_norms))
        for (Tensor g : grads) {
            if (g != null) {
                total += sumOfSquares(TensorAccess.data(g));
            }
        }
        float norm = (float) Math.sqrt((float) total);
        float c = (float) globalClipnorm;
        float scale = c * Math.min(1f / norm, (float) (1.0 / globalClipnorm));
        return scale + (norm - norm);
    }

    /** The float32 sum of squares, accumulated in double so that it is the correctly rounded value. */
    private static float sumOfSquares(float[] g) {
        double sum = 0;
        for (float x : g) {
            float sq = x * x; // ops.square is float32
            sum += sq;
        }
        return (float) sum;
    }

    // ---- what subclasses provide -----------------------------------------------------------------------

    /** Creates the slots for the trainable variables (in Keras's order), using {@link #addSlot}. */
    abstract void buildSlots(List<Variable> trainableVariables);

    /** Called once per {@link #apply}, before the per-variable updates: compute step-dependent constants. */
    void prepareStep(float learningRate, long step) {
    }

    /**
     * The update rule for one variable, on its elements {@code [from, to)}: {@code index} is its position in the
     * build list, {@code gradient} is read-only, {@code value} is the variable's live storage. Rules must be
     * element-wise: ranges of one variable may be updated on different threads at once.
     */
    abstract void updateStep(int index, float[] gradient, float[] value, float learningRate, int from, int to);

    /** The optimizer's own config entries, appended after the common ones. */
    abstract void addConfig(Map<String, Object> config);

    /**
     * A zero-initialised slot shaped like {@code reference}, named like Keras's
     * {@code add_variable_from_reference} does for a variable without a path ({@code kernel_momentum}), and
     * appended to {@link #variables()}. Returns its live storage.
     */
    final float[] addSlot(Variable reference, String slotName) {
        String base = reference.name().replace('/', '_').replace(':', '_');
        Variable slot = new Variable(Tensor.zeros(reference.shape()), base + "_" + slotName, false);
        variables.add(slot);
        slotReferences.add(reference);
        return TensorAccess.data(slot);
    }

    final void checkNotBuilt(String option) {
        if (built) {
            throw new IllegalStateException(describe() + ": " + option + " can only be set before the first apply"
                    + " (the optimizer is already built for " + names(trainableVariables) + ")");
        }
    }

    /** {@code "Adam 'adam_1'"}, for messages. */
    final String describe() {
        return className + " '" + name + "'";
    }

    static void checkFinite(String option, float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException(option + " must be finite, got " + value);
        }
    }

    /**
     * The double a Java user meant by a float argument such as {@code 0.9f}: its shortest decimal form. Keras
     * keeps hyperparameters as Python floats (doubles) and rounds derived constants such as
     * {@code 1 - beta_1} to float32 only at the end; going through the decimal makes those constants, and the
     * config values, come out as in Keras.
     */
    static double asDecimal(float value) {
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
     * The configuration with Keras's {@code get_config()} keys, in its order: {@code name, learning_rate,
     * weight_decay, clipnorm, global_clipnorm, clipvalue, use_ema, ema_momentum, ema_overwrite_frequency,
     * loss_scale_factor, gradient_accumulation_steps}, then the optimizer's own. Unset options are
     * {@code null}; floats are {@code Double}s (the learning rate is its float32 value widened, as Keras
     * reads it from its variable).
     */
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("learning_rate", (double) learningRate());
        c.put("weight_decay", null);
        c.put("clipnorm", orNull(clipnorm));
        c.put("global_clipnorm", orNull(globalClipnorm));
        c.put("clipvalue", orNull(clipvalue));
        c.put("use_ema", false);
        c.put("ema_momentum", 0.99);
        c.put("ema_overwrite_frequency", null);
        c.put("loss_scale_factor", null);
        c.put("gradient_accumulation_steps", null);
        addConfig(c);
        return Collections.unmodifiableMap(c);
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** E.g. {@code Adam(name=adam, learning_rate=0.001, beta_1=0.9, ..., iterations=0)}; unset options are left out. */
    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", className + "(", ")");
        for (Map.Entry<String, Object> e : config().entrySet()) {
            Object value = e.getValue();
            if (value == null || e.getKey().equals("use_ema") || e.getKey().equals("ema_momentum")) {
                continue; // features not in use
            }
            if (e.getKey().equals("learning_rate")) {
                value = learningRate();
            }
            s.add(e.getKey() + "=" + value);
        }
        s.add("iterations=" + iterations());
        return s.toString();
    }
}
