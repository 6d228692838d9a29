package dev.strata.layers.core;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Masks the time steps whose features all equal {@code maskValue}, like {@code keras.layers.Masking}: on input
 * {@code (batch, time, features)} the output has the same values with masked steps set to 0, and carries the mask
 * {@code any(x != maskValue, axis=-1)} of shape {@code (batch, time)} for the layers after it (recurrent layers
 * skip masked steps). Default {@code maskValue} 0, as Keras.
 *
 * <pre>{@code
 * Model model = new Sequential(new InputLayer(10, 8), new Masking(0f), new LSTM(32));
 * }</pre>
 */
public class Masking extends Layer {
    private final double maskValue; // as given (a Python float in Keras's config); compared in float32

    /** Masks steps whose features are all 0. */
    public Masking() {
        this(0f);
    }

    /** Masks steps whose features all equal {@code maskValue} (compared in float32). */
    public Masking(double maskValue) {
        this.maskValue = maskValue;
    }

    @Override
    public Masking named(String name) {
        super.named(name);
        return this;
    }

    /** The value that marks a padded step. */
    public double maskValue() {
        return maskValue;
    }

    @Override
    protected void build(Shape inputShape) {
        if (inputShape.rank() < 2) {
            throw new ShapeException("needs inputs of rank >= 2 (batch, ..., features); got shape " + inputShape);
        }
    }

    @Override
    protected Tensor call(Tensor input) {
        if (input.shape().rank() < 2) {
            throw new ShapeException("needs inputs of rank >= 2 (batch, ..., features) like the shape it was built "
                    + "for, " + buildInputShapes().getFirst() + "; got shape " + input.shape());
        }
        Tensor keep = Ops.any(Ops.notEqual(input, (float) maskValue), new int[] {-1}, true);
        return Ops.where(keep, input, Tensor.scalar(0f));
    }

    /** Keras's {@code compute_mask}: whether any feature of a step differs from {@code maskValue}. */
    @Override
    protected Tensor computeMask(Tensor input, Tensor previousMask) {
        return Ops.any(Ops.notEqual(input, (float) maskValue), -1);
    }

    /** Keras builds it at construction: its saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
    }

    /** Keras's {@code Masking.from_config}. */
    public static Masking fromConfig(Config c) {
        return new Masking(c.number("mask_value", 0.0));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("mask_value", maskValue);
        return config;
    }
}
