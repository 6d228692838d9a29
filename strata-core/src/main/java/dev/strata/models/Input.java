package dev.strata.models;

import dev.strata.layers.core.InputLayer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;

/**
 * Model inputs for the Functional API, like {@code keras.Input}: a symbolic tensor with an unknown batch
 * dimension, to apply layers and ops to.
 *
 * <pre>{@code
 * Tensor wide = Input.of("wide_input", 5);   // shape (None, 5)
 * Tensor deep = Input.of("deep_input", 6);
 * }</pre>
 */
public final class Input {
    private Input() {
    }

    /** An input with the given per-sample shape and an automatic name. */
    public static SymbolicTensor of(int... shape) {
        return new InputLayer(Shape.of(shape).prepend(Shape.UNKNOWN), null).output();
    }

    /** A named input with the given per-sample shape. */
    public static SymbolicTensor of(String name, int... shape) {
        return new InputLayer(Shape.of(shape).prepend(Shape.UNKNOWN), name).output();
    }

    /**
     * A named input of integer ids (token ids, categories), like {@code keras.Input(shape, dtype="int32")}: its
     * values are whole numbers held in float32 (exact up to 2<sup>24</sup>), and the saved model declares it
     * {@code int32}, as Keras does. A {@link Shape#UNKNOWN} dimension leaves the length open.
     *
     * <pre>{@code
     * Tensor tokens = Input.integers("tokens", Shape.UNKNOWN);   // (None, None) token ids
     * }</pre>
     */
    public static SymbolicTensor integers(String name, int... shape) {
        return new InputLayer(Shape.of(shape).prepend(Shape.UNKNOWN), name, "int32").output();
    }
}
