package dev.strata.layers.core;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.tensor.Tensor;

/**
 * A layer that returns its input unchanged, like {@code keras.layers.Identity}: a placeholder where a layer is
 * expected and nothing is to be done (an optional step of a model, a skipped block). It has no weights and accepts any
 * input; in a Functional model it is still a node of its own.
 *
 * <pre>{@code
 * Layer norm = useNorm ? new LayerNormalization() : new Identity();
 * Tensor h = norm.apply(x);
 * }</pre>
 */
public class Identity extends Layer {

    /** An identity layer. */
    public Identity() {
    }

    @Override
    public Identity named(String name) {
        super.named(name);
        return this;
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

    /** Keras's {@code Identity.from_config}: only the base keys. */
    public static Identity fromConfig(Config c) {
        return new Identity();
    }

    /** Passes its input's mask on unchanged (Keras's {@code supports_masking}): its output steps are its input's. */
    @Override
    protected boolean supportsMasking() {
        return true;
    }
}
