package dev.strata.layers.core;

import dev.strata.activations.Activations;
import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Applies an activation function to its input, like {@code keras.layers.Activation}. The output has the
 * input's shape; the layer has no weights.
 *
 * <pre>{@code
 * Tensor h = new Activation("relu").apply(new Dense(30).apply(x));
 * Layer soft = new Activation(Activations.softmax(1)).named("probabilities");
 * }</pre>
 */
public class Activation extends Layer {
    private final dev.strata.activations.Activation activation;

    /**
     * The activation with Keras's name ({@code "relu"}, {@code "softmax"}, ...; {@code null} for the identity).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public Activation(String activation) {
        this(Activations.get(activation));
    }

    /** The given activation function. */
    public Activation(dev.strata.activations.Activation activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    @Override
    public Activation named(String name) {
        super.named(name);
        return this;
    }

    /** The activation function applied. */
    public dev.strata.activations.Activation activation() {
        return activation;
    }

    @Override
    protected Tensor call(Tensor input) {
        return activation.apply(input);
    }

    /** Keras's {@code Activation.from_config}. */
    public static Activation fromConfig(Config c) {
        return new Activation(c.object("activation", dev.strata.activations.Activation.class));
    }

    /** Keras builds it at construction: its saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("activation", activation.name());
        return config;
    }

    /** Passes its input's mask on unchanged (Keras's {@code supports_masking}): its output steps are its input's. */
    @Override
    protected boolean supportsMasking() {
        return true;
    }
}
