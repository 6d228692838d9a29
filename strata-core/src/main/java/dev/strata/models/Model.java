package dev.strata.models;

import dev.strata.ShapeException;
import dev.strata.TracingException;
import dev.strata.data.Batch;
import dev.strata.graph.Graph;
import dev.strata.graph.Trace;
import dev.strata.layers.Layer;
import dev.strata.losses.Loss;
import dev.strata.metrics.Metric;
import dev.strata.optimizers.Optimizer;
import dev.strata.optimizers.Optimizers;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.internal.InferenceArena;
import dev.strata.internal.autodiff.Tape;
import dev.strata.training.CompileOptions;
import dev.strata.training.EvaluateOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import dev.strata.training.PredictOptions;
import dev.strata.training.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

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
 *         Tensor concat = Layers.concatenate(List.of(inputs.get(0), h2));
 *         return Tensors.of(mainOutput.apply(concat), auxOutput.apply(h2));
 *     }
 * }
 * }</pre>
 *
 * <p>A model is a layer, so models nest in models in all three styles.
 */
public class Model extends Layer {
    private transient volatile Trace trace;
    private transient volatile String untraceableReason;
    /**
     * compile/fit/evaluate/predict: the loop sees this model as a Layer plus what only a model knows. (The trainer
     * only keeps these references until it is used, so handing it {@code this} during construction is safe.)
     */
    @SuppressWarnings("this-escape")
    private final transient Trainer trainer = new Trainer(this, this::outputNames, this::prepareFor,
            x -> inInference(() -> predictCall(x)), new StepHooks());
    /** The {@link Metric} fields of this model's class, found once (see {@link #metrics()}). */
    private transient volatile List<java.lang.reflect.Field> metricFields;
    /** Whether the variables have their Keras paths ({@link dev.strata.tensor.Variable#path()}). */
    private transient volatile boolean pathsGiven;
    /** Whether this model's class overrides {@link #metrics()} (then the loop always asks it). */
    private final transient boolean overridesMetrics = overrides(getClass());

    /** A model named after its class ({@code wide_and_deep_model}, ...). */
    protected Model() {
        super();
    }

    /** A model with the given name, or (null) named after its class. */
    protected Model(String name) {
        super(name);
    }

    /**
     * One inference call for predict: in this thread's {@link InferenceArena} when the model allows it, so its
     * intermediates reuse the arrays of earlier layers and calls (the outputs are the caller's), else as usual.
     */
    private Tensors predictCall(List<Tensor> x) {
        InferenceArena arena = reusesInferenceArrays() && !Tape.isRecording() ? InferenceArena.open() : null;
        if (arena == null) {
            return apply(x);
        }
        Tensors out = null;
        try {
            out = apply(x);
        } finally {
            if (out == null) {
                arena.abandon();
            } else {
                arena.close(out);
            }
        }
        return out;
    }

