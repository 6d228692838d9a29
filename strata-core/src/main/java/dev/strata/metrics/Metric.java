package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.config.KerasObject;
import dev.strata.config.KerasObjects;
import dev.strata.internal.config.AutoConfig;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A stateful metric, like {@code keras.metrics.Metric}: {@link #update} accumulates batches, {@link #result}
 * gives the value so far, {@link #reset} starts over. Accumulation is in double precision.
 *
 * <p>A metric is a Keras object: saved as {@code {"module": "keras.metrics", "class_name": "BinaryAccuracy",
 * "config": {...}}} ({@link Metrics#serialize}); a user's metric gets its config from its fields (see
 * {@link #getConfig()}) and is registered to be loaded again (see {@code dev.strata.config.SavingRegistry}).
 */
public abstract class Metric implements KerasObject {
    /** The keys of every metric's config that this base class reads: Keras's {@code name} and {@code dtype}. */
    static final Set<String> BASE_KEYS = Set.of("name", "dtype");

    // Not final: a metric made from a config gets the config's name after construction (readBaseConfig).
    private String name;

    /** A metric with the given name (used in logs). */
    protected Metric(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The metric's name, e.g. {@code "root_mean_squared_error"}. */
    public String name() {
        return name;
    }

    /** Gives the metric the identifier {@code compile} resolved it from as its name (Keras names it so). */
    void rename(String newName) {
        this.name = Objects.requireNonNull(newName, "name");
    }

    /** Accumulates a batch of targets and predictions. */
    public final void update(Tensor yTrue, Tensor yPred) {
        update(yTrue, yPred, null);
    }

    /** Accumulates a batch with per-sample weights (null for none). */
    public abstract void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight);

    /**
     * The value over everything accumulated since the last reset. A metric whose result is a vector (e.g.
     * {@link F1Score} with {@code average=None}, or counts at several thresholds) gives the mean of its elements
     * here, as Keras's progress bar shows it; {@link #resultTensor()} has the whole value.
     */
    public abstract double result();

    /**
     * Keras's {@code result()} as a tensor: a scalar for most metrics, a vector for those whose Keras result is one
     * (per class, per threshold). The default wraps {@link #result()}.
     */
    public Tensor resultTensor() {
        return Tensor.scalar((float) result());
    }

    /** Forgets everything accumulated. */
    public abstract void reset();

    /**
     * Keras's {@code get_config()}: {@code name} and {@code dtype}, then the auto-config of a user's subclass (its
     * simple fields by snake_case name, see {@link dev.strata.config}), which is how a user's metric has a
     * config without writing this method. Strata's metrics add their own arguments and make themselves again with a
     * {@code public static fromConfig(Config)}; the base keys are read for every metric by {@link #FAMILY}.
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("dtype", "float32");
        for (Map.Entry<String, Object> e : AutoConfig.of(this).entrySet()) {
            config.putIfAbsent(e.getKey(), e.getValue());
        }
        return config;
    }

    /**
     * Metrics as a family of Keras objects: the keys every metric's config has that this base class reads (see
     * {@link KerasObjects#deserialize(Object, Class, dev.strata.config.ConfigContext, String)}).
     */
    public static final KerasObjects.Family<Metric> FAMILY = new KerasObjects.Family<>(Metric.class, BASE_KEYS,
            Metric::readBaseConfig);

    /**
     * Applies the {@link #BASE_KEYS} of a config to a metric just made from it, as Keras's {@code Metric.__init__}
     * takes them: the name (if given); the dtype must be float32, the precision Strata computes in.
     */
    static void readBaseConfig(Metric metric, Config c) {
        String name = c.string("name", null);
        if (name != null) {
            metric.name = name;
        }
        metric.readDtype(c);
    }

    /** Reads the config's {@code dtype}: float32, the precision Strata computes in; the IoU metrics also take ints. */
    void readDtype(Config c) {
        c.requireFloat32("dtype");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + name + ")";
    }
}
