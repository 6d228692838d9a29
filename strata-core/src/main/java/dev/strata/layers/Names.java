package dev.strata.layers;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keras's automatic names: the snake_case class name, made unique by a global counter
 * ({@code dense}, {@code dense_1}, ...).
 */
public final class Names {
    private static final Pattern WORD = Pattern.compile("(.)([A-Z][a-z]+)");
    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Map<String, Integer> COUNTERS = new HashMap<>();

    private Names() {
    }

    /** Keras's {@code to_snake_case}: {@code "BatchNormalization"} to {@code "batch_normalization"}. */
    public static String snakeCase(String name) {
        String s = WORD.matcher(name).replaceAll("$1_$2");
        return CAMEL.matcher(s).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }

    /** A new unique name for {@code base}: the base itself the first time, then {@code base_1}, {@code base_2}... */
    public static synchronized String unique(String base) {
        int n = COUNTERS.merge(base, 1, Integer::sum) - 1;
        return n == 0 ? base : base + "_" + n;
    }

    /** Forgets the counters, like {@code keras.backend.clear_session()}: the next dense layer is "dense" again. */
    public static synchronized void reset() {
        COUNTERS.clear();
    }
}
