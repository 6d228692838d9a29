package dev.strata.internal.config;

import dev.strata.config.ConfigValue;
import dev.strata.config.KerasObject;
import dev.strata.graph.Operation;
import dev.strata.internal.Names;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The automatic part of a custom layer's or model's config, standing in for Keras's auto-config (which records
 * the constructor's arguments; Java cannot see those): the values of the fields the user's classes declare,
 * keyed by their snake_case name.
 *
 * <p>A field counts when it is declared by a class of the user (not by Strata itself), is neither static,
 * transient nor synthetic, and holds a simple value: a primitive or its box, a {@code String}, an enum, a
 * {@link ConfigValue} (an activation, written as its name), a {@link KerasObject} other than a layer (an initializer
 * or regularizer, written in Keras's nested form), a {@link Shape}, an array of primitives or strings, or a list, set
 * or map of such values. Fields holding layers, variables, tensors or anything else are state, not configuration,
 * and are left out.
 *
 * <pre>{@code
 * class WideAndDeepModel extends Model {
 *     private final int units;              // -> "units": 30
 *     private final String activation;      // -> "activation": "relu"
 *     private final Dense hidden1, hidden2; // sublayers: not config
 *     WideAndDeepModel(int units, String activation) { ... }
 * }
 * }</pre>
 *
 * <p>Loading recreates the object by calling the constructor whose parameter names match these keys (classes
 * compiled with {@code -parameters}), see {@link Instantiator}. Mark a field {@code transient}
 * to keep it out of the config.
 */
public final class AutoConfig {
    private static final ClassValue<List<Field>> CANDIDATES = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Class<?>> chain = new ArrayList<>();
            for (Class<?> c = type; c != null && !isFrameworkClass(c); c = c.getSuperclass()) {
                chain.add(c);
            }
            Collections.reverse(chain); // the user's superclasses first, each in declaration order
            List<Field> out = new ArrayList<>();
            for (Class<?> c : chain) {
                for (Field f : c.getDeclaredFields()) {
                    int mod = f.getModifiers();
                    if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic()
                            || !isSimpleType(f.getType()) || holdsLayers(f.getGenericType())) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                    } catch (InaccessibleObjectException e) {
                        throw new IllegalStateException("Strata cannot read field '" + f.getName() + "' of "
                                + type.getName() + " to record it in the config: its module does not open package "
                                + type.getPackageName() + " to dev.strata (add 'opens " + type.getPackageName()
                                + " to dev.strata;' to module-info.java), or override getConfig()", e);
                    }
                    out.add(f);
                }
            }
            return List.copyOf(out);
        }
    };

    private AutoConfig() {
    }

    /**
     * Whether {@code type} belongs to Strata itself: its fields are never part of an auto-config (Strata's own
     * classes write their configs by hand). Everything else (the user's subclasses) is the user's.
     */
    public static boolean isFrameworkClass(Class<?> type) {
        if (type == Object.class) {
            return true;
        }
        Module strata = AutoConfig.class.getModule();
        if (strata.isNamed()) {
            return type.getModule() == strata;
        }
        // On the class path everything is in the unnamed module: tell Strata's classes by where they came from.
        return Objects.equals(location(type), location(AutoConfig.class));
    }

    private static Object location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    /**
     * The fields an object of {@code type} records, in order: those of its user superclasses first, each class's
     * in declaration order. Collections among them count only when their contents are simple (see
     * {@link #of}).
     */
    static List<Field> fields(Class<?> type) {
        return CANDIDATES.get(type);
    }

    /**
     * The auto-config of {@code object}: snake_case field name to the field's value in JSON form (numbers,
     * booleans, strings, lists, maps, nested Keras dicts for initializers and regularizers). Empty for Strata's own
     * classes.
     */
    public static Map<String, Object> of(Object object) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : fields(object.getClass())) {
            Object value;
            try {
                value = f.get(object);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read field " + f, e);
            }
            Object json = KerasForms.simpleJson(value);
            if (json != KerasForms.NOT_SIMPLE) {
                out.put(Names.toSnakeCase(f.getName()), json);
            }
        }
        return out;
    }

    /** Whether a declared collection or map type holds layers ({@code List<Dense>}): sublayers, even when empty. */
    private static boolean holdsLayers(java.lang.reflect.Type t) {
        if (t instanceof java.lang.reflect.ParameterizedType p) {
            for (java.lang.reflect.Type a : p.getActualTypeArguments()) {
                Class<?> c = a instanceof Class<?> k ? k
                        : a instanceof java.lang.reflect.ParameterizedType q ? (Class<?>) q.getRawType()
                        : a instanceof java.lang.reflect.WildcardType w && w.getUpperBounds().length > 0
                                && w.getUpperBounds()[0] instanceof Class<?> u ? u : null;
                if (c != null && Operation.class.isAssignableFrom(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a field of this declared type may hold configuration (collections are checked by value). */
    static boolean isSimpleType(Class<?> t) {
        if (t.isPrimitive() || t == String.class || t.isEnum() || Number.class.isAssignableFrom(t)
                || t == Boolean.class || t == Character.class || ConfigValue.class.isAssignableFrom(t)
                || KerasObject.class.isAssignableFrom(t) || t == Shape.class
                || Collection.class.isAssignableFrom(t) || Map.class.isAssignableFrom(t) || t == Object.class) {
            return !Operation.class.isAssignableFrom(t) && !Tensor.class.isAssignableFrom(t);
        }
        if (t.isArray()) {
            Class<?> c = t.getComponentType();
            return c.isPrimitive() || c == String.class || c.isEnum();
        }
        return false;
    }
}
