package dev.strata.layers.activations;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The leaky rectified linear unit as a layer, like {@code keras.layers.LeakyReLU}: {@code x} for {@code x >= 0},
 * else {@code negative_slope · x}. Keras 3's default slope is 0.3 (the {@code "leaky_relu"} activation function's is
 * 0.2). The output has the input's shape; the layer has no weights.
 *
 * <pre>{@code
 * Tensor h = new LeakyReLU().apply(x);          // slope 0.3
 * Layer gentle = new LeakyReLU(0.01);
 * }</pre>
 *
 * <p>Keras 2 called the slope {@code alpha}; Keras 3 still reads that name from a config, and so does
 * {@link #fromConfig}, which saves it as {@code negative_slope}.
 */
public class LeakyReLU extends Layer {
    private final double negativeSlope;

    /** A slope of 0.3 for negative inputs (Keras's default). */
    public LeakyReLU() {
        this(0.3);
    }

    /**
     * The given slope for negative inputs (Keras's {@code negative_slope}).
     *
     * @throws IllegalArgumentException if it is negative or NaN
     */
    @SuppressWarnings("this-escape") // only describe() for an error message, which reads the name the base set
    public LeakyReLU(double negativeSlope) {
        if (!(negativeSlope >= 0)) {
            throw new IllegalArgumentException(describe() + ": the negative_slope value of a Leaky ReLU layer cannot "
                    + "be negative (or NaN). Received: negative_slope=" + negativeSlope);
        }
        this.negativeSlope = negativeSlope;
    }

    @Override
    public LeakyReLU named(String name) {
        super.named(name);
        return this;
    }

    /** The slope for negative inputs. */
    public double negativeSlope() {
        return negativeSlope;
    }

    @Override
    protected Tensor call(Tensor x) {
        return Ops.leakyRelu(x, (float) negativeSlope);
    }

    /** Keras builds it at construction: its saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
    }

    /**
     * Keras's {@code LeakyReLU.from_config}: {@code negative_slope}, or Keras 2's {@code alpha}, which wins when both
     * are given (as in Keras 3, which pops {@code alpha} over the other).
     */
    public static LeakyReLU fromConfig(Config c) {
        double slope = c.number("negative_slope", 0.3);
        Object alpha = c.raw("alpha");
        return new LeakyReLU(alpha == null ? slope : c.toDouble(alpha, "alpha"));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("negative_slope", negativeSlope);
        return config;
    }

    /** Passes its input's mask on unchanged (Keras's {@code supports_masking}): its output steps are its input's. */
    @Override
    protected boolean supportsMasking() {
        return true;
    }
}
