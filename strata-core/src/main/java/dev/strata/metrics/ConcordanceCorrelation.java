package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lin's concordance correlation coefficient of targets and predictions along an axis (with Keras 3.15's covariance term, see {@code keras.metrics.concordance_correlation}), averaged over samples and batches as a {@link Mean}, like {@code keras.metrics.ConcordanceCorrelation}
 * (default name {@code "concordance_correlation"}, axis -1).
 */
public final class ConcordanceCorrelation extends MeanMetricWrapper {
    private final int axis;

    /** Named {@code "concordance_correlation"}, along the last axis. */
    public ConcordanceCorrelation() {
        this("concordance_correlation", -1);
    }

    /** With the given name and axis. */
    public ConcordanceCorrelation(String name, int axis) {
        super((t, p) -> Correlations.concordance(name, t, p, axis), name);
        this.axis = axis;
    }

    /** Keras's {@code axis}. */
    public int axis() {
        return axis;
    }

    @Override
    Tensor values(Tensor yTrue, Tensor yPred) {
        return Correlations.concordance(name(), yTrue, yPred, axis);
    }

    /** {@code name}, {@code dtype} and {@code axis}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("axis", axis);
        return config;
    }

    /** Keras's {@code from_config}: {@code axis} (-1). */
    public static ConcordanceCorrelation fromConfig(Config config) {
        return new ConcordanceCorrelation("concordance_correlation", config.integer("axis", -1));
    }
}
