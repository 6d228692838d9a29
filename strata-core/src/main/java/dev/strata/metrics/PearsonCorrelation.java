package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Pearson correlation coefficient of targets and predictions along an axis (population standard deviations), averaged over samples and batches as a {@link Mean}, like {@code keras.metrics.PearsonCorrelation}
 * (default name {@code "pearson_correlation"}, axis -1).
 */
public final class PearsonCorrelation extends MeanMetricWrapper {
    private final int axis;

    /** Named {@code "pearson_correlation"}, along the last axis. */
    public PearsonCorrelation() {
        this("pearson_correlation", -1);
    }

    /** With the given name and axis. */
    public PearsonCorrelation(String name, int axis) {
        super((t, p) -> Correlations.pearson(name, t, p, axis), name);
        this.axis = axis;
    }

    /** Keras's {@code axis}. */
    public int axis() {
        return axis;
    }

    @Override
    Tensor values(Tensor yTrue, Tensor yPred) {
        return Correlations.pearson(name(), yTrue, yPred, axis);
    }

    /** {@code name}, {@code dtype} and {@code axis}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("axis", axis);
        return config;
    }

    /** Keras's {@code from_config}: {@code axis} (-1). */
    public static PearsonCorrelation fromConfig(Config config) {
        return new PearsonCorrelation("pearson_correlation", config.integer("axis", -1));
    }
}
