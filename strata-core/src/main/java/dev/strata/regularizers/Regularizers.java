package dev.strata.regularizers;

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
     * A regularizer from Keras's class name and config, e.g. {@code ("L2", {l2=0.001})}: the inverse of
     * {@link Regularizer#className()} and {@link Regularizer#config()}.
     *
     * @throws IllegalArgumentException for an unknown class name or a config key it does not take
     */
    public static Regularizer fromConfig(String className, Map<String, ?> config) {
        for (String key : config.keySet()) {
            boolean known = switch (className) {
                case "L1" -> key.equals("l1");
                case "L2" -> key.equals("l2");
                case "L1L2" -> key.equals("l1") || key.equals("l2");
                default -> throw new IllegalArgumentException("unknown regularizer class '" + className
                        + "'; known: [L1, L2, L1L2]");
            };
            if (!known) {
                throw new IllegalArgumentException("regularizer " + className + " has no argument '" + key + "'");
            }
        }
        return switch (className) {
            case "L1" -> new L1(factor(config, "l1", 0.01));
            case "L2" -> new L2(factor(config, "l2", 0.01));
            case "L1L2" -> new L1L2(factor(config, "l1", 0), factor(config, "l2", 0));
            default -> throw new IllegalArgumentException("unknown regularizer class '" + className + "'");
        };
    }

    private static double factor(Map<String, ?> config, String key, double dflt) {
        Object v = config.get(key);
        if (v == null) {
            return dflt; // Keras maps None to the default too
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("regularizer argument '" + key + "' must be a number, got " + v);
        }
        return n.doubleValue();
    }

    /** Whether {@code className} names a built-in regularizer ({@code "L1"}, {@code "L2"}, {@code "L1L2"}). */
    public static boolean isBuiltIn(String className) {
        return className.equals("L1") || className.equals("L2") || className.equals("L1L2");
    }

    /**
     * Keras's {@code regularizers.serialize}: {@code {"module": "keras.regularizers", "class_name": "L2", "config":
     * {"l2": 0.01}, "registered_name": null}}, or null for none. A regularizer that is not built in is written with
     * {@code module} null and {@code registered_name} {@code "Custom>" + className()}; loading it needs the class
     * registered under that name ({@code dev.strata.saving.SavingRegistry}).
     */
    public static Map<String, Object> serialize(Regularizer regularizer) {
        if (regularizer == null) {
            return null;
        }
        boolean builtIn = regularizer instanceof L1 || regularizer instanceof L2 || regularizer instanceof L1L2;
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("module", builtIn ? "keras.regularizers" : null);
        out.put("class_name", regularizer.className());
        out.put("config", new java.util.LinkedHashMap<>(regularizer.config()));
        out.put("registered_name", builtIn ? null : "Custom>" + regularizer.className());
        return out;
    }

    /**
     * Keras's {@code regularizers.get} on a config value: null, a name ({@code "l2"}, {@code "L2"}) or a serialized
     * dict ({@code {"class_name": "L2", "config": {"l2": 0.001}}}).
     *
     * @throws IllegalArgumentException for an unknown class or name, or a config key the class does not take
     */
    public static Regularizer deserialize(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String name) {
            return get(name);
        }
        if (value instanceof Map<?, ?> m && m.get("class_name") instanceof String className) {
            Object config = m.get("config");
            if (config != null && !(config instanceof Map)) {
                throw new IllegalArgumentException("regularizer " + className + ": 'config' must be a dict, got "
                        + config);
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> c = config == null ? Map.of() : (Map<String, ?>) config;
            return fromConfig(className, c);
        }
        throw new IllegalArgumentException("a regularizer must be a name or a dict with 'class_name' and 'config', "
                + "got " + value);
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
