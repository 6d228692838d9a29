package dev.strata.models;

import dev.strata.config.ConfigContext;
import dev.strata.config.KerasConfigException;
import dev.strata.config.KerasObject;
import dev.strata.config.KerasObjects;
import dev.strata.graph.Node;
import dev.strata.graph.Trace;
import dev.strata.internal.LayerAccess;
import dev.strata.internal.config.BuiltInClasses;
import dev.strata.internal.config.Instantiator;
import dev.strata.internal.config.Registry;
import dev.strata.layers.Layer;
import dev.strata.layers.core.Lambda;
import dev.strata.tensor.Variable;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Operations on whole models, like {@code keras.models}. Loading and saving files is {@code dev.strata.saving}'s
 * ({@code Saving.loadModel}, Keras's {@code keras.saving.load_model}; {@link Model#save}).
 */
public final class Models {
    private Models() {
    }

    /**
     * A new model with the same architecture and fresh weights, like Keras's {@code clone_model}: the same layers
     * (same classes, configs and names), wired the same way, newly initialized and not compiled. Works for all three
     * styles: a Functional or Sequential model is rebuilt from its config; a subclassed model is made again from
     * its config ({@code fromConfig(getConfig())}: its static {@code fromConfig} or the constructor matching its
     * auto-config) and built for the same input shapes. A traced subclassed model whose class cannot be made again
     * from its config is cloned as its traced graph (a Functional model), with a warning naming the class and what
     * to add. Lambda layers keep their functions.
     *
     * <pre>{@code
     * Model copy = Models.cloneModel(model);
     * copy.setWeights(model.getWeights());   // now computes the same outputs
     * }</pre>
     *
     * @throws KerasConfigException if the model cannot be described by a config (an op with no Keras form) or a
     *     user class that is not a traced model cannot be made again from its config (the message says what to add)
     */
    public static Model cloneModel(Model model) {
        return cloneModel(model, message -> System.getLogger("dev.strata.models")
                .log(System.Logger.Level.WARNING, "Strata: " + message));
    }

    /** {@link #cloneModel(Model)}, with the warnings given to {@code warnings}. */
    public static Model cloneModel(Model model, Consumer<String> warnings) {
        Map<String, Object> lambdas = new LinkedHashMap<>();
        collectLambdas(model, lambdas, Collections.newSetFromMap(new IdentityHashMap<>()));
        Map<String, Object> config = KerasObjects.writingWith((o, where) -> cloneForm(o, where, warnings),
                () -> KerasObjects.serialize(model, "model"));
        // The clone's own Lambda functions are trusted: they never came from a file.
        ConfigContext context = new ConfigContext(lambdas.isEmpty(), false, lambdas);
        return KerasObjects.deserialize(config, Model.class, context, "model");
    }

    /** How a clone writes a user class: registered (so the clone can find it), and only if it can be made again. */
    private static Map<String, Object> cloneForm(KerasObject o, String where, Consumer<String> warnings) {
        if (BuiltInClasses.isBuiltIn(o.getClass())) {
            return null;
        }
        Registry.ensureRegistered(o.getClass());
        if (!(o instanceof Layer l)) {
            return null;
        }
        Map<String, Object> written = KerasObjects.serializeDefault(l, where);
        @SuppressWarnings("unchecked")
        String why = Instantiator.whyNotReadable(l.getClass(), (Map<String, Object>) written.get("config"),
                Layer.FAMILY);
        if (why == null) {
            return written;
        }
        if (l instanceof Model m && m.trace() != null) {
            warnings.accept("cloning " + m.describe() + " as its traced graph (a Functional model): " + why);
            Model graph = m.toFunctional();
            graph.setTrainable(m.trainable());
            return KerasObjects.serialize(graph, where);
        }
        throw new KerasConfigException(where + ": " + l.describe() + " cannot be cloned: " + why);
    }

    private static void collectLambdas(Layer layer, Map<String, Object> out, Set<Layer> seen) {
        if (!seen.add(layer)) {
            return;
        }
        if (layer instanceof Lambda l) {
            out.put(l.name(), l.function());
        }
        if (layer instanceof Model m) {
            for (Layer child : m.layers()) {
                collectLambdas(child, out, seen);
            }
            Trace t = m.trace();
            if (t != null) {
                for (Node node : t.nodes()) {
                    if (node.operation() instanceof Layer child) {
                        collectLambdas(child, out, seen);
                    }
                }
            }
        }
    }

    /**
     * Whether {@code model} is a Functional model: made by {@link Model#of}, by {@link Model#toFunctional()} or
     * loaded from a Functional config.
     */
    public static boolean isFunctional(Model model) {
        return model instanceof Functional;
    }

    /**
     * Keras's {@code variable.path} of every weight of every layer of {@code model}, in Keras's order (each
     * layer's own trainable, then non-trainable weights, then its sublayers'): the name scopes it was built in,
     * {@code model/layer/.../name} for Sequential and subclassed models (built inside the model's scope),
     * {@code layer/.../name} for Functional ones (built when called on the inputs). The same paths as
     * {@link Variable#path()} gives once the model met data.
     */
    public static Map<String, Variable> variablePaths(Model model) {
        Map<String, Variable> out = new LinkedHashMap<>();
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        String scope = Models.isFunctional(model) ? "" : model.name() + "/";
        for (Layer layer : model.layers()) {
            walk(layer, scope, out, seen);
        }
        return out;
    }

    private static void walk(Layer layer, String scope, Map<String, Variable> out, Set<Variable> seen) {
        String prefix = scope + layer.name() + "/";
        List<Variable> own = LayerAccess.ownWeights(layer);
        for (boolean trainable : new boolean[] {true, false}) {
            for (Variable v : own) {
                if (v.trainable() == trainable && seen.add(v)) {
                    out.putIfAbsent(prefix + v.name(), v);
                }
            }
        }
        for (Object sub : LayerAccess.sublayers(layer)) {
            walk((Layer) sub, prefix, out, seen);
        }
    }
}
