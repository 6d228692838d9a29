package dev.strata.internal.config;

import dev.strata.config.Config;
import dev.strata.config.ConfigContext;
import dev.strata.config.ConfigValue;
import dev.strata.config.KerasConfigException;
import dev.strata.config.KerasObject;
import dev.strata.config.KerasObjects;
import dev.strata.internal.Names;
import dev.strata.tensor.Shape;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Makes a user's class from its config when it has no {@code static fromConfig(Config)} (which
 * {@link KerasObjects} calls itself), in this order:
 * <ol>
 *   <li>a {@code public static fromConfig(Map<String, Object>)} declared by the class (or a user superclass), given
 *       the whole config, as Keras's {@code from_config};
 *   <li>else the constructor whose parameter names (compiled with {@code -parameters}, snake_cased) are exactly the
 *       config's keys, leaving out the base keys the framework sets afterwards ({@code name}, {@code trainable},
 *       {@code dtype} for layers);
 *   <li>else, without parameter names, the one constructor whose parameter types are the types of the
 *       {@linkplain AutoConfig auto-config} fields in declaration order;
 *   <li>else an error saying what to add.
 * </ol>
 * JSON values are converted to the parameter types: numbers, booleans, strings, enums (by name), shapes, types with
 * a {@code static fromConfigValue(Object)} (activations, by name), Keras objects (initializers, regularizers... in
 * Keras's nested form), and arrays, lists, sets and maps of those.
 */
public final class Instantiator {
    private Instantiator() {
    }

    /** How a class will be made from a config: its static fromConfig(Map), or a constructor given these keys. */
    private record Plan(Method fromConfig, Constructor<?> constructor, List<String> keys, String problem) {
    }

    /**
     * Why an object of {@code type} with this config could not be made again when it is read (null if it can): a
     * user class with no {@code static fromConfig} and no constructor whose parameters are the config's keys (leaving
     * out the family's base keys). The message says what to add. Nothing is called.
     */
    public static String whyNotReadable(Class<?> type, Map<String, Object> config, KerasObjects.Family<?> family) {
        return whyNot(type, config, family.baseKeys());
    }

    /**
     * Why {@code type} cannot be made from {@code config} without calling anything (null if it can): no
     * {@code static fromConfig} and no constructor whose parameters are the config's keys. Saving asks this before it
     * writes a user class, so that a file never names a class it cannot make again.
     */
    public static String whyNot(Class<?> type, Map<String, Object> config, Set<String> base) {
        if (BuiltInClasses.fromConfig(type) != null) {
            return null;
        }
        return plan(type, config, base).problem();
    }

    /**
     * A new {@code type} from {@code config}.
     *
     * @throws KerasConfigException if no way to make it fits, saying what to add; or if the constructor fails
     */
    public static Object instantiate(Class<?> type, Map<String, Object> config, Set<String> base, ConfigContext context,
                              String where) {
        Plan plan = plan(type, config, base);
        if (plan.problem() != null) {
            throw new KerasConfigException(where + ": " + plan.problem());
        }
        if (plan.fromConfig() != null) {
            Method fromConfig = plan.fromConfig();
            try {
                Object o = fromConfig.invoke(null, new LinkedHashMap<>(config));
                if (o == null || !type.isInstance(o)) {
                    throw new KerasConfigException(where + ": " + type.getName() + ".fromConfig returned "
                            + (o == null ? "null" : "a " + o.getClass().getName()));
                }
                return o;
            } catch (IllegalAccessException e) {
                throw new KerasConfigException(where + ": cannot call " + fromConfig + ": " + e.getMessage(), e);
            } catch (InvocationTargetException e) {
                throw new KerasConfigException(where + ": " + type.getSimpleName() + ".fromConfig failed: "
                        + e.getCause(), e.getCause());
            }
        }
        Constructor<?> ctor = plan.constructor();
        Type[] types = ctor.getGenericParameterTypes();
        Object[] values = new Object[types.length];
        for (int i = 0; i < values.length; i++) {
            String key = plan.keys().get(i);
            values[i] = convert(types[i], config.get(key), context, where + " '" + key + "'");
        }
        return construct(ctor, values, where);
    }

    private static Plan plan(Class<?> type, Map<String, Object> config, Set<String> base) {
        Method fromConfig = staticFromConfig(type);
        if (fromConfig != null) {
            return new Plan(fromConfig, null, null, null);
        }
        Map<String, Object> args = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            if (!base.contains(e.getKey())) {
                args.put(e.getKey(), e.getValue());
            }
        }
        Constructor<?>[] ctors = type.getDeclaredConstructors();
        if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            return failed(type.getName() + " is an inner class, which needs an instance of "
                    + type.getEnclosingClass().getSimpleName() + " to be made; declare it static");
        }
        boolean namesPresent = ctors.length > 0;
        for (Constructor<?> c : ctors) {
            for (Parameter p : c.getParameters()) {
                namesPresent &= p.isNamePresent();
            }
        }
        if (namesPresent) {
            Constructor<?> best = null;
            for (Constructor<?> c : ctors) {
                if (matchesByName(c, args.keySet(), config.keySet()) && (best == null
                        || c.getParameterCount() > best.getParameterCount())) {
                    best = c;
                }
            }
            if (best != null) {
                List<String> keys = new ArrayList<>();
                for (Parameter p : best.getParameters()) {
                    keys.add(Names.toSnakeCase(p.getName()));
                }
                return new Plan(null, best, keys, null);
            }
            return failed("no constructor of " + type.getName() + " takes exactly the config's arguments "
                    + args.keySet() + " (constructors: " + describe(ctors) + "). Add a constructor with those "
                    + "parameters, keep its arguments in fields of the same names (for the auto-config), mark fields "
                    + "that are not arguments transient, or override getConfig() and add a 'public static "
                    + type.getSimpleName() + " fromConfig(Map<String, Object> config)'");
        }
        List<Field> fields = new ArrayList<>();
        for (Field f : AutoConfig.fields(type)) {
            if (args.containsKey(Names.toSnakeCase(f.getName()))) {
                fields.add(f);
            }
        }
        Constructor<?> match = null;
        int count = 0;
        if (fields.size() == args.size()) {
            for (Constructor<?> c : ctors) {
                if (typesMatch(c.getParameterTypes(), fields)) {
                    match = c;
                    count++;
                }
            }
        }
        if (count == 1) {
            List<String> keys = new ArrayList<>();
            for (Field f : fields) {
                keys.add(Names.toSnakeCase(f.getName()));
            }
            return new Plan(null, match, keys, null);
        }
        return failed("cannot tell which constructor of " + type.getName() + " takes the config's arguments "
                + args.keySet() + ": its parameter names were not compiled in, and "
                + (count == 0 ? "no constructor" : count + " constructors") + " take the types of the fields "
                + describeFields(fields) + " in that order. Compile " + type.getSimpleName() + " with '-parameters' "
                + "(maven-compiler-plugin <compilerArgs><arg>-parameters</arg></compilerArgs>), or override "
                + "getConfig() and add a 'public static " + type.getSimpleName()
                + " fromConfig(Map<String, Object> config)'");
    }

    private static Plan failed(String problem) {
        return new Plan(null, null, null, problem);
    }

    private static boolean matchesByName(Constructor<?> c, Set<String> args, Set<String> all) {
        Set<String> names = new LinkedHashSet<>();
        for (Parameter p : c.getParameters()) {
            names.add(Names.toSnakeCase(p.getName()));
        }
        return names.containsAll(args) && all.containsAll(names);
    }

    private static boolean typesMatch(Class<?>[] params, List<Field> fields) {
        if (params.length != fields.size()) {
            return false;
        }
        for (int i = 0; i < params.length; i++) {
            if (box(params[i]) != box(fields.get(i).getType())) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return Array.get(Array.newInstance(c, 1), 0).getClass();
    }

    private static Object construct(Constructor<?> c, Object[] values, String where) {
        try {
            c.setAccessible(true);
            return c.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new KerasConfigException(where + ": " + c.getDeclaringClass().getSimpleName() + "("
                    + describeArgs(values) + ") failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new KerasConfigException(where + ": cannot call " + c + ": " + e.getMessage()
                    + " (if the class is in a named module, open its package to dev.strata)", e);
        }
    }

    /** The {@code static fromConfig(Map)} the user's classes declare, or null. */
    private static Method staticFromConfig(Class<?> type) {
        for (Class<?> c = type; c != null && !AutoConfig.isFrameworkClass(c); c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod("fromConfig", Map.class);
                if (Modifier.isStatic(m.getModifiers())) {
                    m.setAccessible(true);
                    return m;
                }
            } catch (NoSuchMethodException e) {
                // look in the superclass
            }
        }
        return null;
    }

    /**
     * The {@code public static T fromConfigValue(Object)} a type declares to read its plain-JSON form (see
     * {@link ConfigValue}), or null.
     */
    private static Method configValueReader(Class<?> type) {
        try {
            Method m = type.getMethod("fromConfigValue", Object.class);
            return Modifier.isStatic(m.getModifiers()) && type.isAssignableFrom(m.getReturnType()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object invokeReader(Method reader, Object v, String where) {
        try {
            return reader.invoke(null, v);
        } catch (IllegalAccessException e) {
            throw new KerasConfigException(where + ": cannot call " + reader + ": " + e.getMessage(), e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae) {
                throw iae; // the caller says where
            }
            throw new KerasConfigException(where + ": " + (cause instanceof KerasConfigException ? cause.getMessage()
                    : cause), cause);
        }
    }

    /**
     * A JSON value converted to {@code target}.
     *
     * @throws KerasConfigException if it does not fit
     */
    public static Object convert(Type target, Object v, ConfigContext context, String where) {
        Class<?> raw = rawClass(target);
        try {
            if (v == null) {
                if (raw.isPrimitive()) {
                    throw new KerasConfigException(where + ": null given for a " + raw.getName() + " parameter");
                }
                return null;
            }
            if (raw == Object.class) {
                return v;
            }
            if (raw == int.class || raw == Integer.class) {
                return (int) integral(v, where);
            }
            if (raw == long.class || raw == Long.class) {
                return integral(v, where);
            }
            if (raw == short.class || raw == Short.class) {
                return (short) integral(v, where);
            }
            if (raw == byte.class || raw == Byte.class) {
                return (byte) integral(v, where);
            }
            if (raw == double.class || raw == Double.class) {
                return number(v, where).doubleValue();
            }
            if (raw == float.class || raw == Float.class) {
                return number(v, where).floatValue();
            }
            if (raw == boolean.class || raw == Boolean.class) {
                if (v instanceof Boolean b) {
                    return b;
                }
                throw new KerasConfigException(where + ": expected true or false, got " + Config.describe(v));
            }
            if (raw == String.class) {
                if (v instanceof String s) {
                    return s;
                }
                throw new KerasConfigException(where + ": expected a string, got " + Config.describe(v));
            }
            if (raw == char.class || raw == Character.class) {
                if (v instanceof String s && s.length() == 1) {
                    return s.charAt(0);
                }
                throw new KerasConfigException(where + ": expected one character, got " + Config.describe(v));
            }
            if (raw.isEnum()) {
                return enumValue(raw, v, where);
            }
            Method reader = configValueReader(raw);
            if (reader != null) {
                return invokeReader(reader, v, where);
            }
            if (KerasObject.class.isAssignableFrom(raw)) {
                return KerasObjects.deserialize(v, raw, context, where);
            }
            if (raw == Shape.class) {
                List<?> dims = list(v, where);
                int[] out = new int[dims.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = dims.get(i) == null ? Shape.UNKNOWN : (int) integral(dims.get(i), where);
                }
                return Shape.of(out);
            }
            if (raw.isArray()) {
                List<?> items = list(v, where);
                Object arr = Array.newInstance(raw.getComponentType(), items.size());
                for (int i = 0; i < items.size(); i++) {
                    Array.set(arr, i, convert(raw.getComponentType(), items.get(i), context,
                            where + "[" + i + "]"));
                }
                return arr;
            }
            if (Collection.class.isAssignableFrom(raw)) {
                Type item = typeArgument(target, 0);
                Collection<Object> out = Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>();
                int i = 0;
                for (Object o : list(v, where)) {
                    out.add(convert(item, o, context, where + "[" + i++ + "]"));
                }
                return out;
            }
            if (Map.class.isAssignableFrom(raw)) {
                if (!(v instanceof Map<?, ?> m)) {
                    throw new KerasConfigException(where + ": expected a dict, got " + Config.describe(v));
                }
                Type item = typeArgument(target, 1);
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.put(e.getKey(), convert(item, e.getValue(), context, where + "." + e.getKey()));
                }
                return out;
            }
        } catch (IllegalArgumentException e) {
            throw new KerasConfigException(where + ": " + e.getMessage(), e);
        }
        throw new KerasConfigException(where + ": Strata cannot make a " + raw.getName() + " from a config value ("
                + Config.describe(v) + "); use simple types for constructor arguments or add a static "
                + "fromConfig(Map)");
    }

    private static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type t, int index) {
        if (t instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            Type a = p.getActualTypeArguments()[index];
            return a instanceof Class<?> || a instanceof ParameterizedType ? a : Object.class;
        }
        return Object.class;
    }

    private static long integral(Object v, String where) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw new KerasConfigException(where + ": expected an integer, got " + Config.describe(v));
    }

    private static Number number(Object v, String where) {
        if (v instanceof Number n) {
            return n;
        }
        throw new KerasConfigException(where + ": expected a number, got " + Config.describe(v));
    }

    private static String string(Object v, String where) {
        if (v instanceof String s) {
            return s;
        }
        throw new KerasConfigException(where + ": expected a string, got " + Config.describe(v));
    }

    private static List<?> list(Object v, String where) {
        if (v instanceof List<?> l) {
            return l;
        }
        throw new KerasConfigException(where + ": expected a list, got " + Config.describe(v));
    }

    private static Object enumValue(Class<?> type, Object v, String where) {
        String s = string(v, where);
        for (Object c : type.getEnumConstants()) {
            if (((Enum<?>) c).name().equals(s)) {
                return c;
            }
        }
        for (Object c : type.getEnumConstants()) {
            if (((Enum<?>) c).name().equalsIgnoreCase(s)) {
                return c;
            }
        }
        throw new KerasConfigException(where + ": '" + s + "' is not a " + type.getSimpleName() + " (one of "
                + List.of(type.getEnumConstants()) + ")");
    }

    private static String describe(Constructor<?>[] ctors) {
        StringJoiner j = new StringJoiner(", ");
        for (Constructor<?> c : ctors) {
            StringJoiner p = new StringJoiner(", ", c.getDeclaringClass().getSimpleName() + "(", ")");
            for (Parameter param : c.getParameters()) {
                p.add(param.getType().getSimpleName() + " " + param.getName());
            }
            j.add(p.toString());
        }
        return j.toString();
    }

    private static String describeFields(List<Field> fields) {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (Field f : fields) {
            j.add(f.getType().getSimpleName() + " " + f.getName());
        }
        return j.toString();
    }

    private static String describeArgs(Object[] values) {
        StringJoiner j = new StringJoiner(", ");
        for (Object v : values) {
            j.add(String.valueOf(v));
        }
        return j.toString();
    }
}
