package dev.strata.layers;

import dev.strata.internal.InstanceFields;
import dev.strata.internal.Names;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a layer's sublayers and variables in its fields, as Keras's attribute tracking does: fields holding a
 * {@link Layer} or a {@link Variable}, and lists, arrays and maps of layers held in fields. Java has no hook
 * on field assignment, so this runs lazily (at the first apply, build or weights query) and again after
 * {@code build}. Static, transient and synthetic fields are skipped; the field list per class is cached.
 */
final class Tracking {
    /** A tracked sublayer and the attribute that holds it ({@code "hidden1"}, {@code "blocks[2]"}). */
    record Child(String attribute, Layer layer) {
    }

    /** Which {@code call} a layer class overrides. */
    enum CallForm { SINGLE, MULTI }

    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            return InstanceFields.of(type, Layer.class, "to find its sublayers");
        }
    };

    private static final ClassValue<CallForm> CALL_FORMS = new ClassValue<>() {
        @Override
        protected CallForm computeValue(Class<?> type) {
            for (Class<?> c = type; c != Layer.class; c = c.getSuperclass()) {
                if (declares(c, Tensors.class)) {
                    return CallForm.MULTI;
                }
                if (declares(c, Tensor.class)) {
                    return CallForm.SINGLE;
                }
            }
            return CallForm.MULTI; // neither overridden: call(Tensors) throws a clear error
        }

        private boolean declares(Class<?> c, Class<?> param) {
            try {
                c.getDeclaredMethod("call", param);
                return true;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    /** Whether a layer class overrides {@code computeOutputShape} (either form): its symbolic calls use it. */
    private static final ClassValue<Boolean> COMPUTES_OUTPUT_SHAPE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != Layer.class; c = c.getSuperclass()) {
                if (declares(c, Shape.class) || declares(c, List.class)) {
                    return true;
                }
            }
            return false;
        }

        private boolean declares(Class<?> c, Class<?> param) {
            try {
                c.getDeclaredMethod("computeOutputShape", param);
                return true;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    /** Whether a layer class (or a superclass below {@code Layer}) declares either {@code computeMask}. */
    private static final ClassValue<Boolean> COMPUTES_MASK = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != Layer.class; c = c.getSuperclass()) {
                for (var m : c.getDeclaredMethods()) {
                    if (m.getName().equals("computeMask") && !m.isBridge() && !m.isSynthetic()) {
                        return true;
                    }
                }
            }
            return false;
        }
    };

    private Tracking() {
    }

    static boolean computesMask(Class<? extends Layer> type) {
        return COMPUTES_MASK.get(type);
    }

    static CallForm callForm(Class<? extends Layer> type) {
        return CALL_FORMS.get(type);
    }

    static boolean computesOutputShape(Class<? extends Layer> type) {
        return COMPUTES_OUTPUT_SHAPE.get(type);
    }

    /** The sublayers of {@code owner} (fields first, then explicitly tracked ones); adopts field variables. */
    static List<Child> discover(Layer owner, List<Layer> explicit) {
        List<Child> out = new ArrayList<>();
        Set<Layer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(owner);
        for (Field f : FIELDS.get(owner.getClass())) {
            Object value;
            try {
                value = f.get(owner);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read field " + f, e);
            }
            String attr = f.getName();
            switch (value) {
                case null -> {
                }
                case Layer l -> add(owner, out, seen, attr, Names.toSnakeCase(attr), l);
                case Variable v -> owner.adoptVariable(v);
                case Collection<?> c -> {
                    int i = 0;
                    for (Object o : c) {
                        if (o instanceof Layer l) {
                            add(owner, out, seen, attr + "[" + i + "]", Names.toSnakeCase(attr) + "_" + i, l);
                        }
                        i++;
                    }
                }
                case Layer[] arr -> {
                    for (int i = 0; i < arr.length; i++) {
                        if (arr[i] != null) {
                            add(owner, out, seen, attr + "[" + i + "]", Names.toSnakeCase(attr) + "_" + i, arr[i]);
                        }
                    }
                }
                case Map<?, ?> m -> {
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        if (e.getValue() instanceof Layer l) {
                            String key = String.valueOf(e.getKey());
                            add(owner, out, seen, attr + "[" + key + "]", Names.toSnakeCase(attr) + "_" + key, l);
                        }
                    }
                }
                default -> {
                }
            }
        }
        int i = 0;
        for (Layer l : explicit) {
            add(owner, out, seen, "tracked[" + i++ + "]", null, l);
        }
        return List.copyOf(out);
    }

    private static void add(Layer owner, List<Child> out, Set<Layer> seen, String attribute, String name,
                            Layer layer) {
        if (!seen.add(layer)) {
            return;
        }
        layer.adoptOwner(owner, attribute);
        if (name != null) {
            layer.adoptName(name);
        }
        out.add(new Child(attribute, layer));
    }
}
