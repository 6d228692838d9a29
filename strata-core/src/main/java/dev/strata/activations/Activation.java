package dev.strata.activations;

import dev.strata.config.ConfigValue;
import dev.strata.tensor.Tensor;

/**
 * An elementwise (or, for softmax, per-row) function applied to a layer's output. Saved configs hold it by its Keras
 * name ({@code "relu"}), as Keras writes its built-in activations.
 */
public interface Activation extends ConfigValue {
    /** Applies the function (to concrete or symbolic tensors; differentiable). */
    Tensor apply(Tensor x);

    /** Keras's name, e.g. {@code "relu"}; what saved configs store. */
    String name();

    /** The saved form: the name. */
    @Override
    default Object toConfigValue() {
        return name();
    }

    /**
     * The activation a config value names ({@link Activations#deserialize}): how a user class's constructor parameter
     * of this type is read back.
     */
    static Activation fromConfigValue(Object value) {
        return Activations.deserialize(value);
    }
}
