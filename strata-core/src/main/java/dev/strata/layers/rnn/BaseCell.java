package dev.strata.layers.rnn;

import dev.strata.activations.Activation;
import dev.strata.activations.Activations;
import dev.strata.config.Config;
import dev.strata.constraints.Constraint;
import dev.strata.constraints.Constraints;
import dev.strata.initializers.Initializer;
import dev.strata.initializers.Initializers;
import dev.strata.ops.Ops;
import dev.strata.regularizers.Regularizer;
import dev.strata.regularizers.Regularizers;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * What Keras's SimpleRNNCell, LSTMCell and GRUCell share: units, activation, the kernel / recurrent kernel / bias with
 * their initializers, regularizers and constraints, and the per-sequence dropout masks of Keras's
 * {@code DropoutRNNCell} (drawn at the first step of a sequence in training, reused at every step, forgotten when the
 * {@link RNN} finishes the sequence).
 *
 * <p>A step is split in two, so that an RNN can compute the input half for all time steps with one GEMM:
 * {@link #projectInputs} (input dropout, {@code x · kernel + input bias}, on (batch, features) or
 * (batch, time, features)) and {@link #recur} (the rest of the step from the projected input and the states).
 *
 * @param <C> the concrete cell, for fluent setters
 */
abstract class BaseCell<C extends BaseCell<C>> extends RNNCell {
    final int units;
    Activation activation = Activations.TANH;
    boolean useBias = true;
    Initializer kernelInitializer = Initializers.glorotUniform();
    Initializer recurrentInitializer = Initializers.orthogonal(1f);
    Initializer biasInitializer = Initializers.zeros();
    Regularizer kernelRegularizer;
    Regularizer recurrentRegularizer;
    Regularizer biasRegularizer;
    Constraint kernelConstraint;
    Constraint recurrentConstraint;
    Constraint biasConstraint;
    double dropout;
    double recurrentDropout;
    Long seed;
    private RandomGenerator generator;
    Variable kernel;
    Variable recurrentKernel;
    Variable bias;
    // The masks of the sequence being run (training only): one per gate block, or one for all.
    private Tensor[] inputMasks;
    private Tensor[] recurrentMasks;

    BaseCell(String kind, int units, String name) {
        super(name);
        if (units <= 0) {
            throw new IllegalArgumentException(kind + ": units must be a positive integer, got " + units);
        }
        this.units = units;
    }

    @SuppressWarnings("unchecked")
    final C self() {
        return (C) this;
    }

    /** The number of gate blocks of {@code units} columns in the kernels (1, 4 for LSTM, 3 for GRU). */
    abstract int gates();

    /**
     * The number of separate dropout masks per sequence: Keras's LSTM and GRU draw one per gate when they run their
     * {@code implementation=1} (always with recurrent dropout); SimpleRNN has one gate.
     */
    int dropoutMaskCount() {
        return recurrentDropout != 0 ? gates() : 1;
    }

    // ---- settings ------------------------------------------------------------------------------------------------

    /** The number of units (the size of the output and of each state). */
    public int units() {
        return units;
    }

    /** The activation (default {@code tanh}). */
    public C activation(Activation a) {
        requireNotBuilt("activation");
        this.activation = a == null ? Activations.LINEAR : a;
        return self();
    }

    /** The activation by Keras name. */
    public C activation(String name) {
        return activation(Activations.get(name));
    }

    /** The activation. */
    public Activation activation() {
        return activation;
    }

    /** Whether to add a bias (default true). */
    public C useBias(boolean use) {
        requireNotBuilt("useBias");
        this.useBias = use;
        return self();
    }

    /** The kernel's initializer (default {@code glorot_uniform}). */
    public C kernelInitializer(Initializer i) {
        requireNotBuilt("kernelInitializer");
        this.kernelInitializer = java.util.Objects.requireNonNull(i, "initializer");
        return self();
    }

    /** The kernel's initializer by Keras name. */
    public C kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    /** The recurrent kernel's initializer (default {@code orthogonal}). */
    public C recurrentInitializer(Initializer i) {
        requireNotBuilt("recurrentInitializer");
        this.recurrentInitializer = java.util.Objects.requireNonNull(i, "initializer");
        return self();
    }

    /** The recurrent kernel's initializer by Keras name. */
    public C recurrentInitializer(String name) {
        return recurrentInitializer(Initializers.get(name));
    }

    /** The bias initializer (default {@code zeros}). */
    public C biasInitializer(Initializer i) {
        requireNotBuilt("biasInitializer");
        this.biasInitializer = java.util.Objects.requireNonNull(i, "initializer");
        return self();
    }

    /** The bias initializer by Keras name. */
    public C biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    /** A penalty on the kernel (null for none). */
    public C kernelRegularizer(Regularizer r) {
        requireNotBuilt("kernelRegularizer");
        this.kernelRegularizer = r;
        return self();
    }

    /** A penalty on the recurrent kernel (null for none). */
    public C recurrentRegularizer(Regularizer r) {
        requireNotBuilt("recurrentRegularizer");
        this.recurrentRegularizer = r;
        return self();
    }

    /** A penalty on the bias (null for none). */
    public C biasRegularizer(Regularizer r) {
        requireNotBuilt("biasRegularizer");
        this.biasRegularizer = r;
        return self();
    }

    /** A constraint on the kernel (null for none). */
    public C kernelConstraint(Constraint c) {
        requireNotBuilt("kernelConstraint");
        this.kernelConstraint = c;
        return self();
    }

    /** A constraint on the recurrent kernel (null for none). */
    public C recurrentConstraint(Constraint c) {
        requireNotBuilt("recurrentConstraint");
        this.recurrentConstraint = c;
        return self();
    }

    /** A constraint on the bias (null for none). */
    public C biasConstraint(Constraint c) {
        requireNotBuilt("biasConstraint");
        this.biasConstraint = c;
        return self();
    }

    /** The fraction of the inputs dropped in training, clipped to [0, 1] as Keras does (default 0). */
    public C dropout(double rate) {
        this.dropout = Math.min(1.0, Math.max(0.0, rate));
        return self();
    }

    /** The dropout rate of the inputs. */
    public double dropout() {
        return dropout;
    }

    /** The fraction of the recurrent state dropped in training, clipped to [0, 1] (default 0). */
    public C recurrentDropout(double rate) {
        this.recurrentDropout = Math.min(1.0, Math.max(0.0, rate));
        return self();
    }

    /** The dropout rate of the recurrent state. */
    public double recurrentDropout() {
        return recurrentDropout;
    }

    /** Draws the dropout masks from the cell's own generator seeded with {@code seed} (Keras's {@code seed}). */
    public C seed(long seed) {
        this.seed = seed;
        this.generator = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        return self();
    }

    /** The kernel, (input_dim, gates * units); null before the cell is built. */
    public Variable kernel() {
        return kernel;
    }

    /** The recurrent kernel, (units, gates * units); null before the cell is built. */
    public Variable recurrentKernel() {
        return recurrentKernel;
    }

    /** The bias; null before the cell is built or without a bias. */
    public Variable bias() {
        return bias;
    }

    @Override
    public List<Integer> stateSize() {
        return List.of(units);
    }

    @Override
    public int outputSize() {
        return units;
    }

    // ---- weights -------------------------------------------------------------------------------------------------

    @Override
    protected void build(Shape inputShape) {
        int inputDim = inputShape.get(-1);
        if (inputDim == Shape.UNKNOWN) {
            throw new dev.strata.ShapeException(describe() + " needs the last dimension of its input to be known, got "
                    + "shape " + inputShape);
        }
        kernel = addWeight("kernel", Shape.of(inputDim, gates() * units), kernelInitializer, true, kernelRegularizer,
                kernelConstraint);
        recurrentKernel = addWeight("recurrent_kernel", Shape.of(units, gates() * units), recurrentInitializer, true,
                recurrentRegularizer, recurrentConstraint);
        if (useBias) {
            bias = addWeight("bias", biasShape(), biasInitializerForBuild(), true, biasRegularizer, biasConstraint);
        }
    }

    Shape biasShape() {
        return Shape.of(gates() * units);
    }

    Initializer biasInitializerForBuild() {
        return biasInitializer;
    }

    // ---- one step ------------------------------------------------------------------------------------------------

    @Override
    protected Tensors call(Tensor input, List<Tensor> states) {
        return recur(projectInputs(input), states);
    }

    /** The bias added to the projected inputs (all of it, except GRU's recurrent half), or null. */
    Tensor inputBias() {
        return bias;
    }

    /**
     * {@code dropout(x) · kernel + input bias} on one step (batch, features) or on a whole sequence
     * (batch, time, features): in the latter case one GEMM over batch × time, the same mask at every step.
     */
    final Tensor projectInputs(Tensor x) {
        Tensor[] masks = inputMasks(x);
        Tensor b = inputBias();
        if (masks == null) {
            return project(x, kernel, b);
        }
        if (masks.length == 1) {
            return project(Ops.multiply(x, stepAligned(masks[0], x)), kernel, b);
        }
        // one mask per gate block (Keras's implementation 1): x_g = (x * m_g) · kernel_g + b_g
        int g = gates();
        List<Tensor> kernels = Ops.split(kernel, g, -1);
        List<Tensor> biases = b == null ? null : Ops.split(b, g, 0);
        List<Tensor> parts = new ArrayList<>(g);
        for (int i = 0; i < g; i++) {
            parts.add(project(Ops.multiply(x, stepAligned(masks[i], x)), kernels.get(i),
                    biases == null ? null : biases.get(i)));
        }
        return Ops.concatenate(parts, channelAxis(x.shape().rank()));
    }

    /** Whether {@link #projectInputs} multiplies x by dropout masks first (training with input dropout). */
    final boolean dropsInputs(Tensor x) {
        return inputMasks(x) != null;
    }

    /**
     * {@code x · kernel + bias} (bias may be null) on a step or a whole sequence: the input half of a step, which a
     * convolutional cell computes by convolution instead.
     */
    Tensor project(Tensor x, Tensor kernel, Tensor bias) {
        return Ops.dense(x, kernel, bias, "linear");
    }

    /** {@code h · kernel}: the recurrent half of a step, which a convolutional cell computes by convolution. */
    Tensor recurrentTransform(Tensor h, Tensor kernel) {
        return Ops.matmul(h, kernel);
    }

    /** The axis holding the gate blocks (the units) in a tensor of this rank: the last here. */
    int channelAxis(int rank) {
        return rank - 1;
    }

    /**
     * The rest of one step: the output and new states from the projected input (batch, gates * units) and the
     * previous states.
     */
    abstract Tensors recur(Tensor projected, List<Tensor> states);

    /**
     * {@code h · part} where {@code part} holds {@code count} gate blocks of the recurrent kernel from gate
     * {@code firstGate} on, with the recurrent dropout masks of training applied to {@code h} (one mask for all, or
     * each gate's own).
     */
    final Tensor recurrentProduct(Tensor h, Tensor part, int firstGate, int count) {
        Tensor[] masks = recurrentMasks(h);
        if (masks == null) {
            return recurrentTransform(h, part);
        }
        if (masks.length == 1) {
            return recurrentTransform(Ops.multiply(h, masks[0]), part);
        }
        List<Tensor> kernels = count == 1 ? List.of(part) : Ops.split(part, count, -1);
        List<Tensor> parts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            parts.add(recurrentTransform(Ops.multiply(h, masks[firstGate + i]), kernels.get(i)));
        }
        return count == 1 ? parts.getFirst() : Ops.concatenate(parts, channelAxis(h.shape().rank()));
    }

    /** {@code h} with gate {@code gate}'s recurrent dropout mask applied in training (as is otherwise). */
    final Tensor recurrentMasked(Tensor h, int gate) {
        Tensor[] masks = recurrentMasks(h);
        return masks == null ? h : Ops.multiply(h, masks[masks.length == 1 ? 0 : gate]);
    }

    // ---- dropout masks -------------------------------------------------------------------------------------------

    private Tensor[] inputMasks(Tensor x) {
        if (!(dropout > 0 && dropout < 1) || !training() || x.isSymbolic()) {
            return null;
        }
        if (inputMasks == null) {
            Shape s = x.shape();
            inputMasks = draw(s.rank() == stepRank() + 2 ? s.subShape(2, s.rank()).prepend(s.get(0)) : s, dropout);
        }
        return inputMasks;
    }

    private Tensor[] recurrentMasks(Tensor h) {
        if (!(recurrentDropout > 0 && recurrentDropout < 1) || !training() || h.isSymbolic()) {
            return null;
        }
        if (recurrentMasks == null) {
            recurrentMasks = draw(h.shape(), recurrentDropout);
        }
        return recurrentMasks;
    }

    /** Keras's {@code dropout(ones_like(step), rate)}: 1 / (1 - rate) where kept, else 0. */
    private Tensor[] draw(Shape shape, double rate) {
        Tensor[] out = new Tensor[dropoutMaskCount()];
        float keep = (float) (1.0 - rate);
        float kept = 1f / keep;
        for (int m = 0; m < out.length; m++) {
            float[] u = (generator == null ? Tensor.uniform(shape, 0f, 1f) : Tensor.uniform(shape, 0f, 1f, generator))
                    .toFloatArray();
            for (int i = 0; i < u.length; i++) {
                u[i] = u[i] < keep ? kept : 0f;
            }
            out[m] = Tensor.of(u, shape);
        }
        return out;
    }

    /** A (batch, *step) mask made to multiply a step or, as (batch, 1, *step), a whole sequence. */
    private Tensor stepAligned(Tensor mask, Tensor x) {
        return x.shape().rank() == stepRank() + 2 ? Ops.expandDims(mask, 1) : mask;
    }

    @Override
    void resetDropoutMasks() {
        inputMasks = null;
        recurrentMasks = null;
    }

    // ---- config --------------------------------------------------------------------------------------------------

    /** The config keys every cell has, in Keras's order, up to (not including) those a cell adds after them. */
    final Map<String, Object> cellConfig(boolean withRecurrentActivation, Activation recurrentActivation,
                                         Map<String, Object> afterUseBias) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("units", units);
        c.put("activation", activation.name());
        if (withRecurrentActivation) {
            c.put("recurrent_activation", recurrentActivation.name());
        }
        c.put("use_bias", useBias);
        c.putAll(afterUseBias);
        c.put("kernel_initializer", Initializers.serialize(kernelInitializer));
        c.put("recurrent_initializer", Initializers.serialize(recurrentInitializer));
        c.put("bias_initializer", Initializers.serialize(biasInitializer));
        c.put("kernel_regularizer", Regularizers.serialize(kernelRegularizer));
        c.put("recurrent_regularizer", Regularizers.serialize(recurrentRegularizer));
        c.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        c.put("kernel_constraint", Constraints.serialize(kernelConstraint));
        c.put("recurrent_constraint", Constraints.serialize(recurrentConstraint));
        c.put("bias_constraint", Constraints.serialize(biasConstraint));
        c.put("dropout", dropout);
        c.put("recurrent_dropout", recurrentDropout);
        return c;
    }

    /** Reads the keys {@link #cellConfig} writes (and {@code seed}) into this cell. */
    final C readCellConfig(Config config) {
        if (config.has("activation")) {
            activation(config.object("activation", Activation.class));
        }
        useBias(config.bool("use_bias", true));
        Initializer k = config.object("kernel_initializer", Initializer.class);
        if (k != null) {
            kernelInitializer(k);
        }
        Initializer r = config.object("recurrent_initializer", Initializer.class);
        if (r != null) {
            recurrentInitializer(r);
        }
        Initializer b = config.object("bias_initializer", Initializer.class);
        if (b != null) {
            biasInitializer(b);
        }
        kernelRegularizer(config.object("kernel_regularizer", Regularizer.class));
        recurrentRegularizer(config.object("recurrent_regularizer", Regularizer.class));
        biasRegularizer(config.object("bias_regularizer", Regularizer.class));
        kernelConstraint(config.object("kernel_constraint", Constraint.class));
        recurrentConstraint(config.object("recurrent_constraint", Constraint.class));
        biasConstraint(config.object("bias_constraint", Constraint.class));
        dropout(config.number("dropout", 0.0));
        recurrentDropout(config.number("recurrent_dropout", 0.0));
        Integer s = config.integer("seed", null);
        if (s != null) {
            seed(s);
        }
        return self();
    }

    /** The seed as Keras writes it (null if none). */
    final Object seedConfig() {
        return seed == null ? null : (Object) seed.intValue();
    }

    /** Reads Keras's recurrent activation, defaulting to sigmoid; Keras 2 files name hard_sigmoid. */
    static Activation recurrentActivation(Config config) {
        Activation a = config.object("recurrent_activation", Activation.class);
        return a == null && !config.has("recurrent_activation") ? Activations.SIGMOID : a;
    }
}