    /**
     * Whether predict may run this model in an {@link InferenceArena}: only for a graph of Strata's own layers
     * ({@link InferenceReplay#reusesArrays}), which Functional and Sequential check; a subclassed model's call is
     * the user's code, which may keep what it computes.
     */
    boolean reusesInferenceArrays() {
        return false;
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

    // ---- compile, fit, evaluate, predict: facades of training.Trainer ---------------------------------------


    /**
     * Keras's {@code get_compile_config()}: what {@code compile} was given, in Keras's form (the optimizer's config,
     * losses, loss weights, metrics); {@code {}} for a model that is not compiled. Saving writes it beside the model's
     * config, and {@link #compileFromConfig} compiles from it.
     */
    @Override
    public Map<String, Object> getCompileConfig() {
        return trainer.getCompileConfig(trace() == null ? -1 : trace().outputs().size(), "compile_config of "
                + describe());
    }

    /**
     * Keras's {@code compile_from_config()}: compiles the model as a {@code compile_config} says. Metrics Strata
     * cannot make are left out, with a warning to the config's context; loading leaves a model uncompiled, with a
     * warning, when the optimizer or a loss cannot be made.
     *
     * @throws dev.strata.config.KerasConfigException if the optimizer or a loss cannot be made
     */
    @Override
    public void compileFromConfig(dev.strata.config.Config compileConfig) {
        trainer.compileFromConfig(compileConfig, trace() == null ? 1 : trace().outputs().size());
    }
    /**
     * Configures the model for training, like Keras's {@code compile}: the optimizer and the options (loss,
     * loss weights, metrics).
     *
     * <pre>{@code
     * model.compile(new SGD(1e-3f), new CompileOptions().loss("mse").lossWeights(0.9, 0.1));
     * }</pre>
     */
    public void compile(Optimizer optimizer, CompileOptions options) {
        trainer.compile(optimizer, options);
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
        return trainer.optimizer();
    }

    /** The options given to {@code compile} (loss, loss weights, metrics), if compiled; saving records them. */
    public Optional<CompileOptions> compileOptions() {
        return trainer.compileOptions();
    }

    /** Whether {@code compile} has been called. */
    public boolean isCompiled() {
        return trainer.isCompiled();
    }

    /** Compiles with an optimizer and no loss: for a model whose {@link #computeLoss} or {@link #trainStep} is its own. */
    public void compile(Optimizer optimizer) {
        compile(optimizer, new CompileOptions());
    }

    // ---- what happens in fit: Keras's overridable steps ----------------------------------------------------

    /**
     * One training step, as Keras's {@code train_step(data)}: {@code fit} and {@code trainOnBatch} call it for each
     * batch, and pass the logs it returns to the callbacks and the progress bar. Override it to take control of
     * what a step does while keeping everything else of {@code fit} (callbacks, epochs, validation, progress). The
     * default predicts in training mode, takes {@link #computeLoss} under a {@link dev.strata.autodiff.GradientTape},
     * adds it to the "loss" tracker, applies the optimizer to the {@link #trainableWeights()}, and returns
     * {@link #computeMetrics}.
     *
     * <pre>{@code
     * class CustomModel extends Model {
     *     private final Mean lossTracker = new Mean("loss");
     *     private final MeanAbsoluteError mae = new MeanAbsoluteError("mae");
     *     ...
     *     @Override public Map<String, Double> trainStep(Batch data) {
     *         Tensor x = data.x().getFirst(), y = data.y().getFirst();
     *         List<Variable> weights = trainableWeights();
     *         try (GradientTape tape = GradientTape.record()) {
     *             Tensor yPred = apply(x, true);
     *             Tensor loss = Ops.mean(Ops.square(Ops.subtract(y, yPred)));
     *             optimizer().orElseThrow().apply(tape.gradient(loss, weights), weights);
     *             lossTracker.updateState(loss);
     *             mae.update(y, yPred);
     *         }
     *         return Map.of("loss", lossTracker.result(), "mae", mae.result());
     *     }
     *     @Override public List<Metric> metrics() {   // reset at each epoch's start
     *         return List.of(lossTracker, mae);
     *     }
     * }
     * model.compile(new Adam());                       // no loss: trainStep computes its own
     * model.fit(x, y, FitOptions.epochs(5));
     * }</pre>
     *
     * @param data the batch: inputs, targets and sample weights
     * @return the logs after this step, by metric name
     */
    public Map<String, Double> trainStep(Batch data) {
        return trainer.defaultTrainStep(data);
    }

    /**
     * One evaluation step, as Keras's {@code test_step(data)}: {@code evaluate}, the validation in {@code fit} and
     * {@code testOnBatch} call it for each batch. The default predicts in inference mode, adds
     * {@link #computeLoss} to the "loss" tracker and returns {@link #computeMetrics}.
     */
    public Map<String, Double> testStep(Batch data) {
        return trainer.defaultTestStep(data);
    }

    /**
     * One prediction step, as Keras's {@code predict_step(data)}: {@code predict} and {@code predictOnBatch} call it
     * for each batch (the batch has inputs only) and join the outputs it returns. The default calls the model in
     * inference mode.
     */
    public Tensors predictStep(Batch data) {
        return trainer.defaultPredictStep(data);
    }

    /**
     * The total loss of a batch, as Keras's {@code compute_loss(x, y, y_pred, sample_weight, training)}: the default
     * train and test steps call it. The default is the compiled losses of the outputs, weighted by the loss weights,
     * plus the model's own {@link #losses()} (regularizers, {@code addLoss}). Override it to compute the loss your
     * way and keep Keras's steps.
     *
     * @param data the batch (inputs, targets, sample weights)
     * @param yPred the model's outputs for the batch
     * @param training whether this is a training step (false in evaluation)
     * @throws IllegalStateException if the model is not compiled, or was compiled without a loss and adds none
     */
    public Tensor computeLoss(Batch data, Tensors yPred, boolean training) {
        return trainer.defaultComputeLoss(data, yPred, training);
    }

    /**
     * Updates the metrics with a batch and returns the logs, as Keras's {@code compute_metrics(x, y, y_pred,
     * sample_weight)}: the default train and test steps call it last. The default updates the compiled metrics and
     * returns {@link #getMetricsResult()}.
     */
    public Map<String, Double> computeMetrics(Batch data, Tensors yPred) {
        return trainer.defaultComputeMetrics(data, yPred);
    }

    /**
     * The model's metrics, as Keras's {@code model.metrics}: the "loss" tracker, the per-output loss trackers and the
     * compiled metrics (these once the first batch resolved them), then every {@link Metric} the model's class holds
     * in a field, as Keras tracks metrics assigned to a model's attributes. {@code fit} and {@code evaluate} reset
     * them all at the start of each epoch and evaluation ({@link #resetMetrics()}). Override it to choose the list
     * (Keras's {@code metrics} property).
     */
    public List<Metric> metrics() {
        List<Metric> out = new ArrayList<>(trainer.compiledMetrics());
        for (java.lang.reflect.Field f : metricFields()) {
            Object value;
            try {
                value = f.get(this);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(describe() + ": cannot read metric field '" + f.getName() + "'", e);
            }
            if (value instanceof Metric m && out.stream().noneMatch(o -> o == m)) {
                out.add(m);
            }
        }
        return out;
    }

    /** Builds the model for {@code x} as {@link #prepareFor} does, then gives its variables their Keras paths. */
    private void givePaths(List<Tensor> x, String what) {
        pathsGiven = true; // (set first: the build below comes back here)
        try {
            prepareFor(x, what);
        } catch (RuntimeException e) {
            pathsGiven = false;
            throw e;
        }
        if (!isBuilt()) {
            pathsGiven = false; // an untraceable model builds on its first call: try again next time
            return;
        }
        Models.variablePaths(this).forEach((path, v) -> dev.strata.internal.TensorAccess.givePath(v, path));
    }

    private static boolean overrides(Class<?> c) {
        try {
            return c.getMethod("metrics").getDeclaringClass() != Model.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e); // Model declares it
        }
    }

