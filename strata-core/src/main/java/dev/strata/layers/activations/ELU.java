package dev.strata.layers.activations;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exponential linear unit as a layer, like {@code keras.layers.ELU}: {@code x} for {@code x > 0}, else
 * {@code alpha · (e^x - 1)}; {@code alpha} defaults to 1. The output has the input's shape; the layer has no
 * weights.
 *
 * <pre>{@code
 * Tensor h = new ELU().apply(x);
 * Layer soft = new ELU(0.5).named("elu_half");
 * }</pre>
 *
 * <p>Its config is Keras's: {@code name}, {@code alpha}, {@code trainable}, {@code dtype}, in that order (Keras's
 * ELU has no {@code get_config} of its own; its automatic config puts the constructor argument right after the
 * name).
 */
public class ELU extends Layer {
    private final double alpha;

    /** {@code alpha = 1} (Keras's default). */
    public ELU() {
        this(1.0);
    }

    /**
     * The given {@code alpha}, the value the output approaches for very negative inputs, negated. Keras accepts any
     * number (a negative one flips the negative branch); so does Strata, short of NaN and infinities.
     *
     * @throws IllegalArgumentException if {@code alpha} is NaN or infinite
     */
    @SuppressWarnings("this-escape") // only describe() for an error message, which reads the name the base set
    public ELU(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException(describe() + ": alpha of an ELU layer must be a finite number. "
                    + "Received: alpha=" + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    public ELU named(String name) {
        super.named(name);
        return this;
    }

    /** The scale of the negative branch. */
    public double alpha() {
        return alpha;
    }

    @Override
    protected Tensor call(Tensor x) {
        return Ops.elu(x, (float) alpha);
    }

    /** Keras builds it at construction: its saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
    }

    /** Keras's {@code ELU.from_config} ({@code cls(**config)}). */
    public static ELU fromConfig(Config c) {
        return new ELU(c.number("alpha", 1.0));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> base = super.getConfig();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", base.get("name"));
        config.put("alpha", alpha);
        config.putAll(base);
        return config;
    }

    /** Passes its input's mask on unchanged (Keras's {@code supports_masking}): its output steps are its input's. */
    @Override
    protected boolean supportsMasking() {
        return true;
    }
}
