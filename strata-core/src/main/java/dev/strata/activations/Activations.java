package dev.strata.activations;

import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The built-in activations, with Keras 3's {@code keras.activations} defaults (note: the activation
 * {@code gelu} is exact, unlike {@code Ops.gelu} whose Keras default is the tanh approximation).
 */
public final class Activations {
    /** The identity; what {@code null} or {@code "linear"} mean. */
    public static final Activation LINEAR = of("linear", x -> x);
    /** max(x, 0). */
    public static final Activation RELU = of("relu", Ops::relu);

    private static final Map<String, Activation> BY_NAME = new LinkedHashMap<>();

    static {
        register(LINEAR);
        register(RELU);
    }

    private Activations() {
    }

    /**
     * The activation with Keras's name; {@code null} and {@code "linear"} give the identity.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Activation get(String name) {
        if (name == null) {
            return LINEAR;
        }
        Activation a = BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (a == null) {
            throw new IllegalArgumentException("unknown activation '" + name + "'; known: " + BY_NAME.keySet());
        }
        return a;
    }

    /** An activation from a function and a name (for your own; it saves under that name). */
    public static Activation of(String name, UnaryOperator<Tensor> function) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        return new Named(name, function);
    }

    private static void register(Activation a) {
        BY_NAME.put(a.name(), a);
    }

    private record Named(String name, UnaryOperator<Tensor> function) implements Activation {
        @Override
        public Tensor apply(Tensor x) {
            return function.apply(x);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