    private List<java.lang.reflect.Field> metricFields() {
        List<java.lang.reflect.Field> fields = metricFields;
        if (fields == null) {
            fields = new ArrayList<>();
            for (java.lang.reflect.Field f : dev.strata.internal.InstanceFields.of(getClass(), Model.class,
                    "to find its metrics")) {
                if (Metric.class.isAssignableFrom(f.getType())) {
                    fields.add(f);
                }
            }
            fields = List.copyOf(fields);
            metricFields = fields;
        }
        return fields;
    }

    /** Resets every metric of {@link #metrics()}, as Keras's {@code reset_metrics()}. */
    public void resetMetrics() {
        trainer.resetMetrics();
    }

    /**
     * The current result of every metric of {@link #metrics()} by name, sorted by name, as Keras's
     * {@code get_metrics_result()} (the compiled ones under their log names).
     */
    public Map<String, Double> getMetricsResult() {
        return trainer.metricsResult();
    }

    /** Forwards the loop's calls to this model's overridable methods. */
    private final class StepHooks implements Trainer.Hooks {
        @Override
        public Map<String, Double> trainStep(Batch data) {
            return Model.this.trainStep(data);
        }

        @Override
        public Map<String, Double> testStep(Batch data) {
            return Model.this.testStep(data);
        }

        @Override
        public Tensors predictStep(Batch data) {
            return Model.this.predictStep(data);
        }

        @Override
        public Tensor computeLoss(Batch data, Tensors yPred, boolean training) {
            return Model.this.computeLoss(data, yPred, training);
        }

        @Override
        public Map<String, Double> computeMetrics(Batch data, Tensors yPred) {
            return Model.this.computeMetrics(data, yPred);
        }

        @Override
        public List<Metric> metrics() {
            // The loop asks for the metrics at every step (to log them): a model that neither overrides metrics()
            // nor holds Metric fields has exactly the compiled ones, whose list is made once, so no list per step.
            if (!overridesMetrics && metricFields().isEmpty()) {
                return trainer.compiledMetrics();
            }
            return Model.this.metrics();
        }
    }

