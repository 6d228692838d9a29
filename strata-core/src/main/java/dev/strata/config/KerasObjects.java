package dev.strata.config;

import dev.strata.internal.config.BuiltInClasses;
import dev.strata.internal.config.Instantiator;
import dev.strata.internal.config.KerasForms;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Keras's {@code serialize_keras_object} and {@code deserialize_keras_object}: any {@link KerasObject} to and from
 * the dict Keras saves, {@code {"module", "class_name", "config", "registered_name"}} (plus {@code build_config} and
 * {@code compile_config} for layers and models), and plain config values to and from JSON form.
 *
 * <p>Which class a dict names is decided in one place, the same way for every kind of object: Strata's own classes
 * are found by discovery (see {@link KerasObject}); a user's class must be registered ({@link SavingRegistry}) or
 * given in the {@link ConfigContext}, since loading never instantiates a class just because a file names it. A class
 * is made by its {@code static fromConfig(Config)} when it declares one (Strata's own classes all do), else as
 * {@link SavingRegistry} describes for user classes (a {@code static fromConfig(Map)}, or the constructor whose
 * parameters match the keys).
 *
 * <pre>{@code
 * Map<String, Object> saved = KerasObjects.serialize(new L2(0.001));
 *     // {"module": "keras.regularizers", "class_name": "L2", "config": {"l2": 0.001}, "registered_name": null}
 * Regularizer again = KerasObjects.deserialize(saved, Regularizer.class, ConfigContext.DEFAULT, "kernel_regularizer");
 * }</pre>
 */
public final class KerasObjects {
    private KerasObjects() {
    }

    /**
     * A family of Keras objects as a reader sees it: the base type, and the keys every member's config has that the
     * base class reads rather than each class (a layer's {@code name}, {@code trainable}, {@code dtype}): they are
     * left out when matching a user class's constructor to the config, and {@code readBase} applies them to every
     * object made.
     */
    public record Family<T>(Class<T> type, Set<String> baseKeys, BiConsumer<? super T, Config> readBase) {
        /** A family whose base class reads no keys. */
        public static <T> Family<T> of(Class<T> type) {
            return new Family<>(type, Set.of(), (o, c) -> { });
        }
    }

    // ---- writing -----------------------------------------------------------------------------------------------

    /**
     * How a caller writes some objects itself while {@link #writingWith} runs: the saved form of {@code object}, or
     * null to have it written the usual way. Saving uses it for what depends on its options (a subclassed model
     * written as its traced graph, user classes registered as they are met); its own calls to
     * {@link #serializeDefault} write the usual form.
     */
    @FunctionalInterface
    public interface Writer {
        Map<String, Object> write(KerasObject object, String where);
    }

    private static final ScopedValue<Writer> WRITER = ScopedValue.newInstance();

    /** Runs {@code body} with {@code writer} asked first for every Keras object serialized in it, nested ones too. */
    public static <T> T writingWith(Writer writer, java.util.function.Supplier<T> body) {
        return ScopedValue.where(WRITER, writer).call(body::get);
    }

    /**
     * The Keras object in the form Keras saves it: the envelope with its config in JSON form, then
     * {@code build_config} and {@code compile_config} when the object has them. A user class is written with
     * {@code module} null and its registered name (from {@link SavingRegistry}, or {@code "Custom>Name"} if it is not
     * registered yet).
     *
     * @throws KerasConfigException if a config value cannot be written, or a user class could not be made again from
     *     what would be written (anonymous, or no {@code static fromConfig} and no constructor whose parameters are
     *     the config's keys); the message names the class and what to add
     */
    public static Map<String, Object> serialize(KerasObject object) {
        return serialize(object, object.getClass().getSimpleName());
    }

    /** {@link #serialize(KerasObject)}, with {@code where} naming the object in messages. */
    public static Map<String, Object> serialize(KerasObject object, String where) {
        Writer writer = WRITER.isBound() ? WRITER.get() : null;
        if (writer != null) {
            Map<String, Object> written = writer.write(object, where);
            if (written != null) {
                return written;
            }
        }
        return serializeDefault(object, where);
    }

    /**
     * The usual saved form of {@code object}, whatever the {@link Writer} in effect (which still writes the objects
     * nested in its config): what a writer calls for the objects it only adds to.
     */
    public static Map<String, Object> serializeDefault(KerasObject object, String where) {
        Class<?> type = object.getClass();
        BuiltInClasses.Entry e = BuiltInClasses.of(type);
        Map<String, Object> out;
        if (e != null) {
            out = KerasForms.envelope(e.module(), e.className(), config(object.getConfig(), where), e.registeredName());
        } else {
            if (type.isAnonymousClass() || type.isSynthetic() || type.isHidden()) {
                throw new KerasConfigException(where + ": " + object + " is an anonymous or lambda class, which "
                        + "loading cannot make again; use a named class (and register it) or a built-in");
            }
            String registered = SavingRegistry.registeredName(type).orElse(SavingRegistry.defaultName(type));
            Map<String, Object> config = config(object.getConfig(), where);
            Family<?> family = FAMILIES.get(type);
            // A save never writes what loading cannot make again. Layers and models are checked by saving, which
            // may write a traced subclassed model as its graph instead.
            String why = object instanceof dev.strata.graph.Operation ? null
                    : Instantiator.whyNot(type, config, family == null ? Set.of() : family.baseKeys());
            if (why != null) {
                throw new KerasConfigException(where + ": " + type.getSimpleName() + " cannot be saved in a form "
                        + "that loads again: " + why);
            }
            out = KerasForms.envelope(null, type.getSimpleName(), config, registered);
        }
        Map<String, Object> build = object.getBuildConfig();
        if (build != null) {
            out.put("build_config", config(build, where + ".build_config"));
        }
        Map<String, Object> compile = object.getCompileConfig();
        if (compile != null) {
            out.put("compile_config", config(compile, where + ".compile_config"));
        }
        return out;
    }

    /** A config with every value in JSON form (see {@link #toJson(Object, String)}). */
    private static Map<String, Object> config(Map<String, ?> config, String where) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : config.entrySet()) {
            out.put(e.getKey(), toJson(e.getValue(), where + " '" + e.getKey() + "'"));
        }
        return out;
    }

    /**
     * A config value in JSON form, as Keras writes it: numbers (a float as the decimal it was written as),
     * strings, booleans and null as they are; enums by name; shapes as lists with null for unknown dimensions;
     * tensors as nested lists (numpy's {@code tolist()}); arrays, collections and maps element by element;
     * {@link ConfigValue}s by their own form; Keras objects by {@link #serialize(KerasObject, String)}.
     *
     * @throws KerasConfigException for anything else, naming {@code where}
     */
    public static Object toJson(Object v, String where) {
        return KerasForms.toJson(v, where);
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    /**
     * {@link #deserialize(Object, Family, ConfigContext, String)} for objects of {@code type}, in the family its base
     * class declares: a kind whose base class reads keys of every member's config declares them in a
     * {@code public static final KerasObjects.Family FAMILY} field ({@code Layer.FAMILY}: name, trainable, dtype).
     */
    @SuppressWarnings("unchecked")
    public static <T> T deserialize(Object value, Class<T> type, ConfigContext context, String where) {
        Family<?> declared = FAMILIES.get(type);
        Family<T> family = declared == null ? Family.of(type) : new Family<>(type, declared.baseKeys(),
                (BiConsumer<? super T, Config>) declared.readBase());
        return deserialize(value, family, context, where);
    }

    /** The family a kind's base class declares in a static {@code FAMILY} field, or null. */
    private static final ClassValue<Family<?>> FAMILIES = new ClassValue<>() {
        @Override
        protected Family<?> computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                try {
                    java.lang.reflect.Field f = c.getDeclaredField("FAMILY");
                    if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType() == Family.class
                            && f.get(null) instanceof Family<?> family && family.type().isAssignableFrom(type)) {
                        return family;
                    }
                } catch (NoSuchFieldException | IllegalAccessException e) {
                    // not declared here (or not public): look further up
                }
            }
            return null;
        }
    };

    /**
     * The object a serialized value describes, like Keras's {@code deserialize_keras_object}: null for null; for a
     * name, the built-in class it names (by class name, snake_case or any case, as Keras's {@code get} functions
     * accept) or a custom class given under that name, made with no arguments; for a dict, the class it names made
     * from its config, then built from its {@code build_config} and compiled from its {@code compile_config} when
     * it has them.
     *
     * @throws KerasConfigException if the value names no class of this family that Strata has or that is registered,
     *     if the config has a key or value the class does not take, or if making the object fails; the message says
     *     where and, for an unregistered class, how to register it
     */
    public static <T> T deserialize(Object value, Family<T> family, ConfigContext context, String where) {
        if (value == null) {
            return null;
        }
        if (value instanceof String name) {
            return byName(name, family, context, where);
        }
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Object read = context.read((Map<String, Object>) map, family.type(), where);
            if (read != null) {
                if (!family.type().isInstance(read)) {
                    throw new KerasConfigException(where + ": expected a " + kind(family.type()) + ", the config "
                            + "describes a " + read.getClass().getSimpleName());
                }
                return family.type().cast(read);
            }
        }
        Config envelope = new Config(value, where, context);
        String className = envelope.requireString("class_name");
        String module = envelope.string("module", null);
        String registered = envelope.string("registered_name", null);
        Object config = envelope.raw("config");
        Object build = envelope.raw("build_config");
        Object compile = envelope.raw("compile_config");
        envelope.ignore("shared_object_id");
        envelope.finish();
        Object nameInConfig = config instanceof Map<?, ?> m ? m.get("name") : null;
        String desc = where + (nameInConfig instanceof String s ? " '" + s + "'" : "") + " (" + className + ")";
        Class<?> type = resolve(className, module, registered, family.type(), context, desc);
        T object = make(family, type, className, config == null ? new LinkedHashMap<>() : config, context, desc);
        if (build != null) {
            object = rebuild(object, build, context, desc);
        }
        if (compile instanceof Map<?, ?> cc && !cc.isEmpty() && context.compile() && object instanceof KerasObject k) {
            try {
                k.compileFromConfig(new Config(compile, desc + ".compile_config", context));
            } catch (KerasConfigException | IllegalArgumentException e) {
                // Keras refuses the whole file; the architecture and weights are worth having without the compile
                // settings, which the user can give again (as Keras's own loader does when compiling fails).
                context.warn(desc + " is loaded uncompiled: its compile config could not be restored ("
                        + e.getMessage() + "); compile it yourself before training");
            }
        }
        return object;
    }

    /**
     * The built-in {@code kind} that {@code name} stands for (its class name, snake_case or any case, as Keras's
     * {@code get} functions read names), made with its default arguments; null if there is none.
     */
    public static <T> T builtIn(String name, Class<T> kind) {
        BuiltInClasses.Entry e = BuiltInClasses.findByAlias(kind, name);
        return e == null ? null : make(Family.of(kind), e.type(), e.className(), new LinkedHashMap<>(),
                ConfigContext.DEFAULT, name);
    }

    /** The Keras class names of Strata's built-in {@code kind}s, sorted. */
    public static java.util.List<String> builtInNames(Class<?> kind) {
        return BuiltInClasses.names(kind);
    }

    private static <T> T rebuild(T object, Object build, ConfigContext context, String desc) {
        if (object instanceof KerasObject k) {
            k.buildFromConfig(new Config(build, desc + ".build_config", context));
        }
        return object;
    }

    private static <T> T byName(String name, Family<T> family, ConfigContext context, String where) {
        Object given = context.customObject(name).orElse(null);
        if (given != null && family.type().isInstance(given)) {
            return family.type().cast(given);
        }
        Class<?> type = given instanceof Class<?> c ? c : null;
        String className = name;
        if (type == null) {
            BuiltInClasses.Entry e = BuiltInClasses.findByAlias(family.type(), name);
            if (e != null) {
                type = e.type();
                className = e.className();
            }
        }
        if (type == null) {
            type = context.customClass(name, name);
        }
        if (type == null) {
            throw new KerasConfigException(where + ": unknown " + kind(family.type()) + " '" + name + "'; Strata's are "
                    + BuiltInClasses.names(family.type()));
        }
        if (!family.type().isAssignableFrom(type)) {
            throw new KerasConfigException(where + ": '" + name + "' names " + type.getName() + ", which is not a "
                    + kind(family.type()));
        }
        return make(family, type, className, new LinkedHashMap<>(), context, where + " (" + name + ")");
    }

    /** The class a serialized dict names: a user class (registered or given), else a built-in one. */
    private static Class<?> resolve(String className, String module, String registered, Class<?> kind,
                                    ConfigContext context, String where) {
        boolean custom = registered != null && (module == null || registered.contains(">"));
        Class<?> type = null;
        if (!custom) {
            BuiltInClasses.Entry e = BuiltInClasses.find(kind, className);
            if (e == null && registered != null) {
                e = BuiltInClasses.find(kind, registered); // Keras writes the functional class's own name here
            }
            type = e == null ? null : e.type();
        }
        if (type == null) {
            type = context.customClass(className, registered);
        }
        if (type == null && registered == null && className.indexOf('>') > 0) {
            // Keras 2.11-2.15 wrote its own optimizers under their registered names ("class_name": "Custom>Adam")
            BuiltInClasses.Entry e = BuiltInClasses.find(kind, className.substring(className.indexOf('>') + 1));
            type = e == null ? null : e.type();
        }
        if (type == null) {
            if (custom) {
                throw unregistered(where, className, registered);
            }
            throw new KerasConfigException(where + ": Strata has no " + kind(kind) + " class '" + className + "'"
                    + (module == null ? "" : " (" + module + "." + className + ")") + "; the ones it has are "
                    + BuiltInClasses.names(kind) + ". If it is your own class, register it first: "
                    + "SavingRegistry.register(\"" + (registered != null ? registered : SavingRegistry.DEFAULT_PACKAGE
                    + ">" + className) + "\", YourClass.class)");
        }
        if (!kind.isAssignableFrom(type)) {
            throw new KerasConfigException(where + ": the class " + type.getName() + " is not a " + kind(kind));
        }
        return type;
    }

    private static KerasConfigException unregistered(String where, String className, String registered) {
        String name = registered != null ? registered : SavingRegistry.DEFAULT_PACKAGE + ">" + className;
        return new KerasConfigException(where + ": the class '" + className + "' (registered_name "
                + (registered == null ? "null" : "'" + registered + "'") + ") is neither a Strata built-in nor a "
                + "registered class, and loading never instantiates a class just because a file names it. If you "
                + "trust this file and have the class, register it first: SavingRegistry.register(\"" + name
                + "\", YourClass.class), or give it to the loader (LoadOptions.customObject(\"" + name
                + "\", YourClass.class))");
    }

    @SuppressWarnings("unchecked")
    private static <T> T make(Family<T> family, Class<?> type, String className, Object config, ConfigContext context,
                              String where) {
        Config c = new Config(config, where, context);
        Object made;
        var fromConfig = BuiltInClasses.fromConfig(type);
        if (fromConfig != null) {
            try {
                made = fromConfig.invoke(null, c);
            } catch (IllegalAccessException e) {
                throw new KerasConfigException(where + ": cannot call " + fromConfig + ": " + e.getMessage(), e);
            } catch (InvocationTargetException e) {
                throw failed(where, type, e.getCause());
            }
            if (made == null) {
                throw new KerasConfigException(where + ": " + type.getName() + ".fromConfig returned null");
            }
            family.readBase().accept((T) made, c);
            c.finish();
        } else {
            made = Instantiator.instantiate(type, c.copy(), family.baseKeys(), context, where);
            family.readBase().accept((T) made, new Config(c.copy(), where, context));
        }
        context.notifyMade(made, className);
        return (T) made;
    }

    private static KerasConfigException failed(String where, Class<?> type, Throwable cause) {
        if (cause instanceof KerasConfigException k) {
            return k;
        }
        String what = cause instanceof IllegalArgumentException || cause instanceof IllegalStateException
                || cause instanceof dev.strata.ShapeException ? cause.getMessage() : String.valueOf(cause);
        return new KerasConfigException(where + ": " + type.getSimpleName() + ".fromConfig failed: " + what, cause);
    }

    /** {@code "layer"} for Layer, {@code "initializer"} for Initializer, for messages. */
    private static String kind(Class<?> type) {
        return type == Object.class ? "class" : dev.strata.internal.Names.toSnakeCase(type.getSimpleName()).replace('_', ' ');
    }
}
