package dev.strata.layers.activations;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rectified linear unit as a layer, like {@code keras.layers.ReLU}, with Keras's three arguments:
 * <pre>{@code
 *   f(x) = max_value                         for x >= max_value
 *   f(x) = x                                 for threshold < x < max_value
 *   f(x) = negative_slope * (x - threshold)  otherwise
 * }</pre>
 * With the defaults (no max value, slope 0, threshold 0) it is {@code max(x, 0)}. The output has the input's shape;
 * the layer has no weights. The arithmetic is Keras's step for step (the part above the threshold is clipped to
 * {@code [0, max_value]}, then {@code negative_slope · relu(threshold - x)} is subtracted), so results agree with
 * Keras to the last bit, also where the arguments overlap (a max value below the threshold).
 *
 * <pre>{@code
 * Tensor h = new ReLU().apply(x);                                   // max(x, 0)
 * Layer capped = new ReLU(6).negativeSlope(0.1).threshold(0.5);    // Keras: ReLU(6, 0.1, 0.5)
 * }</pre>
 */
public class ReLU extends Layer {
    private static final Tensor ZERO = Tensor.scalar(0f);

    private Double maxValue;
    private double negativeSlope;
    private double threshold;

    /** {@code max(x, 0)}: no max value, slope 0, threshold 0 (Keras's defaults). */
    public ReLU() {
    }

    /**
     * {@code min(max(x, 0), maxValue)} (Keras's first argument, {@code max_value}).
     *
     * @throws IllegalArgumentException if {@code maxValue} is negative or NaN
     */
    @SuppressWarnings("this-escape") // only describe() for an error message, which reads the name the base set
    public ReLU(double maxValue) {
        maxValue(maxValue);
    }

    @Override
    public ReLU named(String name) {
        super.named(name);
        return this;
    }

    /**
     * The largest output (Keras's {@code max_value}; default none). Only before the layer is built.
     *
     * @throws IllegalArgumentException if it is negative or NaN
     */
    public ReLU maxValue(double value) {
        requireNotBuilt("maxValue");
        if (!(value >= 0)) {
            throw new IllegalArgumentException(describe() + ": max_value of a ReLU layer cannot be a negative value "
                    + "(or NaN). Received: max_value=" + value);
        }
        this.maxValue = value;
        return this;
    }

    /**
     * The slope below the threshold (Keras's {@code negative_slope}; default 0). Only before the layer is built.
     *
     * @throws IllegalArgumentException if it is negative or NaN
     */
    public ReLU negativeSlope(double value) {
        requireNotBuilt("negativeSlope");
        if (!(value >= 0)) {
            throw new IllegalArgumentException(describe() + ": negative_slope of a ReLU layer cannot be a negative "
                    + "value (or NaN). Received: negative_slope=" + value);
        }
        this.negativeSlope = value;
        return this;
    }

    /**
     * The input below which the output is damped or zero (Keras's {@code threshold}; default 0). Only before the
     * layer is built.
     *
     * @throws IllegalArgumentException if it is negative or NaN
     */
    public ReLU threshold(double value) {
        requireNotBuilt("threshold");
        if (!(value >= 0)) {
            throw new IllegalArgumentException(describe() + ": threshold of a ReLU layer cannot be a negative value "
                    + "(or NaN). Received: threshold=" + value);
        }
        this.threshold = value;
        return this;
    }

    /** The largest output, or null for none. */
    public Double maxValue() {
        return maxValue;
    }

    /** The slope below the threshold. */
    public double negativeSlope() {
        return negativeSlope;
    }

    /** The threshold. */
    public double threshold() {
        return threshold;
    }

    @Override
    protected Tensor call(Tensor x) {
        // Keras's ReLU.static_call, branch for branch: each path is a different float computation.
        float slope = (float) negativeSlope;
        float t = (float) threshold;
        if (slope != 0f && maxValue == null && t == 0f) {
            return Ops.leakyRelu(x, slope);
        }
        Tensor negativePart = slope == 0f ? null : Ops.relu(t != 0f ? Ops.add(Ops.negative(x), t) : Ops.negative(x));
        boolean clipMax = maxValue != null;
        Tensor y;
        if (t != 0f) {
            y = Ops.where(Ops.greater(x, t), x, ZERO);
        } else if (clipMax && maxValue == 6.0) {
            y = Ops.relu6(x);
            clipMax = false;
        } else {
            y = Ops.relu(x);
        }
        if (clipMax) {
            y = Ops.clip(y, 0f, maxValue.floatValue());
        }
        return negativePart == null ? y : Ops.subtract(y, Ops.multiply(negativePart, slope));
    }

    /** Keras builds it at construction: its saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
    }

    /** Keras's {@code ReLU.from_config}. */
    public static ReLU fromConfig(Config c) {
        ReLU relu = new ReLU();
        Object max = c.raw("max_value");
        if (max != null) {
            relu.maxValue(c.toDouble(max, "max_value"));
        }
        relu.negativeSlope(c.number("negative_slope", 0.0));
        relu.threshold(c.number("threshold", 0.0));
        return relu;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("max_value", maxValue);
        config.put("negative_slope", negativeSlope);
        config.put("threshold", threshold);
        return config;
    }

    /** Passes its input's mask on unchanged (Keras's {@code supports_masking}): its output steps are its input's. */
    @Override
    protected boolean supportsMasking() {
        return true;
    }
}