    /** Trains a single-input, single-output model with default options (one epoch, batch 32). */
    public History fit(Tensor x, Tensor y) {
        return fit(List.of(x), List.of(y), new FitOptions());
    }

    /** Trains a single-input, single-output model. */
    public History fit(Tensor x, Tensor y, FitOptions options) {
        return fit(List.of(x), List.of(y), options);
    }

    /** Trains with default options: one tensor per model input, one per output. */
    public History fit(List<? extends Tensor> x, List<? extends Tensor> y) {
        return fit(x, y, new FitOptions());
    }

    /**
     * Trains the model, like Keras's {@code fit}: one tensor per model input in {@code x} and one per output in
     * {@code y} (first axis = samples). Inputs that do not fit the model fail before the first step.
     *
     * @return the per-epoch record of losses and metrics
     */
    public History fit(List<? extends Tensor> x, List<? extends Tensor> y, FitOptions options) {
        return trainer.fit(List.copyOf(x), List.copyOf(y), options);
    }

    /** Trains with inputs and targets given by input and output name, with default options. */
    public History fit(Map<String, ? extends Tensor> x, Map<String, ? extends Tensor> y) {
        return fit(x, y, new FitOptions());
    }

    /** Trains with inputs and targets given by input and output name. */
    public History fit(Map<String, ? extends Tensor> x, Map<String, ? extends Tensor> y, FitOptions options) {
        return fit(inputsByName(x), outputsByName(y), options);
    }

    /**
     * Trains on a dataset of batches (tf.data's way): each epoch iterates it anew, or takes
     * {@link FitOptions#stepsPerEpoch} batches of a pass that goes on across epochs (for a {@code repeat()}ed or
     * endless dataset). The batches come from the dataset, so {@code batchSize}, {@code sampleWeight} and
     * {@code validationSplit} are refused; validation data may be arrays or another dataset.
     *
     * <pre>{@code
     * model.fit(Dataset.fromTensorSlices(x, y).shuffle(1000, 42).batch(32).prefetch(2),
     *         new FitOptions().epochs(10).validationData(valDataset));
     * }</pre>
     *
     * @throws dev.strata.data.DatasetException if reading a batch fails (a generator or map function threw): it
     *     names the batch and epoch; the pipeline's threads have stopped
     */
    public History fit(dev.strata.data.Dataset<Batch> x, FitOptions options) {
        return trainer.fit(x, options);
    }

    /** {@link #fit(dev.strata.data.Dataset, FitOptions)} with the default options (one epoch). */
    public History fit(dev.strata.data.Dataset<Batch> x) {
        return fit(x, new FitOptions());
    }

    /**
     * Trains on a {@link dev.strata.data.PyDataset} (Keras's {@code PyDataset}): its batches in index order,
     * shuffled each epoch when {@link FitOptions#shuffle} (the default), read by its worker threads.
     */
    public History fit(dev.strata.data.PyDataset x, FitOptions options) {
        return trainer.fit(x, options);
    }

    /** {@link #fit(dev.strata.data.PyDataset, FitOptions)} with the default options (one epoch). */
    public History fit(dev.strata.data.PyDataset x) {
        return fit(x, new FitOptions());
    }

    /** The loss and metrics on the data, by Keras log name ({@code loss}, {@code main_output_loss}, ...). */
    public Map<String, Double> evaluate(Tensor x, Tensor y) {
        return evaluate(List.of(x), List.of(y), new EvaluateOptions());
    }

    /** The loss and metrics of a single-input, single-output model, with options. */
    public Map<String, Double> evaluate(Tensor x, Tensor y, EvaluateOptions options) {
        return evaluate(List.of(x), List.of(y), options);
    }

    /** The loss and metrics on the data (one tensor per input, one per output). */
    public Map<String, Double> evaluate(List<? extends Tensor> x, List<? extends Tensor> y) {
        return evaluate(x, y, new EvaluateOptions());
    }

    /** The loss and metrics on the data, with options (batch size, verbosity, sample weights). */
    public Map<String, Double> evaluate(List<? extends Tensor> x, List<? extends Tensor> y, EvaluateOptions options) {
        return trainer.evaluate(List.copyOf(x), List.copyOf(y), options);
    }

