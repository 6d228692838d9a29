package dev.strata.saving;

import dev.strata.config.Config;
import dev.strata.config.KerasConfigException;
import dev.strata.config.SavingRegistry;
import dev.strata.internal.config.BuiltInClasses;
import dev.strata.internal.config.Json;
import dev.strata.layers.Layer;
import dev.strata.layers.core.Lambda;
import dev.strata.models.Model;
import dev.strata.saving.ConfigOptions.SubclassedForm;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras 3's model configs ({@code config.json} of a {@code .keras} file) for Strata models, both ways: the JSON
 * half of saving and loading, without files.
 *
 * <p>Writing follows Keras's {@code serialize_keras_object}: every object is
 * {@code {"module", "class_name", "config", "registered_name"}}, layers and models add {@code build_config}, models
 * {@code compile_config}. Functional models write their graph ({@code layers} with {@code inbound_nodes},
 * {@code input_layers}, {@code output_layers}); ops recorded in the graph ({@code Ops.concatenate} ...) are written
 * as Keras writes {@code keras.ops} calls, so Python Keras loads them. Sequential models write their layers.
 * Subclassed models and custom layers write their class's registered name and their config: their
 * {@code getConfig()}, which by default holds the auto-config (see {@link dev.strata.config}) (the
 * subclass's simple fields, standing in for constructor arguments). By default a traced subclassed model is written
 * as its Functional graph with its own form under {@value #SUBCLASS_KEY}, see
 * {@link ConfigOptions.SubclassedForm}.
 *
 * <p>Reading builds the Strata objects, with Keras's defaults for missing keys and an error naming the layer and
 * the key for anything Strata does not support. It only instantiates built-in classes and registered ones
 * ({@link SavingRegistry}); Lambda layers need {@link LoadOptions#safeMode(boolean) safeMode(false)}.
 *
 * <pre>{@code
 * String json = KerasConfig.modelToJson(model);
 * Model again = KerasConfig.modelFromJson(json, new LoadOptions());   // same architecture, fresh weights
 * }</pre>
 */
public final class KerasConfig {
    /**
     * The extra top-level key holding a subclassed model's own form next to its traced Functional graph. Keras
     * ignores keys it does not know, so Python loads the graph.
     */
    public static final String SUBCLASS_KEY = "strata_subclass";

    private KerasConfig() {
    }

    // ---- models ------------------------------------------------------------------------------------------------

    /** {@link #modelToConfig(Model, ConfigOptions)} with default options. */
    public static Map<String, Object> modelToConfig(Model model) {
        return modelToConfig(model, new ConfigOptions());
    }

    /**
     * Keras's {@code serialize_keras_object(model)}: what {@code config.json} holds, as plain maps and lists.
     * Custom classes met on the way are registered with {@link SavingRegistry} (unless the options say not to).
     *
     * @throws KerasConfigException if part of the model has no config form (an op without a Keras form, a config
     *     value Strata cannot write, two layers with the same name)
     */
    public static Map<String, Object> modelToConfig(Model model, ConfigOptions options) {
        return new ConfigWriter(options).layer(model, "model");
    }

    /** {@link #modelToJson(Model, ConfigOptions)} with default options. */
    public static String modelToJson(Model model) {
        return modelToJson(model, new ConfigOptions());
    }

    /** The model's config as JSON text, formatted as Python's {@code json.dumps} (Keras's {@code config.json}). */
    public static String modelToJson(Model model, ConfigOptions options) {
        return Json.write(modelToConfig(model, options));
    }

    /** {@link #modelFromJson(String, LoadOptions)} with default options. */
    public static Model modelFromJson(String json) {
        return modelFromJson(json, new LoadOptions());
    }

    /**
     * A model from {@code config.json} text: new layers with fresh weights, built for the saved shapes, and compiled
     * from the saved compile config when there is one (and {@link LoadOptions#compile()}).
     *
     * @throws KerasConfigException if the text is not JSON, names a class that is neither built in nor registered,
     *     has a key or value Strata does not support (the message says where), or holds a Lambda in safe mode
     */
    public static Model modelFromJson(String json, LoadOptions options) {
        return modelFromConfig(Json.parse(json), options);
    }

    /** A model from a parsed {@code config.json}; see {@link #modelFromJson(String, LoadOptions)}. */
    public static Model modelFromConfig(Object config, LoadOptions options) {
        return new ConfigReader(options).model(config, "model");
    }

    /**
     * Keras's {@code clone_model}: the same architecture with fresh weights, not compiled; see
     * {@link dev.strata.models.Models#cloneModel}. Lambda layers keep their functions.
     */
    public static Model cloneModel(Model model) {
        return cloneModel(model, new ConfigOptions());
    }

    /**
     * {@link #cloneModel(Model)}, with {@code options} giving the warning sink. A traced subclassed model whose class
     * cannot be made again from its config is cloned as its traced graph (a Functional model), with a warning that
     * names the class and what to add.
     */
    public static Model cloneModel(Model model, ConfigOptions options) {
        return dev.strata.models.Models.cloneModel(model, options::warn);
    }

    // ---- layers and other objects ------------------------------------------------------------------------------

    /**
     * Keras's {@code get_config()} of a layer or model in JSON form: for a Functional model its graph, for a
     * Sequential model its layers, for other layers their {@code getConfig()} (with the auto-config of a custom
     * class); the {@code "config"} part of {@link #serialize}.
     */
    public static Map<String, Object> getConfig(Layer layer) {
        return new ConfigWriter(new ConfigOptions().subclassedForm(SubclassedForm.NATIVE)).layerConfig(layer,
                "layer");
    }

    /**
     * Keras's {@code cls.from_config(config)}: a new {@code type} from a config as {@link #getConfig} gives it.
     * {@code type} is trusted (the caller names it), so it need not be registered.
     *
     * @throws KerasConfigException if the config does not fit the class (the message says what to add for a custom
     *     class: a constructor matching the keys, {@code -parameters}, or a static {@code fromConfig(Map)})
     */
    public static <T extends Layer> T fromConfig(Class<T> type, Map<String, ?> config, LoadOptions options) {
        Map<String, Object> entry = new LinkedHashMap<>();
        String className = type.getSimpleName();
        LoadOptions opts = options.copy();
        if (type == Model.class || type.getName().equals("dev.strata.models.Functional")) {
            entry.put("module", "keras.src.models.functional");
            entry.put("class_name", "Functional");
            entry.put("registered_name", "Functional");
        } else if (BuiltInClasses.isBuiltIn(type) || type == dev.strata.models.Sequential.class) {
            entry.put("module", type == dev.strata.models.Sequential.class ? "keras" : "keras.layers");
            entry.put("class_name", className);
            entry.put("registered_name", null);
        } else {
            String name = "__explicit__>" + type.getName();
            opts.customObject(name, type);
            entry.put("module", null);
            entry.put("class_name", className);
            entry.put("registered_name", name);
        }
        entry.put("config", new LinkedHashMap<>(config));
        Layer l = new ConfigReader(opts).layer(entry, className);
        if (!type.isInstance(l)) {
            throw new KerasConfigException(className + ": the config describes a " + l.getClass().getSimpleName());
        }
        return type.cast(l);
    }

    /**
     * Keras's {@code serialize_keras_object} for any value Strata can write: layers and models (with
     * {@code build_config}, {@code compile_config}), optimizers, losses, metrics, initializers, regularizers
     * (nested dicts), activations (their names), and plain values (numbers, strings, lists, maps, shapes).
     */
    public static Object serialize(Object value) {
        return new ConfigWriter(new ConfigOptions()).value(value, "value");
    }

    /**
     * Keras's {@code deserialize_keras_object}: the object a serialized dict describes (a layer or model, optimizer,
     * loss, metric, initializer, regularizer); plain values are returned as they are.
     */
    public static Object deserialize(Object config, LoadOptions options) {
        return new ConfigReader(options).object(config, null, "value");
    }

    /**
     * {@link #deserialize(Object, LoadOptions)} expecting a {@code type}; a string is read as that type's name
     * ({@code "adam"}, {@code "glorot_uniform"}, {@code "l2"}).
     */
    public static <T> T deserialize(Object config, Class<T> type, LoadOptions options) {
        Object o = new ConfigReader(options).object(config, type, "value");
        if (!type.isInstance(o)) {
            throw new KerasConfigException("value: expected a " + type.getSimpleName() + ", got "
                    + dev.strata.config.Config.describe(config));
        }
        return type.cast(o);
    }

    // ---- compile config ------------------------------------------------------------------------------------------

    /**
     * Keras's {@code compile_config}: the optimizer's config, the losses (names stay names, objects are serialized),
     * {@code loss_weights}, {@code metrics}, and Keras's other keys; {@code {}} for a model that is not compiled.
     */
    public static Map<String, Object> compileConfig(Model model) {
        return new ConfigWriter(new ConfigOptions()).compileConfig(model, "compile_config of " + model.describe());
    }

    /** Compiles {@code model} from a {@code compile_config} (a new optimizer from its config, the same options). */
    public static void compileFromConfig(Model model, Map<String, ?> compileConfig, LoadOptions options) {
        ConfigReader reader = new ConfigReader(options);
        model.compileFromConfig(new dev.strata.config.Config(new java.util.LinkedHashMap<>(compileConfig),
                "compile_config", reader.context()));
    }

    // ---- JSON ----------------------------------------------------------------------------------------------------

    /** Plain values (maps, lists, strings, numbers, booleans, null) as JSON text, as Python's {@code json.dumps}. */
    public static String toJson(Object value) {
        return Json.write(value);
    }

    /**
     * JSON text as plain values ({@code LinkedHashMap}, {@code ArrayList}, ...).
     *
     * @throws KerasConfigException if the text is not valid JSON
     */
    public static Object parseJson(String json) {
        return Json.parse(json);
    }
}
