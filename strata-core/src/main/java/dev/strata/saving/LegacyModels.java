package dev.strata.saving;

import dev.strata.ModelFormatException;
import dev.strata.config.Config;
import dev.strata.config.KerasConfigException;
import dev.strata.internal.OptimizerAccess;
import dev.strata.internal.io.H5Dataset;
import dev.strata.internal.io.LegacyH5;
import dev.strata.layers.Layer;
import dev.strata.models.Model;
import dev.strata.optimizers.Optimizer;
import dev.strata.tensor.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Legacy HDF5 models ({@code model.save("m.h5")} of Keras 2, or Keras 3's legacy writer) and legacy weights files,
 * as Keras 3's {@code legacy_h5_format} reads them: the architecture from {@code model_config}, the compile settings
 * from {@code training_config}, and the weights by ORDER: the file's layers that have weights, in
 * {@code layer_names} order, go to the model's layers that have weights, in {@code model.layers} order, each layer's
 * values in {@code weight_names} order onto its trainable then non-trainable weights.
 */
final class LegacyModels {
    private LegacyModels() {
    }

    /**
     * A model from a legacy full-model file.
     *
     * @throws ModelFormatException if the file is weights only, or its config, compile settings or weights do not
     *     fit (naming the attribute or dataset)
     */
    static Model load(LegacyH5 legacy, String source, LoadOptions options) {
        if (legacy.kind() != LegacyH5.Kind.FULL_MODEL) {
            throw new ModelFormatException(source, "/", "a weights-only file (Keras 2 save_weights: it has layer_names "
                    + "but no model_config); build the model and call loadWeights on it");
        }
        long budget = Saving.totalValues(legacy.file());
        Model model = Saving.readConfig(source, "/ attribute 'model_config'", budget,
                () -> new ConfigReader(options.copy().compile(false)).model(KerasConfig.parseJson(legacy.modelConfig()),
                        "model_config"));
        String training = legacy.trainingConfig();
        if (options.compile() && training != null) {
            Map<String, Object> compileConfig = compileConfig(training, source);
            Saving.readConfig(source, "/ attribute 'training_config'", budget, () -> {
                ConfigReader reader = new ConfigReader(options);
                try {
                    model.compileFromConfig(new Config(compileConfig, "training_config", reader.context()));
                } catch (KerasConfigException | IllegalArgumentException e) {
                    options.warn(model.describe() + " is loaded uncompiled: its training config could not be "
                            + "restored (" + e.getMessage() + "); compile it yourself before training");
                }
                return model;
            });
        }
        assignByOrder(model, legacy, source, "/model_weights");
        restoreOptimizer(model, legacy);
        return model;
    }

    /**
     * Keras's {@code compile_args_from_training_config}, as a Keras 3 {@code compile_config}: the optimizer (a Keras
     * 2 config: {@code lr}, {@code Custom>Adam}, ... which the optimizer reader understands), the loss, the loss
     * weights, and the metrics (Keras 2.13's {@code MeanMetricWrapper} dicts become their names).
     */
    private static Map<String, Object> compileConfig(String trainingJson, String source) {
        Object parsed;
        try {
            parsed = KerasConfig.parseJson(trainingJson);
        } catch (KerasConfigException e) {
            throw new ModelFormatException(source, "/ attribute 'training_config'", e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> t)) {
            throw new ModelFormatException(source, "/ attribute 'training_config'", "expected a JSON object");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Object opt = t.get("optimizer_config");
        if (opt instanceof Map<?, ?> o) {
            Map<String, Object> withModule = new LinkedHashMap<>();
            o.forEach((k, v) -> withModule.put(String.valueOf(k), v));
            withModule.putIfAbsent("module", "keras.optimizers");
            opt = withModule;
        }
        out.put("optimizer", opt);
        out.put("loss", t.get("loss"));
        out.put("loss_weights", t.get("loss_weights"));
        out.put("metrics", metricNames(t.get("metrics")));
        Object weighted = metricNames(t.get("weighted_metrics"));
        out.put("weighted_metrics", weighted);
        return out;
    }

    private static Object metricNames(Object metrics) {
        if (metrics instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object m : l) {
                out.add(metricNames(m));
            }
            return out;
        }
        if (metrics instanceof Map<?, ?> m && "MeanMetricWrapper".equals(m.get("class_name"))
                && m.get("config") instanceof Map<?, ?> c && c.get("name") instanceof String name) {
            return name;
        }
        return metrics;
    }

    /**
     * Keras's {@code load_weights_from_hdf5_group}: the file's layers with weights onto the model's layers with
     * weights, by position, everything checked before anything is assigned.
     *
     * @param where the weights group, for messages ({@code /model_weights} or {@code /})
     */
    static void assignByOrder(Model model, LegacyH5 legacy, String source, String where) {
        List<Layer> layers = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (!legacyWeights(l).isEmpty()) {
                layers.add(l);
            }
        }
        List<LegacyH5.LayerWeights> saved = new ArrayList<>();
        for (LegacyH5.LayerWeights lw : legacy.layers()) {
            if (!lw.weights().isEmpty()) {
                saved.add(lw);
            }
        }
        if (saved.size() != layers.size()) {
            List<String> fileNames = saved.stream().map(LegacyH5.LayerWeights::layerName).toList();
            List<String> modelNames = layers.stream().map(Layer::name).toList();
            throw new ModelFormatException(source, where, "the file has weights for " + saved.size() + " layer(s) "
                    + fileNames + " but the model has " + layers.size() + " layer(s) with weights " + modelNames
                    + "; nothing was loaded");
        }
        List<Variable> targets = new ArrayList<>();
        List<H5Dataset> values = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String first = null;
        for (int k = 0; k < layers.size(); k++) {
            Layer layer = layers.get(k);
            LegacyH5.LayerWeights lw = saved.get(k);
            List<Variable> vs = legacyWeights(layer);
            String at = (where.equals("/") ? "" : where) + "/" + lw.layerName();
            if (vs.size() != lw.weights().size()) {
                first = first == null ? at : first;
                problems.add(at + ": " + lw.weights().size() + " weight(s) in the file, but layer #" + k + " "
                        + layer.describe() + " has " + vs.size());
                continue;
            }
            for (int i = 0; i < vs.size(); i++) {
                H5Dataset d = lw.weights().get(i).value();
                if (!Arrays.equals(d.shape(), vs.get(i).shape().toArray())) {
                    String p = at + "/" + lw.weights().get(i).name();
                    first = first == null ? p : first;
                    problems.add(p + ": shape " + WeightsIO.pythonShape(d.shape()) + " in the file, but weight '"
                            + vs.get(i).name() + "' of layer #" + k + " " + layer.describe() + " has shape "
                            + vs.get(i).shape());
                } else {
                    targets.add(vs.get(i));
                    values.add(d);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelFormatException(source, first, (problems.size() == 1 ? problems.getFirst()
                    : problems.size() + " problems: " + String.join("; ", problems)) + "; nothing was loaded");
        }
        for (int i = 0; i < targets.size(); i++) {
            Variable v = targets.get(i);
            v.assign(dev.strata.internal.TensorAccess.wrap(values.get(i).toFloatArray(), v.shape()));
        }
    }

    /** Keras's {@code _legacy_weights}: trainable weights, then non-trainable ones. */
    private static List<Variable> legacyWeights(Layer layer) {
        List<Variable> out = new ArrayList<>(layer.trainableWeights());
        out.addAll(layer.nonTrainableWeights());
        return out;
    }

    /**
     * The optimizer state of a file written by Keras 3's legacy writer ({@code optimizer_weights/<name>/...} in the
     * order of {@code optimizer.variables}), when it fits; Keras 2's optimizers kept other variables, and Keras 3
     * itself warns and starts those fresh, as this does.
     */
    private static void restoreOptimizer(Model model, LegacyH5 legacy) {
        List<LegacyH5.Weight> saved = legacy.optimizerWeights();
        String version = legacy.kerasVersion();
        if (saved.isEmpty() || model.optimizer().isEmpty() || version == null || !version.startsWith("3.")) {
            return;
        }
        Optimizer opt = model.optimizer().get();
        if (!opt.built() && saved.size() > 2 && model.isBuilt()) {
            opt.build(model.trainableWeights());
        }
        List<Variable> all = opt.variables();
        if (saved.size() != all.size() && saved.size() != 2) {
            return;
        }
        for (int i = 2; i < saved.size(); i++) {
            if (!Arrays.equals(saved.get(i).value().shape(), all.get(i).shape().toArray())) {
                return;
            }
        }
        H5Dataset it = saved.get(0).value();
        H5Dataset lr = saved.get(1).value();
        if (it.size() != 1 || lr.size() != 1) {
            return;
        }
        long steps = it.dataType().isInteger() ? it.longValue() : (long) it.toFloatArray()[0];
        float rate = lr.toFloatArray()[0];
        if (steps < 0 || !Float.isFinite(rate) || !Float.isFinite(it.toFloatArray()[0])) {
            return; // not a state an optimizer can be in: start fresh, as for Keras 2's layouts
        }
        for (int i = 2; i < saved.size(); i++) {
            Variable v = all.get(i);
            v.assign(dev.strata.internal.TensorAccess.wrap(saved.get(i).value().toFloatArray(), v.shape()));
        }
        OptimizerAccess.setIterations(opt, steps);
        opt.setLearningRate(rate);
    }
}