    /** The loss and metrics on data given by input and output name. */
    public Map<String, Double> evaluate(Map<String, ? extends Tensor> x, Map<String, ? extends Tensor> y) {
        return evaluate(x, y, new EvaluateOptions());
    }

    /** The loss and metrics on data given by input and output name, with options. */
    public Map<String, Double> evaluate(Map<String, ? extends Tensor> x, Map<String, ? extends Tensor> y,
                                        EvaluateOptions options) {
        return evaluate(inputsByName(x), outputsByName(y), options);
    }

    /** The loss and metrics on a dataset of batches (all of it, or {@link EvaluateOptions#steps} batches). */
    public Map<String, Double> evaluate(dev.strata.data.Dataset<Batch> x, EvaluateOptions options) {
        return trainer.evaluate(x, options);
    }

    /** {@link #evaluate(dev.strata.data.Dataset, EvaluateOptions)} with the default options. */
    public Map<String, Double> evaluate(dev.strata.data.Dataset<Batch> x) {
        return evaluate(x, new EvaluateOptions());
    }

    /** The loss and metrics on a {@link dev.strata.data.PyDataset}. */
    public Map<String, Double> evaluate(dev.strata.data.PyDataset x, EvaluateOptions options) {
        return trainer.evaluate(x, options);
    }

    /** Predictions of a single-input, single-output model, in batches of 32. */
    public Tensor predict(Tensor x) {
        return single(predict(List.of(x), new PredictOptions()), "predict");
    }

    /** Predictions of a single-input, single-output model. */
    public Tensor predict(Tensor x, PredictOptions options) {
        return single(predict(List.of(x), options), "predict");
    }

    /** Predictions, one tensor per output, in batches of 32 (one tensor per model input in {@code x}). */
    public Tensors predict(List<? extends Tensor> x) {
        return predict(x, new PredictOptions());
    }

    /**
     * Predictions, one tensor per output, computed in batches (Keras's {@code predict}). Safe to call from many
     * threads at once on a built model.
     */
    public Tensors predict(List<? extends Tensor> x, PredictOptions options) {
        return trainer.predict(List.copyOf(x), options);
    }

    /** Predictions for inputs given by input name, in batches of 32. */
    public Tensors predict(Map<String, ? extends Tensor> x) {
        return predict(x, new PredictOptions());
    }

    /** Predictions for inputs given by input name. */
    public Tensors predict(Map<String, ? extends Tensor> x, PredictOptions options) {
        return predict(inputsByName(x), options);
    }

    /**
     * Predictions for a dataset of batches (their targets, if any, are ignored), one tensor per output, the batches
     * joined in order.
     */
    public Tensors predict(dev.strata.data.Dataset<Batch> x, PredictOptions options) {
        return trainer.predict(x, options);
    }

    /** {@link #predict(dev.strata.data.Dataset, PredictOptions)} with the default options. */
    public Tensors predict(dev.strata.data.Dataset<Batch> x) {
        return predict(x, new PredictOptions());
    }

    /** Predictions for the batches of a {@link dev.strata.data.PyDataset}, in index order. */
    public Tensors predict(dev.strata.data.PyDataset x, PredictOptions options) {
        return trainer.predict(x, options);
    }

    /** One gradient step on one batch; returns the logs of that batch. */
    public Map<String, Double> trainOnBatch(List<? extends Tensor> x, List<? extends Tensor> y) {
        return trainer.trainOnBatch(List.copyOf(x), List.copyOf(y), null);
    }

    /** One gradient step on one batch with per-sample weights; returns the logs of that batch. */
    public Map<String, Double> trainOnBatch(List<? extends Tensor> x, List<? extends Tensor> y, Tensor sampleWeight) {
        return trainer.trainOnBatch(List.copyOf(x), List.copyOf(y), sampleWeight);
    }

    /** The loss and metrics of one batch, without training. */
    public Map<String, Double> testOnBatch(List<? extends Tensor> x, List<? extends Tensor> y) {
        return trainer.testOnBatch(List.copyOf(x), List.copyOf(y), null);
    }

    /** The loss and metrics of one batch with per-sample weights, without training. */
    public Map<String, Double> testOnBatch(List<? extends Tensor> x, List<? extends Tensor> y, Tensor sampleWeight) {
        return trainer.testOnBatch(List.copyOf(x), List.copyOf(y), sampleWeight);
    }

