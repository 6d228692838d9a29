package dev.strata.training;

import dev.strata.layers.Layer;
import dev.strata.losses.Loss;
import dev.strata.losses.Losses;
import dev.strata.metrics.Mean;
import dev.strata.metrics.Metric;
import dev.strata.metrics.Metrics;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The compiled losses and metrics of a model, like Keras's {@code CompileLoss} and {@code CompileMetrics}: the
 * losses, loss weights and metrics of {@link CompileOptions} resolved for the model's named outputs on the first
 * batch, the weighted total loss, and the running results under Keras's log names ({@code loss},
 * {@code <output>_loss}, {@code <output>_<metric>}, {@code <output>_weighted_<metric>}). As Keras's
 * {@code CompileMetrics}, the metrics see no sample weights and the weighted metrics see them.
 */
final class LossAndMetrics {
    private final Layer model;
    private final Supplier<List<String>> modelOutputNames;
    private final CompileOptions options;
    private boolean resolved;
    private List<String> outputNames;
    private Loss[] losses;
    private double[] lossWeights;
    /** The compiled metrics, then the weighted ones (Keras's order), each with its output and log name. */
    private Metric[] metrics;
    private int[] metricOutput;
    private boolean[] metricWeighted;
    private String[] metricLogNames;
    /** {@link #metrics()}, made once for the state it describes, as the loop asks for it each step. */
    private List<Metric> metricList;
    /** Keras's {@code _loss_tracker}: the mean of the total loss, weighted by batch size, logged as "loss". */
    private final Mean lossTracker = new Mean("loss");
    /** Keras's CompileLoss metrics: one mean per output with a loss, when more than one output has one. */
    private Mean[] outputLossTrackers;
    /** Every log name, sorted, and the metric its value comes from; made on first use. */
    private String[] logNames;
    private Metric[] logSources;

    LossAndMetrics(Layer model, Supplier<List<String>> outputNames, CompileOptions options) {
        this.model = model;
        this.modelOutputNames = outputNames;
        this.options = options;
    }

    /**
     * Keras's default {@code compute_loss}: the weighted sum of the per-output losses and the model's own losses
     * ({@code add_loss}, regularizers). The per-output loss trackers take each output's loss, as Keras's
     * {@code CompileLoss} does when called; the total is the caller's to track ({@link #trackLoss}).
     *
     * @throws IllegalStateException if there is no loss at all: none compiled and none added by the model
     */
    Tensor computeLoss(List<Tensor> y, Tensors predictions, List<Tensor> sw) {
        resolve(y, predictions);
        Tensor total = null;
        for (int i = 0; i < losses.length; i++) {
            if (losses[i] == null) {
                continue;
            }
            Tensor perOutput = losses[i].apply(y.get(i), predictions.get(i), sampleWeight(sw, i, y.size()));
            if (outputLossTrackers != null && !perOutput.isSymbolic()) {
                outputLossTrackers[i].updateState(perOutput.item(), predictions.get(i).shape().get(0));
            }
            Tensor weighted = lossWeights[i] == 1.0 ? perOutput : Ops.multiply(perOutput, (float) lossWeights[i]);
            total = total == null ? weighted : Ops.add(total, weighted);
        }
        for (Tensor extra : model.losses()) {
            total = total == null ? extra : Ops.add(total, extra);
        }
        if (total == null) {
            if (options.losses().isEmpty() && options.lossesByName().isEmpty()) {
                throw new IllegalStateException(model.describe() + " was compiled without a loss and adds none of its "
                        + "own; give one to compile, or override computeLoss or trainStep");
            }
            return Tensor.scalar(0f);
        }
        return total;
    }

    /** Adds a step's total loss to the "loss" tracker, weighted by the batch size (Keras's train and test steps). */
    void trackLoss(Tensor total, int batchSize) {
        lossTracker.updateState(total.item(), batchSize);
    }

    /**
     * Keras's {@code CompileMetrics.update_state}: adds a batch to the compiled metrics, without the sample weights,
     * and to the weighted metrics, with them (one set for every output if only one is given).
     */
    void updateMetrics(List<Tensor> y, Tensors predictions, List<Tensor> sw) {
        resolve(y, predictions);
        for (int k = 0; k < metrics.length; k++) {
            int i = metricOutput[k];
            metrics[k].update(y.get(i), predictions.get(i), metricWeighted[k] ? sampleWeight(sw, i, y.size()) : null);
        }
    }

