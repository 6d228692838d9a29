package dev.strata.constraints;

import dev.strata.config.Config;
import dev.strata.config.ConfigContext;
import dev.strata.config.KerasObjects;
import java.util.Map;
import java.util.Objects;

/**
 * Constraints by Keras name, like {@code keras.constraints.get}, and their saved form.
 *
 * <pre>{@code
 * Layer dense = new Dense(3).kernelConstraint(Constraints.get("max_norm"));
 * }</pre>
 */
public final class Constraints {
    private Constraints() {
    }

    /**
     * The constraint with Keras's name, with default arguments: the class name ({@code "MaxNorm"}) or its snake_case
     * ({@code "max_norm"}, {@code "min_max_norm"}, {@code "non_neg"}, {@code "unit_norm"}).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Constraint get(String name) {
        Objects.requireNonNull(name, "constraint name");
        Constraint found = KerasObjects.builtIn(name, Constraint.class);
        if (found == null) {
            throw new IllegalArgumentException("unknown constraint '" + name + "'; known: "
                    + KerasObjects.builtInNames(Constraint.class) + " (or their snake_case names)");
        }
        return found;
    }

    /**
     * Keras's {@code constraints.serialize}: {@code {"module": "keras.constraints", "class_name": "MaxNorm",
     * "config": {"max_value": 2, "axis": 0}, "registered_name": null}}, or null for none. A user's constraint class is
     * written with {@code module} null and its registered name (see {@code dev.strata.config.SavingRegistry}).
     */
    public static Map<String, Object> serialize(Constraint constraint) {
        return constraint == null ? null : KerasObjects.serialize(constraint);
    }

    /**
     * Keras's {@code constraints.get} on a config value: null, a name ({@code "max_norm"}, {@code "MaxNorm"}) or a
     * serialized dict.
     *
     * @throws IllegalArgumentException for an unknown name
     * @throws dev.strata.config.KerasConfigException for an unknown class or a config key the class does not take
     */
    public static Constraint deserialize(Object value) {
        return deserialize(value, ConfigContext.DEFAULT);
    }

    /** {@link #deserialize(Object)} with a context giving custom classes. */
    public static Constraint deserialize(Object value, ConfigContext context) {
        return KerasObjects.deserialize(value, Constraint.class, context, "constraint");
    }

    /** A finite number argument, kept as given (Keras writes {@code 2} and {@code 2.0} differently). */
    static Number checkNumber(String constraint, String argument, Number value) {
        Objects.requireNonNull(value, argument);
        if (!Double.isFinite(value.doubleValue())) {
            throw new IllegalArgumentException(constraint + ": " + argument + " must be a finite number, got "
                    + value);
        }
        return value;
    }

    /** A number from a config, as an Integer when it is written without a fraction, else a Double. */
    static Number number(Config c, String key) {
        Object v = c.raw(key);
        if (v instanceof Integer || v instanceof Long) {
            return (Number) v;
        }
        return c.toDouble(v, key);
    }
}
