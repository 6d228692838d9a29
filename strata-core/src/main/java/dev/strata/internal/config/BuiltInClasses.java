package dev.strata.internal.config;

import dev.strata.config.Config;
import dev.strata.internal.ClassIndex;
import dev.strata.internal.Names;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Strata's own Keras classes, found rather than listed: every concrete class of Strata that declares a
 * {@code public static fromConfig(Config)} and is public (or says how Keras names it with {@link KerasClass}) is one.
 * Its Keras identity is its simple name in the Keras module its package mirrors ({@code dev.strata.layers.core.Dense}
 * is {@code keras.layers}'s {@code Dense}), unless {@link KerasClass} says otherwise. Scanned once, on first use.
 */
public final class BuiltInClasses {
    /** A built-in class and how Keras names it. */
    public record Entry(Class<?> type, String module, String className, String registeredName, Method fromConfig) {
    }

    private record Index(Map<String, List<Entry>> byName, Map<Class<?>, Entry> byClass) {
    }

    private static volatile Index index;

    private BuiltInClasses() {
    }

    /** The entry of a built-in class (exactly that class, not a user's subclass of it), or null. */
    public static Entry of(Class<?> type) {
        return index().byClass().get(type);
    }

    /** Whether {@code type} is exactly one of Strata's built-in Keras classes (not a user's subclass of one). */
    public static boolean isBuiltIn(Class<?> type) {
        return of(type) != null;
    }

    /**
     * The Keras class name {@code type} is saved under: its Keras name for a built-in, else its simple name (a user
     * class is told apart by its registered name).
     */
    public static String className(Class<?> type) {
        Entry e = of(type);
        return e == null ? type.getSimpleName() : e.className();
    }

    /** The built-in class of Keras class name {@code className} that is a {@code kind}, or null. */
    public static Entry find(Class<?> kind, String className) {
        for (Entry e : index().byName().getOrDefault(className, List.of())) {
            if (kind.isAssignableFrom(e.type())) {
                return e;
            }
        }
        return null;
    }

    /**
     * The built-in {@code kind} a name in a config stands for, as Keras's {@code get} functions read names: the
     * class name ({@code "GlorotUniform"}), its snake_case ({@code "glorot_uniform"}) or its name in any case
     * ({@code "adam"}, {@code "rmsprop"}); null if none.
     */
    public static Entry findByAlias(Class<?> kind, String name) {
        Entry exact = find(kind, name);
        if (exact != null) {
            return exact;
        }
        for (Entry e : index().byClass().values()) {
            if (kind.isAssignableFrom(e.type()) && (e.className().equalsIgnoreCase(name)
                    || Names.toSnakeCase(e.className()).equals(name))) {
                return e;
            }
        }
        return null;
    }

    /** The Keras class names of the built-in {@code kind}s, sorted, for messages. */
    public static List<String> names(Class<?> kind) {
        TreeSet<String> out = new TreeSet<>();
        for (Entry e : index().byClass().values()) {
            if (kind.isAssignableFrom(e.type())) {
                out.add(e.className());
            }
        }
        return List.copyOf(out);
    }

    /** The {@code public static fromConfig(Config)} a class declares itself, made callable, or null. */
    public static Method fromConfig(Class<?> type) {
        try {
            Method m = type.getDeclaredMethod("fromConfig", Config.class);
            int mod = m.getModifiers();
            if (!Modifier.isStatic(mod) || !Modifier.isPublic(mod) || !type.isAssignableFrom(m.getReturnType())) {
                return null;
            }
            m.setAccessible(true); // the class itself may be package-private (the functional model class)
            return m;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Index index() {
        Index i = index;
        if (i == null) {
            synchronized (BuiltInClasses.class) {
                i = index;
                if (i == null) {
                    i = scan();
                    index = i;
                }
            }
        }
        return i;
    }

    private static Index scan() {
        Map<String, List<Entry>> byName = new HashMap<>();
        Map<Class<?>, Entry> byClass = new HashMap<>();
        for (Class<?> c : ClassIndex.classesUnder("dev.strata")) {
            KerasClass k = c.getAnnotation(KerasClass.class);
            int mod = c.getModifiers();
            if ((!Modifier.isPublic(mod) && k == null) || Modifier.isAbstract(mod) || c.isInterface()
                    || (c.getEnclosingClass() != null && !Modifier.isStatic(mod))) {
                continue;
            }
            Method from = fromConfig(c);
            if (from == null) {
                continue;
            }
            String module = k != null ? k.module() : kerasModule(c);
            String name = k != null && !k.name().isEmpty() ? k.name() : c.getSimpleName();
            String registered = k != null && !k.registeredName().isEmpty() ? k.registeredName() : null;
            Entry e = new Entry(c, module, name, registered, from);
            byName.computeIfAbsent(name, n -> new ArrayList<>()).add(e);
            if (k != null) {
                for (String alias : k.aliases()) {
                    byName.computeIfAbsent(alias, n -> new ArrayList<>()).add(e);
                }
            }
            byClass.put(c, e);
        }
        byName.replaceAll((n, v) -> List.copyOf(v));
        return new Index(Map.copyOf(byName), Map.copyOf(byClass));
    }

    /**
     * The Keras module of a built-in class by the usual rule: its package under {@code dev.strata} with
     * {@code keras} in front, the layer families folded into {@code keras.layers} as Keras exports them.
     */
    private static String kerasModule(Class<?> type) {
        String pkg = type.getPackageName();
        String rest = pkg.startsWith("dev.strata.") ? pkg.substring("dev.strata.".length()) : pkg;
        if (rest.equals("layers") || rest.startsWith("layers.")) {
            return "keras.layers";
        }
        return "keras." + rest.toLowerCase(Locale.ROOT);
    }
}