    /**
     * Output {@code i}'s sample weights: its own, or the one set given for every output (Keras applies a sample
     * weight that is not nested to each output's loss and weighted metrics).
     *
     * @throws IllegalArgumentException if there are sets of sample weights, but neither one nor one per output
     */
    private static Tensor sampleWeight(List<Tensor> sw, int i, int outputs) {
        if (sw == null || sw.isEmpty()) {
            return null;
        }
        if (sw.size() == 1) {
            return sw.getFirst();
        }
        if (sw.size() != outputs) {
            throw new IllegalArgumentException("the batch gives " + sw.size() + " sets of sample weights for "
                    + outputs + " outputs; give one set for every output or one per output");
        }
        return sw.get(i);
    }

    /**
     * The metrics of the compiled model, as Keras's {@code model.metrics} lists them: the loss tracker, the per-output
     * loss trackers, then the compiled metrics (known once the first batch resolved them).
     */
    List<Metric> metrics() {
        if (metricList == null) {
            List<Metric> out = new ArrayList<>();
            out.add(lossTracker);
            if (outputLossTrackers != null) {
                for (Mean t : outputLossTrackers) {
                    if (t != null) {
                        out.add(t);
                    }
                }
            }
            if (metrics != null) {
                out.addAll(Arrays.asList(metrics));
            }
            metricList = List.copyOf(out);
        }
        return metricList;
    }

    // ---- resolution of losses and metrics for the model's outputs ------------------------------------------

    /** Resolves the losses and metrics for the model's outputs, on the first batch (then does nothing). */
    void resolve(List<Tensor> y, Tensors predictions) {
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
        Set<String> used = new HashSet<>();
        used.add("loss");
        int withLoss = 0;
        for (Loss l : losses) {
            withLoss += l == null ? 0 : 1;
        }
        if (withLoss > 1) {
            outputLossTrackers = new Mean[count];
            for (int i = 0; i < count; i++) {
                if (losses[i] != null) {
                    outputLossTrackers[i] = new Mean(outputNames.get(i) + "_loss");
                    used.add(outputLossTrackers[i].name());
                }
            }
        }
        List<Metric> ms = new ArrayList<>();
        List<Integer> outputs = new ArrayList<>();
        List<Boolean> weighted = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (boolean w : new boolean[] {false, true}) { // Keras's CompileMetrics: all metrics, then the weighted
            List<List<Object>> perOutput = metricsPerOutput(w, count);
            for (int i = 0; i < count; i++) {
                for (Object spec : perOutput.get(i)) {
                    Metric m = spec instanceof Metric given ? given
                            : Metrics.get((String) spec, y.get(i).shape(), predictions.get(i).shape());
                    for (Metric seen : ms) {
                        if (seen == m) {
                            throw new IllegalArgumentException("compile: the Metric object " + m + " is given twice "
                                    + "(in metrics and weightedMetrics, or for two outputs); give each its own");
                        }
                    }
                    String prefix = count > 1 ? outputNames.get(i) + "_" : "";
                    String logName = prefix + m.name();
                    if (w && used.contains(logName)) {
                        logName = prefix + "weighted_" + m.name(); // Keras's name for a weighted twin
                    }
                    String unique = logName;
                    for (int k = 1; !used.add(unique); k++) {
                        unique = logName + "_" + k;
                    }
                    ms.add(m);
                    outputs.add(i);
                    weighted.add(w);
                    names.add(unique);
                }
            }
        }
        metrics = ms.toArray(new Metric[0]);
        metricOutput = outputs.stream().mapToInt(Integer::intValue).toArray();
        metricWeighted = new boolean[metrics.length];
        for (int k = 0; k < metrics.length; k++) {
            metricWeighted[k] = weighted.get(k);
        }
        metricLogNames = names.toArray(new String[0]);
        metricList = null;
        resolved = true;
    }

