package dev.strata.internal.config;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON forms Keras gives the pieces of a saved object: the envelope of a serialized object, a shape, a tensor.
 * Shared by {@code KerasObjects} and the classes that write parts of a config themselves.
 */
public final class KerasForms {
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
