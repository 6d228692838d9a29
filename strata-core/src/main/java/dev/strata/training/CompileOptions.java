package dev.strata.training;

import dev.strata.losses.Loss;
import dev.strata.metrics.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code compile} takes besides the optimizer: the loss (one for every output, one per output by
 * position, or by output name), the loss weights, the metrics and the weighted metrics. Strings are Keras's
 * ({@code "mse"}, {@code "binary_crossentropy"}, {@code "accuracy"}, {@code "RootMeanSquaredError"}, ...).
 *
 * <p>As in Keras 3, {@code metrics} are computed without the sample weights (or class weights) and
 * {@code weightedMetrics} with them; a weighted metric whose log name a metric already has is logged as
 * {@code weighted_<name>} ({@code <output>_weighted_<name>}).
 *
 * <pre>{@code
 * model.compile(new SGD(1e-3f), new CompileOptions().loss("mse").lossWeights(0.9, 0.1)
 *         .metrics("RootMeanSquaredError"));
 * }</pre>
 *
 * <p>Metrics map to a model's outputs as Keras 3's {@code CompileMetrics} maps them: for several outputs a list
 * has one entry per output ({@code metrics("mae", "mse")} is mae for the first output and mse for the second),
 * a list of lists one list per output, a map by output name any of the outputs; for one output every metric given
 * applies to it. They are logged as {@code <output>_<metric>}.
 *
 * <p>One loss given for a model with several outputs applies to each of them; the loss weights are checked
 * after that (so the book's {@code loss="mse", loss_weights=[0.9, 0.1]} works, unlike in Keras 3).
 */
public final class CompileOptions {
    private List<Object> losses = List.of();
    private Map<String, Object> lossesByName = Map.of();
    private double[] lossWeights;
    private Map<String, Double> lossWeightsByName = Map.of();
    private MetricSpec metrics = MetricSpec.NONE;
    private MetricSpec weightedMetrics = MetricSpec.NONE;

    /**
     * Metrics in one of compile's three forms: Keras's list ({@code all}: for one output every metric in it, for
     * several one entry per output), a list of one list per output, or by output name.
     */
    private record MetricSpec(List<Object> all, List<List<Object>> byPosition, Map<String, List<Object>> byName) {
        static final MetricSpec NONE = new MetricSpec(List.of(), List.of(), Map.of());

        static MetricSpec all(Object... all) {
            List<Object> copy = new ArrayList<>();
            for (Object o : all) {
                if (o instanceof List<?> l) { // one output's metrics
                    l.forEach(CompileOptions::checkMetricType);
                    copy.add(List.copyOf(l));
                } else {
                    if (o != null) { // null: no metric for that output, as Keras's None
                        checkMetricType(o);
                    }
                    copy.add(o);
                }
            }
            return new MetricSpec(Collections.unmodifiableList(copy), List.of(), Map.of());
        }

        static MetricSpec byPosition(List<? extends List<?>> byPosition) {
            List<List<Object>> copy = new ArrayList<>();
            for (List<?> l : byPosition) {
                l.forEach(CompileOptions::checkMetricType);
                copy.add(List.copyOf(l));
            }
            return new MetricSpec(List.of(), copy, Map.of());
        }

        static MetricSpec byName(Map<String, ? extends List<?>> byOutputName) {
            Map<String, List<Object>> copy = new LinkedHashMap<>();
            byOutputName.forEach((k, v) -> {
                v.forEach(CompileOptions::checkMetricType);
                copy.put(k, List.copyOf(v));
            });
            return new MetricSpec(List.of(), List.of(), copy);
        }

        @Override
        public String toString() {
            return String.valueOf(!byName.isEmpty() ? byName : !byPosition.isEmpty() ? byPosition : all);
        }
    }

    /** No losses or metrics yet (set them with the methods below). */
    public CompileOptions() {
    }

    /** One loss by Keras name, for every output. */
    public CompileOptions loss(String loss) {
        return lossList(List.of(Objects.requireNonNull(loss, "loss")));
    }

    /** One loss object, for every output. */
    public CompileOptions loss(Loss loss) {
        return lossList(List.of(Objects.requireNonNull(loss, "loss")));
    }

    /** One loss per output, by position (names or Loss objects). */
    public CompileOptions losses(Object... perOutput) {
        for (Object o : perOutput) {
            checkLossType(o);
        }
        return lossList(List.of(perOutput));
    }

    /** Losses by output name (names or Loss objects). */
    public CompileOptions losses(Map<String, ?> byOutputName) {
        for (Object o : byOutputName.values()) {
            checkLossType(o);
        }
        this.lossesByName = new LinkedHashMap<>(byOutputName);
        this.losses = List.of();
        return this;
    }

    private CompileOptions lossList(List<Object> list) {
        this.losses = list;
        this.lossesByName = Map.of();
        return this;
    }

    private static void checkLossType(Object o) {
        if (!(o instanceof String || o instanceof Loss)) {
            throw new IllegalArgumentException("a loss must be a Keras loss name or a Loss, got " + o);
        }
    }

    /** Weights of the per-output losses in the total, by position. */
    public CompileOptions lossWeights(double... weights) {
        this.lossWeights = weights.clone();
        this.lossWeightsByName = Map.of();
        return this;
    }

    /** Weights of the per-output losses in the total, by output name (missing names weigh 1). */
    public CompileOptions lossWeights(Map<String, Double> byOutputName) {
        this.lossWeightsByName = new LinkedHashMap<>(byOutputName);
        this.lossWeights = null;
        return this;
    }

    /**
     * Keras's {@code metrics} list, computed without sample weights: for a model with one output every metric in it
     * (names or Metric objects; lists in it flattened); for a model of n outputs exactly n entries, entry i for output
     * i (a name, a Metric, a list of them, or null for none). A list of another length for several outputs is an
     * error when the model first sees data, as in Keras 3: {@code metrics("mae")} does not mean "mae for each output".
     */
    public CompileOptions metrics(Object... all) {
        this.metrics = MetricSpec.all(all);
        return this;
    }

    /** Metrics per output, by position, without sample weights. */
    public CompileOptions metricsPerOutput(List<? extends List<?>> byPosition) {
        this.metrics = MetricSpec.byPosition(byPosition);
        return this;
    }

    /** Metrics per output, by output name, without sample weights. */
    public CompileOptions metrics(Map<String, ? extends List<?>> byOutputName) {
        this.metrics = MetricSpec.byName(byOutputName);
        return this;
    }

    /**
     * Keras's {@code weighted_metrics}: metrics computed with the sample weights (or the class weights) of {@code fit}
     * and {@code evaluate}, mapped to the outputs as {@link #metrics(Object...)} maps them.
     */
    public CompileOptions weightedMetrics(Object... all) {
        this.weightedMetrics = MetricSpec.all(all);
        return this;
    }

    /** Weighted metrics per output, by position. */
    public CompileOptions weightedMetricsPerOutput(List<? extends List<?>> byPosition) {
        this.weightedMetrics = MetricSpec.byPosition(byPosition);
        return this;
    }

    /** Weighted metrics per output, by output name. */
    public CompileOptions weightedMetrics(Map<String, ? extends List<?>> byOutputName) {
        this.weightedMetrics = MetricSpec.byName(byOutputName);
        return this;
    }

    private static void checkMetricType(Object o) {
        if (!(o instanceof String || o instanceof Metric)) {
            throw new IllegalArgumentException("a metric must be a Keras metric name or a Metric, got " + o);
        }
    }

    /** Losses by position (empty if given by name or not at all). */
    public List<Object> losses() {
        return losses;
    }

    /** Losses by output name (empty if given by position). */
    public Map<String, Object> lossesByName() {
        return lossesByName;
    }

    /** Loss weights by position, or null. */
    public double[] lossWeights() {
        return lossWeights == null ? null : lossWeights.clone();
    }

    /** Loss weights by output name (empty if by position or not given). */
    public Map<String, Double> lossWeightsByName() {
        return lossWeightsByName;
    }

    /** Metrics as Keras's list (see {@link #metrics(Object...)}), empty if given per output or by name. */
    public List<Object> metrics() {
        return metrics.all();
    }

    /** Metrics per output by position. */
    public List<List<Object>> metricsByPosition() {
        return metrics.byPosition();
    }

    /** Metrics per output by name. */
    public Map<String, List<Object>> metricsByName() {
        return metrics.byName();
    }

    /** Weighted metrics as Keras's list, empty if given per output or by name. */
    public List<Object> weightedMetrics() {
        return weightedMetrics.all();
    }

    /** Weighted metrics per output by position. */
    public List<List<Object>> weightedMetricsByPosition() {
        return weightedMetrics.byPosition();
    }

    /** Weighted metrics per output by name. */
    public Map<String, List<Object>> weightedMetricsByName() {
        return weightedMetrics.byName();
    }

    @Override
    public String toString() {
        return "CompileOptions{losses=" + (lossesByName.isEmpty() ? losses : lossesByName) + ", lossWeights="
                + (lossWeights != null ? Arrays.toString(lossWeights) : lossWeightsByName) + ", metrics=" + metrics
                + (weightedMetrics == MetricSpec.NONE ? "" : ", weightedMetrics=" + weightedMetrics) + "}";
    }
}
