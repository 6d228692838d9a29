package dev.strata.training;

import dev.strata.config.Config;
import dev.strata.config.ConfigContext;
import dev.strata.config.KerasConfigException;
import dev.strata.config.KerasObjects;
import dev.strata.losses.Loss;
import dev.strata.losses.Losses;
import dev.strata.metrics.Metric;
import dev.strata.metrics.Metrics;
import dev.strata.optimizers.Optimizer;
import dev.strata.optimizers.Optimizers;
import dev.strata.tensor.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keras's {@code compile_config} both ways (its {@code Trainer.get_compile_config} and {@code compile_from_config}):
 * the optimizer, losses, loss weights, metrics and weighted metrics {@code compile} was given, in Keras's form.
 * Reading leaves out, with a warning, the metrics Strata cannot make (they only report), and fails on an optimizer
 * or loss it cannot make.
 */
final class CompileConfig {
    /** What a compile config compiles with. */
    record Compiled(Optimizer optimizer, CompileOptions options) {
    }

    private CompileConfig() {
    }

    /**
     * The compile config of a model compiled with {@code optimizer} and {@code co}, which has {@code outputs}
     * outputs (-1 if not known).
     */
    static Map<String, Object> write(Optimizer optimizer, CompileOptions co, int outputs, String where) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("optimizer", KerasObjects.toJson(optimizer, where + ".optimizer"));
        Object loss = null;
        if (!co.lossesByName().isEmpty()) {
            Map<String, Object> byName = new LinkedHashMap<>();
            co.lossesByName().forEach((k, v) -> byName.put(k, KerasObjects.toJson(v, where + ".loss")));
            loss = byName;
        } else if (!co.losses().isEmpty()) {
            List<Object> list = new ArrayList<>();
            for (Object l : co.losses()) {
                list.add(KerasObjects.toJson(l, where + ".loss"));
            }
            if (list.size() == 1 && outputs > 1) {
                // Keras 3 wants one loss per output once there are loss weights; the same loss for each means the same.
                list = new ArrayList<>(Collections.nCopies(outputs, list.getFirst()));
            }
            loss = list.size() == 1 ? list.getFirst() : list;
        }
        out.put("loss", loss);
        Object weights = null;
        if (co.lossWeights() != null) {
            List<Object> w = new ArrayList<>();
            for (double d : co.lossWeights()) {
                w.add(d);
            }
            weights = w;
        } else if (!co.lossWeightsByName().isEmpty()) {
            weights = new LinkedHashMap<>(co.lossWeightsByName());
        }
        out.put("loss_weights", weights);
        out.put("metrics", metricsJson(co.metrics(), co.metricsByPosition(), co.metricsByName(),
                where + ".metrics"));
        out.put("weighted_metrics", metricsJson(co.weightedMetrics(), co.weightedMetricsByPosition(),
                co.weightedMetricsByName(), where + ".weighted_metrics"));
        out.put("run_eagerly", false);
        out.put("steps_per_execution", 1);
        out.put("jit_compile", false);
        return out;
    }

    /** One of compile's metric arguments in Keras's form: null, a list, a list per output, or a dict by output. */
    private static Object metricsJson(List<Object> all, List<List<Object>> byPosition, Map<String, List<Object>> byName,
                                      String where) {
        if (!byName.isEmpty()) {
            Map<String, Object> out = new LinkedHashMap<>();
            byName.forEach((k, v) -> out.put(k, KerasObjects.toJson(v, where)));
            return out;
        }
        if (!byPosition.isEmpty()) {
            return KerasObjects.toJson(byPosition, where);
        }
        if (!all.isEmpty()) {
            return KerasObjects.toJson(all, where); // Keras's list as given: it maps it to the outputs as Strata does
        }
        return null;
    }

    /**
     * What a compile config compiles with, for a model of {@code outputs} outputs.
     *
     * @throws KerasConfigException if the optimizer or a loss cannot be made (naming it)
     */
    static Compiled read(Config c, int outputs) {
        String where = c.where();
        ConfigContext context = c.context();
        Object opt = c.raw("optimizer");
        Optimizer optimizer = opt == null ? Optimizers.get("rmsprop")
                : KerasObjects.deserialize(opt, Optimizer.class, context, where + ".optimizer");
        CompileOptions options = new CompileOptions();
        Object loss = c.raw("loss");
        if (loss instanceof String s) {
            options.loss(s);
        } else if (isSerialized(loss)) {
            options.loss(loss(loss, where + ".loss", context));
        } else if (loss instanceof List<?> l) {
            List<Object> per = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                per.add(lossItem(l.get(i), where + ".loss[" + i + "]", context));
            }
            options.losses(per.toArray());
        } else if (loss instanceof Map<?, ?> m) {
            Map<String, Object> byName = new LinkedHashMap<>();
            m.forEach((k, v) -> byName.put(String.valueOf(k), lossItem(v, where + ".loss." + k, context)));
            options.losses(byName);
        } else if (loss != null) {
            throw c.error("'loss' must be a name, a loss, a list or a dict, got " + Config.describe(loss));
        }
        Object weights = c.raw("loss_weights");
        if (weights instanceof Number n) {
            options.lossWeights(n.doubleValue());
        } else if (weights instanceof List<?> l) {
            double[] w = new double[l.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = c.toDouble(l.get(i), "loss_weights");
            }
            options.lossWeights(w);
        } else if (weights instanceof Map<?, ?> m) {
            Map<String, Double> byName = new LinkedHashMap<>();
            m.forEach((k, v) -> byName.put(String.valueOf(k), c.toDouble(v, "loss_weights")));
            options.lossWeights(byName);
        } else if (weights != null) {
            throw c.error("'loss_weights' must be a number, a list or a dict, got " + Config.describe(weights));
        }
        readMetrics(c.raw("metrics"), outputs, where + ".metrics", context, options::metrics,
                options::metricsPerOutput, options::metrics);
        readMetrics(c.raw("weighted_metrics"), outputs, where + ".weighted_metrics", context,
                options::weightedMetrics, options::weightedMetricsPerOutput, options::weightedMetrics);
        c.ignore("run_eagerly", "steps_per_execution", "jit_compile", "sample_weight_mode");
        c.finish();
        return new Compiled(optimizer, options);
    }

    /**
     * Reads {@code metrics} or {@code weighted_metrics} into the options, by their three setters, keeping Keras's form:
     * a list of lists (one per output), a list (which compile maps to the outputs as Keras does), or a dict. A metric
     * left out of a list for several outputs leaves its entry null, so that the others keep their outputs.
     */
    private static void readMetrics(Object metrics, int outputs, String where, ConfigContext context,
                                    Consumer<Object[]> all, Consumer<List<List<?>>> byPosition,
                                    Consumer<Map<String, List<?>>> byName) {
        if (metrics instanceof List<?> l && !l.isEmpty()) {
            if (l.stream().allMatch(e -> e instanceof List<?>)) {
                List<List<?>> perOutput = new ArrayList<>();
                for (int i = 0; i < l.size(); i++) {
                    perOutput.add(metricList(l.get(i), where + "[" + i + "]", context));
                }
                byPosition.accept(perOutput);
            } else {
                List<Object> entries = new ArrayList<>();
                for (int i = 0; i < l.size(); i++) {
                    Object e = l.get(i);
                    List<Object> read = metricList(e, where + "[" + i + "]", context);
                    if (e instanceof List<?>) {
                        entries.add(read);
                    } else if (!read.isEmpty()) {
                        entries.add(read.getFirst());
                    } else if (outputs != 1) {
                        entries.add(null); // None, or left out: the entry still stands for its output
                    }
                }
                all.accept(entries.toArray());
            }
        } else if (metrics instanceof Map<?, ?> m) {
            Map<String, List<?>> named = new LinkedHashMap<>();
            m.forEach((k, v) -> named.put(String.valueOf(k), metricList(v, where + "." + k, context)));
            byName.accept(named);
        } else if (metrics != null && !(metrics instanceof List<?>)) {
            all.accept(metricList(metrics, where, context).toArray());
        }
    }

    /** Whether a metric name is one {@code compile} can resolve (some, like "accuracy", by the shapes). */
    private static boolean isKnownMetricName(String name) {
        try {
            Metrics.get(name, Shape.of(Shape.UNKNOWN, 1), Shape.of(Shape.UNKNOWN, 1));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isSerialized(Object v) {
        return v instanceof Map<?, ?> m && m.get("class_name") instanceof String && m.containsKey("config");
    }

    private static Object lossItem(Object v, String where, ConfigContext context) {
        if (v instanceof String s) {
            return s;
        }
        if (isSerialized(v)) {
            return loss(v, where, context);
        }
        throw new KerasConfigException(where + ": expected a loss name or a serialized loss, got "
                + Config.describe(v) + (v == null ? " (Strata needs a loss for every output)" : ""));
    }

    private static Loss loss(Object v, String where, ConfigContext context) {
        Object o = Losses.deserialize(v, context, where);
        if (!(o instanceof Loss l)) {
            throw new KerasConfigException(where + ": not a loss: " + Config.describe(v));
        }
        return l;
    }

    /** A metric entry as a list: null is none, a name or serialized metric is one, a list is several. */
    private static List<Object> metricList(Object v, String where, ConfigContext context) {
        List<Object> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                out.addAll(metricList(l.get(i), where + "[" + i + "]", context));
            }
            return out;
        }
        if (v instanceof String s) {
            if (isKnownMetricName(s)) {
                out.add(s);
            } else {
                context.warn(where + ": the metric '" + s + "' is left out: Strata has no metric of that name; the "
                        + "model is compiled without it");
            }
            return out;
        }
        if (isSerialized(v)) {
            Object o;
            try {
                o = Metrics.deserialize(v, context, where);
            } catch (KerasConfigException | IllegalArgumentException e) {
                // A metric only reports; the model trains the same without it.
                context.warn(where + ": a metric is left out, the model is compiled without it: " + e.getMessage());
                return out;
            }
            if (!(o instanceof Metric m)) {
                throw new KerasConfigException(where + ": not a metric: " + Config.describe(v));
            }
            out.add(m);
            return out;
        }
        throw new KerasConfigException(where + ": expected a metric name or a serialized metric, got "
                + Config.describe(v));
    }
}
