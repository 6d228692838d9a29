package dev.strata.models;

import dev.strata.autodiff.GradientTape;
import dev.strata.callbacks.Callback;
import dev.strata.callbacks.History;
import dev.strata.callbacks.ProgbarLogger;
import dev.strata.internal.TensorAccess;
import dev.strata.losses.Loss;
import dev.strata.losses.Losses;
import dev.strata.metrics.Metric;
import dev.strata.metrics.Metrics;
import dev.strata.ops.Ops;
import dev.strata.optimizers.Optimizer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import dev.strata.training.CompileOptions;
import dev.strata.training.EvaluateOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.PredictOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The compile/fit/evaluate/predict machinery behind {@link Model}: resolves losses, loss weights and metrics
 * for the model's named outputs, runs the batch loops with callbacks, and keeps Keras's log names
 * ({@code loss}, {@code <output>_loss}, {@code <output>_<metric>}, {@code val_...}).
 */
final class Trainer {
    private final Model model;
    private final Optimizer optimizer;
    private final CompileOptions options;
    private boolean resolved;
    private List<String> outputNames;
    private Loss[] losses;
    private double[] lossWeights;
    private List<List<Metric>> metrics;
    private List<List<String>> metricLogNames;
    private final RunningMean lossTracker = new RunningMean();
    private RunningMean[] outputLossTrackers;
    private String[] outputLossNames;

    Trainer(Model model, Optimizer optimizer, CompileOptions options) {
        this.model = model;
        this.optimizer = optimizer;
        this.options = options;
    }

    Optimizer optimizer() {
        return optimizer;
    }

    CompileOptions options() {
        return options;
    }

    // ---- fit -----------------------------------------------------------------------------------------------

