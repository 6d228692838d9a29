package dev.strata.internal.config;

import dev.strata.config.ConfigValue;
import dev.strata.config.KerasConfigException;
import dev.strata.config.KerasObject;
import dev.strata.config.KerasObjects;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON forms Keras gives the pieces of a saved object: config values (the one conversion, behind
 * {@code KerasObjects.toJson} and the auto-config), the envelope of a serialized object, a shape, a tensor. Shared by
 * {@code KerasObjects} and the classes that write parts of a config themselves.
 */
public final class KerasForms {
    /** What {@link #simpleJson} gives for a value that is not configuration. */
    public static final Object NOT_SIMPLE = new Object();

    private KerasForms() {
    }

    /** Keras's envelope: {@code {"module": ..., "class_name": ..., "config": ..., "registered_name": ...}}. */
    public static Map<String, Object> envelope(String module, String className, Object config,
                                               String registeredName) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", module);
        out.put("class_name", className);
        out.put("config", config);
        out.put("registered_name", registeredName);
        return out;
    }

    /**
     * A config value in JSON form, as Keras writes it ({@code KerasObjects.toJson} says what each type becomes).
     *
     * @throws KerasConfigException for a value no config can hold, naming {@code where}
     */
    public static Object toJson(Object v, String where) {
        return json(v, where, false);
    }

    /**
     * {@link #toJson}'s form of a value that is simple configuration, else {@link #NOT_SIMPLE}: what the auto-config
     * keeps of a field. Layers (sublayers are state), tensors and values of other types are not configuration.
     */
    public static Object simpleJson(Object v) {
        return json(v, null, true);
    }

    /** The one conversion to JSON form; {@code simple}: answer {@link #NOT_SIMPLE} where {@code toJson} fails. */
    private static Object json(Object v, String where, boolean simple) {
        switch (v) {
            case null -> {
                return null;
            }
            case String s -> {
                return s;
            }
            case Boolean b -> {
                return b;
            }
            case Float f -> {
                return Double.parseDouble(Float.toString(f)); // the decimal the user wrote, as Keras keeps it
            }
            case Short s -> {
                return (int) s;
            }
            case Byte b -> {
                return (int) b;
            }
            case Number n -> {
                return n;
            }
            case Character c -> {
                return String.valueOf(c);
            }
            case Enum<?> e -> {
                return e.name();
            }
            case Shape s -> {
                return shapeList(s);
            }
            case Tensor t -> {
                return simple ? NOT_SIMPLE : nested(t);
            }
            case ConfigValue c -> {
                return c.toConfigValue();
            }
            case dev.strata.graph.Operation o when simple -> {
                return NOT_SIMPLE; // a sublayer is state, not configuration
            }
            case KerasObject k -> {
                return KerasObjects.serialize(k, where == null ? k.getClass().getSimpleName() : where);
            }
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    Object j = json(e.getValue(), where == null ? null : where + "." + e.getKey(), simple);
                    if (j == NOT_SIMPLE || (simple && !(e.getKey() instanceof String || e.getKey() instanceof Number
                            || e.getKey() instanceof Enum<?>))) {
                        return NOT_SIMPLE;
                    }
                    out.put(String.valueOf(e.getKey()), j);
                }
                return out;
            }
            case Collection<?> c -> {
                List<Object> out = new ArrayList<>();
                for (Object o : c) {
                    Object j = json(o, where, simple);
                    if (j == NOT_SIMPLE) {
                        return NOT_SIMPLE;
                    }
                    out.add(j);
                }
                return out;
            }
            default -> {
                if (v.getClass().isArray() && (!simple || AutoConfig.isSimpleType(v.getClass()))) {
                    List<Object> out = new ArrayList<>();
                    for (int i = 0; i < Array.getLength(v); i++) {
                        out.add(json(Array.get(v, i), where, simple));
                    }
                    return out;
                }
                if (simple) {
                    return NOT_SIMPLE;
                }
                throw new KerasConfigException(where + ": cannot write a " + v.getClass().getName() + " in a config ("
                        + v + "); configs hold numbers, strings, lists, maps, shapes, tensors and Keras objects "
                        + "(activations, initializers, regularizers, layers, optimizers, losses, metrics)");
            }
        }
    }

    /** Keras's form of a shape: the dimensions, with null for unknown ones. */
    public static List<Object> shapeList(Shape s) {
        List<Object> dims = new ArrayList<>();
        for (int d : s.toArray()) {
            dims.add(d == Shape.UNKNOWN ? null : d);
        }
        return dims;
    }

    /** numpy's {@code tolist()} of a tensor: a number for a scalar, else nested lists. */
    public static Object nested(Tensor t) {
        float[] data = t.toFloatArray();
        int[] dims = t.shape().toArray();
        if (dims.length == 0) {
            return (double) data[0];
        }
        return nested(data, dims, 0, 0);
    }

    private static List<Object> nested(float[] data, int[] dims, int axis, int offset) {
        int stride = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            stride *= dims[d];
        }
        List<Object> out = new ArrayList<>(dims[axis]);
        for (int i = 0; i < dims[axis]; i++) {
            out.add(axis == dims.length - 1 ? (Object) (double) data[offset + i]
                    : nested(data, dims, axis + 1, offset + i * stride));
        }
        return out;
    }
}