    private List<String> names(int count) {
        List<String> names = modelOutputNames.get();
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
            return out; // no compiled loss: computeLoss uses the model's own losses, or a user's computeLoss
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
        Arrays.fill(w, 1.0);
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

    /**
     * Keras's {@code CompileMetrics._build_metrics_set}: the metrics (or, if {@code weighted}, the weighted metrics)
     * given, one list per output. For one output every metric given applies to it (a map's values by sorted key, as
     * Keras flattens a dict); for several, a list needs one entry per output and a map names only the model's outputs.
     *
     * @throws IllegalArgumentException with Keras's explanation, if they do not match the outputs
     */
    private List<List<Object>> metricsPerOutput(boolean weighted, int count) {
        Map<String, List<Object>> byName = weighted ? options.weightedMetricsByName() : options.metricsByName();
        List<?> list = weighted ? options.weightedMetrics() : options.metrics();
        if (list.isEmpty()) {
            list = weighted ? options.weightedMetricsByPosition() : options.metricsByPosition();
        }
        List<List<Object>> out = new ArrayList<>();
        if (count == 1) {
            List<Object> all = new ArrayList<>();
            if (!byName.isEmpty()) {
                new TreeMap<>(byName).values().forEach(all::addAll);
            } else {
                list.forEach(e -> addEntry(e, all));
            }
            out.add(all);
            return out;
        }
        String arg = weighted ? "weighted_metrics" : "metrics";
        if (!byName.isEmpty()) {
            Set<String> unknown = new java.util.LinkedHashSet<>(byName.keySet());
            unknown.removeAll(outputNames);
            if (!unknown.isEmpty()) {
                throw mismatch(arg, "they are given for output(s) " + unknown + " the model does not have", byName,
                        count);
            }
            for (String name : outputNames) {
                out.add(byName.getOrDefault(name, List.of()));
            }
            return out;
        }
        if (list.isEmpty()) {
            return java.util.Collections.nCopies(count, List.of());
        }
        if (list.size() != count) {
            throw mismatch(arg, "a list of " + list.size() + " entr" + (list.size() == 1 ? "y" : "ies") + " for "
                    + count + " outputs (one entry per output, not metrics for every output)", list, count);
        }
        for (Object e : list) {
            List<Object> one = new ArrayList<>();
            addEntry(e, one);
            out.add(one);
        }
        return out;
    }

    /** Adds a list entry's metrics: none for null, each of a list, else the one. */
    private static void addEntry(Object entry, List<Object> to) {
        if (entry instanceof List<?> l) {
            to.addAll(l);
        } else if (entry != null) {
            to.add(entry);
        }
    }

    /** Keras's error for metrics that do not match the outputs (its text, with Strata's names and forms). */
    private IllegalArgumentException mismatch(String arg, String why, Object given, int count) {
        return new IllegalArgumentException(model.describe() + ": compile: invalid `" + arg + "`: " + why + ". `"
                + arg + "` should contain metrics and either be a dict or a list matching the output names of the "
                + "model " + outputNames + " or match the output structure of the model: "
                + java.util.Collections.nCopies(count, "X") + ". Received: " + arg + "=" + given);
    }

    /** Starts the running results anew (each epoch, each evaluation). */
    void reset() {
        lossTracker.reset();
        if (outputLossTrackers != null) {
            for (Mean t : outputLossTrackers) {
                if (t != null) {
                    t.reset();
                }
            }
        }
        if (metrics != null) {
            for (Metric m : metrics) {
                m.reset();
            }
        }
    }

    /** The current results, sorted by name as Keras's logs are. */
    Map<String, Double> logs() {
        if (!resolved) {
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", lossTracker.result());
            return logs;
        }
        if (logNames == null) {
            sortLogs();
        }
        // a new map every batch (listeners may keep it), in the order found once
        Map<String, Double> logs = LinkedHashMap.newLinkedHashMap(logNames.length);
        for (int i = 0; i < logNames.length; i++) {
            logs.put(logNames[i], logSources[i].result());
        }
        return logs;
    }

    /** The log names in sorted order, each with its tracker or metric. */
    private void sortLogs() {
        Map<String, Metric> sorted = new TreeMap<>();
        sorted.put("loss", lossTracker);
        if (outputLossTrackers != null) {
            for (Mean t : outputLossTrackers) {
                if (t != null) {
                    sorted.put(t.name(), t);
                }
            }
        }
        for (int k = 0; k < metrics.length; k++) {
            sorted.put(metricLogNames[k], metrics[k]);
        }
        logSources = sorted.values().toArray(new Metric[0]);
        logNames = sorted.keySet().toArray(new String[0]);
    }
}
