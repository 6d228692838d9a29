package dev.strata.layers.regularization;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.regularizers.L1L2;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Passes its input through unchanged and adds {@code l1·Σ|x| + l2·Σx²} of it to the training loss, like
 * {@code keras.layers.ActivityRegularization} (an activity regularizer {@code L1L2(l1, l2)}; as every activity
 * penalty in Keras 3 it is divided by the batch size). Defaults are Keras's: both factors 0.
 *
 * <pre>{@code
 * Model m = new Sequential(new InputLayer(8), new Dense(16, "relu"), new ActivityRegularization(1e-3, 0), new Dense(1));
 * }</pre>
 */
public class ActivityRegularization extends Layer {
    private final double l1;
    private final double l2;

    /** No penalty (Keras's defaults, both factors 0). */
    public ActivityRegularization() {
        this(0, 0);
    }

    /**
     * The penalty {@code l1·Σ|x| + l2·Σx²} on the layer's input.
     *
     * @throws IllegalArgumentException if a factor is negative or not finite
     */
    public ActivityRegularization(double l1, double l2) {
        L1L2 regularizer = new L1L2(l1, l2);
        this.l1 = l1;
        this.l2 = l2;
        activityRegularizer(regularizer);
    }

    @Override
    public ActivityRegularization named(String name) {
        super.named(name);
        return this;
    }

    /** The L1 factor. */
    public double l1() {
        return l1;
    }

    /** The L2 factor. */
    public double l2() {
        return l2;
    }

    @Override
    protected Tensor call(Tensor input) {
        return input;
    }

    /** Keras builds it at construction: its saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
    }

    /** Keras's {@code ActivityRegularization.from_config}. */
    public static ActivityRegularization fromConfig(Config c) {
        return new ActivityRegularization(c.number("l1", 0.0), c.number("l2", 0.0));
    }

    /** The base keys without {@code activity_regularizer} (Keras drops it: {@code l1} and {@code l2} make it). */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.remove("activity_regularizer");
        config.put("l1", l1);
        config.put("l2", l2);
        return config;
    }

    /** Passes its input's mask on unchanged (Keras's {@code supports_masking}): its output steps are its input's. */
    @Override
    protected boolean supportsMasking() {
        return true;
    }
}
