package dev.strata.saving;

import dev.strata.internal.InstanceFields;
import dev.strata.internal.LayerAccess;
import dev.strata.internal.Names;
import dev.strata.internal.OptimizerAccess;
import dev.strata.internal.config.BuiltInClasses;
import dev.strata.layers.Layer;
import dev.strata.models.Model;
import dev.strata.models.Models;
import dev.strata.models.Sequential;
import dev.strata.optimizers.Optimizer;
import dev.strata.tensor.Variable;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Keras 3's object walk over a model ({@code saving_lib._save_state} / {@code _load_state}): the path of every
 * object whose variables go into {@code model.weights.h5}, in the order Keras visits them, reproduced for Strata
 * objects with its quirks:
 * <ul>
 *   <li>Each object (layer, model, optimizer) is visited once, at the first path that reaches it, and gets a group
 *       {@code <path>/vars} with attribute {@code name} holding datasets {@code 0, 1, ...}: its own variables,
 *       trainable first. The root model is at path {@code ""} (group {@code vars}).</li>
 *   <li>A Functional or Sequential model first yields {@code layers} (its {@code model.layers}; a Sequential's
 *       InputLayer is not among them).</li>
 *   <li>Then every attribute, sorted as Python sorts {@code dir()} with names starting {@code _} last; Keras skips
 *       what a bare {@code Layer()} has. For a Strata object the attributes are its fields holding layers or
 *       collections of layers, named in snake_case ({@code mainOutput} is {@code main_output}), plus
 *       {@code layers} for a subclassed model and {@code optimizer} for a compiled one.</li>
 *   <li>Items of a list, array or map (its values) are named after their Keras class in snake_case with a counter
 *       per class: {@code dense}, {@code dense_1}, ...; an item already visited is skipped but still uses up its
 *       number. Nested collections are {@code container}, {@code container_1}, ...</li>
 * </ul>
 * A subclassed model written as its traced Functional graph (the default, see
 * {@link ConfigOptions.SubclassedForm}) is walked as that Functional model, since that is what Python builds from
 * the file: {@link Model#toFunctional()} shares its layers, so the paths lead back to the subclass's weights.
 */
final class WeightWalk {
    /**
     * One object with its place in the file.
     *
     * @param path its group path without the trailing {@code /vars} ({@code ""} for the root)
     * @param name the {@code name} attribute of its {@code vars} group
     * @param layer the layer or model, or null for the optimizer
     * @param optimizer the optimizer, or null
     * @param variables the variables stored in its group, in dataset order (for the optimizer, empty: see
     *     {@link #optimizerOrder})
     * @param trainableOrder for the optimizer: the trainable variables in the order the saved model lists them,
     *     which is the order in which Keras builds the optimizer's slots
     */
    record Entry(String path, String name, Layer layer, Optimizer optimizer, List<Variable> variables,
                 List<Variable> trainableOrder) {
        String groupPath() {
            return path.isEmpty() ? "vars" : path + "/vars";
        }
    }

    /**
     * What a bare Keras {@code Layer()} has (Keras 3.15.1, public names): attributes of these names are skipped by
     * the walk, whatever they hold.
     */
    private static final Set<String> LAYER_SKIPSET = Set.of("activity_regularizer", "add_loss", "add_metric",
            "add_variable", "add_weight", "autocast", "build", "build_from_config", "built", "call",
            "call_signature_parameters", "compute_dtype", "compute_mask", "compute_output_shape",
            "compute_output_spec", "count_params", "dtype", "dtype_policy", "from_config", "get_build_config",
            "get_config", "get_weights", "input", "input_dtype", "input_spec", "load_own_variables", "losses",
            "metrics", "metrics_variables", "name", "non_trainable_variables", "non_trainable_weights", "output",
            "path", "quantization_mode", "quantize", "quantized_build", "quantized_call", "rematerialized_call",
            "save_own_variables", "set_weights", "stateless_call", "supports_jit", "supports_masking",
            "symbolic_call", "trainable", "trainable_variables", "trainable_weights", "variable_dtype", "variables",
            "weights", "_layers", "_tracker", "_metrics", "_losses", "_trainable_variables",
            "_non_trainable_variables", "_seed_generators", "_self_unconditional_dependency_names");

    /** The fields that may hold layers or optimizers (directly, in collections, or behind a general type). */
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            return InstanceFields.of(type, Layer.class, "to save its sublayers").stream()
                    .filter(f -> {
                        Class<?> t = f.getType();
                        return Layer.class.isAssignableFrom(t) || Optimizer.class.isAssignableFrom(t)
                                || Collection.class.isAssignableFrom(t) || Map.class.isAssignableFrom(t)
                                || (t.isArray() && !t.getComponentType().isPrimitive())
                                || t == Object.class || t.isInterface();
                    })
                    .toList();
        }
    };

    private final Predicate<Model> asGraph;
    private final Map<Layer, String> classNames;
    private final List<Entry> entries = new ArrayList<>();
    private final Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * @param asGraph which subclassed models are walked as their traced Functional form
     * @param classNames Keras class names of objects loaded from a file under another name than their Java class
     */
    private WeightWalk(Predicate<Model> asGraph, Map<Layer, String> classNames) {
        this.asGraph = asGraph;
        this.classNames = classNames;
    }

    /**
     * The objects of {@code model} with their paths, in Keras's order.
     *
     * @param asGraph which subclassed models (traced, neither Functional nor plain Sequential) are walked as the
     *     Functional model their trace gives
     * @param classNames Keras class names for objects whose Java class has another name (may be empty)
     */
    static List<Entry> walk(Model model, Predicate<Model> asGraph, Map<Layer, String> classNames) {
        WeightWalk w = new WeightWalk(asGraph, classNames);
        w.visit(model, "", false);
        return w.entries;
    }

    /** Whether {@code m} is a subclassed model (one whose walk depends on the form it is written in). */
    static boolean isSubclassed(Model m) {
        return !Models.isFunctional(m) && m.getClass() != Sequential.class;
    }

    /** The writing rule of {@link ConfigWriter}: traced subclassed models are graphs unless the form is native. */
    static Predicate<Model> graphRule(ConfigOptions.SubclassedForm form) {
        return m -> form != ConfigOptions.SubclassedForm.NATIVE && isSubclassed(m) && m.trace() != null;
    }

    /**
     * Keras's {@code _save_state} for one object. {@code underNative}: an enclosing object is written in its own form
     * (a subclassed model's or custom layer's config holds only its arguments), so the objects below are made again
     * by its constructor when loading, not from a graph: subclassed models there are walked by their fields.
     */
    private void visit(Object obj, String path, boolean underNative) {
        if (!visited.add(obj)) {
            return;
        }
        if (obj instanceof Optimizer opt) {
            entries.add(new Entry(path, opt.name(), null, opt, List.of(), List.of()));
            return; // an optimizer's only saveable attribute is its list of variables, which holds no saveables
        }
        Layer layer = (Layer) obj;
        Model view = layer instanceof Model m ? viewOf(m, underNative) : null;
        // Below a model written in its own form or a custom layer, children come from constructors, not configs.
        boolean ownForm = layer instanceof Model m ? isSubclassed(m) && view == m : !isBuiltIn(layer);
        boolean childrenNative = underNative || ownForm;
        List<Variable> own = view != null && view != layer ? List.of() : ownVariables(layer);
        entries.add(new Entry(path, layer.name(), layer, null, own, List.of()));
        if (view != null && view != layer && !ownVariables(layer).isEmpty()) {
            // The graph holds the model's own weights as constants (Python loads those); the class needs them as
            // variables, under a group Keras never looks at.
            entries.add(new Entry(join(path, KerasConfig.SUBCLASS_KEY), layer.name(), layer, null,
                    ownVariables(layer), List.of()));
        }
        for (Map.Entry<String, Object> child : children(layer, view)) {
            String childPath = join(path, child.getKey());
            Object value = child.getValue();
            if (value instanceof Layer || value instanceof Optimizer) {
                visit(value, childPath, childrenNative);
            } else if (value instanceof OptimizerAttribute oa) {
                if (!visited.contains(oa.optimizer)) {
                    visited.add(oa.optimizer);
                    entries.add(new Entry(childPath, oa.optimizer.name(), null, oa.optimizer, List.of(),
                            oa.trainableOrder));
                }
            } else if (isContainer(value)) {
                container(value, childPath, Collections.newSetFromMap(new IdentityHashMap<>()), childrenNative);
            }
        }
    }

    private static boolean isBuiltIn(Layer l) {
        return BuiltInClasses.isBuiltIn(l.getClass());
    }

    /** The model as the file describes it: itself, or the Functional model its trace gives. */
    private Model viewOf(Model m, boolean underNative) {
        if (!underNative && isSubclassed(m) && asGraph.test(m)) {
            return m.toFunctional();
        }
        return m;
    }

    /** Keras's {@code _save_container_state}; {@code visitedContainers} holds containers by identity. */
    private void container(Object container, String path, Set<Object> visitedContainers, boolean underNative) {
        if (!visitedContainers.add(container)) {
            return;
        }
        Map<String, Integer> used = new LinkedHashMap<>();
        for (Object item : items(container)) {
            if (item instanceof Layer || item instanceof Optimizer) {
                String name = unique(Names.toSnakeCase(kerasClassName(item, underNative)), used);
                visit(item, join(path, name), underNative);
            } else if (isContainer(item)) {
                String name = unique("container", used);
                container(item, join(path, name), visitedContainers, underNative);
            }
        }
    }

    /** Keras's {@code _get_unique_name}: the name, then {@code name_1}, {@code name_2}, ... */
    private static String unique(String name, Map<String, Integer> used) {
        Integer n = used.get(name);
        if (n == null) {
            used.put(name, 0);
            return name;
        }
        used.put(name, n + 1);
        return name + "_" + (n + 1);
    }

    /** The class name Python would see: Functional for a graph-written model, else the written class name. */
    private String kerasClassName(Object item, boolean underNative) {
        if (item instanceof Optimizer opt) {
            return opt.getClass().getSimpleName();
        }
        Layer l = (Layer) item;
        String loaded = classNames.get(l);
        if (loaded != null) {
            return loaded;
        }
        if (l instanceof Model m && (Models.isFunctional(m) || (!underNative && isSubclassed(m) && asGraph.test(m)))) {
            return "Functional";
        }
        return l.getClass().getSimpleName();
    }

    /** Keras's {@code save_own_variables}: trainable variables, then the others, each in creation order. */
    static List<Variable> ownVariables(Layer layer) {
        List<Variable> own = LayerAccess.ownWeights(layer);
        List<Variable> out = new ArrayList<>(own.size());
        for (Variable v : own) {
            if (v.trainable()) {
                out.add(v);
            }
        }
        for (Variable v : own) {
            if (!v.trainable()) {
                out.add(v);
            }
        }
        return out;
    }

    /** A compiled model's {@code optimizer} attribute, with the order of the variables its slots follow. */
    private record OptimizerAttribute(Optimizer optimizer, List<Variable> trainableOrder) {
    }

    /** The attributes Keras's {@code _walk_saveable} yields, in its order. */
    private List<Map.Entry<String, Object>> children(Layer layer, Model view) {
        List<Map.Entry<String, Object>> out = new ArrayList<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (view != null && (Models.isFunctional(view) || view.getClass() == Sequential.class)) {
            out.add(Map.entry("layers", List.<Object>copyOf(view.layers())));
        } else {
            if (layer instanceof Model m) {
                attributes.put("layers", List.<Object>copyOf(m.layers()));
            }
            for (Field f : FIELDS.get(layer.getClass())) {
                Object value;
                try {
                    value = f.get(layer);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read field " + f, e);
                }
                if (value == null || !(value instanceof Layer || value instanceof Optimizer || isContainer(value))) {
                    continue;
                }
                String attr = Names.toSnakeCase(f.getName());
                if (!LAYER_SKIPSET.contains(attr) && !attr.equals("layers") && !attr.equals("optimizer")) {
                    attributes.put(attr, value); // a field hiding a superclass's field of the same name wins
                }
            }
            if (!(layer instanceof Model)) {
                List<?> tracked = LayerAccess.explicitlyTracked(layer);
                if (!tracked.isEmpty()) {
                    attributes.put("_tracked", List.<Object>copyOf(tracked)); // no Python counterpart: last
                }
            }
        }
        if (layer instanceof Model m && m.optimizer().isPresent()) {
            Model forOrder = view != null ? view : m;
            attributes.put("optimizer", new OptimizerAttribute(m.optimizer().get(), forOrder.trainableWeights()));
        }
        List<String> names = new ArrayList<>(attributes.keySet());
        names.sort((a, b) -> sortKey(a).compareTo(sortKey(b)));
        for (String n : names) {
            out.add(Map.entry(n, attributes.get(n)));
        }
        return out;
    }

    /** Keras's {@code _name_key}: private attributes ({@code _x}) after all others. */
    private static String sortKey(String name) {
        return name.startsWith("_") ? "~" + name : name;
    }

    private static boolean isContainer(Object v) {
        return v instanceof Collection<?> || v instanceof Map<?, ?> || (v != null && v.getClass().isArray()
                && !v.getClass().getComponentType().isPrimitive());
    }

    /** A collection's items; a map's values (Keras walks {@code dict.values()}); an array's elements. */
    private static List<?> items(Object container) {
        if (container instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (container instanceof Map<?, ?> m) {
            return new ArrayList<>(m.values());
        }
        return java.util.Arrays.asList((Object[]) container);
    }

    private static String join(String path, String child) {
        return path.isEmpty() ? child : path + "/" + child;
    }

    // ---- optimizer slot order --------------------------------------------------------------------------------

    /**
     * For each position of the optimizer's variables in the file, the index in {@code optimizer.variables()}
     * that goes there. Keras builds slots per block of names ({@code momentum, velocity} for Adam, then
     * {@code velocity_hat} for AMSGrad), variable by variable in the order of the model's trainable variables;
     * Strata built them for its own order, which for a subclassed model saved as its graph may differ from the
     * graph's. The variables that are no slot (step counters, the learning rate) stay where they are. If the optimizer was built for other variables
     * than {@code fileOrder}, the order is kept as it is.
     */
    static int[] optimizerOrder(Optimizer optimizer, List<Variable> fileOrder) {
        List<Variable> refs = OptimizerAccess.slotReferences(optimizer);
        int n = refs.size();
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        List<Variable> built = OptimizerAccess.builtFor(optimizer);
        Map<Variable, Integer> builtPos = new IdentityHashMap<>();
        for (int i = 0; i < built.size(); i++) {
            builtPos.put(built.get(i), i);
        }
        Map<Variable, Integer> filePos = new IdentityHashMap<>();
        for (int i = 0; i < fileOrder.size(); i++) {
            filePos.put(fileOrder.get(i), i);
        }
        if (!builtPos.keySet().equals(filePos.keySet())) {
            return identity;
        }
        List<int[]> keys = new ArrayList<>(); // {block, file position, original index}
        List<Integer> slotPositions = new ArrayList<>();
        int block = 0;
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (refs.get(i) == null) { // a counter or the learning rate: stays where it is, and ends a block
                block++;
                last = -1;
                continue;
            }
            Integer b = builtPos.get(refs.get(i));
            if (b == null) {
                return identity;
            }
            if (b < last) {
                block++;
            }
            last = b;
            keys.add(new int[] {block, filePos.get(refs.get(i)), i});
            slotPositions.add(i);
        }
        keys.sort((x, y) -> x[0] != y[0] ? Integer.compare(x[0], y[0])
                : x[1] != y[1] ? Integer.compare(x[1], y[1]) : Integer.compare(x[2], y[2]));
        int[] order = identity.clone();
        for (int k = 0; k < keys.size(); k++) {
            order[slotPositions.get(k)] = keys.get(k)[2];
        }
        return order;
    }
}
