package dev.strata.regularizers;

import dev.strata.config.ConfigContext;
import dev.strata.config.KerasObjects;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Regularizers by Keras name, like {@code keras.regularizers.get}.
 *
 * <pre>{@code
 * Layer dense = new Dense(3).kernelRegularizer(Regularizers.get("l2"));
 * }</pre>
 */
public final class Regularizers {
    private static final List<String> NAMES = List.of("l1", "l2", "l1_l2", "l1l2", "L1", "L2", "L1L2");

    private Regularizers() {
    }

    /**
     * The regularizer with the given name, with Keras's defaults: {@code "l1"} / {@code "L1"} is
     * {@code L1(0.01)}, {@code "l2"} / {@code "L2"} is {@code L2(0.01)}, {@code "l1l2"} / {@code "L1L2"} is
     * {@code L1L2(0, 0)} (the class defaults), and {@code "l1_l2"} is {@code L1L2(0.01, 0.01)}. Keras 3 documents
     * that last one (its {@code L1L2} docstring and Keras 2's {@code l1_l2}) but its {@code get} rejects the
     * name; here it works as documented. {@code null} gives {@code null} (no regularizer).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Regularizer get(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "l1", "L1" -> new L1();
            case "l2", "L2" -> new L2();
            case "l1l2", "L1L2" -> new L1L2();
            case "l1_l2" -> new L1L2(0.01, 0.01);
            default -> throw new IllegalArgumentException("unknown regularizer '" + name + "'; known: " + NAMES
                    + (NAMES.contains(name.toLowerCase(Locale.ROOT)) ? " (names are case-sensitive)" : ""));
        };
    }

    /**
     * Keras's {@code regularizers.serialize}: {@code {"module": "keras.regularizers", "class_name": "L2", "config":
     * {"l2": 0.01}, "registered_name": null}}, or null for none. A user's regularizer class is written with
     * {@code module} null and its registered name (see {@code dev.strata.config.SavingRegistry}).
     */
    public static Map<String, Object> serialize(Regularizer regularizer) {
        return regularizer == null ? null : KerasObjects.serialize(regularizer);
    }

    /**
     * Keras's {@code regularizers.get} on a config value: null, a name ({@code "l2"}, {@code "L2"}) or a serialized
     * dict ({@code {"class_name": "L2", "config": {"l2": 0.001}}}).
     *
     * @throws IllegalArgumentException for an unknown name
     * @throws dev.strata.config.KerasConfigException for an unknown class or a config key the class does not take
     */
    public static Regularizer deserialize(Object value) {
        return deserialize(value, ConfigContext.DEFAULT);
    }

    /** {@link #deserialize(Object)} with a context giving custom classes. */
    public static Regularizer deserialize(Object value, ConfigContext context) {
        if (value instanceof String name) {
            return get(name);
        }
        return KerasObjects.deserialize(value, Regularizer.class, context, "regularizer");
    }

    /** Keras's {@code validate_float_arg}: a finite, non-negative factor. */
    static double checkFactor(String name, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("Invalid value for argument " + name + ": expected a non-negative "
                    + "float, got " + value);
        }
        return value;
    }
}
