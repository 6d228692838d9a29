package dev.strata.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keras's automatic names ({@code keras/src/utils/naming.py}): {@link #toSnakeCase} of the class name, made unique by
 * one session-wide counter per name ({@code dense}, {@code dense_1}, ...). The one counter is shared by everything
 * Keras auto-names (layers, models, optimizers), as Keras's {@code object_name_uids} is: a layer class called
 * {@code Adam} and the {@code Adam} optimizer count together. {@link #clearSession} forgets the counters.
 *
 * <p>One difference: Keras keeps the counters per thread (its global state is a {@code threading.local}); Strata
 * keeps one set for the process, so layers made on different threads never share a name.
 */
public final class Names {
    // The three substitutions of Keras's to_snake_case, in order. Python's \W is Unicode-aware on str patterns;
    // its [A-Z] and [a-z] are ASCII ranges, as Java's are.
    private static final Pattern NON_WORD = Pattern.compile("\\W+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern WORD = Pattern.compile("(.)([A-Z][a-z]+)");
    private static final Pattern CAMEL = Pattern.compile("([a-z])([A-Z])");
    /** Keras's {@code object_name_uids}: how often each name was handed out. */
    private static final Map<String, Integer> UIDS = new HashMap<>();

    private Names() {
    }

    /**
     * Keras's {@code to_snake_case}, regex for regex, quirks included: {@code "Conv2D"} becomes {@code "conv2d"},
     * {@code "MaxPooling2D"} {@code "max_pooling2d"}, {@code "PReLU"} {@code "p_re_lu"}, {@code "RMSprop"}
     * {@code "rm_sprop"}. Also how Strata turns Java identifiers into Keras's: {@code mainOutput} into
     * {@code main_output} (field names into layer names and weight paths, parameter names into config keys).
     */
    public static String toSnakeCase(String name) {
        String s = NON_WORD.matcher(name).replaceAll("");
        s = WORD.matcher(s).replaceAll("$1_$2");
        return CAMEL.matcher(s).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }

    /** Keras's {@code auto_name}: {@code uniquify(toSnakeCase(className))}. */
    public static String autoName(String className) {
        return uniquify(toSnakeCase(className));
    }

    /** Keras's {@code uniquify}: {@code name} the first time, then {@code name_1}, {@code name_2}, ... */
    public static synchronized String uniquify(String name) {
        int uses = UIDS.merge(name, 1, Integer::sum) - 1;
        return uses == 0 ? name : name + "_" + uses;
    }

    /** Forgets every counter, like Keras's {@code clear_session}: the next dense layer is {@code dense} again. */
    public static synchronized void clearSession() {
        UIDS.clear();
    }

    /**
     * Automatic names with counters of their own, for the layers one model call makes (so they are named alike on
     * every call, however many came before): {@link #uniquify} over this scope's counters, passing over the names
     * given when the scope was made (those the model's own layers have) and every name handed out so far.
     * Confined to one call, so to one thread.
     */
    public static final class Scope {
        private final Set<String> taken;
        private final Map<String, Integer> uids = new HashMap<>();

        /** A scope in which {@code taken} are already in use. */
        public Scope(Set<String> taken) {
            this.taken = new HashSet<>(taken);
        }

        /** {@code toSnakeCase(className)}, or with the first suffix {@code _1}, {@code _2}, ... not taken yet. */
        public String autoName(String className) {
            String base = toSnakeCase(className);
            int uses = uids.getOrDefault(base, 0);
            String name = uses == 0 ? base : base + "_" + uses;
            while (taken.contains(name)) {
                name = base + "_" + ++uses;
            }
            uids.put(base, uses + 1);
            taken.add(name);
            return name;
        }
    }
}
