package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The weighted mean of a per-sample function of targets and predictions, like {@code keras.metrics.MeanMetricWrapper}:
 * each {@link #update} computes {@code fn(yTrue, yPred)} (one value per sample, e.g.
 * {@link dev.strata.losses.Losses#meanSquaredError}) and accumulates it as a {@link Mean} does. The function gets
 * the tensors as given; rank alignment, if wanted, is its job (Keras's functions do it).
 *
 * <p>A wrapper around a Java function saves its name but not the function, which no file can hold; to save and load
 * such a metric, subclass this class (a subclass's config is its fields) and register it.
 */
public class MeanMetricWrapper extends Mean {
    private final BiFunction<Tensor, Tensor, Tensor> fn;

    /** Averages {@code fn}, named {@code "mean_metric_wrapper"} (Keras's automatic name). */
    public MeanMetricWrapper(BiFunction<Tensor, Tensor, Tensor> fn) {
        this(fn, "mean_metric_wrapper");
    }

    /** Averages {@code fn} under the given name. */
    public MeanMetricWrapper(BiFunction<Tensor, Tensor, Tensor> fn, String name) {
        super(name);
        this.fn = Objects.requireNonNull(fn, "fn");
    }

    /**
     * Accumulates {@code fn(yTrue, yPred)} with per-sample weights (null for none). A mask on {@code yPred}
     * ({@link Tensor#mask()}) gives its masked steps weight 0, as Keras does.
     */
    @Override
    public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Tensor t = MetricSupport.concrete(this, "yTrue", yTrue);
        Tensor p = MetricSupport.concrete(this, "yPred", yPred);
        Tensor w = weights(t, p, MetricSupport.concrete(this, "sampleWeight", sampleWeight));
        Tensor mask = yPred.mask().orElse(null);
        if (mask != null) { // Keras's apply_mask with reduction "sum": masked steps weigh 0
            Tensor m = Ops.stopGradient(mask);
            Tensor[] mw = w == null ? null : MetricSupport.alignRanks(m, w);
            w = w == null ? m : Ops.multiply(mw[1], mw[0]);
        }
        accumulate(values(t, p), w);
    }

    /** The per-sample values of a batch; subclasses with a faster path override it. */
    Tensor values(Tensor yTrue, Tensor yPred) {
        return fn.apply(yTrue, yPred);
    }

    /** The weights to use for a batch; the sparse crossentropy's ignored class masks them. */
    Tensor weights(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        return sampleWeight;
    }

    /**
     * Keras's {@code from_config} for a wrapper around one of Keras's metric functions, named by {@code fn}: the
     * function's name ({@code "binary_accuracy"}, as Keras 2 writes it) or Keras 3's serialized function
     * ({@code {"class_name": "function", "config": "binary_accuracy", ...}}). Gives that function's metric
     * ({@link Metrics#get(String)}, here a {@link BinaryAccuracy}), named as the config says.
     */
    public static MeanMetricWrapper fromConfig(Config config) {
        Object fn = config.raw("fn");
        String function;
        if (fn instanceof String s) {
            function = s;
        } else if (fn instanceof Map<?, ?> m && "function".equals(m.get("class_name"))
                && m.get("config") instanceof String s) {
            function = s;
        } else if (fn == null) {
            throw config.error("missing 'fn', the Keras metric function to average (a MeanMetricWrapper around a Java "
                    + "function is saved without it: save a registered subclass instead)");
        } else {
            throw config.error("'fn' must name one of Keras's metric functions, got " + Config.describe(fn));
        }
        Metric metric;
        try {
            metric = Metrics.get(function);
        } catch (IllegalArgumentException e) {
            throw config.error("'fn': " + e.getMessage());
        }
        if (!(metric instanceof MeanMetricWrapper wrapper)) {
            throw config.error("'fn' = \"" + function + "\" names the metric class " + metric.getClass().getSimpleName()
                    + ", not a function of (y_true, y_pred)");
        }
        return wrapper; // name and dtype are the base keys Metric.FAMILY applies
    }
}
