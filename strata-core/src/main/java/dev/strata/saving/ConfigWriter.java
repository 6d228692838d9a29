package dev.strata.saving;

import dev.strata.config.KerasConfigException;
import dev.strata.config.KerasObject;
import dev.strata.config.KerasObjects;
import dev.strata.internal.config.BuiltInClasses;
import dev.strata.internal.config.Instantiator;
import dev.strata.internal.config.Registry;
import dev.strata.layers.Layer;
import dev.strata.models.Model;
import dev.strata.models.Models;
import dev.strata.models.Sequential;
import dev.strata.saving.ConfigOptions.SubclassedForm;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code serialize_keras_object} as saving does it: every object in its usual form ({@link KerasObjects}, the
 * classes' own configs), except for what depends on the {@link ConfigOptions}: a traced subclassed model written as
 * the Functional graph its trace gives (with its own form beside it, or not at all), the user classes met on the way
 * registered, the compile config included or not. A user class whose config could not make it again is refused: a
 * save never writes a file Strata cannot load.
 */
final class ConfigWriter {
    private final ConfigOptions options;

    ConfigWriter(ConfigOptions options) {
        this.options = options;
    }

    /** The serialized form of a layer or model. */
    Map<String, Object> layer(Layer l, String where) {
        return KerasObjects.writingWith(this::write, () -> KerasObjects.serialize(l, where));
    }

    /** The "config" part of a layer's serialized form (Keras's {@code get_config()}). */
    Map<String, Object> layerConfig(Layer l, String where) {
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) layer(l, where).get("config");
        return config;
    }

    /** A config value in JSON form, objects in it written as {@link #layer} writes them. */
    Object value(Object v, String where) {
        return KerasObjects.writingWith(this::write, () -> toJson(v, where));
    }

    /** The saved form of the objects saving writes otherwise than usual; null for the rest. */
    private Map<String, Object> write(KerasObject o, String where) {
        if (o instanceof Model m && isSubclassed(m)) {
            if (writtenAsGraph(m)) {
                Map<String, Object> nativeForm = options.subclassedForm() == SubclassedForm.FUNCTIONAL_WITH_CLASS
                        ? custom(m, where) : null;
                String why = nativeForm == null ? null : whyNotReadable(m, nativeForm);
                if (why != null) {
                    // The graph alone still loads (as a Functional model); a class form that cannot would make the
                    // file fail wherever the class is registered.
                    options.warn(m.describe() + " is saved as its traced graph only, which loads as a Functional "
                            + "model: its class could not be made again from its config: " + why);
                    nativeForm = null;
                }
                Model graph = m.toFunctional();
                graph.setTrainable(m.trainable());
                Map<String, Object> out = new LinkedHashMap<>(KerasObjects.serializeDefault(graph, where));
                out.put("compile_config", compileConfig(m, where));
                if (nativeForm != null) {
                    register(m.getClass());
                    out.put(KerasConfig.SUBCLASS_KEY, nativeForm);
                }
                return out;
            }
            return readable(m, custom(m, where), where);
        }
        if (o instanceof Model m) { // Functional or Sequential: the usual form, the compile config as the options say
            Map<String, Object> out = new LinkedHashMap<>(KerasObjects.serializeDefault(m, where));
            out.put("compile_config", compileConfig(m, where));
            return out;
        }
        if (o instanceof Layer l && !BuiltInClasses.isBuiltIn(l.getClass())) {
            return readable(l, custom(l, where), where);
        }
        if (BuiltInClasses.isBuiltIn(o.getClass())) {
            return null;
        }
        Map<String, Object> out = KerasObjects.serializeDefault(o, where); // refuses what could not be made again
        register(o.getClass()); // under the name just written: its default, unless registered already
        return out;
    }

    /** A model of the user's class (neither Functional nor exactly Sequential). */
    private static boolean isSubclassed(Model m) {
        return !Models.isFunctional(m) && m.getClass() != Sequential.class;
    }

    /** Whether a subclassed model is written as the Functional model its trace gives. */
    private boolean writtenAsGraph(Model m) {
        return m.trace() != null && options.subclassedForm() != SubclassedForm.NATIVE;
    }

    /** A user's layer or model as Keras writes a custom class: module null, its registered name and config. */
    private Map<String, Object> custom(Layer l, String where) {
        Map<String, Object> out = new LinkedHashMap<>(KerasObjects.serializeDefault(l, where + " ("
                + l.describe() + ")"));
        if (l instanceof Model m) {
            out.put("compile_config", compileConfig(m, where));
        }
        return out;
    }

    /**
     * Thrown when a user class would be written in a form that loading could not make again: a save never writes a
     * file Strata cannot load.
     */
    static final class NotReadableException extends KerasConfigException {
        private static final long serialVersionUID = 1L;

        NotReadableException(String message) {
            super(message);
        }
    }

    /** {@code written}, after checking that loading can make {@code l} again from it; its class is registered then. */
    private Map<String, Object> readable(Layer l, Map<String, Object> written, String where) {
        String why = whyNotReadable(l, written);
        if (why != null) {
            throw new NotReadableException(where + ": " + l.describe() + " cannot be saved in a form that loads "
                    + "again: " + why + (l instanceof Model m && m.trace() != null
                    ? ". Or save it as its traced graph (ConfigOptions.SubclassedForm.FUNCTIONAL)" : ""));
        }
        register(l.getClass());
        return written;
    }

    /**
     * Registers a user class being written, when the options say so, so that the file loads again in this JVM; the
     * name is the one its saved form already has (its default, unless it was registered before).
     */
    private void register(Class<?> type) {
        if (options.registerClasses()) {
            Registry.ensureRegistered(type);
        }
    }

    @SuppressWarnings("unchecked")
    private static String whyNotReadable(Layer l, Map<String, Object> written) {
        return Instantiator.whyNotReadable(l.getClass(), (Map<String, Object>) written.get("config"), Layer.FAMILY);
    }

    /**
     * Keras's {@code compile_config} of a model, as saving writes it: {@code {}} when the options leave compile
     * configs out (the model's own otherwise, {@code {}} too if it is not compiled).
     */
    Map<String, Object> compileConfig(Model m, String where) {
        if (!options.includeCompile()) {
            return new LinkedHashMap<>();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = KerasObjects.writingWith(this::write,
                () -> (Map<String, Object>) KerasObjects.toJson(m.getCompileConfig(), where + ".compile_config"));
        return config;
    }

    /** A value in JSON form, its Keras objects written by this writer. */
    private Object toJson(Object v, String where) {
        return KerasObjects.toJson(v, where);
    }
}
