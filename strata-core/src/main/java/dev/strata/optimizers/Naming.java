package dev.strata.optimizers;

import java.util.HashMap;
import java.util.Map;

/** Default optimizer names, as Keras's {@code auto_name}: snake-cased class name, made unique per process. */
final class Naming {
    private static final Map<String, Integer> USES = new HashMap<>();

    private Naming() {
    }

    /** {@code "adam"} the first time, then {@code "adam_1"}, {@code "adam_2"}, ... */
    static synchronized String autoName(String className) {
        String prefix = toSnakeCase(className);
        int n = USES.merge(prefix, 1, Integer::sum);
        return n == 1 ? prefix : prefix + "_" + (n - 1);
    }

    /**
     * Keras's {@code to_snake_case}, regex for regex, including its quirks: {@code "RMSprop"} becomes
     * {@code "rm_sprop"} and {@code "SGD"} becomes {@code "sgd"}.
     */
    static String toSnakeCase(String name) {
        String s = name.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
