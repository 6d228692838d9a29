package dev.strata.training;

import dev.strata.autodiff.GradientTape;
import dev.strata.data.Batch;
import dev.strata.data.Dataset;
import dev.strata.data.DatasetException;
import dev.strata.data.PyDataset;
import dev.strata.internal.OptimizerAccess;
import dev.strata.internal.autodiff.GradientBuffers;
import dev.strata.layers.Layer;
import dev.strata.metrics.Metric;
import dev.strata.optimizers.Optimizer;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import dev.strata.training.Listeners.Mode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The training machinery of a model, like Keras's {@code Trainer} ({@code keras/src/trainers/trainer.py}):
 * {@code compile}, {@code fit}, {@code evaluate} and {@code predict} (and their one-batch forms) over one batch
 * loop, with callbacks. {@code Model}'s methods of the same names delegate here; users call those.
 *
 * <p>The trainer sees the model as a {@link Layer}, plus what only the model knows, given at construction: its output
 * names, how to make it ready for data (build or trace it for the data's shapes and check that the data fits its
 * inputs), how to call it for inference from many threads at once, and its {@link Hooks}: the steps and the loss and
 * metric computations a model may override, as Keras's {@code train_step}, {@code test_step}, {@code predict_step},
 * {@code compute_loss} and {@code compute_metrics}. The loop calls the hooks; their default implementations are
 * this class's {@code default...} methods, which call the hooks in turn where Keras's do (the default train step
 * calls the model's {@code computeLoss} and {@code computeMetrics}), so overriding one keeps the others.
 */
public final class Trainer {
    /**
     * What a model may override in training, as Keras's {@code Trainer} methods of the same names; the loop calls
     * these. A {@code Model} forwards them to its own overridable methods.
     */
    public interface Hooks {
        /** Keras's {@code train_step(data)}: one gradient step; returns the logs after it. */
        Map<String, Double> trainStep(Batch data);

        /** Keras's {@code test_step(data)}: the loss and metrics of one batch; returns the logs after it. */
        Map<String, Double> testStep(Batch data);

        /** Keras's {@code predict_step(data)}: the outputs for one batch. */
        Tensors predictStep(Batch data);

        /** Keras's {@code compute_loss(x, y, y_pred, sample_weight, training)}: the total loss of a batch. */
        Tensor computeLoss(Batch data, Tensors yPred, boolean training);

        /** Keras's {@code compute_metrics(x, y, y_pred, sample_weight)}: updates the metrics; returns the logs. */
        Map<String, Double> computeMetrics(Batch data, Tensors yPred);

        /** Keras's {@code model.metrics}: every metric the loop resets at the start of each epoch and evaluation. */
        List<Metric> metrics();
    }

    /** Makes a model ready for data: builds or traces it for the shapes of {@code x} and checks that they fit. */
    @FunctionalInterface
    public interface InputCheck {
        /**
         * @param what the operation, for messages ({@code "fit"}, {@code "predict"}, ...)
         * @throws IllegalArgumentException or {@link dev.strata.ShapeException} naming the input that does not fit
         */
        void prepare(List<Tensor> x, String what);
    }

    private final Layer model;
    private final Supplier<List<String>> outputNames;
    private final InputCheck inputCheck;
    private final Function<List<Tensor>, Tensors> inference;
    private final Hooks hooks;
    private Optimizer optimizer;
    private CompileOptions options;
    private LossAndMetrics compiled;
    /** The state of the fit under way, or of the last one; {@code Model.stopTraining} reads it. */
    private volatile TrainingState fitState;

    /**
     * A trainer for {@code model}.
     *
     * @param outputNames the model's output names (for per-output logs and named predictions), empty if unknown
     * @param inputCheck  makes the model ready for data before the first step
     * @param inference   calls the model in inference mode, safely from many threads at once
     * @param hooks       the model's steps and loss and metric computations
     */
    public Trainer(Layer model, Supplier<List<String>> outputNames, InputCheck inputCheck,
                   Function<List<Tensor>, Tensors> inference, Hooks hooks) {
        this.model = Objects.requireNonNull(model, "model");
        this.outputNames = Objects.requireNonNull(outputNames, "outputNames");
        this.inputCheck = Objects.requireNonNull(inputCheck, "inputCheck");
        this.inference = Objects.requireNonNull(inference, "inference");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
    }

    // ---- compile -------------------------------------------------------------------------------------------

    /** Configures training (Keras's {@code compile}); losses and metrics are resolved on the first batch. */
    public void compile(Optimizer optimizer, CompileOptions options) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.options = Objects.requireNonNull(options, "options");
        this.compiled = new LossAndMetrics(model, outputNames, options);
    }

    /**
     * Keras's {@code get_compile_config()}: how the model was compiled, in Keras's form ({@code {}} if it was not);
     * {@code outputs} is the model's number of outputs (-1 if not known).
     */
    public Map<String, Object> getCompileConfig(int outputs, String where) {
        if (!isCompiled()) {
            return new java.util.LinkedHashMap<>();
        }
        return CompileConfig.write(optimizer().orElseThrow(), compileOptions().orElseThrow(), outputs, where);
    }

    /**
     * Keras's {@code compile_from_config()}: compiles as the config says, leaving out (with a warning to the config's
     * context) the metrics Strata cannot make. Nothing happens for an empty config.
     *
     * @throws dev.strata.config.KerasConfigException if the optimizer or a loss cannot be made
     */
    public void compileFromConfig(dev.strata.config.Config config, int outputs) {
        if (config.map().isEmpty()) {
            return;
        }
        CompileConfig.Compiled c = CompileConfig.read(config, outputs);
        compile(c.optimizer(), c.options());
    }

    /** Whether {@link #compile} has been called. */
    public boolean isCompiled() {
        return compiled != null;
    }

    /** The optimizer given to {@code compile}, if compiled. */
    public Optional<Optimizer> optimizer() {
        return Optional.ofNullable(optimizer);
    }

    /** The options given to {@code compile}, if compiled. */
    public Optional<CompileOptions> compileOptions() {
        return Optional.ofNullable(options);
    }

    private LossAndMetrics compiled(String what) {
        if (compiled == null) {
            throw new IllegalStateException(model.describe() + " must be compiled before " + what + "; call "
                    + "compile(...) with an optimizer and a loss");
        }
        return compiled;
    }

    /** Whether a callback asked the fit under way (or the last one) to stop. */
    public boolean stopTraining() {
        TrainingState s = fitState;
        return s != null && s.stopTraining();
    }

    /** Asks the fit under way to stop (Keras's {@code model.stop_training = True}); a new fit starts with false. */
    public void setStopTraining(boolean stop) {
        TrainingState s = fitState;
        if (s != null) {
            s.setStopTraining(stop);
        }
    }

    // ---- fit -----------------------------------------------------------------------------------------------

    /** Keras's {@code fit}: one tensor per model input in {@code x}, one per output in {@code y}. */
    public History fit(List<Tensor> x, List<Tensor> y, FitOptions o) {
        compiled("fit");
        int n = prepare(x, y, "fit");
        List<Tensor> sampleWeights = SampleWeights.of(o.sampleWeight(), o.classWeight(), y, n, "fit");
        List<Tensor> trainX = x;
        List<Tensor> trainY = y;
        List<Tensor> trainW = sampleWeights;
        List<Tensor> valX = o.validationX();
        List<Tensor> valY = o.validationY();
        List<Tensor> valW = o.validationSampleWeight();
        if (o.validationSplit() > 0 && valX == null && o.validationDataset() == null
                && o.validationPyDataset() == null) {
            int split = (int) Math.floor(n * (1 - o.validationSplit()));
            if (split == 0 || split == n) {
                throw new IllegalArgumentException("fit: validationSplit " + o.validationSplit() + " of " + n
                        + " samples leaves an empty training or validation set");
            }
            trainX = rows(x, 0, split);
            trainY = rows(y, 0, split);
            trainW = sampleWeights == null ? null : rows(sampleWeights, 0, split);
            valX = rows(x, split, n);
            valY = rows(y, split, n);
            valW = sampleWeights == null ? null : rows(sampleWeights, split, n);
        }
        if (valX != null) {
            prepare(valX, valY, "fit (validation data)");
        }
        EpochIterator data = new EpochIterator(trainX, trainY, trainW, o.batchSize(), o.stepsPerEpoch(), o.shuffle());
        BatchSource validation = valX == null ? validationSource(o)
                : new EpochIterator(valX, valY, valW, validationBatch(o), steps(valX, validationBatch(o),
                        o.validationSteps()), false);
        return fit(data, validation, o);
    }

    /**
     * Keras's {@code fit} on a dataset of batches: each epoch a new pass over it (or {@code stepsPerEpoch} batches
     * of a pass that continues across epochs); see {@link DatasetSource}.
     *
     * @throws IllegalArgumentException for options Keras refuses with a dataset (a batch size, sample weights,
     *     a validation split)
     * @throws dev.strata.data.DatasetException if reading a batch fails; it names the batch, and fit has stopped
     *     its pipeline's threads
     */
    public History fit(Dataset<Batch> x, FitOptions o) {
        return fitDataset(Objects.requireNonNull(x, "fit: x is null"), null, o);
    }

    /** Keras's {@code fit} on a {@link PyDataset}: its batches in order, shuffled per epoch if {@code shuffle}. */
    public History fit(PyDataset x, FitOptions o) {
        Objects.requireNonNull(x, "fit: x is null");
        return fitDataset(Dataset.fromPyDataset(x, o.shuffle()), x, o);
    }

    private History fitDataset(Dataset<Batch> x, PyDataset py, FitOptions o) {
        compiled("fit");
        String kind = py != null ? "PyDataset" : "Dataset";
        refuseBatchSize(o.batchSizeGiven(), "fit", kind);
        if (o.sampleWeight() != null) {
            throw unsupported("fit", kind, "sampleWeight", "the sample weights");
        }
        if (o.validationSplit() > 0) {
            throw new IllegalArgumentException("fit: validationSplit is only supported for tensors (Keras: \"Argument "
                    + "`validation_split` is only supported for tensors or NumPy arrays\"); found a " + kind
                    + ". Split the data first, e.g. with take() and skip(), and give validationData");
        }
        if (o.validationX() != null) {
            prepare(o.validationX(), o.validationY(), "fit (validation data)");
        }
        BatchSource validation = o.validationX() == null ? validationSource(o)
                : new EpochIterator(o.validationX(), o.validationY(), o.validationSampleWeight(), validationBatch(o),
                        steps(o.validationX(), validationBatch(o), o.validationSteps()), false);
        return fit(new DatasetSource(x, py, o.stepsPerEpoch(), o.classWeight(), "fit",
                b -> inputCheck.prepare(b.x(), "fit")), validation, o);
    }

    private static int validationBatch(FitOptions o) {
        return o.validationBatchSize() != null ? o.validationBatchSize() : o.batchSize();
    }

    /** The validation dataset or PyDataset of the options, or null. */
    private BatchSource validationSource(FitOptions o) {
        Dataset<Batch> d = o.validationDataset();
        PyDataset py = o.validationPyDataset();
        if (d == null && py == null) {
            return null;
        }
        if (o.validationBatchSize() != null) {
            throw new IllegalArgumentException("fit: validationBatchSize must not be given with a validation "
                    + (py != null ? "PyDataset" : "Dataset") + ", which makes its own batches");
        }
        String what = "fit (validation data)";
        return new DatasetSource(d != null ? d : Dataset.fromPyDataset(py, false), py, o.validationSteps(), null,
                what, b -> inputCheck.prepare(b.x(), what));
    }

    /** The epochs of {@code fit} over a source of batches, with validation after each if {@code validation}. */
    private History fit(BatchSource data, BatchSource validation, FitOptions o) {
        try (data; validation) {
            Map<String, Object> params = new HashMap<>();
            params.put("epochs", o.epochs());
            params.put("steps", data.steps());
            params.put("verbose", o.verbose());
            TrainingState state = new TrainingState(model, params);
            fitState = state;
            Listeners listeners = Listeners.of(o.callbacks(), true, o.verbose(), state);
            try {
                return fitEpochs(data, validation, o, state, listeners);
            } catch (RuntimeException | Error e) {
                listeners.closeAfterFailure(e);
                throw e;
            }
        }
    }

    /** The epochs of a fit whose listeners are made; the caller closes them if this fails. */
    private History fitEpochs(BatchSource data, BatchSource validation, FitOptions o, TrainingState state,
                              Listeners listeners) {
        Map<String, Double> logs = new LinkedHashMap<>();
        state.acceptResume(true);
        listeners.begin(Mode.TRAIN, logs);
        state.acceptResume(false);
        Integer resume = state.resumeEpoch(); // BackupAndRestore resuming an interrupted run
        int initialEpoch = resume != null ? resume : o.initialEpoch();
        for (int epoch = initialEpoch; epoch < o.epochs(); epoch++) {
            resetMetrics();
            listeners.epochBegin(epoch, new LinkedHashMap<>());
            logs = runBatches(Mode.TRAIN, data, "fit", epoch, listeners, state, hooks::trainStep, logs);
            Map<String, Double> epochLogs = new LinkedHashMap<>(metricsResultOrLogs(logs));
            // Keras's _should_eval counts epochs from 1 absolutely, so a resumed run validates when the
            // uninterrupted one would.
            if (validation != null && (epoch + 1) % o.validationFreq() == 0) {
                Map<String, Double> valLogs = test(validation, "fit (validation data)", listeners, state);
                valLogs.forEach((k, v) -> epochLogs.put("val_" + k, v));
            }
            listeners.epochEnd(epoch, epochLogs);
            logs = epochLogs;
            if (state.stopTraining()) {
                break;
            }
        }
        if (o.epochs() > 0) {
            optimizer.finalizeVariableValues(model.trainableWeights()); // Keras's fit: EMA weights replace the model's
        }
        listeners.end(Mode.TRAIN, logs);
        return listeners.history();
    }

    /**
     * Keras's default {@code train_step}: predictions in training mode, the loss from the model's
     * {@link Hooks#computeLoss computeLoss} under a gradient tape, the "loss" tracker updated with it, one optimizer
     * step on the trainable weights, then the model's {@link Hooks#computeMetrics computeMetrics}, whose logs it
     * returns.
     *
     * @throws IllegalStateException if the model is not compiled
     */
    public Map<String, Double> defaultTrainStep(Batch data) {
        LossAndMetrics lm = compiled("fit");
        List<Variable> variables = model.trainableWeights();
        Tensors predictions;
        List<Tensor> grads;
        try (GradientTape tape = GradientTape.record()) {
            predictions = model.apply(data.x(), true);
            Tensor loss = hooks.computeLoss(data, predictions, true);
            lm.trackLoss(loss, data.size());
            // Keras's optimizer.scale_loss (loss_scale_factor, LossScaleOptimizer): the metrics see the unscaled loss
            grads = variables.isEmpty() ? List.of() : tape.gradient(optimizer.scaleLoss(loss), variables);
        }
        if (!variables.isEmpty()) {
            optimizer.apply(grads, variables);
            if (OptimizerAccess.keepsNoGradients(optimizer)) {
                // Nobody else holds these gradients now: the next step may write its own into their arrays.
                GradientBuffers.recycle(grads);
            }
        }
        return hooks.computeMetrics(data, predictions);
    }

    /**
     * Keras's default {@code test_step}: predictions in inference mode, the loss from the model's
     * {@link Hooks#computeLoss computeLoss} (tracked as "loss"), then its {@link Hooks#computeMetrics computeMetrics}.
     *
     * @throws IllegalStateException if the model is not compiled
     */
    public Map<String, Double> defaultTestStep(Batch data) {
        LossAndMetrics lm = compiled("evaluate");
        Tensors predictions = model.apply(data.x(), false);
        lm.trackLoss(hooks.computeLoss(data, predictions, false), data.size());
        return hooks.computeMetrics(data, predictions);
    }

    /** Keras's default {@code predict_step}: the model called on the batch's inputs in inference mode. */
    public Tensors defaultPredictStep(Batch data) {
        return inference.apply(data.x());
    }

    /**
     * Keras's default {@code compute_loss}: the compiled losses of the outputs (weighted by the loss weights; with
     * more than one, each also tracked as {@code <output>_loss}) plus the model's own losses ({@code add_loss},
     * regularizers).
     *
     * @throws IllegalStateException if the model is not compiled, or there is no loss at all
     */
    public Tensor defaultComputeLoss(Batch data, Tensors yPred, boolean training) {
        return compiled(training ? "fit" : "evaluate").computeLoss(data.y(), yPred, data.sampleWeights());
    }

    /** Keras's default {@code compute_metrics}: updates the compiled metrics, then returns {@link #metricsResult}. */
    public Map<String, Double> defaultComputeMetrics(Batch data, Tensors yPred) {
        compiled("fit").updateMetrics(data.y(), yPred, data.sampleWeights());
        return metricsResult();
    }

    /**
     * The metrics of the compiled model, as Keras's {@code model.metrics} starts: the "loss" tracker, the per-output
     * loss trackers, then the compiled metrics (these once the first batch resolved them); empty before compile.
     */
    public List<Metric> compiledMetrics() {
        return compiled == null ? List.of() : compiled.metrics();
    }

    /**
     * Keras's {@code get_metrics_result()}: the result of every metric of the model's {@link Hooks#metrics metrics}
     * by name, sorted by name (the compiled ones under their log names: {@code loss}, {@code <output>_loss},
     * {@code <output>_<metric>}).
     */
    public Map<String, Double> metricsResult() {
        List<Metric> all = hooks.metrics();
        List<Metric> own = compiled == null ? List.of() : compiled.metrics();
        if (all == own && !own.isEmpty()) {
            return compiled.logs(); // the compiled metrics alone (the common case, each step): no list to compare
        }
        boolean withCompiled = !own.isEmpty() && containsAll(all, own);
        if (withCompiled && all.size() == own.size()) {
            return compiled.logs(); // the compiled metrics alone: their log names, in the order found once
        }
        // The compiled metrics keep their log names (<output>_<metric>, unique suffixes); the others log by name.
        Map<String, Double> out = new java.util.TreeMap<>(withCompiled ? compiled.logs() : Map.of());
        for (Metric m : all) {
            if (!withCompiled || !containsAll(own, List.of(m))) {
                out.put(m.name(), m.result());
            }
        }
        return new LinkedHashMap<>(out);
    }

    /** Whether {@code list} holds every metric of {@code wanted}, by identity. */
    private static boolean containsAll(List<Metric> list, List<Metric> wanted) {
        for (Metric w : wanted) {
            boolean found = false;
            for (Metric m : list) {
                found |= m == w;
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** Keras's {@code reset_metrics()}: resets every metric of the model's {@link Hooks#metrics metrics}. */
    public void resetMetrics() {
        for (Metric m : hooks.metrics()) {
            m.reset();
        }
    }

    /**
     * Keras's {@code _get_metrics_result_or_logs}: the metrics' results when the step's logs name the same metrics,
     * else the last step's logs (a custom step returning logs of its own).
     */
    private Map<String, Double> metricsResultOrLogs(Map<String, Double> logs) {
        Map<String, Double> result = metricsResult();
        return logs != null && logs.keySet().equals(result.keySet()) ? result : logs;
    }

    // ---- evaluate ------------------------------------------------------------------------------------------

    /** Keras's {@code evaluate}: the loss and metrics on the data, by log name. */
    public Map<String, Double> evaluate(List<Tensor> x, List<Tensor> y, EvaluateOptions o) {
        compiled("evaluate");
        int n = prepare(x, y, "evaluate");
        List<Tensor> sw = SampleWeights.of(o.sampleWeight(), null, y, n, "evaluate");
        return evaluate(new EpochIterator(x, y, sw, o.batchSize(), steps(x, o.batchSize(), o.steps()), false), o);
    }

    /** Keras's {@code evaluate} on a dataset of batches: all of it, or {@code steps} batches. */
    public Map<String, Double> evaluate(Dataset<Batch> x, EvaluateOptions o) {
        return evaluateDataset(Objects.requireNonNull(x, "evaluate: x is null"), null, o);
    }

    /** Keras's {@code evaluate} on a {@link PyDataset}. */
    public Map<String, Double> evaluate(PyDataset x, EvaluateOptions o) {
        Objects.requireNonNull(x, "evaluate: x is null");
        return evaluateDataset(Dataset.fromPyDataset(x, false), x, o);
    }

    private Map<String, Double> evaluateDataset(Dataset<Batch> x, PyDataset py, EvaluateOptions o) {
        compiled("evaluate");
        String kind = py != null ? "PyDataset" : "Dataset";
        refuseBatchSize(o.batchSizeGiven(), "evaluate", kind);
        if (o.sampleWeight() != null) {
            throw unsupported("evaluate", kind, "sampleWeight", "the sample weights");
        }
        return evaluate(new DatasetSource(x, py, o.steps(), null, "evaluate",
                b -> inputCheck.prepare(b.x(), "evaluate")), o);
    }

    private Map<String, Double> evaluate(BatchSource data, EvaluateOptions o) {
        try (data) {
            Map<String, Object> params = new HashMap<>();
            params.put("steps", data.steps());
            params.put("verbose", o.verbose());
            TrainingState state = new TrainingState(model, params);
            Listeners listeners = Listeners.of(o.callbacks(), false, o.verbose(), state);
            try {
                return test(data, "evaluate", listeners, state);
            } catch (RuntimeException | Error e) {
                listeners.closeAfterFailure(e);
                throw e;
            }
        }
    }

    /** One pass of evaluation with the test hooks: {@code evaluate}, and the validation inside {@code fit}. */
    private Map<String, Double> test(BatchSource data, String what, Listeners listeners, TrainingState state) {
        resetMetrics();
        Map<String, Double> logs = new LinkedHashMap<>();
        listeners.begin(Mode.TEST, logs);
        logs = runBatches(Mode.TEST, data, what, -1, listeners, state, hooks::testStep, logs);
        logs = metricsResultOrLogs(logs);
        listeners.end(Mode.TEST, logs);
        return logs;
    }

    // ---- predict -------------------------------------------------------------------------------------------

    /** Keras's {@code predict}: one tensor per output, named after the outputs when their names are known. */
    public Tensors predict(List<Tensor> x, PredictOptions o) {
        prepare(x, null, "predict");
        int steps = steps(x, o.batchSize(), o.steps());
        int n = x.getFirst().shape().get(0);
        if (steps == 1 && n <= o.batchSize() && o.callbacks().isEmpty() && o.verbose() == 0) {
            // One batch and no listener (a service predicting a sample at a time): what the loop below would do,
            // without its state, listeners, logs and lists, which were half of what such a call allocated.
            Tensors out = hooks.predictStep(Batch.inputs(x));
            Tensor[] result = new Tensor[out.size()];
            for (int i = 0; i < result.length; i++) {
                result[i] = EpochIterator.concatenate(List.of(out.get(i)), n); // (the output itself, as a rule)
            }
            return named(Tensors.of(result));
        }
        return predict(new EpochIterator(x, null, null, o.batchSize(), steps, false), o);
    }

    /**
     * Keras's {@code predict} on a dataset of batches (their targets, if any, are ignored): all of it, or
     * {@code steps} batches.
     */
    public Tensors predict(Dataset<Batch> x, PredictOptions o) {
        return predictDataset(Objects.requireNonNull(x, "predict: x is null"), null, o);
    }

    /** Keras's {@code predict} on a {@link PyDataset}. */
    public Tensors predict(PyDataset x, PredictOptions o) {
        Objects.requireNonNull(x, "predict: x is null");
        return predictDataset(Dataset.fromPyDataset(x, false), x, o);
    }

    private Tensors predictDataset(Dataset<Batch> x, PyDataset py, PredictOptions o) {
        refuseBatchSize(o.batchSizeGiven(), "predict", py != null ? "PyDataset" : "Dataset");
        return predict(new DatasetSource(x, py, o.steps(), null, "predict",
                b -> inputCheck.prepare(b.x(), "predict")), o);
    }

    private Tensors predict(BatchSource data, PredictOptions o) {
        try (data) {
            Map<String, Object> params = new HashMap<>();
            params.put("steps", data.steps());
            params.put("verbose", o.verbose());
            TrainingState state = new TrainingState(model, params);
            Listeners listeners = Listeners.of(o.callbacks(), false, o.verbose(), state);
            Map<String, Double> logs = new LinkedHashMap<>();
            List<List<Tensor>> parts = new ArrayList<>();
            int[] rows = new int[1];
            try {
                listeners.begin(Mode.PREDICT, logs);
                runBatches(Mode.PREDICT, data, "predict", -1, listeners, state, batch -> {
                    Tensors out = hooks.predictStep(batch);
                    for (int i = 0; i < out.size(); i++) {
                        if (parts.size() <= i) {
                            parts.add(new ArrayList<>());
                        }
                        parts.get(i).add(out.get(i));
                    }
                    rows[0] += batch.size();
                    return logs;
                }, logs);
                listeners.end(Mode.PREDICT, logs);
            } catch (RuntimeException | Error e) {
                listeners.closeAfterFailure(e);
                throw e;
            }
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("predict: the data gave no batch; nothing to predict");
            }
            List<Tensor> result = new ArrayList<>();
            for (List<Tensor> p : parts) {
                result.add(EpochIterator.concatenate(p, rows[0]));
            }
            return named(Tensors.of(result));
        }
    }

    /** Predictions named after the model's outputs, when their names are known. */
    private Tensors named(Tensors t) {
        List<String> names = outputNames.get();
        return names.size() == t.size() ? t.withNames(names.toArray(new String[0])) : t;
    }

    // ---- one batch -----------------------------------------------------------------------------------------

    /** Keras's {@code train_on_batch}: one gradient step; the logs of that batch. */
    public Map<String, Double> trainOnBatch(List<Tensor> x, List<Tensor> y, Tensor sampleWeight) {
        compiled("trainOnBatch");
        List<Tensor> sw = batchSampleWeights(x, y, sampleWeight, "trainOnBatch");
        resetMetrics();
        return hooks.trainStep(new Batch(x, y, sw));
    }

    /** Keras's {@code test_on_batch}: the loss and metrics of one batch, without training. */
    public Map<String, Double> testOnBatch(List<Tensor> x, List<Tensor> y, Tensor sampleWeight) {
        compiled("testOnBatch");
        List<Tensor> sw = batchSampleWeights(x, y, sampleWeight, "testOnBatch");
        resetMetrics();
        return hooks.testStep(new Batch(x, y, sw));
    }

    /** Keras's {@code predict_on_batch}: the outputs for one batch, without batching. */
    public Tensors predictOnBatch(List<Tensor> x) {
        inputCheck.prepare(x, "predictOnBatch");
        return hooks.predictStep(Batch.inputs(x));
    }

    // ---- the loop ------------------------------------------------------------------------------------------

    /**
     * The batch loop that fit, evaluate and predict share: one pass of {@code data}, the batch hooks of
     * {@code mode} around each step, stopping early when training and a callback asked to stop. The pass is ended
     * however the loop ends (its threads stopped). Returns the logs after the last step.
     *
     * @param epoch the 0-based epoch for messages, or -1
     * @throws DatasetException naming the batch if reading it fails
     */
    private static Map<String, Double> runBatches(Mode mode, BatchSource data, String what, int epoch,
                                                  Listeners listeners, TrainingState state,
                                                  Function<Batch, Map<String, Double>> step,
                                                  Map<String, Double> logs) {
        BatchSource.Pass pass = data.start();
        boolean failed = true;
        try {
            for (int s = 0; ; s++) {
                Batch batch = next(pass, what, s, epoch);
                if (batch == null) {
                    break;
                }
                listeners.batchBegin(mode, s, logs);
                logs = step.apply(batch);
                listeners.batchEnd(mode, s, logs);
                if (mode == Mode.TRAIN && state.stopTraining()) {
                    break;
                }
            }
            failed = false;
        } finally {
            pass.end(failed);
        }
        return logs;
    }

    private static Batch next(BatchSource.Pass pass, String what, int step, int epoch) {
        try {
            return pass.next();
        } catch (DatasetException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DatasetException(what, step, epoch, e);
        }
    }

    /** Keras 2's refusal (Keras 3 ignores the value): a dataset makes its own batches. */
    private static void refuseBatchSize(boolean given, String what, String kind) {
        if (given) {
            throw new IllegalArgumentException(what + ": batchSize must not be given with a " + kind + ", which makes "
                    + "its own batches (Dataset.batch(n), or PyDataset.get)");
        }
    }

    /** Keras's {@code raise_unsupported_arg}. */
    private static IllegalArgumentException unsupported(String what, String kind, String arg, String description) {
        return new IllegalArgumentException(what + ": when providing x as a " + kind + ", " + arg + " should not be "
                + "passed. Instead, " + description + " should be included as part of the " + kind + ".");
    }

    /** Checks data against the model (building or tracing it if needed) before any step; returns n. */
    private int prepare(List<Tensor> x, List<Tensor> y, String what) {
        if (x.isEmpty()) {
            throw new IllegalArgumentException(what + ": no input data");
        }
        int n = EpochIterator.sampleCount(x, y, what);
        inputCheck.prepare(x, what);
        return n;
    }

    private List<Tensor> batchSampleWeights(List<Tensor> x, List<Tensor> y, Tensor sampleWeight, String what) {
        int n = prepare(x, y, what);
        return sampleWeight == null ? null : SampleWeights.of(List.of(sampleWeight), null, y, n, what);
    }

    /** All the data once, in batches, or at most {@code maxSteps} batches. */
    private static int steps(List<Tensor> x, int batch, Integer maxSteps) {
        int n = x.getFirst().shape().get(0);
        int steps = (n + batch - 1) / batch;
        return maxSteps != null ? Math.min(steps, maxSteps) : steps;
    }

    private static List<Tensor> rows(List<Tensor> ts, int from, int to) {
        List<Tensor> out = new ArrayList<>(ts.size());
        for (Tensor t : ts) {
            out.add(EpochIterator.slice(t, from, to));
        }
        return out;
    }
}
