package dev.strata.layers.reshaping;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Repeats each step of 1-D data {@code size} times, like {@code keras.layers.UpSampling1D(size=2)}: inputs
 * {@code (batch, steps, features)} become {@code (batch, steps·size, features)}. The gradient sums the copies.
 *
 * <pre>{@code
 * Tensor y = new UpSampling1D(3).apply(x);
 * }</pre>
 */
public class UpSampling1D extends Layer {
    private final int size;

    /** Keras's default: each step twice. */
    public UpSampling1D() {
        this(2);
    }

    /**
     * Each step {@code size} times.
     *
     * @throws IllegalArgumentException if not positive
     */
    public UpSampling1D(int size) {
        this.size = Spatial.sizes(describe(), "size", 1, size)[0];
    }

    @Override
    public UpSampling1D named(String name) {
        super.named(name);
        return this;
    }

    /** The factor. */
    public int size() {
        return size;
    }

    @Override
    protected Tensor call(Tensor input) {
        Spatial.requireRank(this, input.shape(), 1, Spatial.CHANNELS_LAST);
        return Ops.repeat(input, size, 1);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("size", size);
        return config;
    }

    /** Keras's {@code UpSampling1D.from_config}. */
    public static UpSampling1D fromConfig(Config c) {
        return new UpSampling1D(c.integer("size", 2));
    }
}
