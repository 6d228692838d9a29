/**
 * Keras objects as configs, like Keras's {@code get_config} / {@code from_config}, {@code serialize_keras_object}
 * / {@code deserialize_keras_object} and {@code register_keras_serializable}: how every layer, model, optimizer,
 * loss, metric, initializer and regularizer becomes the JSON dict a {@code .keras} file holds, and how it is made
 * again from it.
 *
 * <h2>The pieces</h2>
 * <ul>
 *   <li>{@link dev.strata.config.KerasObject}: an object with a config. {@code getConfig()} gives the arguments that
 *       make it again (Keras's {@code get_config()}); layers and models also carry a build config and a compile
 *       config.</li>
 *   <li>{@link dev.strata.config.KerasObjects}: {@code serialize} writes an object as Keras's dict
 *       {@code {"module", "class_name", "config", "registered_name"}}; {@code deserialize} reads one back, for any
 *       kind of object, in one place.</li>
 *   <li>{@link dev.strata.config.Config}: the dict a class's {@code static fromConfig(Config)} reads, with Keras's
 *       defaults for missing keys and an error naming the place for a wrong value or a key nobody read.</li>
 *   <li>{@link dev.strata.config.SavingRegistry}, {@link dev.strata.config.KerasSerializable} and
 *       {@link dev.strata.config.SerializableClassProvider}: which user classes loading may make, and under which
 *       registered name ({@code "Custom>WideAndDeepModel"}).</li>
 *   <li>{@link dev.strata.config.ConfigContext}: what a read may use besides the dict, Keras's
 *       {@code custom_objects} and {@code safe_mode}.</li>
 *   <li>{@link dev.strata.config.ConfigValue}: a value saved as plain JSON rather than a dict (an activation is
 *       saved as its name); {@link dev.strata.config.KerasConfigException}: anything wrong with a config.</li>
 * </ul>
 *
 * <h2>Strata's own classes: found, not listed</h2>
 * A concrete public class of Strata that declares a {@code public static fromConfig(Config)} beside its
 * {@code getConfig()} is a built-in Keras class: its config, its from-config and its Keras name live in its own
 * file, and nothing else has to list it. Its Keras identity is its simple name in the Keras module its package
 * mirrors ({@code dev.strata.layers.core.Dense} is {@code keras.layers}'s {@code Dense},
 * {@code dev.strata.losses.Huber} is {@code keras.losses}'s {@code Huber}); the few classes Keras names otherwise
 * ({@code Sequential} in module {@code keras}, the functional model class) say so with an internal annotation.
 * Strata's classes are scanned for them once, the first time a config is written or read.
 *
 * <h2>A user's class: saved by its fields, loaded only when registered</h2>
 * A subclass of {@code Layer}, {@code Model}, {@code Loss} or {@code Metric} needs no {@code getConfig()} for the
 * common case: the base class adds its auto-config, the fields the user's own classes declare that hold simple
 * values (numbers, strings, enums, shapes, activations, initializers, regularizers, arrays and collections of those),
 * by snake_case name, standing in for the constructor arguments Keras records. Fields holding layers, variables or
 * tensors are state, not configuration; a {@code transient} field is left out. It is saved with {@code module} null
 * and its registered name, and registered when it is saved, so that a model saved and loaded in the same program
 * needs nothing.
 *
 * <p>Loading never makes a class because a file names it: only Strata's classes and classes that are registered
 * ({@code SavingRegistry.register}, a {@code SerializableClassProvider} found by {@link java.util.ServiceLoader}) or
 * given for the read ({@code LoadOptions.customObject}). A registered class is made by its
 * {@code static fromConfig(Config)} or {@code static fromConfig(Map<String, Object>)} if it declares one, else by the
 * constructor whose parameter names are the config's keys (code compiled with {@code -parameters}), else by the one
 * constructor whose parameter types are the auto-config's fields in order. Saving refuses, naming what to add, a
 * class that could not be made again that way (a traced model is then saved as its graph alone, with a warning), so
 * a file is never written that Strata cannot load.
 *
 * <pre>{@code
 * class Scale extends Layer {
 *     private final float factor;                       // the auto-config: {"factor": 2.0, "name": ..., ...}
 *     Scale(float factor) { this.factor = factor; }
 *     @Override protected Tensor call(Tensor x) { return Ops.multiply(x, factor); }
 * }
 *
 * SavingRegistry.register(Scale.class);                 // "Custom>Scale", as @register_keras_serializable()
 * Map<String, Object> saved = KerasObjects.serialize(new Scale(2f));
 * Layer again = KerasObjects.deserialize(saved, Layer.class, ConfigContext.DEFAULT, "scale");
 * }</pre>
 */
package dev.strata.config;