    /** Predictions for one batch, without batching (Keras's {@code predict_on_batch}). */
    public Tensors predictOnBatch(List<? extends Tensor> x) {
        return trainer.predictOnBatch(List.copyOf(x));
    }

    /**
     * Whether a callback asked the {@code fit} under way (or the last one) to stop: Keras's
     * {@code model.stop_training}, kept for its callbacks' idiom. It reads the run's
     * {@link dev.strata.training.TrainingState}, which callbacks may also use directly.
     */
    public boolean stopTraining() {
        return trainer.stopTraining();
    }

    /**
     * Asks the {@code fit} under way to stop after the current batch or epoch (Keras's
     * {@code model.stop_training = True}); the same as {@code state().setStopTraining(stop)} in a callback. Each
     * {@code fit} starts with it false, so outside a fit it has no effect.
     */
    public void setStopTraining(boolean stop) {
        trainer.setStopTraining(stop);
    }

    private static Tensor single(Tensors out, String what) {
        if (out.size() != 1) {
            throw new IllegalStateException(what + "(Tensor) is for models with one output; this one has " + out.size()
                    + ", use " + what + "(List, ...)");
        }
        return out.get(0);
    }

    private List<Tensor> inputsByName(Map<String, ? extends Tensor> given) {
        return byName(given, inputNames(), "input");
    }

    private List<Tensor> outputsByName(Map<String, ? extends Tensor> given) {
        return byName(given, outputNames(), "output");
    }

    // ---- tracing and input checks ----------------------------------------------------------------------------

    /**
     * A model is traced on input layers, named by the call they start ({@code input_layer}, {@code input_layer_1},
     * ... as Keras names a Functional model's inputs), so that the recorded graph starts from input layers as a
     * Functional model's does. See {@link Layer#buildForSamples}.
     */
    @Override
    protected List<Tensor> symbolicInputs(Shape... sampleShapes) {
        List<Tensor> inputs = new ArrayList<>();
        for (Shape s : sampleShapes) {
            inputs.add(new dev.strata.layers.core.InputLayer(s.prepend(Shape.UNKNOWN), null).output());
        }
        return inputs;
    }

    /**
     * Makes sure the model is built (tracing it on symbolic inputs shaped like {@code x} if it can) and checks
     * that {@code x} fits its inputs, before any data flows.
     */
    final void prepareFor(List<Tensor> x, String what) {
        if (!pathsGiven) {
            givePaths(x, what);
        }
        if (trace == null && untraceableReason == null) {
            Shape[] shapes = new Shape[x.size()];
            for (int i = 0; i < shapes.length; i++) {
                Shape s = x.get(i).shape();
                shapes[i] = s.subShape(1, s.rank());
            }
            try {
                buildForSamples(shapes);
            } catch (TracingException e) {
                untraceableReason = e.getMessage();
            }
        }
        Trace t = trace;
        if (t == null) {
            return;
        }
        // (the input names only for the messages: this runs on every predict)
        if (x.size() != t.inputs().size()) {
            throw new IllegalArgumentException(what + ": " + describe() + " takes " + t.inputs().size() + " input(s) "
                    + inputNames() + ", got " + x.size());
        }
        for (int i = 0; i < x.size(); i++) {
            Shape expected = t.inputs().get(i).shape();
            Shape actual = x.get(i).shape();
            if (!expected.isCompatibleWith(actual)) {
                throw new ShapeException(what + ": input " + i + " ('" + inputNames().get(i) + "') of " + describe()
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
            throw new IllegalStateException(describe() + " is not built yet; call buildForSamples(...) with its input "
                    + "shapes, or fit/predict it once");
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

    /**
     * The names of the model's inputs: its input layers' names. A model traced by {@link #build} (or by its first
     * {@code fit} or {@code predict}) has inputs named as Keras names a Functional model's: {@code input_layer},
     * {@code input_layer_1}, ..., passing over names its own layers have.
     */
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
     * compile settings and optimizer state, so that {@link dev.strata.saving.Saving#loadModel(java.nio.file.Path)}
     * (or Python's {@code keras.saving.load_model}) gives back a model that predicts the same and continues training
     * where this one stopped. A subclassed model is written as its traced Functional graph plus its class: Strata reloads the
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
     * @throws dev.strata.ModelFormatException naming the file, the path in it and what did not fit (a
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
}
