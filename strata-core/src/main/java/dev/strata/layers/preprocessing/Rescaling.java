package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rescales every input value to {@code x · scale + offset}, like {@code keras.layers.Rescaling(scale, offset=0.0)},
 * in training and inference alike: {@code new Rescaling(1 / 255.0)} maps [0, 255] to [0, 1],
 * {@code new Rescaling(1 / 127.5, -1)} maps it to [-1, 1]. Any rank; differentiable. Keras also takes a
 * per-channel list as {@code scale}; Strata takes a number.
 *
 * <pre>{@code
 * Model m = new Sequential(new InputLayer(28, 28, 1), new Rescaling(1 / 255.0), new Flatten(), new Dense(10));
 * }</pre>
 */
public class Rescaling extends Layer {
    private final double scale;
    private final double offset;

    /** {@code x · scale}. */
    public Rescaling(double scale) {
        this(scale, 0.0);
    }

    /** {@code x · scale + offset}. */
    public Rescaling(double scale, double offset) {
        this.scale = scale;
        this.offset = offset;
    }

    @Override
    public Rescaling named(String name) {
        super.named(name);
        return this;
    }

    /** The factor. */
    public double scale() {
        return scale;
    }

    /** The offset added after scaling. */
    public double offset() {
        return offset;
    }

    @Override
    protected Tensor call(Tensor input) {
        // As Keras: inputs * scale + offset, in float32.
        return Ops.add(Ops.multiply(input, (float) scale), (float) offset);
    }

    /** Keras's {@code Rescaling.from_config}. */
    public static Rescaling fromConfig(Config c) {
        return new Rescaling(c.requireNumber("scale"), c.number("offset", 0.0));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("scale", scale);
        config.put("offset", offset);
        return config;
    }

    /** Passes its input's mask on unchanged (Keras's {@code supports_masking}): its output steps are its input's. */
    @Override
    protected boolean supportsMasking() {
        return true;
    }
}
