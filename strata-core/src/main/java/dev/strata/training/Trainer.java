package dev.strata.training;

import dev.strata.autodiff.GradientTape;
import dev.strata.internal.OptimizerAccess;
import dev.strata.internal.autodiff.GradientBuffers;
import dev.strata.layers.Layer;
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
 * <p>The trainer sees the model as a {@link Layer}, plus three things only the model knows, given at construction:
 * its output names, how to make it ready for data (build or trace it for the data's shapes and check that the
 * data fits its inputs), and how to call it for inference from many threads at once.
 */
public final class Trainer {
    /** Makes a model ready for data: builds or traces it for the shapes of {@code x} and checks that they fit. */
    @FunctionalInterface
    public interface InputCheck {
        /**
         * @param what the operation, for messages ({@code "fit"}, {@code "predict"}, ...)
         * @throws IllegalArgumentException or {@link dev.strata.ShapeException} naming the input that does not fit
         */
        void prepare(List<Tensor> x, String what);
    }

    /** One step of the batch loop: runs batch {@code step} and gives the logs after it. */
    @FunctionalInterface
    private interface BatchStep {
        Map<String, Double> run(int step);
    }

    private final Layer model;
    private final Supplier<List<String>> outputNames;
    private final InputCheck inputCheck;
    private final Function<List<Tensor>, Tensors> inference;
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
     */
    public Trainer(Layer model, Supplier<List<String>> outputNames, InputCheck inputCheck,
                   Function<List<Tensor>, Tensors> inference) {
        this.model = Objects.requireNonNull(model, "model");
        this.outputNames = Objects.requireNonNull(outputNames, "outputNames");
        this.inputCheck = Objects.requireNonNull(inputCheck, "inputCheck");
        this.inference = Objects.requireNonNull(inference, "inference");
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
        LossAndMetrics lm = compiled("fit");
        int n = prepare(x, y, "fit");
        List<Tensor> sampleWeights = SampleWeights.of(o.sampleWeight(), o.classWeight(), y, n, "fit");
        List<Tensor> trainX = x;
        List<Tensor> trainY = y;
        List<Tensor> trainW = sampleWeights;
        List<Tensor> valX = o.validationX();
        List<Tensor> valY = o.validationY();
        List<Tensor> valW = o.validationSampleWeight();
        if (o.validationSplit() > 0 && valX == null) {
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
        Map<String, Object> params = new HashMap<>();
        params.put("epochs", o.epochs());
        params.put("steps", data.steps());
        params.put("verbose", o.verbose());
        TrainingState state = new TrainingState(model, params);
        fitState = state;
        Listeners listeners = Listeners.of(o.callbacks(), true, o.verbose(), state);
        List<Variable> variables = model.trainableWeights();
        Map<String, Double> logs = new LinkedHashMap<>();
        state.acceptResume(true);
        listeners.begin(Mode.TRAIN, logs);
        state.acceptResume(false);
        Integer resume = state.resumeEpoch(); // BackupAndRestore resuming an interrupted run
        int initialEpoch = resume != null ? resume : o.initialEpoch();
        BatchStep step = s -> {
            trainStep(lm, data.x(s), data.y(s), data.sampleWeights(s), variables);
            return lm.logs();
        };
        for (int epoch = initialEpoch; epoch < o.epochs(); epoch++) {
            lm.reset();
            listeners.epochBegin(epoch, new LinkedHashMap<>());
            data.startEpoch();
            logs = runBatches(Mode.TRAIN, data, listeners, state, step, logs);
            Map<String, Double> epochLogs = new LinkedHashMap<>(lm.logs());
            // Keras's _should_eval counts epochs from 1 absolutely, so a resumed run validates when the
            // uninterrupted one would.
            if (valX != null && (epoch + 1) % o.validationFreq() == 0) {
                int vb = o.validationBatchSize() != null ? o.validationBatchSize() : o.batchSize();
                Map<String, Double> valLogs = test(lm, valX, valY, valW, vb, o.validationSteps(), listeners, state);
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

    private void trainStep(LossAndMetrics lm, List<Tensor> x, List<Tensor> y, List<Tensor> sw,
                           List<Variable> variables) {
        Tensors predictions;
        Tensor[] perOutput;
        Tensor total;
        List<Tensor> grads;
        try (GradientTape tape = GradientTape.record()) {
            predictions = model.apply(x, true);
            lm.resolve(y, predictions);
            perOutput = new Tensor[lm.outputCount()];
            total = lm.totalLoss(y, predictions, sw, perOutput);
            // Keras's optimizer.scale_loss (loss_scale_factor, LossScaleOptimizer): the metrics see the unscaled loss
            grads = tape.gradient(optimizer.scaleLoss(total), variables);
        }
        optimizer.apply(grads, variables);
        if (OptimizerAccess.keepsNoGradients(optimizer)) {
            // Nobody else holds these gradients now: the next step may write its own into their arrays.
            GradientBuffers.recycle(grads);
        }
        lm.track(y, predictions, sw, perOutput, total);
    }

    // ---- evaluate ------------------------------------------------------------------------------------------

    /** Keras's {@code evaluate}: the loss and metrics on the data, by log name. */
    public Map<String, Double> evaluate(List<Tensor> x, List<Tensor> y, EvaluateOptions o) {
        LossAndMetrics lm = compiled("evaluate");
        int n = prepare(x, y, "evaluate");
        List<Tensor> sw = SampleWeights.of(o.sampleWeight(), null, y, n, "evaluate");
        Map<String, Object> params = new HashMap<>();
        params.put("steps", o.steps() != null ? o.steps() : (n + o.batchSize() - 1) / o.batchSize());
        params.put("verbose", o.verbose());
        TrainingState state = new TrainingState(model, params);
        Listeners listeners = Listeners.of(o.callbacks(), false, o.verbose(), state);
        return test(lm, x, y, sw, o.batchSize(), o.steps(), listeners, state);
    }

    /** One pass of evaluation with the test hooks: {@code evaluate}, and the validation inside {@code fit}. */
    private Map<String, Double> test(LossAndMetrics lm, List<Tensor> x, List<Tensor> y, List<Tensor> sw, int batch,
                                     Integer maxSteps, Listeners listeners, TrainingState state) {
        EpochIterator data = new EpochIterator(x, y, sw, batch, steps(x, batch, maxSteps), false);
        data.startEpoch();
        lm.reset();
        Map<String, Double> logs = new LinkedHashMap<>();
        listeners.begin(Mode.TEST, logs);
        runBatches(Mode.TEST, data, listeners, state, s -> {
            testStep(lm, data.x(s), data.y(s), data.sampleWeights(s));
            return lm.logs();
        }, logs);
        logs = lm.logs();
        listeners.end(Mode.TEST, logs);
        return logs;
    }

    private void testStep(LossAndMetrics lm, List<Tensor> x, List<Tensor> y, List<Tensor> sw) {
        Tensors predictions = model.apply(x, false);
        lm.resolve(y, predictions);
        Tensor[] perOutput = new Tensor[lm.outputCount()];
        Tensor total = lm.totalLoss(y, predictions, sw, perOutput);
        lm.track(y, predictions, sw, perOutput, total);
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
            Tensors out = inference.apply(x);
            Tensor[] result = new Tensor[out.size()];
            for (int i = 0; i < result.length; i++) {
                result[i] = EpochIterator.concatenate(List.of(out.get(i)), n); // (the output itself, as a rule)
            }
            return named(Tensors.of(result));
        }
        EpochIterator data = new EpochIterator(x, null, null, o.batchSize(), steps, false);
        TrainingState state = new TrainingState(model, Map.of("steps", steps, "verbose", o.verbose()));
        Listeners listeners = Listeners.of(o.callbacks(), false, o.verbose(), state);
        Map<String, Double> logs = new LinkedHashMap<>();
        List<List<Tensor>> parts = new ArrayList<>();
        int[] rows = new int[1];
        data.startEpoch();
        listeners.begin(Mode.PREDICT, logs);
        runBatches(Mode.PREDICT, data, listeners, state, s -> {
            List<Tensor> xb = data.x(s);
            Tensors out = inference.apply(xb);
            for (int i = 0; i < out.size(); i++) {
                if (parts.size() <= i) {
                    parts.add(new ArrayList<>());
                }
                parts.get(i).add(out.get(i));
            }
            rows[0] += xb.getFirst().shape().get(0);
            return logs;
        }, logs);
        listeners.end(Mode.PREDICT, logs);
        List<Tensor> result = new ArrayList<>();
        for (List<Tensor> p : parts) {
            result.add(EpochIterator.concatenate(p, rows[0]));
        }
        return named(Tensors.of(result));
    }

    /** Predictions named after the model's outputs, when their names are known. */
    private Tensors named(Tensors t) {
        List<String> names = outputNames.get();
        return names.size() == t.size() ? t.withNames(names.toArray(new String[0])) : t;
    }

    // ---- one batch -----------------------------------------------------------------------------------------

    /** Keras's {@code train_on_batch}: one gradient step; the logs of that batch. */
    public Map<String, Double> trainOnBatch(List<Tensor> x, List<Tensor> y, Tensor sampleWeight) {
        LossAndMetrics lm = compiled("trainOnBatch");
        List<Tensor> sw = batchSampleWeights(x, y, sampleWeight, "trainOnBatch");
        lm.reset();
        trainStep(lm, x, y, sw, model.trainableWeights());
        return lm.logs();
    }

    /** Keras's {@code test_on_batch}: the loss and metrics of one batch, without training. */
    public Map<String, Double> testOnBatch(List<Tensor> x, List<Tensor> y, Tensor sampleWeight) {
        LossAndMetrics lm = compiled("testOnBatch");
        List<Tensor> sw = batchSampleWeights(x, y, sampleWeight, "testOnBatch");
        lm.reset();
        testStep(lm, x, y, sw);
        return lm.logs();
    }

    /** Keras's {@code predict_on_batch}: the outputs for one batch, without batching. */
    public Tensors predictOnBatch(List<Tensor> x) {
        inputCheck.prepare(x, "predictOnBatch");
        return inference.apply(x);
    }

    // ---- the loop ------------------------------------------------------------------------------------------

    /**
     * The batch loop that fit, evaluate and predict share: the batch hooks of {@code mode} around each step,
     * stopping early when training and a callback asked to stop. Returns the logs after the last step.
     */
    private static Map<String, Double> runBatches(Mode mode, EpochIterator data, Listeners listeners,
                                                  TrainingState state, BatchStep step, Map<String, Double> logs) {
        int steps = data.steps();
        for (int s = 0; s < steps; s++) {
            listeners.batchBegin(mode, s, logs);
            logs = step.run(s);
            listeners.batchEnd(mode, s, logs);
            if (mode == Mode.TRAIN && state.stopTraining()) {
                break;
            }
        }
        return logs;
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
