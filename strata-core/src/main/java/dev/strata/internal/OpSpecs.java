package dev.strata.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every op's {@link OpSpec}, found where it is declared: the {@code static final OpSpec} fields of the classes in
 * {@code dev.strata.ops} (listed by {@link ClassIndex}, read once by same-module reflection and cached). There is no
 * list of ops to keep in step: an op is known because its class declares its spec.
 */
public final class OpSpecs {
    /** The package whose classes declare the specs. */
    public static final String OPS_PACKAGE = "dev.strata.ops";

    private OpSpecs() {
    }

    /** Every spec, sorted by op name. */
    public static List<OpSpec> all() {
        return Index.INSTANCE.all;
    }

    /** The spec of the op named {@code name} in graphs ({@code "sum"}). */
    public static Optional<OpSpec> named(String name) {
        return Optional.ofNullable(Index.INSTANCE.byName.get(name));
    }

    /** The spec of the op saved as Keras class {@code className} ({@code "Sum"}). */
    public static Optional<OpSpec> forKerasClass(String className) {
        return Optional.ofNullable(Index.INSTANCE.byKerasClass.get(className));
    }

    /** The classes that declare specs, each with its specs (in field order). */
    public static Map<Class<?>, List<OpSpec>> byDeclaringClass() {
        return Index.INSTANCE.byClass;
    }

    /** Built on first use (a holder class, so the scan runs once and only when something asks). */
    private static final class Index {
        static final Index INSTANCE = new Index();

        final List<OpSpec> all;
        final Map<String, OpSpec> byName = new HashMap<>();
        final Map<String, OpSpec> byKerasClass = new HashMap<>();
        final Map<Class<?>, List<OpSpec>> byClass;

        private Index() {
            Map<Class<?>, List<OpSpec>> classes = new LinkedHashMap<>();
            Map<OpSpec, String> declaredAt = new HashMap<>();
            List<OpSpec> specs = new ArrayList<>();
            for (Class<?> c : ClassIndex.classesUnder(OPS_PACKAGE)) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getType() != OpSpec.class || !Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    String where = c.getName() + "." + f.getName();
                    if (!Modifier.isFinal(f.getModifiers())) {
                        throw new IllegalStateException("op spec " + where + " must be final");
                    }
                    OpSpec spec = read(f, where);
                    if (declaredAt.containsKey(spec)) {
                        continue; // the same spec under a second name (an alias field)
                    }
                    declaredAt.put(spec, where);
                    unique(byName, spec.name(), spec, declaredAt, "op name");
                    if (spec.hasKerasForm()) {
                        unique(byKerasClass, spec.kerasClass(), spec, declaredAt, "Keras class");
                    }
                    classes.computeIfAbsent(c, k -> new ArrayList<>()).add(spec);
                    specs.add(spec);
                }
            }
            specs.sort((a, b) -> a.name().compareTo(b.name()));
            all = List.copyOf(specs);
            classes.replaceAll((k, v) -> List.copyOf(v));
            byClass = Collections.unmodifiableMap(classes);
        }

        private static OpSpec read(Field f, String where) {
            try {
                f.setAccessible(true);
                OpSpec spec = (OpSpec) f.get(null);
                if (spec == null) {
                    throw new IllegalStateException("op spec " + where + " is null");
                }
                return spec;
            } catch (IllegalAccessException | RuntimeException e) {
                if (e instanceof IllegalStateException ise) {
                    throw ise;
                }
                throw new IllegalStateException("cannot read op spec " + where + ": " + e, e);
            }
        }

        private static void unique(Map<String, OpSpec> index, String key, OpSpec spec, Map<OpSpec, String> declaredAt,
                                   String what) {
            OpSpec other = index.putIfAbsent(key, spec);
            if (other != null) {
                throw new IllegalStateException("two op specs have the " + what + " '" + key + "': "
                        + declaredAt.get(other) + " and " + declaredAt.get(spec));
            }
        }
    }
}