    History fit(List<Tensor> x, List<Tensor> y, FitOptions o) {
        int n = prepare(x, y, "fit");
        List<Tensor> sampleWeights = sampleWeights(o.sampleWeight(), o.classWeight(), y, n, "fit");
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
            n = split;
        }
        if (valX != null) {
            prepare(valX, valY, "fit (validation data)");
        }
        int batch = o.batchSize();
        int steps = o.stepsPerEpoch() != null ? o.stepsPerEpoch() : (n + batch - 1) / batch;
        List<Callback> callbacks = o.callbacks();
        History history = withDefaults(callbacks, o.verbose());
        Map<String, Object> params = new HashMap<>();
        params.put("epochs", o.epochs());
        params.put("steps", steps);
        params.put("verbose", o.verbose());
        for (Callback c : callbacks) {
            c.setModel(model);
            c.setParams(params);
        }
        model.setStopTraining(false);
        List<Variable> variables = model.trainableWeights();
        Map<String, Double> logs = new LinkedHashMap<>();
        model.takeResumeEpoch(); // a request left over from a fit that failed before it started is void
        for (Callback c : callbacks) {
            c.onTrainBegin(logs);
        }
        Integer resume = model.takeResumeEpoch(); // BackupAndRestore resuming an interrupted run
        int initialEpoch = resume != null ? resume : o.initialEpoch();
        for (int epoch = initialEpoch; epoch < o.epochs(); epoch++) {
            resetMetrics();
            for (Callback c : callbacks) {
                c.onEpochBegin(epoch, new LinkedHashMap<>());
            }
            int[] order = Batches.order(n, o.shuffle());
            for (int step = 0; step < steps; step++) {
                for (Callback c : callbacks) {
                    c.onTrainBatchBegin(step, logs);
                }
                int from = (step * batch) % Math.max(1, n);
                int to = Math.min(n, from + batch);
                trainStep(take(trainX, order, from, to), take(trainY, order, from, to),
                        trainW == null ? null : take(trainW, order, from, to), variables);
                logs = currentLogs();
                for (Callback c : callbacks) {
                    c.onTrainBatchEnd(step, logs);
                }
                if (model.stopTraining()) {
                    break;
                }
            }
            Map<String, Double> epochLogs = new LinkedHashMap<>(currentLogs());
            // Keras's _should_eval counts epochs from 1 absolutely, so a resumed run validates when the
            // uninterrupted one would.
            if (valX != null && (epoch + 1) % o.validationFreq() == 0) {
                int vb = o.validationBatchSize() != null ? o.validationBatchSize() : batch;
                Map<String, Double> valLogs = evaluateLoop(valX, valY, valW, vb, o.validationSteps(), callbacks);
                valLogs.forEach((k, v) -> epochLogs.put("val_" + k, v));
            }
            for (Callback c : callbacks) {
                c.onEpochEnd(epoch, epochLogs);
            }
            logs = epochLogs;
            if (model.stopTraining()) {
                break;
            }
        }
        for (Callback c : callbacks) {
            c.onTrainEnd(logs);
        }
        return history;
    }

    /**
     * Keras's default callbacks: a History (the user's, if given) and, when verbose, a progress logger (unless
     * the user gave one); returns the History.
     */
    static History withDefaults(List<Callback> callbacks, int verbose) {
        History history = null;
        boolean progbar = false;
        for (Callback c : callbacks) {
            if (c instanceof History h) {
                history = h;
            }
            progbar |= c instanceof ProgbarLogger;
        }
        if (history == null) {
            history = new History();
            callbacks.add(history);
        }
        if (verbose > 0 && !progbar) {
            callbacks.add(new ProgbarLogger());
        }
        return history;
    }

    private void trainStep(List<Tensor> x, List<Tensor> y, List<Tensor> sw, List<Variable> variables) {
        Tensors predictions;
        Tensor[] perOutput;
        Tensor total;
        List<Tensor> grads;
        try (GradientTape tape = GradientTape.record()) {
            predictions = model.apply(x, true);
            resolve(y, predictions);
            perOutput = new Tensor[losses.length];
            total = totalLoss(y, predictions, sw, perOutput);
            grads = tape.gradient(total, variables);
        }
        optimizer.apply(grads, variables);
        track(y, predictions, sw, perOutput, total);
    }

    private Tensor totalLoss(List<Tensor> y, Tensors predictions, List<Tensor> sw, Tensor[] perOutput) {
        Tensor total = null;
        for (int i = 0; i < losses.length; i++) {
            if (losses[i] == null) {
                continue;
            }
            perOutput[i] = losses[i].apply(y.get(i), predictions.get(i), sw == null ? null : sw.get(i));
            Tensor weighted = lossWeights[i] == 1.0 ? perOutput[i] : Ops.multiply(perOutput[i], (float) lossWeights[i]);
            total = total == null ? weighted : Ops.add(total, weighted);
        }
        for (Tensor extra : model.losses()) {
            total = total == null ? extra : Ops.add(total, extra);
        }
        return total == null ? Tensor.scalar(0f) : total;
    }

    private void track(List<Tensor> y, Tensors predictions, List<Tensor> sw, Tensor[] perOutput, Tensor total) {
        int batch = predictions.get(0).shape().get(0);
        lossTracker.add(total.item(), batch);
        if (outputLossTrackers != null) {
            for (int i = 0; i < perOutput.length; i++) {
                if (perOutput[i] != null) {
                    outputLossTrackers[i].add(perOutput[i].item(), batch);
                }
            }
        }
        for (int i = 0; i < metrics.size(); i++) {
            for (Metric m : metrics.get(i)) {
                m.update(y.get(i), predictions.get(i), sw == null ? null : sw.get(i));
            }
        }
    }

    // ---- evaluate ------------------------------------------------------------------------------------------

    Map<String, Double> evaluate(List<Tensor> x, List<Tensor> y, EvaluateOptions o) {
        int n = prepare(x, y, "evaluate");
        List<Tensor> sw = sampleWeights(o.sampleWeight(), null, y, n, "evaluate");
        List<Callback> callbacks = new ArrayList<>(o.callbacks());
        int steps = o.steps() != null ? o.steps() : (n + o.batchSize() - 1) / o.batchSize();
        if (o.verbose() > 0 && callbacks.stream().noneMatch(c -> c instanceof ProgbarLogger)) {
            callbacks.add(new ProgbarLogger());
        }
        Map<String, Object> params = new HashMap<>();
        params.put("steps", steps);
        params.put("verbose", o.verbose());
        for (Callback c : callbacks) {
            c.setModel(model);
            c.setParams(params);
        }
        return evaluateLoop(x, y, sw, o.batchSize(), o.steps(), callbacks);
    }

    private Map<String, Double> evaluateLoop(List<Tensor> x, List<Tensor> y, List<Tensor> sw, int batch, Integer maxSteps,
                                             List<Callback> callbacks) {
        int n = x.getFirst().shape().get(0);
        int steps = (n + batch - 1) / batch;
        if (maxSteps != null) {
            steps = Math.min(steps, maxSteps);
        }
        resetMetrics();
        Map<String, Double> logs = new LinkedHashMap<>();
        for (Callback c : callbacks) {
            c.onTestBegin(logs);
        }
        for (int step = 0; step < steps; step++) {
            for (Callback c : callbacks) {
                c.onTestBatchBegin(step, logs);
            }
            int from = step * batch;
            int to = Math.min(n, from + batch);
            testStep(rows(x, from, to), rows(y, from, to), sw == null ? null : rows(sw, from, to));
            logs = currentLogs();
            for (Callback c : callbacks) {
                c.onTestBatchEnd(step, logs);
            }
        }
        logs = currentLogs();
        for (Callback c : callbacks) {
            c.onTestEnd(logs);
        }
        return logs;
    }

    private void testStep(List<Tensor> x, List<Tensor> y, List<Tensor> sw) {
        Tensors predictions = model.apply(x, false);
        resolve(y, predictions);
        Tensor[] perOutput = new Tensor[losses.length];
        Tensor total = totalLoss(y, predictions, sw, perOutput);
        track(y, predictions, sw, perOutput, total);
    }

    Map<String, Double> trainOnBatch(List<Tensor> x, List<Tensor> y, Tensor sampleWeight) {
        int n = prepare(x, y, "trainOnBatch");
        List<Tensor> sw = sampleWeight == null ? null : sampleWeights(List.of(sampleWeight), null, y, n, "trainOnBatch");
        resetMetrics();
        trainStep(x, y, sw, model.trainableWeights());
        return currentLogs();
    }

    Map<String, Double> testOnBatch(List<Tensor> x, List<Tensor> y, Tensor sampleWeight) {
        int n = prepare(x, y, "testOnBatch");
        List<Tensor> sw = sampleWeight == null ? null : sampleWeights(List.of(sampleWeight), null, y, n, "testOnBatch");
        resetMetrics();
        testStep(x, y, sw);
        return currentLogs();
    }

    // ---- resolution of losses and metrics for the model's outputs ------------------------------------------

    private void resolve(List<Tensor> y, Tensors predictions) {
        if (resolved) {
            return;
        }
        int count = predictions.size();
        if (y.size() != count) {
            throw new IllegalArgumentException(model.describe() + " has " + count + " output(s) " + names(count)
                    + " but " + y.size() + " target(s) were given");
        }
        outputNames = names(count);
        losses = resolveLosses(count, y, predictions);
        lossWeights = resolveLossWeights(count);
        metrics = new ArrayList<>();
        metricLogNames = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        used.add("loss");
        int withLoss = 0;
        for (Loss l : losses) {
            withLoss += l == null ? 0 : 1;
        }
        if (withLoss > 1) {
            outputLossTrackers = new RunningMean[count];
            outputLossNames = new String[count];
            for (int i = 0; i < count; i++) {
                if (losses[i] != null) {
                    outputLossTrackers[i] = new RunningMean();
                    outputLossNames[i] = outputNames.get(i) + "_loss";
                    used.add(outputLossNames[i]);
                }
            }
        }
        for (int i = 0; i < count; i++) {
            List<Metric> ms = new ArrayList<>();
            List<String> ns = new ArrayList<>();
            for (Object spec : metricSpecs(i, count)) {
                Metric m = spec instanceof Metric given ? given
                        : Metrics.get((String) spec, y.get(i).shape(), predictions.get(i).shape());
                String logName = count > 1 ? outputNames.get(i) + "_" + m.name() : m.name();
                String unique = logName;
                for (int k = 1; !used.add(unique); k++) {
                    unique = logName + "_" + k;
                }
                ms.add(m);
                ns.add(unique);
            }
            metrics.add(ms);
            metricLogNames.add(ns);
        }
        resolved = true;
    }

    private List<String> names(int count) {
        List<String> names = model.outputNames();
        if (names.size() == count) {
            return names;
        }
        List<String> fallback = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fallback.add("output_" + i);
        }
        return fallback;
    }

    private Loss[] resolveLosses(int count, List<Tensor> y, Tensors predictions) {
        Loss[] out = new Loss[count];
        if (!options.lossesByName().isEmpty()) {
            for (Map.Entry<String, Object> e : options.lossesByName().entrySet()) {
                int i = outputNames.indexOf(e.getKey());
                if (i < 0) {
                    throw new IllegalArgumentException("compile: a loss was given for output '" + e.getKey()
                            + "', but the model's outputs are " + outputNames);
                }
                out[i] = loss(e.getValue(), y.get(i), predictions.get(i));
            }
            return out;
        }
        List<Object> given = options.losses();
        if (given.isEmpty()) {
            throw new IllegalStateException(model.describe() + " was compiled without a loss; give one to compile");
        }
        if (given.size() == 1) {
            for (int i = 0; i < count; i++) {
                out[i] = loss(given.getFirst(), y.get(i), predictions.get(i)); // one loss per output, before weights
            }
            return out;
        }
        if (given.size() != count) {
            throw new IllegalArgumentException("compile: " + given.size() + " losses were given for " + count
                    + " output(s) " + outputNames);
        }
        for (int i = 0; i < count; i++) {
            out[i] = loss(given.get(i), y.get(i), predictions.get(i));
        }
        return out;
    }

    /** A Loss as given, or by Keras name ("crossentropy" picks binary, categorical or sparse from the shapes). */
    private static Loss loss(Object spec, Tensor yTrue, Tensor yPred) {
        return spec instanceof Loss l ? l : Losses.get((String) spec, yTrue.shape(), yPred.shape());
    }

    private double[] resolveLossWeights(int count) {
        double[] w = new double[count];
        java.util.Arrays.fill(w, 1.0);
        double[] given = options.lossWeights();
        if (given != null) {
            if (given.length != count) {
                throw new IllegalArgumentException("compile: " + given.length + " loss weights were given for "
                        + count + " output(s) " + outputNames);
            }
            return given;
        }
        for (Map.Entry<String, Double> e : options.lossWeightsByName().entrySet()) {
            int i = outputNames.indexOf(e.getKey());
            if (i < 0) {
                throw new IllegalArgumentException("compile: a loss weight was given for output '" + e.getKey()
                        + "', but the model's outputs are " + outputNames);
            }
            w[i] = e.getValue();
        }
        return w;
    }

    private List<Object> metricSpecs(int output, int count) {
        if (!options.metricsByName().isEmpty()) {
            for (String k : options.metricsByName().keySet()) {
                if (!outputNames.contains(k)) {
                    throw new IllegalArgumentException("compile: metrics were given for output '" + k
                            + "', but the model's outputs are " + outputNames);
                }
            }
            return options.metricsByName().getOrDefault(outputNames.get(output), List.of());
        }
        if (!options.metricsByPosition().isEmpty()) {
            if (options.metricsByPosition().size() != count) {
                throw new IllegalArgumentException("compile: metrics were given for "
                        + options.metricsByPosition().size() + " outputs, but the model has " + count);
            }
            return options.metricsByPosition().get(output);
        }
        for (Object m : options.metrics()) {
            if (m instanceof Metric && count > 1) {
                throw new IllegalArgumentException("compile: the Metric object " + m + " cannot be shared by " + count
                        + " outputs; give metric names, or metrics per output");
            }
        }
        return options.metrics();
    }

    private void resetMetrics() {
        lossTracker.reset();
        if (outputLossTrackers != null) {
            for (RunningMean t : outputLossTrackers) {
                if (t != null) {
                    t.reset();
                }
            }
        }
        if (metrics != null) {
            for (List<Metric> ms : metrics) {
                ms.forEach(Metric::reset);
            }
        }
    }

    /** The current results, sorted by name as Keras's logs are. */
    private Map<String, Double> currentLogs() {
        Map<String, Double> logs = new TreeMap<>();
        logs.put("loss", lossTracker.result());
        if (outputLossTrackers != null) {
            for (int i = 0; i < outputLossTrackers.length; i++) {
                if (outputLossTrackers[i] != null) {
                    logs.put(outputLossNames[i], outputLossTrackers[i].result());
                }
            }
        }
        if (metrics != null) {
            for (int i = 0; i < metrics.size(); i++) {
                for (int k = 0; k < metrics.get(i).size(); k++) {
                    logs.put(metricLogNames.get(i).get(k), metrics.get(i).get(k).result());
                }
            }
        }
        return new LinkedHashMap<>(logs);
    }

    // ---- data ----------------------------------------------------------------------------------------------

    /** Checks data against the model (building or tracing it if needed) before any step; returns n. */
    private int prepare(List<Tensor> x, List<Tensor> y, String what) {
        if (x.isEmpty()) {
            throw new IllegalArgumentException(what + ": no input data");
        }
        int n = Batches.sampleCount(x, y, what);
        model.prepareFor(x, what);
        return n;
    }

    private List<Tensor> sampleWeights(List<Tensor> given, Map<Integer, Double> classWeight, List<Tensor> y, int n,
                                       String what) {
        if (classWeight != null) {
            if (given != null) {
                throw new IllegalArgumentException(what + ": give either classWeight or sampleWeight, not both");
            }
            if (y.size() != 1) {
                throw new IllegalArgumentException(what + ": classWeight works only for models with one output, this "
                        + "one has " + y.size());
            }
            return List.of(classWeightsToSampleWeights(classWeight, y.getFirst()));
        }
        if (given == null) {
            return null;
        }
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < y.size(); i++) {
            Tensor w = given.size() == 1 ? given.getFirst() : given.get(i);
            if (given.size() != 1 && given.size() != y.size()) {
                throw new IllegalArgumentException(what + ": " + given.size() + " sample weight tensors for "
                        + y.size() + " outputs");
            }
            if (w.shape().get(0) != n) {
                throw new IllegalArgumentException(what + ": sample weights have " + w.shape().get(0)
                        + " entries but the data has " + n + " samples");
            }
            out.add(w);
        }
        return out;
    }

    /** Keras: the class of a sample is argmax of a one-hot target, else its (rounded) value. */
    private static Tensor classWeightsToSampleWeights(Map<Integer, Double> classWeight, Tensor y) {
        float[] v = TensorAccess.data(y);
        int n = y.shape().get(0);
        int width = n == 0 ? 1 : v.length / n;
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            int cls;
            if (width > 1) {
                int best = 0;
                for (int j = 1; j < width; j++) {
                    if (v[i * width + j] > v[i * width + best]) {
                        best = j;
                    }
                }
                cls = best;
            } else {
                cls = Math.round(v[i]);
            }
            w[i] = classWeight.getOrDefault(cls, 1.0).floatValue();
        }
        return TensorAccess.wrap(w, Shape.of(n));
    }

    private static List<Tensor> take(List<Tensor> ts, int[] order, int from, int to) {
        List<Tensor> out = new ArrayList<>(ts.size());
        for (Tensor t : ts) {
            out.add(Batches.take(t, order, from, to));
        }
        return out;
    }

    private static List<Tensor> rows(List<Tensor> ts, int from, int to) {
        List<Tensor> out = new ArrayList<>(ts.size());
        for (Tensor t : ts) {
            out.add(Batches.slice(t, from, to));
        }
        return out;
    }

}
