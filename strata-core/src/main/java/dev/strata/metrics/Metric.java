package dev.strata.metrics;

import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A stateful metric, like {@code keras.metrics.Metric}: {@link #update} accumulates batches, {@link #result}
 * gives the value so far, {@link #reset} starts over. Accumulation is in double precision.
 */
public abstract class Metric {
    private final String name;

    /** A metric with the given name (used in logs). */
    protected Metric(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The metric's name, e.g. {@code "root_mean_squared_error"}. */
    public String name() {
        return name;
    }

    /** Accumulates a batch of targets and predictions. */
    public final void update(Tensor yTrue, Tensor yPred) {
        update(yTrue, yPred, null);
    }

    /** Accumulates a batch with per-sample weights (null for none). */
    public abstract void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight);

    /** The value over everything accumulated since the last reset. */
    public abstract double result();

    /** Forgets everything accumulated. */
    public abstract void reset();

    /** Keras's config: {@code name}, {@code dtype}, plus the metric's own arguments. */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("dtype", "float32");
        return config;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + name + ")";
    }
}
