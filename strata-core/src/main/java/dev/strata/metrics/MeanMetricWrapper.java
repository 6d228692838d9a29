package dev.strata.metrics;

import dev.strata.tensor.Tensor;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The weighted mean of a per-sample function of targets and predictions, like {@code keras.metrics.MeanMetricWrapper}:
 * each {@link #update} computes {@code fn(yTrue, yPred)} (one value per sample, e.g.
 * {@link dev.strata.losses.Losses#meanSquaredError}) and accumulates it as a {@link Mean} does. The function gets
 * the tensors as given; rank alignment, if wanted, is its job (Keras's functions do it).
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

    /** Accumulates {@code fn(yTrue, yPred)} with per-sample weights (null for none). */
    @Override
    public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Tensor t = MetricSupport.concrete(this, "yTrue", yTrue);
        Tensor p = MetricSupport.concrete(this, "yPred", yPred);
        accumulate(values(t, p), weights(t, p, MetricSupport.concrete(this, "sampleWeight", sampleWeight)));
    }

    /** The per-sample values of a batch; subclasses with a faster path override it. */
    Tensor values(Tensor yTrue, Tensor yPred) {
        return fn.apply(yTrue, yPred);
    }

    /** The weights to use for a batch; the sparse crossentropy's ignored class masks them. */
    Tensor weights(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        return sampleWeight;
    }
}
