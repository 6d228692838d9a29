package dev.strata.layers.rnn;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.config.KerasObjects;
import dev.strata.layers.KerasCallArguments;
import dev.strata.layers.Layer;
import dev.strata.internal.masks.Masks;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a cell over the time axis of a sequence, like {@code keras.layers.RNN}: input (batch, time, features), output
 * the last step's output (batch, output_size), or all of them (batch, time, output_size) with
 * {@link #returnSequences}; with {@link #returnState} the final states follow the output. Any {@link RNNCell} runs,
 * one a user writes in Java too; a list of cells runs as {@link StackedRNNCells}.
 *
 * <pre>{@code
 * Tensor y = new RNN(new LSTMCell(32)).returnSequences(true).apply(x);          // (batch, time, 32)
 * Tensors out = new RNN(new GRUCell(8)).returnState(true).apply(List.of(x, h0)); // output, final state; from h0
 * }</pre>
 *
 * <p>Initial states, when given, follow the sequence among the inputs (Keras's {@code initial_state}). With
 * {@link #stateful} the final states of a batch are the initial states of the next, until {@link #resetStates()}.
 * {@link #goBackwards} runs the steps in reverse (the outputs come in that order). Dropout of the built-in cells uses
 * one mask per sequence, in training only. {@code unroll} is accepted: the loop is the same either way.
 *
 * <p>The time axis may be unknown while tracing: the output shapes come from {@link #computeOutputShape(List)}.
 * The built-in cells compute the input half of all steps at once (one GEMM over batch × time), then one GEMM with the
 * recurrent kernel per step.
 */
public class RNN extends Layer implements KerasCallArguments {
    private final RNNCell cell;
    private boolean returnSequences;
    private boolean returnState;
    private boolean goBackwards;
    private boolean stateful;
    private boolean unroll;
    private boolean zeroOutputForMask;
    // The states a stateful layer carries to its next batch (not weights: Keras does not save them).
    private Tensor[] states;

    /** Runs {@code cell} over the time axis. */
    public RNN(RNNCell cell) {
        this(cell, null);
    }

    /** Runs the cells stacked ({@link StackedRNNCells}) over the time axis. */
    public RNN(List<? extends RNNCell> cells) {
        this(new StackedRNNCells(cells), null);
    }

    RNN(RNNCell cell, String name) {
        super(name);
        this.cell = Objects.requireNonNull(cell, "cell");
    }

    @Override
    public RNN named(String name) {
        super.named(name);
        return this;
    }

    /** The cell run at each step. */
    public RNNCell cell() {
        return cell;
    }

    /** Whether to return the output of every step (default false: the last). */
    public RNN returnSequences(boolean all) {
        requireNotBuilt("returnSequences");
        this.returnSequences = all;
        return this;
    }

    /** Whether the output is that of every step. */
    public boolean returnSequences() {
        return returnSequences;
    }

    /** Whether the final states follow the output (default false). */
    public RNN returnState(boolean withStates) {
        requireNotBuilt("returnState");
        this.returnState = withStates;
        return this;
    }

    /** Whether the final states follow the output. */
    public boolean returnState() {
        return returnState;
    }

    /** Whether to run the steps from the last to the first (default false). */
    public RNN goBackwards(boolean backwards) {
        requireNotBuilt("goBackwards");
        this.goBackwards = backwards;
        return this;
    }

    /** Whether the steps run from the last to the first. */
    public boolean goBackwards() {
        return goBackwards;
    }

    /** Whether a batch starts from the final states of the previous one (default false). */
    public RNN stateful(boolean keep) {
        requireNotBuilt("stateful");
        this.stateful = keep;
        return this;
    }

    /** Whether a batch starts from the final states of the previous one. */
    public boolean stateful() {
        return stateful;
    }

    /** Keras's {@code unroll}: accepted, with the same results (Strata's loop is the same either way). */
    public RNN unroll(boolean unrolled) {
        requireNotBuilt("unroll");
        this.unroll = unrolled;
        return this;
    }

    /** Whether {@code unroll} was asked for. */
    public boolean unroll() {
        return unroll;
    }

    /** Whether masked steps output zeros in the returned sequence (default false: the previous output). */
    public RNN zeroOutputForMask(boolean zeros) {
        this.zeroOutputForMask = zeros;
        return this;
    }

    /** Whether masked steps output zeros in the returned sequence. */
    public boolean zeroOutputForMask() {
        return zeroOutputForMask;
    }

    /** Forgets the states a stateful layer carries: the next batch starts from zeros (Keras's reset_states). */
    public void resetStates() {
        states = null;
    }

    /** The states a stateful layer will start its next batch from (empty before its first batch or stateless). */
    public List<Tensor> states() {
        return states == null ? List.of() : List.of(states);
    }

    // ---- shapes --------------------------------------------------------------------------------------------------

    @Override
    protected void build(List<Shape> inputShapes) {
        Shape seq = inputShapes.getFirst();
        requireSequence(seq);
        if (seq.get(-1) == Shape.UNKNOWN) {
            throw new ShapeException(describe() + " needs the " + (cell.stepRank() == 1 ? "feature" : "last")
                    + " axis of its input to be known, got shape " + seq);
        }
        cell.buildForStep(seq.subShape(2, seq.rank()));
    }

    /** The input must be (batch, time, features), or (batch, time, *step) for a cell whose steps have more axes. */
    private void requireSequence(Shape seq) {
        int rank = cell.stepRank() + 2;
        if (seq.rank() != rank) {
            List<Shape> built = buildInputShapes();
            throw new ShapeException(describe() + " expects a sequence of rank " + rank + " (batch, time, "
                    + cell.stepLayout() + ")" + (built.isEmpty() ? "" : " (built for shape " + built.getFirst() + ")")
                    + ", but received shape " + seq);
        }
        List<Shape> built = buildInputShapes();
        if (built.isEmpty()) {
            return;
        }
        Shape step = built.getFirst().subShape(2, rank);
        for (int i = 2; i < rank; i++) {
            int want = step.get(i - 2);
            if (seq.get(i) != Shape.UNKNOWN && want != Shape.UNKNOWN && seq.get(i) != want) {
                throw new ShapeException(describe() + " expects " + (rank == 3 ? want + " features per step"
                        : "steps of shape " + step + " (" + cell.stepLayout() + ")") + " (built for shape "
                        + built.getFirst() + "), but received shape " + seq);
            }
        }
    }

    @Override
    protected List<Shape> computeOutputShape(List<Shape> inputShapes) {
        Shape seq = inputShapes.getFirst();
        requireSequence(seq);
        checkInitialStates(seq, inputShapes.subList(1, inputShapes.size()));
        if (unroll && seq.get(1) == Shape.UNKNOWN) {
            throw new ShapeException(describe() + " cannot unroll over an unknown time axis (shape " + seq + "); give "
                    + "the Input its length, or leave unroll off");
        }
        int batch = seq.get(0);
        Shape step = seq.subShape(2, seq.rank());
        List<Shape> out = new ArrayList<>();
        Shape size = cell.outputShape(step);
        out.add(returnSequences ? batched(batch, seq.get(1), size) : batched(batch, size));
        if (returnState) {
            for (Shape s : cell.stateShapes(step)) {
                out.add(batched(batch, s));
            }
        }
        return out;
    }

    /** {@code (leading..., shape...)}. */
    private static Shape batched(int batch, Shape shape) {
        return shape.prepend(batch);
    }

    private static Shape batched(int batch, int time, Shape shape) {
        return shape.prepend(time).prepend(batch);
    }

    private void checkInitialStates(Shape seq, List<Shape> given) {
        if (given.isEmpty()) {
            return;
        }
        List<Shape> shapes = cell.stateShapes(seq.subShape(2, seq.rank()));
        if (given.size() != shapes.size()) {
            throw new ShapeException(describe() + " expects " + shapes.size() + " initial state(s) of "
                    + (cell.stepRank() == 1 ? "sizes " + cell.stateSize() : "shapes " + shapes.stream()
                    .map(s -> batched(Shape.UNKNOWN, s)).toList()) + " after the sequence, but was given "
                    + given.size() + ": " + given);
        }
        for (int i = 0; i < shapes.size(); i++) {
            Shape s = given.get(i);
            Shape want = batched(Shape.UNKNOWN, shapes.get(i));
            boolean fits = s.rank() == want.rank();
            for (int d = 1; fits && d < want.rank(); d++) {
                fits = s.get(d) == Shape.UNKNOWN || want.get(d) == Shape.UNKNOWN || s.get(d) == want.get(d);
            }
            if (!fits) {
                throw new ShapeException(describe() + " expects initial state " + i + " of shape "
                        + (cell.stepRank() == 1 ? "(batch, " + shapes.get(i).get(0) + ")" : want + " for its input "
                        + seq) + ", but received shape " + s);
            }
        }
    }

    // ---- the loop ------------------------------------------------------------------------------------------------

    @Override
    protected Tensors call(Tensors inputs) {
        Tensor sequence = inputs.get(0);
        List<Shape> shapes = new ArrayList<>();
        for (Tensor t : inputs) {
            shapes.add(t.shape());
        }
        computeOutputShape(shapes); // the checks, with the layer's own messages
        int batch = sequence.shape().get(0);
        List<Tensor> initial = initialStates(inputs, batch);
        try {
            Tensors result = run(sequence, initial);
            if (stateful) {
                Tensor[] kept = new Tensor[result.size() - 1];
                for (int i = 0; i < kept.length; i++) {
                    Tensor s = result.get(i + 1);
                    kept[i] = Tensor.of(s.toFloatArray(), s.shape()); // a value: no gradient across batches
                }
                states = kept;
            }
            List<Tensor> out = new ArrayList<>();
            out.add(result.get(0));
            if (returnState) {
                out.addAll(result.toList().subList(1, result.size()));
            }
            return Tensors.of(out);
        } finally {
            cell.resetDropoutMasks();
        }
    }

    private List<Tensor> initialStates(Tensors inputs, int batch) {
        if (inputs.size() > 1) {
            return inputs.toList().subList(1, inputs.size());
        }
        if (stateful && states != null) {
            if (states[0].shape().get(0) != batch) {
                throw new ShapeException(describe() + " is stateful with batches of " + states[0].shape().get(0)
                        + " sequences, but received a batch of " + batch + " (input shape "
                        + inputs.get(0).shape() + "); give every batch the same size, or resetStates() first");
            }
            return List.of(states);
        }
        return cell.getInitialState(batch);
    }

    /**
     * The loop: the last output (or all, stacked on axis 1, in the order run) followed by the final states. The
     * built-in cells project every step's input with one GEMM first. With a mask, as Keras's backend {@code rnn}: a
     * masked step keeps the previous states, and outputs the previous output state (zeros with
     * {@link #zeroOutputForMask}).
     */
    private Tensors run(Tensor sequence, List<Tensor> initial) {
        int steps = sequence.shape().get(1);
        if (steps == 0) {
            throw new ShapeException(describe() + " received a sequence of no steps (shape " + sequence.shape() + ")");
        }
        Tensor[] masks = stepMasks(sequence);
        if (cell instanceof LSTMCell lstm && lstm.fusable() && (masks == null || !zeroOutputForMask)) {
            return runFused(lstm, sequence, initial, masks == null ? null : sequence.mask().orElseThrow());
        }
        if (cell instanceof GRUCell gru && gru.fusable() && (masks == null || !zeroOutputForMask)) {
            Tensor y = Ops.gruSequence(gru.projectInputs(sequence), gru.recurrentKernel(), gru.recurrentBias(),
                    initial.getFirst(), masks == null ? null : sequence.mask().orElseThrow(), goBackwards);
            int batch = sequence.shape().get(0);
            int units = gru.units();
            Tensor h = Ops.reshape(Ops.slice(y, new int[] {0, steps - 1, 0}, new int[] {batch, 1, units}), batch,
                    units);
            return Tensors.of(returnSequences ? y : h, h);
        }
        BaseCell<?> fast = cell instanceof BaseCell<?> b ? b : null;
        List<Tensor> stepInputs = unstack(fast == null ? sequence : fast.projectInputs(sequence), steps);
        List<Tensor> current = new ArrayList<>(initial);
        int outputState = cell.outputStateIndex();
        Tensor output = null;
        List<Tensor> outputs = returnSequences ? new ArrayList<>(steps) : null;
        for (int k = 0; k < steps; k++) {
            int t = goBackwards ? steps - 1 - k : k;
            Tensor x = stepInputs.get(t);
            Tensors r;
            if (fast != null) {
                r = fast.recur(x, current);
            } else {
                List<Tensor> args = new ArrayList<>(current.size() + 1);
                args.add(x);
                args.addAll(current);
                r = cell.apply(args);
            }
            output = r.get(0);
            List<Tensor> next = r.toList().subList(1, r.size());
            if (masks != null && masks[t] != null) {
                Tensor keep = keepAligned(masks[t], output);
                output = Ops.where(keep, output, zeroOutputForMask ? Tensor.zeros(output.shape())
                        : current.get(outputState));
                List<Tensor> kept = new ArrayList<>(next.size());
                for (int i = 0; i < next.size(); i++) {
                    kept.add(Ops.where(keep, next.get(i), current.get(i)));
                }
                next = kept;
            }
            current = next;
            if (outputs != null) {
                outputs.add(output);
            }
        }
        List<Tensor> result = new ArrayList<>(current.size() + 1);
        result.add(outputs != null ? Ops.stack(outputs, 1) : output);
        result.addAll(current);
        return Tensors.of(result);
    }

    /**
     * An LSTM with Keras's default activations: the projection of all steps, then the fused recurrence
     * ({@link Ops#lstmSequence}), from whose (batch, time, 2 units) result the outputs are sliced. Without input
     * dropout the op is given the kernel and bias and projects itself (in inference, step by step).
     */
    private Tensors runFused(LSTMCell lstm, Tensor sequence, List<Tensor> initial, Tensor mask) {
        int batch = sequence.shape().get(0);
        int steps = sequence.shape().get(1);
        int units = lstm.units();
        Tensor y = lstm.dropsInputs(sequence)
                ? Ops.lstmSequence(lstm.projectInputs(sequence), lstm.recurrentKernel(), initial.get(0),
                        initial.get(1), mask, goBackwards)
                : Ops.lstmSequence(sequence, lstm.kernel(), lstm.inputBias(), lstm.recurrentKernel(), initial.get(0),
                        initial.get(1), mask, goBackwards);
        Tensor h = Ops.reshape(Ops.slice(y, new int[] {0, steps - 1, 0}, new int[] {batch, 1, units}), batch, units);
        Tensor c = Ops.reshape(Ops.slice(y, new int[] {0, steps - 1, units}, new int[] {batch, 1, units}), batch,
                units);
        Tensor output = returnSequences ? Ops.slice(y, new int[] {0, 0, 0}, new int[] {batch, steps, units}) : h;
        return Tensors.of(output, h, c);
    }

    /**
     * The sequence's mask (batch, time) as one (batch, 1) tensor per step (1 keep, 0 masked), null for a step where
     * nothing is masked; null if the sequence has no mask.
     */
    private Tensor[] stepMasks(Tensor sequence) {
        Tensor mask = sequence.mask().orElse(null);
        if (mask == null) {
            return null;
        }
        Shape s = sequence.shape();
        Shape m = mask.shape();
        if (m.rank() != 2 || m.get(0) != s.get(0) || m.get(1) != s.get(1)) {
            throw new ShapeException(describe() + " expects a mask of shape (batch, time) = (" + s.get(0) + ", "
                    + s.get(1) + ") for its input of shape " + s + ", but the input carries a mask of shape " + m);
        }
        int batch = s.get(0);
        int steps = s.get(1);
        float[] values = mask.toFloatArray();
        Tensor[] out = new Tensor[steps];
        for (int t = 0; t < steps; t++) {
            float[] column = new float[batch];
            boolean any = false;
            for (int b = 0; b < batch; b++) {
                column[b] = values[b * steps + t] != 0 ? 1f : 0f;
                any |= column[b] == 0f;
            }
            out[t] = any ? Tensor.of(column, batch, 1) : null;
        }
        return out;
    }

    /**
     * Keras's {@code compute_mask}: with {@code return_sequences} the output keeps the input's mask, else it has none;
     * the states never have one.
     */
    @Override
    protected List<Tensor> computeMask(Tensors inputs, List<Tensor> previousMasks) {
        List<Tensor> out = new ArrayList<>();
        out.add(returnSequences ? previousMasks.getFirst() : null);
        if (returnState) {
            for (int i = 0; i < cell.stateSize().size(); i++) {
                out.add(null);
            }
        }
        return out;
    }

    /** A step's (batch, 1) mask made to select among outputs and states of {@code like}'s rank (image steps). */
    private static Tensor keepAligned(Tensor keep, Tensor like) {
        int rank = like.shape().rank();
        if (rank == 2) {
            return keep;
        }
        int[] shape = new int[rank];
        java.util.Arrays.fill(shape, 1);
        shape[0] = keep.shape().get(0);
        return Ops.reshape(keep, shape);
    }

    /**
     * The steps of (batch, time, *step) as (batch, *step) tensors: one unstack, whose single gradient rule writes
     * every step's gradient into one buffer (a slice per step would give back one sequence-sized gradient per step,
     * quadratic in the length).
     */
    private static List<Tensor> unstack(Tensor x, int steps) {
        return Ops.unstack(x, steps, 1);
    }

    // ---- config --------------------------------------------------------------------------------------------------

    /** Keras's RNN keys (after the base layer's): return_sequences ... zero_output_for_mask. */
    final Map<String, Object> rnnConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("return_sequences", returnSequences);
        config.put("return_state", returnState);
        config.put("go_backwards", goBackwards);
        config.put("stateful", stateful);
        config.put("unroll", unroll);
        config.put("zero_output_for_mask", zeroOutputForMask);
        return config;
    }

    /** Reads the keys {@link #rnnConfig} writes; Keras 2's {@code time_major} only at its default. */
    final void readRnnConfig(Config config) {
        returnSequences(config.bool("return_sequences", false));
        returnState(config.bool("return_state", false));
        goBackwards(config.bool("go_backwards", false));
        stateful(config.bool("stateful", false));
        unroll(config.bool("unroll", false));
        zeroOutputForMask(config.bool("zero_output_for_mask", false));
        config.requireDefault("time_major", false, "Strata's recurrent layers take (batch, time, features)");
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = rnnConfig();
        config.put("cell", KerasObjects.serialize(cell));
        return config;
    }

    /** Keras's {@code RNN.from_config}: the cell from its config. */
    public static RNN fromConfig(Config config) {
        Layer cell = config.object("cell", Layer.class);
        if (!(cell instanceof RNNCell c)) {
            throw config.error("'cell' must be an RNN cell (a subclass of RNNCell), got "
                    + (cell == null ? "null" : cell.getClass().getName()));
        }
        RNN rnn = new RNN(c);
        rnn.readRnnConfig(config);
        return rnn;
    }

    /** Its call reads the mask (Keras's {@code call(..., mask=None)}): graphs record it with the node. */
    @Override
    protected boolean callTakesMask() {
        return true;
    }

    /** Keras's {@code call(..., training=False)}: its graph records {@code training: false} with every call. */
    @Override
    public java.util.Map<String, Object> kerasCallKeywords() {
        return java.util.Map.of("training", false);
    }

    /**
     * Keras's call {@code rnn(sequences, initial_state=None, mask=None, training=False)}: the sequence is positional,
     * the initial states (Strata's inputs after the sequence) its {@code initial_state} keyword.
     */
    @Override
    public List<String> kerasInputKeywords(int inputCount) {
        List<String> out = new ArrayList<>();
        out.add(null);
        for (int i = 1; i < inputCount; i++) {
            out.add("initial_state");
        }
        return out;
    }

    @Override
    public boolean kerasInputsAsList() {
        return false;
    }

    /**
     * A saved call: the sequence, then Keras's {@code initial_state} (one tensor or a list) as the inputs after it;
     * its {@code mask} keyword is the mask the sequence carries.
     */
    @Override
    public List<Tensor> readKerasCall(List<Tensor> positional, Map<String, Object> keywords) {
        Map<String, Object> kw = new LinkedHashMap<>(keywords);
        Object initial = kw.remove("initial_state");
        Object mask = kw.remove("mask");
        if (!kw.isEmpty()) {
            throw new IllegalArgumentException("unsupported call arguments " + kw.keySet());
        }
        if (positional.isEmpty()) {
            throw new IllegalArgumentException("a recurrent layer's call needs its sequence");
        }
        List<Tensor> inputs = new ArrayList<>(positional); // Strata's own files: the states follow positionally
        if (mask instanceof Tensor m) { // (one with more axes, as Keras's TimeDistributed passes on: reduced)
            inputs.set(0, inputs.get(0).withMask(Masks.fitting(m, inputs.get(0).shape(), describe())));
        } else if (mask != null) {
            throw new IllegalArgumentException("'mask' must be a tensor, got " + Config.describe(mask));
        }
        if (initial != null) {
            addStates(initial, inputs); // (Keras nests a stack's states per cell: [[h1, c1], h2]; Strata's are flat)
        }
        return inputs;
    }

    private static void addStates(Object initial, List<Tensor> out) {
        if (initial instanceof Tensor t) {
            out.add(t);
        } else if (initial instanceof List<?> list) {
            for (Object o : list) {
                addStates(o, out);
            }
        } else {
            throw new IllegalArgumentException("'initial_state' must be a tensor or a (nested) list of tensors, got "
                    + Config.describe(initial));
        }
    }

    /** Keras's nesting of {@code initial_state}: one entry per cell of a stack (see {@link #nestStates}). */
    @Override
    public Object kerasKeywordValue(String keyword, List<Object> values) {
        return "initial_state".equals(keyword) ? nestStates(values) : KerasCallArguments.super.kerasKeywordValue(
                keyword, values);
    }

    /**
     * The states (or their shapes), flat in Strata's order, nested as Keras's {@code state_size}: for a stack of cells
     * one entry per cell (the state itself for a cell with one, a list for a cell with several, a list per cell for
     * a stack inside), else one state alone or a list.
     */
    <T> Object nestStates(List<T> flat) {
        if (!(cell instanceof StackedRNNCells) || flat.size() != cell.stateSize().size()) {
            return flat.size() == 1 ? flat.getFirst() : flat;
        }
        return nest(cell, flat.iterator());
    }

    private static <T> Object nest(RNNCell cell, java.util.Iterator<T> flat) {
        if (cell instanceof StackedRNNCells stack) {
            List<Object> out = new ArrayList<>();
            for (RNNCell c : stack.cells()) {
                out.add(nest(c, flat));
            }
            return out;
        }
        int n = cell.stateSize().size();
        if (n == 1) {
            return flat.next();
        }
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(flat.next());
        }
        return out;
    }

    /**
     * Keras's build config: {@code input_shape} for a sequence alone, and with initial states Keras's
     * {@code shapes_dict} ({@code sequences_shape}, {@code initial_state_shape}: one shape, or a list for several).
     */
    @Override
    public Map<String, Object> getBuildConfig() {
        List<Shape> shapes = buildInputShapes();
        if (!isBuilt() || shapes.size() < 2) {
            return super.getBuildConfig();
        }
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("sequences_shape", dev.strata.internal.config.KerasForms.shapeList(shapes.getFirst()));
        List<Object> states = new ArrayList<>();
        for (Shape state : shapes.subList(1, shapes.size())) {
            states.add(dev.strata.internal.config.KerasForms.shapeList(state));
        }
        dict.put("initial_state_shape", nestStates(states));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shapes_dict", dict);
        return out;
    }

    /** Reads Keras's {@code shapes_dict} form too (a call with {@code initial_state}). */
    @Override
    public void buildFromConfig(Config buildConfig) {
        if (buildConfig.raw("shapes_dict") == null) {
            super.buildFromConfig(buildConfig);
            return;
        }
        Config dict = buildConfig.config("shapes_dict");
        buildConfig.finish();
        List<Shape> perSample = new ArrayList<>();
        List<Object> sequence = dict.list("sequences_shape");
        if (sequence == null) {
            throw dict.error("missing 'sequences_shape'");
        }
        perSample.add(perSample(dict.toShape(sequence, "sequences_shape")));
        List<Object> states = dict.list("initial_state_shape");
        if (states != null && !states.isEmpty()) {
            addShapes(states, dict, perSample);
        }
        dict.finish();
        if (isBuilt()) {
            return;
        }
        try {
            buildForSamples(perSample.toArray(new Shape[0]));
        } catch (ShapeException | IllegalArgumentException e) {
            throw cannotBuild(buildConfig, perSample, e);
        }
    }

    /** A shape (a list of sizes) or a list of them, nested as Keras nests a stack's states: flat, in order. */
    private static void addShapes(List<?> shapeOrList, Config dict, List<Shape> out) {
        boolean shape = shapeOrList.stream().noneMatch(d -> d instanceof List);
        if (shape) {
            @SuppressWarnings("unchecked")
            List<Object> dims = (List<Object>) shapeOrList;
            out.add(perSample(dict.toShape(dims, "initial_state_shape")));
            return;
        }
        for (Object item : shapeOrList) {
            if (!(item instanceof List<?> l)) {
                throw dict.error("'initial_state_shape' must be a shape or a (nested) list of shapes, got "
                        + Config.describe(shapeOrList));
            }
            addShapes(l, dict, out);
        }
    }

    private static Shape perSample(Shape full) {
        return full.subShape(1, full.rank());
    }
}
