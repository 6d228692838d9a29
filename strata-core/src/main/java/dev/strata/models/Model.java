package dev.strata.models;

import dev.strata.ShapeException;
import dev.strata.TracingException;
import dev.strata.callbacks.Callback;
import dev.strata.callbacks.History;
import dev.strata.callbacks.ProgbarLogger;
import dev.strata.graph.Graph;
import dev.strata.graph.Node;
import dev.strata.graph.Operation;
import dev.strata.layers.Layer;
import dev.strata.losses.Loss;
import dev.strata.optimizers.Optimizer;
import dev.strata.optimizers.Optimizers;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.CompileOptions;
import dev.strata.training.EvaluateOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.PredictOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * A model: a layer that can be trained, evaluated and used for prediction, like {@code keras.Model}.
 *
 * <p>Three ways to make one, one object model underneath:
 * <ul>
 *   <li><b>Subclassing</b>: extend {@code Model}, create layers in the constructor (fields), use them in
 *       {@code call} with any Java control flow.
 *   <li><b>Functional</b>: {@link #of(List, List)} over symbolic tensors from {@link Input}.
 *   <li><b>Sequential</b>: {@link Sequential}, a stack of single-input layers.
 * </ul>
 *
 * <pre>{@code
 * class WideAndDeepModel extends Model {
 *     private final Dense hidden1 = new Dense(30, "relu"), hidden2 = new Dense(30, "relu");
 *     private final Dense mainOutput = new Dense(1), auxOutput = new Dense(1);
 *
 *     @Override protected Tensors call(Tensors inputs) {
 *         Tensor h2 = hidden2.apply(hidden1.apply(inputs.get(1)));
 *         Tensor concat = Ops.concatenate(List.of(inputs.get(0), h2), -1);
 *         return Tensors.of(mainOutput.apply(concat), auxOutput.apply(h2));
 *     }
 * }
 * }</pre>
 *
 * <p>A model is a layer, so models nest in models in all three styles.
 */
public class Model extends Layer {
    static {
        dev.strata.internal.ModelAccess.install((model, epoch) -> ((Model) model).resumeEpoch = epoch);
    }

    private transient volatile Trace trace;
    /** Set by a callback's onTrainBegin (BackupAndRestore) to start the beginning fit at a later epoch. */
    private transient Integer resumeEpoch;
    private transient volatile String untraceableReason;
    private transient Trainer trainer;
    private transient volatile boolean stopTraining;

    /** A model named after its class ({@code wide_and_deep_model}, ...). */
    protected Model() {
        super();
    }

    /** A model with the given name. */
    protected Model(String name) {
        super(name);
    }

    /** A Functional model from one input to one output. */
    public static Model of(Tensor input, Tensor output) {
        return new Functional(List.of(input), List.of(output), null);
    }

    /**
     * A Functional model: the graph of layer and op calls that leads from {@code inputs} (made by
     * {@link Input#of}) to {@code outputs}.
     *
     * @throws IllegalArgumentException if an input is not a model input, or an output depends on a symbolic
     *                                  tensor that is not among the inputs
     */
    public static Model of(List<? extends Tensor> inputs, List<? extends Tensor> outputs) {
        return new Functional(inputs, outputs, null);
    }

    /** A named Functional model. */
    public static Model of(List<? extends Tensor> inputs, List<? extends Tensor> outputs, String name) {
        return new Functional(inputs, outputs, name);
    }

    /** "Model 'wide_and_deep_model' (WideAndDeepModel)", for messages. */
    @Override
    public String describe() {
        return "Model '" + name() + "' (" + getClass().getSimpleName() + ")";
    }

    @Override
    public Model named(String name) {
        super.named(name);
        return this;
    }

    /** The model's layers: its tracked sublayers for a subclassed model, the graph's layers otherwise. */
    public List<Layer> layers() {
        return layersTracked();
    }

    /**
     * The layer with this name among {@link #layers()}.
     *
     * @throws NoSuchElementException listing the names there are
     */
    public Layer getLayer(String name) {
        List<String> names = new ArrayList<>();
        for (Layer l : layers()) {
            if (l.name().equals(name)) {
                return l;
            }
            names.add(l.name());
        }
        throw new NoSuchElementException(describe() + " has no layer named '" + name + "'; its layers are " + names);
    }

    /** The layer at this position in {@link #layers()}. */
    public Layer getLayer(int index) {
        return layers().get(index);
    }

    /**
     * The names of the model's outputs, used for per-output losses and metrics (e.g. {@code main_output_loss}).
     * A Functional model names each output after the layer that produced it; a subclassed model after the
     * field of the layer that produced it (known once the model has been traced), else
     * {@code output_0, output_1, ...}.
     */
    public List<String> outputNames() {
        Trace t = trace;
        if (t == null) {
            return List.of();
        }
        return t.outputNames();
    }

    // ---- compile ------------------------------------------------------------------------------------------

    /**
     * Configures the model for training, like Keras's {@code compile}: the optimizer and the options (loss,
     * loss weights, metrics).
     *
     * <pre>{@code
     * model.compile(new SGD(1e-3f), new CompileOptions().loss("mse").lossWeights(0.9, 0.1));
     * }</pre>
     */
    public void compile(Optimizer optimizer, CompileOptions options) {
        this.trainer = new Trainer(this, java.util.Objects.requireNonNull(optimizer, "optimizer"),
                java.util.Objects.requireNonNull(options, "options"));
    }

    /** Compiles with an optimizer by Keras name ({@code "sgd"}, {@code "adam"}, {@code "rmsprop"}). */
    public void compile(String optimizer, CompileOptions options) {
        compile(Optimizers.get(optimizer), options);
    }

    /** Compiles with one loss (by Keras name) for every output. */
    public void compile(Optimizer optimizer, String loss) {
        compile(optimizer, new CompileOptions().loss(loss));
    }

    /** Compiles with one loss for every output. */
    public void compile(Optimizer optimizer, Loss loss) {
        compile(optimizer, new CompileOptions().loss(loss));
    }

    /** Compiles with an optimizer and a loss by Keras name, and metrics for every output. */
    public void compile(String optimizer, String loss, String... metrics) {
        compile(Optimizers.get(optimizer), new CompileOptions().loss(loss).metrics((Object[]) metrics));
    }

    /** The optimizer given to {@code compile}, if compiled. */
    public Optional<Optimizer> optimizer() {
        return trainer == null ? Optional.empty() : Optional.of(trainer.optimizer());
    }

    /** The options given to {@code compile} (loss, loss weights, metrics), if compiled; saving records them. */
    public Optional<CompileOptions> compileOptions() {
        return trainer == null ? Optional.empty() : Optional.of(trainer.options());
    }

    /** Whether {@code compile} has been called. */
    public boolean isCompiled() {
        return trainer != null;
    }

    private Trainer trainer(String what) {
        if (trainer == null) {
            throw new IllegalStateException(describe() + " must be compiled before " + what + "; call compile(...) "
                    + "with an optimizer and a loss");
        }
        return trainer;
    }

    // ---- fit / evaluate --------------------------------------------------------------------------------------

    /** Trains a single-input, single-output model with default options (one epoch, batch 32). */
    public History fit(Tensor x, Tensor y) {
        return fit(List.of(x), List.of(y), new FitOptions());
    }

    /** Trains a single-input, single-output model. */
    public History fit(Tensor x, Tensor y, FitOptions options) {
        return fit(List.of(x), List.of(y), options);
    }

    /**
     * Trains the model, like Keras's {@code fit}: one tensor per model input in {@code x} and one per output in
     * {@code y} (first axis = samples). Inputs that do not fit the model fail before the first step.
     *
     * @return the per-epoch record of losses and metrics
     */
    public History fit(List<? extends Tensor> x, List<? extends Tensor> y, FitOptions options) {
        return trainer("fit").fit(List.copyOf(x), List.copyOf(y), options);
    }

    /** Trains with inputs and targets given by input and output name. */
    public History fit(Map<String, ? extends Tensor> x, Map<String, ? extends Tensor> y, FitOptions options) {
        return fit(byName(x, inputNames(), "input"), byName(y, outputNames(), "output"), options);
    }

    /** The loss and metrics on the data, by Keras log name ({@code loss}, {@code main_output_loss}, ...). */
    public Map<String, Double> evaluate(Tensor x, Tensor y) {
        return evaluate(List.of(x), List.of(y), new EvaluateOptions());
    }

    /** The loss and metrics on the data (one tensor per input, one per output). */
    public Map<String, Double> evaluate(List<? extends Tensor> x, List<? extends Tensor> y) {
        return evaluate(x, y, new EvaluateOptions());
    }

    /** The loss and metrics on the data, with options (batch size, verbosity, sample weights). */
    public Map<String, Double> evaluate(List<? extends Tensor> x, List<? extends Tensor> y, EvaluateOptions options) {
        return trainer("evaluate").evaluate(List.copyOf(x), List.copyOf(y), options);
    }

    /** One gradient step on one batch; returns the logs of that batch. */
    public Map<String, Double> trainOnBatch(List<? extends Tensor> x, List<? extends Tensor> y) {
        return trainer("trainOnBatch").trainOnBatch(List.copyOf(x), List.copyOf(y), null);
    }

    /** One gradient step on one batch with per-sample weights; returns the logs of that batch. */
    public Map<String, Double> trainOnBatch(List<? extends Tensor> x, List<? extends Tensor> y, Tensor sampleWeight) {
        return trainer("trainOnBatch").trainOnBatch(List.copyOf(x), List.copyOf(y), sampleWeight);
    }

    /** The loss and metrics of one batch, without training. */
    public Map<String, Double> testOnBatch(List<? extends Tensor> x, List<? extends Tensor> y) {
        return trainer("testOnBatch").testOnBatch(List.copyOf(x), List.copyOf(y), null);
    }

    /** The epoch a callback asked the beginning {@code fit} to start at, once (then forgotten). */
    final Integer takeResumeEpoch() {
        Integer e = resumeEpoch;
        resumeEpoch = null;
        return e;
    }

    /** Whether a callback asked training to stop. */
    public boolean stopTraining() {
        return stopTraining;
    }

    /** Asks {@code fit} to stop after the current batch or epoch (Keras's {@code model.stop_training = True}). */
    public void setStopTraining(boolean stop) {
        this.stopTraining = stop;
    }

    // ---- predict -------------------------------------------------------------------------------------------

    /** Predictions of a single-input, single-output model, in batches of 32. */
    public Tensor predict(Tensor x) {
        return single(predict(List.of(x), new PredictOptions()), "predict");
    }

    /** Predictions of a single-input, single-output model. */
    public Tensor predict(Tensor x, PredictOptions options) {
        return single(predict(List.of(x), options), "predict");
    }

    /**
     * Predictions, one tensor per output, computed in batches (Keras's {@code predict}). Safe to call from many
     * threads at once on a built model.
     */
    public Tensors predict(List<? extends Tensor> x, PredictOptions options) {
        List<Tensor> xs = List.copyOf(x);
        int n = Batches.sampleCount(xs, null, "predict");
        prepareFor(xs, "predict");
        int batch = options.batchSize();
        int steps = options.steps() != null ? Math.min(options.steps(), (n + batch - 1) / batch) : (n + batch - 1) / batch;
        List<Callback> callbacks = new ArrayList<>(options.callbacks());
        if (options.verbose() > 0) {
            callbacks.add(new ProgbarLogger());
        }
        if (!callbacks.isEmpty()) {
            Map<String, Object> params = new HashMap<>();
            params.put("steps", steps);
            params.put("verbose", options.verbose());
            for (Callback c : callbacks) {
                c.setModel(this);
                c.setParams(params);
            }
        }
        Map<String, Double> logs = new LinkedHashMap<>();
        callbacks.forEach(c -> c.onPredictBegin(logs));
        List<List<Tensor>> parts = new ArrayList<>();
        int rows = 0;
        for (int step = 0; step < steps; step++) {
            final int s = step;
            callbacks.forEach(c -> c.onPredictBatchBegin(s, logs));
            int from = step * batch;
            int to = Math.min(n, from + batch);
            List<Tensor> xb = new ArrayList<>();
            for (Tensor t : xs) {
                xb.add(Batches.slice(t, from, to));
            }
            Tensors out = inInference(() -> apply(xb));
            for (int i = 0; i < out.size(); i++) {
                if (parts.size() <= i) {
                    parts.add(new ArrayList<>());
                }
                parts.get(i).add(out.get(i));
            }
            rows += to - from;
            callbacks.forEach(c -> c.onPredictBatchEnd(s, logs));
        }
        callbacks.forEach(c -> c.onPredictEnd(logs));
        List<Tensor> result = new ArrayList<>();
        for (List<Tensor> p : parts) {
            result.add(Batches.concatenate(p, rows));
        }
        Tensors t = Tensors.of(result);
        List<String> names = outputNames();
        return names.size() == t.size() ? t.withNames(names.toArray(new String[0])) : t;
    }

    /** Predictions for one batch, without batching (Keras's {@code predict_on_batch}). */
    public Tensors predictOnBatch(List<? extends Tensor> x) {
        List<Tensor> xs = List.copyOf(x);
        prepareFor(xs, "predictOnBatch");
        return inInference(() -> apply(xs));
    }

    private static Tensor single(Tensors out, String what) {
        if (out.size() != 1) {
            throw new IllegalStateException(what + "(Tensor) is for models with one output; this one has " + out.size()
                    + ", use " + what + "(List, ...)");
        }
        return out.get(0);
    }

    // ---- tracing and input checks ----------------------------------------------------------------------------

    /**
     * Makes sure the model is built (tracing it on symbolic inputs shaped like {@code x} if it can) and checks
     * that {@code x} fits its inputs, before any data flows.
     */
    final void prepareFor(List<Tensor> x, String what) {
        if (trace == null && untraceableReason == null) {
            Shape[] shapes = new Shape[x.size()];
            for (int i = 0; i < shapes.length; i++) {
                Shape s = x.get(i).shape();
                shapes[i] = s.subShape(1, s.rank());
            }
            try {
                build(shapes);
            } catch (TracingException e) {
                untraceableReason = e.getMessage();
            }
        }
        Trace t = trace;
        if (t == null) {
            return;
        }
        List<String> names = inputNames();
        if (x.size() != t.inputs().size()) {
            throw new IllegalArgumentException(what + ": " + describe() + " takes " + t.inputs().size() + " input(s) "
                    + names + ", got " + x.size());
        }
        for (int i = 0; i < x.size(); i++) {
            Shape expected = t.inputs().get(i).shape();
            Shape actual = x.get(i).shape();
            if (!expected.isCompatibleWith(actual)) {
                throw new ShapeException(what + ": input " + i + " ('" + names.get(i) + "') of " + describe()
                        + " expects shape " + expected + ", got " + actual);
            }
        }
    }

    /**
     * A Functional model equivalent to this traced model: the same layers (sharing their weights, so training one
     * trains the other), wired as the trace recorded them; it computes identical outputs. For a subclassed model
     * this is the architecture without the class: the basis for saving it so that code without the class can
     * load it.
     *
     * @throws TracingException if the model could not be traced (its {@code call} reads tensor values)
     * @throws IllegalStateException if the model has not been built yet
     */
    public Model toFunctional() {
        Trace t = trace;
        if (t == null) {
            if (untraceableReason != null) {
                throw new TracingException(describe() + " cannot be turned into a Functional model: "
                        + untraceableReason);
            }
            throw new IllegalStateException(describe() + " is not built yet; call build(...) with its input shapes, "
                    + "or fit/predict it once");
        }
        if (this instanceof Functional) {
            return this;
        }
        return new Functional(t.inputs(), t.outputs(), name());
    }

    /**
     * Builds a model whose {@code call} cannot be traced (it reads tensor values) by running it once, in inference
     * mode, on a batch of one sample of zeros (unknown dimensions taken as 1): that creates its sublayers' weights,
     * which loading then fills. Only registered classes are ever loaded, so their code is trusted.
     */
    @Override
    protected void buildUntraceable(List<Shape> perSampleShapes, dev.strata.config.Config buildConfig,
                                    TracingException traced) {
        List<Tensor> zeros = new ArrayList<>();
        for (Shape s : perSampleShapes) {
            int[] dims = new int[s.rank() + 1];
            dims[0] = 1;
            for (int i = 0; i < s.rank(); i++) {
                dims[i + 1] = s.get(i) == Shape.UNKNOWN ? 1 : s.get(i);
            }
            zeros.add(Tensor.zeros(dims));
        }
        try {
            apply(zeros, false);
        } catch (RuntimeException e) {
            dev.strata.config.KerasConfigException failure = cannotBuild(buildConfig, perSampleShapes, traced);
            failure.addSuppressed(e);
            throw new dev.strata.config.KerasConfigException(buildConfig.where() + ": cannot build it for input "
                    + "shapes " + perSampleShapes + " from its build_config: it cannot be traced ("
                    + traced.getMessage() + ") and running it on zeros failed: " + e.getMessage(), failure);
        }
    }

    /** Why the model could not be traced (its {@code call} reads tensor values), if it could not. */
    public Optional<String> untraceableReason() {
        return Optional.ofNullable(untraceableReason);
    }

    /** The names of the model's inputs: the input layers' names, or {@code input_0, input_1, ...}. */
    public List<String> inputNames() {
        Trace t = trace;
        List<String> names = new ArrayList<>();
        if (t == null) {
            return names;
        }
        for (int i = 0; i < t.inputs().size(); i++) {
            String n = "input_" + i;
            if (t.inputs().get(i) instanceof SymbolicTensor s) {
                var p = Graph.producer(s);
                if (p.isPresent() && p.get().operation() instanceof dev.strata.layers.core.InputLayer il) {
                    n = il.name();
                }
            }
            names.add(n);
        }
        return names;
    }

    private static List<Tensor> byName(Map<String, ? extends Tensor> given, List<String> names, String kind) {
        if (names.isEmpty()) {
            throw new IllegalStateException("the model's " + kind + " names are not known yet; build the model first");
        }
        for (String k : given.keySet()) {
            if (!names.contains(k)) {
                throw new IllegalArgumentException("no model " + kind + " named '" + k + "'; " + kind + "s are " + names);
            }
        }
        List<Tensor> out = new ArrayList<>();
        for (String n : names) {
            Tensor t = given.get(n);
            if (t == null) {
                throw new IllegalArgumentException("no data for model " + kind + " '" + n + "'");
            }
            out.add(t);
        }
        return out;
    }

    /**
     * The graph of the last symbolic call of this model (from its inputs to its outputs), or null if it was not
     * traced: a Functional model's own graph, the traced {@code call} of a subclassed or Sequential model. Saving
     * writes a model's architecture from it.
     */
    public final Trace trace() {
        return trace;
    }

    @Override
    protected void onSymbolicCall(Tensors inputs, Tensors innerOutputs, List<SymbolicTensor> outputs) {
        // Keep the trace only when the call started from input layers: a model applied inside another graph
        // sees that graph's tensors, whose producers are not part of this model.
        for (Tensor in : inputs) {
            if (!(in instanceof SymbolicTensor s) || Graph.producer(s).isEmpty()
                    || !(Graph.producer(s).get().operation() instanceof dev.strata.layers.core.InputLayer)) {
                return;
            }
        }
        trace = new Trace(inputs, innerOutputs);
    }

    // ---- saving ------------------------------------------------------------------------------------------------

    /**
     * Saves the model as a Keras 3 {@code .keras} file (Keras's {@code model.save}): its architecture, weights,
     * compile settings and optimizer state, so that {@link Models#loadModel} (or Python's
     * {@code keras.saving.load_model}) gives back a model that predicts the same and continues training where this
     * one stopped. A subclassed model is written as its traced Functional graph plus its class: Strata reloads the
     * class when it is registered, Python Keras loads the graph. The write is atomic.
     *
     * <pre>{@code
     * model.save(Path.of("wide_and_deep.keras"));
     * }</pre>
     *
     * @throws IllegalArgumentException if the name does not end in {@code .keras}
     * @throws dev.strata.config.KerasConfigException if part of the model has no Keras config form
     * @throws java.io.UncheckedIOException if writing fails (any previous file is left intact)
     */
    public void save(java.nio.file.Path path) {
        dev.strata.saving.Saving.saveModel(this, path);
    }

    /** Saves the model as a {@code .keras} file, with options (e.g. how a subclassed model is written). */
    public void save(java.nio.file.Path path, dev.strata.saving.ConfigOptions options) {
        dev.strata.saving.Saving.saveModel(this, path, options);
    }

    /**
     * Saves the weights and optimizer state in a {@code .weights.h5} file at Keras's paths (Keras's
     * {@code save_weights}).
     *
     * @throws IllegalArgumentException if the name does not end in {@code .weights.h5}
     * @throws IllegalStateException if the model is not built
     */
    public void saveWeights(java.nio.file.Path path) {
        dev.strata.saving.Saving.saveWeights(this, path);
    }

    /** Saves the weights in a {@code .weights.h5} file, with options (the paths of a subclassed model). */
    public void saveWeights(java.nio.file.Path path, dev.strata.saving.ConfigOptions options) {
        dev.strata.saving.Saving.saveWeights(this, path, options);
    }

    /**
     * Loads weights saved from a model of the same architecture (Keras's {@code load_weights}): a
     * {@code .weights.h5}, the weights of a {@code .keras} file, or a legacy Keras 2 {@code .h5}. With a compiled
     * model the optimizer's state is restored too. Everything is checked before anything is assigned.
     *
     * @throws dev.strata.saving.ModelFormatException naming the file, the path in it and what did not fit (a
     *     missing or extra weight, both shapes of a mismatch); the model is then unchanged
     */
    public void loadWeights(java.nio.file.Path path) {
        dev.strata.saving.Saving.loadWeights(this, path);
    }

    // ---- summary -------------------------------------------------------------------------------------------

    /**
     * Prints Keras's summary table: each layer with its output shape and parameter count, and, when the model is
     * not a plain chain, what feeds it ("Connected to"); then the parameter totals. A subclassed model shows its
     * traced graph the same way a Functional one does.
     */
    public void summary() {
        summary(text -> System.out.print(text));
    }

    /** Gives the summary text to {@code printFn} instead of printing it (Keras's {@code print_fn}). */
    public void summary(java.util.function.Consumer<String> printFn) {
        printFn.accept(Summaries.of(this, 0));
    }

    /**
     * Gives the summary, laid out {@code lineLength} characters wide, to {@code printFn}. By default the width is
     * Keras's: 88 (or 108 with the "Connected to" column), at most the terminal's {@code COLUMNS} minus 4.
     */
    public void summary(int lineLength, java.util.function.Consumer<String> printFn) {
        printFn.accept(Summaries.of(this, lineLength));
    }

    /** Sets the trace directly (a Functional model's graph is its own trace). */
    final void setTrace(Trace t) {
        trace = t;
    }

    /**
     * A model's traced graph: the symbolic inputs of a call and the outputs its {@code call} produced, with the
     * nodes between them in execution order.
     */
    public static final class Trace {
        private final List<Tensor> inputs;
        private final List<Tensor> outputs;
        private final List<Node> nodes;

        Trace(List<? extends Tensor> inputs, List<? extends Tensor> outputs) {
            this.inputs = List.copyOf(inputs);
            this.outputs = List.copyOf(outputs);
            this.nodes = topologicalOrder(this.inputs, this.outputs);
        }

        /** The symbolic inputs. */
        public List<Tensor> inputs() {
            return inputs;
        }

        /** The symbolic outputs. */
        public List<Tensor> outputs() {
            return outputs;
        }

        /** The nodes that lead from the inputs to the outputs, each after the nodes it depends on. */
        public List<Node> nodes() {
            return nodes;
        }

        List<String> outputNames() {
            List<String> names = new ArrayList<>();
            Set<String> used = new java.util.HashSet<>();
            for (int i = 0; i < outputs.size(); i++) {
                String n = "output_" + i;
                if (outputs.get(i) instanceof SymbolicTensor s) {
                    var producer = Graph.producer(s);
                    if (producer.isPresent() && producer.get().operation() instanceof Layer l
                            && producer.get().outputs().size() == 1) {
                        n = l.name();
                    }
                }
                if (!used.add(n)) {
                    n = n + "_" + i;
                    used.add(n);
                }
                names.add(n);
            }
            return List.copyOf(names);
        }

        /**
         * The operations of the graph in Keras's order ({@code functional.map_graph}): by decreasing depth (the
         * longest path to an output), ties in the order a depth-first walk from the outputs first met them. Input
         * layers come first. This order is {@code model.layers} in Keras, and so the order of weights and of
         * saved weight paths.
         */
        public List<Operation> operationsInKerasOrder() {
            return kerasOrder(inputs, outputs);
        }

        static List<Operation> kerasOrder(List<Tensor> inputs, List<Tensor> outputs) {
            Set<Tensor> inputSet = Collections.newSetFromMap(new IdentityHashMap<>());
            inputSet.addAll(inputs);
            Map<Operation, Integer> firstSeen = new IdentityHashMap<>();
            List<Node> decreasingDepth = new ArrayList<>();
            Set<Node> finished = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Tensor out : outputs) {
                walk(out, inputSet, firstSeen, decreasingDepth, finished);
            }
            Map<Node, Integer> nodeDepth = new IdentityHashMap<>();
            Map<Operation, Integer> opDepth = new IdentityHashMap<>();
            for (int i = decreasingDepth.size() - 1; i >= 0; i--) {
                Node node = decreasingDepth.get(i);
                int depth = Math.max(nodeDepth.getOrDefault(node, 0), opDepth.getOrDefault(node.operation(), 0));
                opDepth.put(node.operation(), depth);
                nodeDepth.put(node, depth);
                if (!isInputNode(node, inputSet)) {
                    for (Tensor in : node.inputs()) {
                        if (in instanceof SymbolicTensor st) {
                            Graph.producer(st).ifPresent(parent ->
                                    nodeDepth.merge(parent, depth + 1, Math::max));
                        }
                    }
                }
            }
            List<Operation> ops = new ArrayList<>(opDepth.keySet());
            ops.sort((a, b) -> {
                int byDepth = Integer.compare(opDepth.get(b), opDepth.get(a));
                return byDepth != 0 ? byDepth : Integer.compare(firstSeen.get(a), firstSeen.get(b));
            });
            return ops;
        }

        private static boolean isInputNode(Node node, Set<Tensor> inputs) {
            for (SymbolicTensor o : node.outputs()) {
                if (inputs.contains(o)) {
                    return true;
                }
            }
            return false;
        }

        private static void walk(Tensor t, Set<Tensor> inputs, Map<Operation, Integer> firstSeen, List<Node> order,
                                 Set<Node> finished) {
            if (!(t instanceof SymbolicTensor s)) {
                return;
            }
            Node node = Graph.producer(s).orElse(null);
            if (node == null || finished.contains(node)) {
                return;
            }
            firstSeen.putIfAbsent(node.operation(), firstSeen.size());
            if (!inputs.contains(t)) {
                for (Tensor in : node.inputs()) {
                    walk(in, inputs, firstSeen, order, finished);
                }
            }
            finished.add(node);
            order.add(node);
        }

        /**
         * Depth-first from the outputs back to the inputs (stopping there), then reversed: every node comes after
         * the nodes producing its inputs.
         */
        static List<Node> topologicalOrder(List<Tensor> inputs, List<Tensor> outputs) {
            Set<Tensor> stop = Collections.newSetFromMap(new IdentityHashMap<>());
            stop.addAll(inputs);
            Set<Node> done = Collections.newSetFromMap(new IdentityHashMap<>());
            Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
            List<Node> order = new ArrayList<>();
            for (Tensor out : outputs) {
                visit(out, stop, done, onPath, order);
            }
            return List.copyOf(order);
        }

        private static void visit(Tensor t, Set<Tensor> stop, Set<Node> done, Set<Node> onPath, List<Node> order) {
            if (stop.contains(t) || !(t instanceof SymbolicTensor s)) {
                return;
            }
            Node node = Graph.producer(s).orElse(null);
            if (node == null || done.contains(node)) {
                return;
            }
            if (!onPath.add(node)) {
                throw new IllegalStateException("the graph has a cycle through '" + node.operation().name() + "'");
            }
            for (Tensor in : node.inputs()) {
                visit(in, stop, done, onPath, order);
            }
            onPath.remove(node);
            done.add(node);
            order.add(node);
        }
    }
}
