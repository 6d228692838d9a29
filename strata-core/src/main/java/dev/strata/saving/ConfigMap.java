package dev.strata.saving;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A config dict being read, with where it sits (for messages) and which keys were used: reading a key marks it,
 * {@link #finish()} then rejects the keys nobody read, so a key Strata does not understand is an error naming the
 * layer and the key rather than a silently different model.
 */
final class ConfigMap {
    private final Map<String, Object> map;
    private final String where;
    private final Set<String> used = new HashSet<>();

    @SuppressWarnings("unchecked")
    ConfigMap(Object value, String where) {
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
    }

    /** Where this dict is, e.g. {@code "layers[2] 'dense_1' (Dense)"}. */
    String where() {
        return where;
    }

    /** The underlying map (not marking anything used). */
    Map<String, Object> map() {
        return map;
    }

    /** A copy of the entries (not marking anything used). */
    Map<String, Object> copy() {
        return new LinkedHashMap<>(map);
    }

    boolean has(String key) {
        return map.containsKey(key);
    }

    /** The raw value of {@code key} (null if absent), marking it used. */
    Object raw(String key) {
        used.add(key);
        return map.get(key);
    }

    /** Marks keys as read without looking at them (ones Strata accepts and ignores). */
    void ignore(String... keys) {
        used.addAll(List.of(keys));
    }

    /** Requires {@code key} to be absent, null or equal to {@code expected} (a feature Strata lacks otherwise). */
    void requireDefault(String key, Object expected, String why) {
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

    String string(String key, String dflt) {
        Object v = raw(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof String s)) {
            throw error("'" + key + "' must be a string, got " + describe(v));
        }
        return s;
    }

    String requireString(String key) {
        String s = string(key, null);
        if (s == null) {
            throw error("missing '" + key + "'");
        }
        return s;
    }

    boolean bool(String key, boolean dflt) {
        Object v = raw(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Boolean b)) {
            throw error("'" + key + "' must be true or false, got " + describe(v));
        }
        return b;
    }

    double number(String key, double dflt) {
        Object v = raw(key);
        if (v == null) {
            return dflt;
        }
        return toDouble(v, key);
    }

    double toDouble(Object v, String key) {
        if (!(v instanceof Number n)) {
            throw error("'" + key + "' must be a number, got " + describe(v));
        }
        return n.doubleValue();
    }

    /** An integer, or {@code dflt} (which may be null) if absent or null. */
    Integer integer(String key, Integer dflt) {
        Object v = raw(key);
        if (v == null) {
            return dflt;
        }
        return toInt(v, key);
    }

    int requireInt(String key) {
        Integer i = integer(key, null);
        if (i == null) {
            throw error("missing '" + key + "'");
        }
        return i;
    }

    int toInt(Object v, String key) {
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
    List<Object> list(String key) {
        Object v = raw(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            throw error("'" + key + "' must be a list, got " + describe(v));
        }
        return (List<Object>) l;
    }

    /** A list of integers (an int alone counts as a list of one), or null if absent or null. */
    int[] ints(String key) {
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

    /** A nested dict, or null if absent or null. */
    ConfigMap map(String key) {
        Object v = raw(key);
        return v == null ? null : new ConfigMap(v, where + "." + key);
    }

    /**
     * Fails if any key was not read.
     *
     * @throws KerasConfigException naming the first unknown key and the keys that are known
     */
    void finish() {
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

    KerasConfigException error(String message) {
        return new KerasConfigException(where + ": " + message);
    }

    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        String text;
        try {
            text = Json.write(v);
        } catch (RuntimeException e) {
            text = String.valueOf(v);
        }
        if (text.length() > 80) {
            text = text.substring(0, 77) + "...";
        }
        return text;
    }
}
