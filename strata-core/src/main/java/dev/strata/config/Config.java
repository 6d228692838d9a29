package dev.strata.config;

import dev.strata.internal.config.Instantiator;
import dev.strata.internal.config.Json;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Keras config dict being read: what a class's {@code fromConfig(Config)} receives, like the {@code config}
 * argument of Keras's {@code from_config}. The typed getters take Keras's default for a missing (or null) key
 * and fail with a {@link KerasConfigException} naming where the dict is and which key is wrong. Every key read is
 * marked; once {@code fromConfig} returns, the keys nobody read are an error, so a key Strata does not understand
 * is reported instead of silently giving a different object.
 *
 * <pre>{@code
 * public static Dense fromConfig(Config config) {
 *     Dense dense = new Dense(config.requireInt("units"), Activations.deserialize(config.raw("activation")));
 *     dense.useBias(config.bool("use_bias", true));
 *     config.requireDefault("lora_rank", null, "Strata has no LoRA");
 *     return dense;
 * }
 * }</pre>
 *
 * <p>Not thread-safe; a config is read once, by one thread.
 */
public final class Config {
    private final Map<String, Object> map;
    private final String where;
    private final ConfigContext context;
    private final Set<String> used = new HashSet<>();

    /**
     * A config over {@code value}, which must be a dict with string keys.
     *
     * @param where where the dict sits, for messages ({@code "layers[2] 'dense_1' (Dense)"})
     * @throws KerasConfigException if {@code value} is not a dict with string keys
     */
    @SuppressWarnings("unchecked")
    public Config(Object value, String where, ConfigContext context) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new KerasConfigException(where + ": expected a dict, got " + describe(value));
        }
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw new KerasConfigException(where + ": keys must be strings, got " + k);
            }
        }
        this.map = (Map<String, Object>) m;
        this.where = where;
        this.context = context;
    }

    /** A config over {@code value} read with the default context (safe mode, only registered classes). */
    public Config(Object value, String where) {
        this(value, where, ConfigContext.DEFAULT);
    }

    /** A config over {@code value} read with the default context (safe mode, only registered classes). */
    public static Config of(Map<String, ?> value, String where) {
        return new Config(value, where, ConfigContext.DEFAULT);
    }

    /** Where this dict is, e.g. {@code "layers[2] 'dense_1' (Dense)"}. */
    public String where() {
        return where;
    }

    /** What the reading may use besides the dict: custom classes and objects, safe mode. */
    public ConfigContext context() {
        return context;
    }

    /** The entries as given, read-only (reading them this way marks nothing). */
    public Map<String, Object> map() {
        return Collections.unmodifiableMap(map);
    }

    /** A mutable copy of the entries (marks nothing). */
    public Map<String, Object> copy() {
        return new LinkedHashMap<>(map);
    }

    /** Whether the key is present (even if null). */
    public boolean has(String key) {
        return map.containsKey(key);
    }

    /** The raw value of {@code key}, or null if absent; marks it read. */
    public Object raw(String key) {
        used.add(key);
        return map.get(key);
    }

    /** Marks keys read without looking at them: keys Strata accepts and has no use for. */
    public void ignore(String... keys) {
        used.addAll(List.of(keys));
    }

    /**
     * Requires {@code key} to be absent, null or equal to {@code expected}: a Keras feature Strata does not have
     * is accepted only at the value that means "not used".
     *
     * @param why why another value is refused, e.g. {@code "Strata has no LoRA"}
     */
    public void requireDefault(String key, Object expected, String why) {
        Object v = raw(key);
        if (v != null && !sameValue(v, expected)) {
            throw error("'" + key + "' = " + Json.write(v) + " is not supported (" + why + ")");
        }
    }

    private static boolean sameValue(Object v, Object expected) {
        if (v instanceof Number a && expected instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return v.equals(expected);
    }

    // ---- typed values ------------------------------------------------------------------------------------------

    /** A string, or {@code dflt} if absent or null. */
    public String string(String key, String dflt) {
        Object v = raw(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof String s)) {
            throw error("'" + key + "' must be a string, got " + describe(v));
        }
        return s;
    }

    /** A string that must be present. */
    public String requireString(String key) {
        String s = string(key, null);
        if (s == null) {
            throw error("missing '" + key + "'");
        }
        return s;
    }

    /** A boolean, or {@code dflt} if absent or null. */
    public boolean bool(String key, boolean dflt) {
        Object v = raw(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Boolean b)) {
            throw error("'" + key + "' must be true or false, got " + describe(v));
        }
        return b;
    }

    /** A number, or {@code dflt} if absent or null. */
    public double number(String key, double dflt) {
        Object v = raw(key);
        return v == null ? dflt : toDouble(v, key);
    }

    /** A number that must be present. */
    public double requireNumber(String key) {
        Object v = raw(key);
        if (v == null) {
            throw error("missing '" + key + "'");
        }
        return toDouble(v, key);
    }

    /** {@code v} as a number, or an error naming {@code key}. */
    public double toDouble(Object v, String key) {
        if (!(v instanceof Number n)) {
            throw error("'" + key + "' must be a number, got " + describe(v));
        }
        return n.doubleValue();
    }

    /** An integer, or {@code dflt} (which may be null) if absent or null. */
    public Integer integer(String key, Integer dflt) {
        Object v = raw(key);
        return v == null ? dflt : Integer.valueOf(toInt(v, key));
    }

    /** An integer that must be present. */
    public int requireInt(String key) {
        Integer i = integer(key, null);
        if (i == null) {
            throw error("missing '" + key + "'");
        }
        return i;
    }

    /** {@code v} as an int (a whole number in range), or an error naming {@code key}. */
    public int toInt(Object v, String key) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        throw error("'" + key + "' must be an integer, got " + describe(v));
    }

    /** A list, or null if absent or null. */
    @SuppressWarnings("unchecked")
    public List<Object> list(String key) {
        Object v = raw(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            throw error("'" + key + "' must be a list, got " + describe(v));
        }
        return (List<Object>) l;
    }

    /** A list of integers (an integer alone counts as a list of one), or null if absent or null. */
    public int[] ints(String key) {
        Object v = raw(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number) {
            return new int[] {toInt(v, key)};
        }
        if (!(v instanceof List<?> l)) {
            throw error("'" + key + "' must be an integer or a list of integers, got " + describe(v));
        }
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (l.get(i) == null) {
                throw error("'" + key + "' must hold integers, got " + describe(v));
            }
            out[i] = toInt(l.get(i), key);
        }
        return out;
    }

    /** A shape written as a list with null for unknown dimensions ({@code [null, 8]}), or null if absent. */
    public Shape shape(String key) {
        List<Object> dims = list(key);
        return dims == null ? null : toShape(dims, key);
    }

    /** {@code dims} (a list with null for unknown dimensions) as a shape, or an error naming {@code key}. */
    public Shape toShape(List<?> dims, String key) {
        int[] out = new int[dims.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dims.get(i) == null ? Shape.UNKNOWN : toInt(dims.get(i), key);
        }
        return Shape.of(out);
    }

    /** A tensor written as numpy's {@code tolist()} (a number or nested lists), or null if absent or null. */
    public Tensor tensor(String key) {
        Object v = raw(key);
        return v == null ? null : toTensor(v, key);
    }

    /** {@code v} (a number or rectangular nested lists of numbers) as a tensor, or an error naming {@code key}. */
    public Tensor toTensor(Object v, String key) {
        List<Integer> dims = new ArrayList<>();
        Object level = v;
        while (level instanceof List<?> l) {
            dims.add(l.size());
            level = l.isEmpty() ? null : l.getFirst();
        }
        int size = 1;
        for (int d : dims) {
            size = Math.multiplyExact(size, d);
        }
        float[] data = new float[size];
        int[] pos = {0};
        fill(v, dims, 0, data, pos, key);
        return Tensor.of(data, Shape.of(dims.stream().mapToInt(Integer::intValue).toArray()));
    }

    private void fill(Object v, List<Integer> dims, int depth, float[] data, int[] pos, String key) {
        if (depth == dims.size()) {
            if (!(v instanceof Number n)) {
                throw error("'" + key + "' must hold numbers, got " + describe(v));
            }
            data[pos[0]++] = n.floatValue();
            return;
        }
        if (!(v instanceof List<?> l) || l.size() != dims.get(depth)) {
            throw error("'" + key + "' is not a rectangular array of numbers");
        }
        for (Object o : l) {
            fill(o, dims, depth + 1, data, pos, key);
        }
    }

    /**
     * Checks a {@code dtype} key: absent, {@code "float32"}, or Keras's {@code DTypePolicy} dict for float32.
     *
     * @throws KerasConfigException for any other dtype: Strata computes in float32
     */
    public void requireFloat32(String key) {
        Object v = raw(key);
        if (v == null || "float32".equals(v)) {
            return;
        }
        if (v instanceof Map<?, ?> m && ("DTypePolicy".equals(m.get("class_name"))
                || "FloatDTypePolicy".equals(m.get("class_name"))) && m.get("config") instanceof Map<?, ?> inner
                && "float32".equals(inner.get("name"))) {
            return;
        }
        throw error("'" + key + "' = " + describe(v) + " is not supported: Strata computes in float32");
    }

    /**
     * A nested config dict, read with this config's context, or null if absent or null.
     */
    public Config config(String key) {
        Object v = raw(key);
        return v == null ? null : new Config(v, where + "." + key, context);
    }

    /**
     * A nested object of type {@code type}, null if absent or null: a Keras object (an initializer, regularizer,
     * layer...) from its serialized dict or, where Keras allows it, its name; or a {@link ConfigValue} type (an
     * activation) from its plain form, read by the type's {@code static fromConfigValue(Object)}. Custom classes come
     * from this config's context and the {@link SavingRegistry}.
     *
     * @throws KerasConfigException if it is not a {@code type} Strata knows, naming the key
     */
    public <T> T object(String key, Class<T> type) {
        Object v = raw(key);
        if (v == null) {
            return null;
        }
        try {
            if (!KerasObject.class.isAssignableFrom(type)) {
                return type.cast(Instantiator.convert(type, v, context, where + " '" + key + "'"));
            }
            return KerasObjects.deserialize(v, type, context, where + "." + key);
        } catch (IllegalArgumentException e) {
            throw error("'" + key + "': " + e.getMessage());
        }
    }

    /**
     * Fails if any key was not read.
     *
     * @throws KerasConfigException naming the unknown keys and the keys that are known
     */
    public void finish() {
        List<String> unknown = new ArrayList<>();
        for (String k : map.keySet()) {
            if (!used.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw error("unknown key" + (unknown.size() > 1 ? "s " : " ") + unknown + " (Strata reads "
                    + new TreeSet<>(used) + ")");
        }
    }

    /** An error at this config: {@code "<where>: <message>"}. */
    public KerasConfigException error(String message) {
        return new KerasConfigException(where + ": " + message);
    }

    /** A config value for messages: its JSON, shortened to 80 characters. */
    public static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        String text;
        try {
            text = Json.write(v);
        } catch (RuntimeException e) {
            text = String.valueOf(v);
        }
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    @Override
    public String toString() {
        return where + " " + describe(map);
    }
}
