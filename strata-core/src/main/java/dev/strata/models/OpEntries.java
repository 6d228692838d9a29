package dev.strata.models;

import dev.strata.config.Config;
import dev.strata.config.KerasConfigException;
import dev.strata.graph.PrimitiveOp;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Param;
import dev.strata.internal.OpSpec.Place;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.OpSpecs;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Ops recorded in a graph (not layers), written as Keras 3 writes a {@code keras.ops} call on symbolic tensors
 * in a Functional model: an entry with {@code "module": "keras.src.ops.numpy"} (or {@code .nn}, {@code .math},
 * {@code .core}), the op class ({@code "Concatenate"}), its config ({@code {"name": ..., "axis": -1}}),
 * {@code "registered_name"} equal to the class, and one inbound node whose {@code args} are the op's positional
 * arguments (tensors as {@code __keras_tensor__}, constants as numbers or {@code __numpy__}) and whose
 * {@code kwargs} are its keyword arguments. Python Keras loads such entries, and so does Strata.
 *
 * <p>Nothing here is specific to one op: each op declares its Keras class, argument layout and typed arguments in
 * its own file (an {@link OpSpec}, found by {@link OpSpecs}), and this writer and reader convert between those typed
 * values and JSON by their declared {@link Type}s.
 */
final class OpEntries {
    private OpEntries() {
    }

    // ---- writing -----------------------------------------------------------------------------------------------

    /** An op entry's parts: module, class, config (name first), positional args and keyword args. */
    record Written(String module, String className, Map<String, Object> config, List<Object> args,
                   Map<String, Object> kwargs) {
    }

    /**
     * The Keras form of {@code op} named {@code name} with its inputs already serialized ({@code inputs}: tensor
     * references or constants, in Strata's order).
     *
     * @throws KerasConfigException if the op has no Keras form, or its arguments have none
     */
    static Written write(PrimitiveOp op, String name, List<Object> inputs, String where) {
        OpSpec spec = OpSpecs.named(op.name()).orElse(null);
        if (spec == null || !spec.hasKerasForm()) {
            throw new KerasConfigException(where + ": the op '" + op.name() + "' has no keras.ops form Strata can "
                    + "write" + (spec == null ? " (no op spec declares it)" : ": " + spec.noKerasFormReason())
                    + ". The ops that save are " + saveableNames() + "; for another computation use a layer (or a "
                    + "Lambda, which Python cannot load)");
        }
        Map<String, Object> recorded = op.config();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        List<Object> positional = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (Param p : spec.params()) {
            switch (p.place()) {
                case CONFIG -> config.put(p.key(), json(recorded.get(p.key())));
                case FIXED, IGNORED -> config.put(p.key(), p.value());
                case TENSOR_KEYWORD -> {
                    // written positionally, with the op's other tensors
                }
                case POSITIONAL -> positional.add(json(recorded.get(p.key())));
                case TENSOR_POSITIONAL -> positional.add(inputs.get((Integer) p.value()));
                case KEYWORD -> kwargs.put(p.key(), json(recorded.get(p.key())));
                case KEYWORDS -> ((Map<?, ?>) recorded.get(p.key())).forEach((k, v) -> kwargs.put((String) k, v));
                case STRATA_ONLY -> {
                    Object v = recorded.get(p.key());
                    if (!p.value().equals(v)) {
                        throw new KerasConfigException(where + ": the op '" + op.name() + "' with " + p.key() + " = "
                                + text(v) + " has no keras.ops form (" + spec.module().path() + "."
                                + spec.kerasClass() + " has no " + p.key() + "); " + p.why());
                    }
                }
            }
        }
        List<Object> args = new ArrayList<>();
        if (spec.layout() == OpSpec.Layout.LIST) {
            args.add(new ArrayList<>(inputs));
        } else if (spec.layout() == OpSpec.Layout.TWO_LISTS) {
            args.add(new ArrayList<>(inputs.subList(0, inputs.size() / 2)));
            args.add(new ArrayList<>(inputs.subList(inputs.size() / 2, inputs.size())));
        } else {
            for (int i = 0; i < inputs.size(); i++) {
                if (!isTensorPositional(spec, i)) { // those are written among the positional arguments, above
                    args.add(spec.isIntegerInput(i) ? integerConstant(inputs.get(i)) : inputs.get(i));
                }
            }
            while (args.size() < spec.tensorArguments()) {
                args.add(null); // an optional tensor the node does not have: None, as Keras writes it
            }
        }
        args.addAll(positional);
        return new Written(spec.module().path(), spec.kerasClass(), config, args, kwargs);
    }

    /** Whether the op's tensor input {@code slot} is a {@link Place#TENSOR_POSITIONAL} argument. */
    private static boolean isTensorPositional(OpSpec spec, int slot) {
        for (Param p : spec.params()) {
            if (p.place() == Place.TENSOR_POSITIONAL && (Integer) p.value() == slot) {
                return true;
            }
        }
        return false;
    }

    /**
     * A constant argument that holds integers (indices) as Keras writes it: {@code __numpy__} with dtype int32 and
     * integer values (Strata holds them as whole floats); a tensor reference or a number is left as it is.
     */
    @SuppressWarnings("unchecked")
    private static Object integerConstant(Object arg) {
        if (!(arg instanceof Map<?, ?> m) || !"__numpy__".equals(m.get("class_name"))) {
            return arg;
        }
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) m.get("config"));
        config.put("value", integers(config.get("value")));
        config.put("dtype", "int32");
        Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) m);
        out.put("config", config);
        return out;
    }

    private static Object integers(Object v) {
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(integers(o));
            }
            return out;
        }
        return v instanceof Number n ? (Object) (long) n.doubleValue() : v;
    }

    /** A recorded value in JSON form: arrays as lists, floats as their shortest decimal. */
    private static Object json(Object v) {
        return switch (v) {
            case int[] a -> ints(a);
            case int[][] rows -> {
                List<Object> out = new ArrayList<>();
                for (int[] r : rows) {
                    out.add(ints(r));
                }
                yield out;
            }
            case Float f -> Double.parseDouble(Float.toString(f));
            case float[] a -> {
                List<Object> out = new ArrayList<>();
                for (float f : a) {
                    out.add(Double.parseDouble(Float.toString(f)));
                }
                yield out;
            }
            case OpSpec.Index index -> {
                List<Object> items = new ArrayList<>();
                for (Object item : index.items()) {
                    items.add(indexItem(item));
                }
                yield index.tuple() ? items : items.getFirst();
            }
            case null, default -> v;
        };
    }

    /** An item of GetItem's key as Keras writes it: a number, null (None), or a __slice__ / __ellipsis__ object. */
    private static Object indexItem(Object item) {
        if (item == OpSpec.Index.NEW_AXIS) {
            return null;
        }
        if (item instanceof OpSpec.Index.Slice(Integer start, Integer stop, Integer step)) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("start", start);
            config.put("stop", stop);
            config.put("step", step);
            Map<String, Object> slice = new LinkedHashMap<>();
            slice.put("class_name", "__slice__");
            slice.put("config", config);
            return slice;
        }
        if (item == OpSpec.Index.ELLIPSIS) {
            Map<String, Object> ellipsis = new LinkedHashMap<>();
            ellipsis.put("class_name", "__ellipsis__");
            ellipsis.put("config", new LinkedHashMap<>());
            return ellipsis;
        }
        return item;
    }

    private static List<Integer> ints(int[] a) {
        List<Integer> out = new ArrayList<>(a.length);
        for (int i : a) {
            out.add(i);
        }
        return out;
    }

    private static String text(Object v) {
        return v instanceof int[] a ? java.util.Arrays.toString(a) : String.valueOf(v);
    }

    private static TreeSet<String> saveableNames() {
        TreeSet<String> names = new TreeSet<>();
        for (OpSpec s : OpSpecs.all()) {
            if (s.hasKerasForm()) {
                names.add(s.name());
            }
        }
        return names;
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    /** Whether a layer entry is a Keras op ({@code keras.src.ops.*} module). */
    static boolean isOpEntry(String module, String className) {
        return module != null && (module.startsWith("keras.src.ops") || module.startsWith("keras.ops"));
    }

    /**
     * Applies the Keras op {@code className} with config {@code config} to a node's positional arguments (tensors,
     * numbers, lists of tensors) and keyword arguments.
     *
     * @throws KerasConfigException for an unknown op, an unsupported config or arguments of the wrong form
     */
    static List<Tensor> apply(String className, Config config, List<Object> args, Map<String, Object> kwargs) {
        OpSpec spec = OpSpecs.forKerasClass(className).orElse(null);
        if (spec == null) {
            TreeSet<String> known = new TreeSet<>();
            OpSpecs.all().stream().filter(OpSpec::hasKerasForm).forEach(s -> known.add(s.kerasClass()));
            throw config.error("the op '" + className + "' is not one Strata can rebuild; known ops: " + known);
        }
        config.ignore("name");
        int tensorArgs = spec.layout() == OpSpec.Layout.VARIADIC ? args.size() : spec.layout().arguments();
        long positionalCount = spec.params().stream().filter(p -> p.place() == Place.POSITIONAL
                || p.place() == Place.TENSOR_POSITIONAL).count();
        if (args.size() != tensorArgs + positionalCount) {
            throw config.error("the op takes " + spec.signature() + ", got " + args.size() + " argument(s)");
        }
        List<Tensor> inputs = new ArrayList<>();
        if (spec.layout() == OpSpec.Layout.TWO_LISTS) {
            if (!(args.get(0) instanceof List<?> first) || !(args.get(1) instanceof List<?> second)
                    || first.size() != second.size()) {
                throw config.error("the op takes " + spec.signature() + ": expected two lists of tensors of one "
                        + "length, got " + Config.describe(args.get(0)) + " and " + Config.describe(args.get(1)));
            }
            for (Object o : first) {
                inputs.add(tensor(o, config));
            }
            for (Object o : second) {
                inputs.add(tensor(o, config));
            }
        } else if (spec.layout() == OpSpec.Layout.LIST) {
            if (!(args.getFirst() instanceof List<?> l)) {
                throw config.error("the op takes " + spec.signature() + ": expected a list of tensors, got "
                        + Config.describe(args.getFirst()));
            }
            for (Object o : l) {
                inputs.add(tensor(o, config));
            }
        } else {
            for (int i = 0; i < tensorArgs; i++) {
                // Keras writes an optional tensor that was not given (batch_normalization's offset) as None
                boolean optional = spec.layout() == OpSpec.Layout.VARIADIC && args.get(i) == null;
                inputs.add(optional ? null : tensor(args.get(i), config));
            }
        }
        for (Param p : spec.params()) {
            if (p.place() == Place.TENSOR_KEYWORD && kwargs.get(p.key()) != null) {
                int slot = (Integer) p.value();
                while (inputs.size() <= slot) {
                    inputs.add(null);
                }
                if (inputs.get(slot) != null) {
                    throw config.error("'" + p.key() + "' is given both by position and by keyword");
                }
                inputs.set(slot, tensor(kwargs.get(p.key()), config));
            }
        }
        boolean anyKeywords = spec.params().stream().anyMatch(p -> p.place() == Place.KEYWORDS);
        Map<String, Integer> otherKeywords = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : kwargs.entrySet()) {
            String k = e.getKey();
            boolean declared = spec.params().stream().anyMatch(p -> (p.place() == Place.KEYWORD
                    || p.place() == Place.TENSOR_KEYWORD) && p.key().equals(k));
            if (!declared && !anyKeywords) {
                throw config.error("unsupported keyword argument '" + k + "'");
            }
            if (!declared) {
                otherKeywords.put(k, config.toInt(e.getValue(), k));
            }
        }
        List<Object> values = new ArrayList<>();
        int nextPositional = tensorArgs;
        for (Param p : spec.params()) {
            switch (p.place()) {
                // a key written as null is None, which an optional argument with a default other than None keeps
                case CONFIG -> values.add(config.has(p.key()) && config.raw(p.key()) == null && p.type().accepts(null)
                        ? null : read(config.raw(p.key()), p, config));
                case POSITIONAL -> values.add(read(args.get(nextPositional++), p, config));
                case TENSOR_POSITIONAL -> {
                    int slot = (Integer) p.value();
                    while (inputs.size() <= slot) {
                        inputs.add(null);
                    }
                    inputs.set(slot, tensor(args.get(nextPositional++), config));
                }
                case KEYWORD -> values.add(read(kwargs.get(p.key()), p, config));
                case KEYWORDS -> values.add(java.util.Collections.unmodifiableMap(otherKeywords));
                case STRATA_ONLY -> values.add(p.value());
                case FIXED -> config.requireDefault(p.key(), p.value(), p.why());
                case IGNORED -> config.ignore(p.key());
                case TENSOR_KEYWORD -> {
                    // a tensor input, placed above
                }
            }
        }
        config.finish();
        try {
            return spec.rebuild(inputs, spec.args(values.toArray()));
        } catch (UnsupportedOperationException e) {
            throw config.error(e.getMessage());
        } catch (KerasConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            // the op's own check (a shape error, a bad argument): the config does not fit the op's inputs
            throw new KerasConfigException(config.where() + ": " + spec.kerasClass() + " with this config does not "
                    + "apply to its inputs: " + e.getMessage(), e);
        }
    }

    /** A JSON value (null if absent) as the typed value {@code p} declares, or its default. */
    private static Object read(Object v, Param p, Config c) {
        String key = p.key();
        if (v == null) {
            if (p.required()) {
                throw c.error("missing '" + key + "'");
            }
            return p.value();
        }
        return switch (p.type()) {
            case INT, OPTIONAL_INT -> c.toInt(v, key);
            case FLOAT, OPTIONAL_FLOAT -> (float) c.toDouble(v, key);
            case BOOL -> {
                if (!(v instanceof Boolean b)) {
                    throw c.error("'" + key + "' must be true or false, got " + Config.describe(v));
                }
                yield b;
            }
            case STRING, OPTIONAL_STRING -> {
                if (!(v instanceof String s)) {
                    throw c.error("'" + key + "' must be a string, got " + Config.describe(v));
                }
                yield s;
            }
            case INTS, OPTIONAL_INTS -> v instanceof Number ? new int[] {c.toInt(v, key)} : intList(v, key, c);
            case INT_OR_INTS, OPTIONAL_INT_OR_INTS -> v instanceof Number ? (Object) c.toInt(v, key)
                    : intList(v, key, c);
            case NAMED_INTS -> throw c.error("'" + key + "' is read from the call's keyword arguments");
            case NUMBER_OR_STRING -> {
                if (v instanceof String str) {
                    yield str;
                }
                double d = c.toDouble(v, key);
                yield d == Math.rint(d) && Math.abs(d) < 1 << 24 ? (Object) (int) d : (Object) (float) d;
            }
            case FLOATS, OPTIONAL_FLOATS -> {
                if (v instanceof Number) {
                    yield new float[] {(float) c.toDouble(v, key)};
                }
                if (!(v instanceof List<?> l)) {
                    throw c.error("'" + key + "' must be " + p.type().description() + ", got " + Config.describe(v));
                }
                float[] out = new float[l.size()];
                for (int i = 0; i < out.length; i++) {
                    if (l.get(i) == null) {
                        throw c.error("'" + key + "' must hold numbers, got " + Config.describe(v));
                    }
                    out[i] = (float) c.toDouble(l.get(i), key);
                }
                yield out;
            }
            case INDEX -> {
                if (v instanceof List<?> l) {
                    List<Object> items = new ArrayList<>();
                    for (Object o : l) {
                        items.add(indexItem(o, key, c));
                    }
                    yield new OpSpec.Index(items, true);
                }
                yield new OpSpec.Index(List.of(indexItem(v, key, c)), false);
            }
            case INT_PAIRS -> {
                if (!(v instanceof List<?> rows)) {
                    throw c.error("'" + key + "' must be " + p.type().description() + ", got " + Config.describe(v));
                }
                int[][] out = new int[rows.size()][];
                for (int i = 0; i < out.length; i++) {
                    if (!(rows.get(i) instanceof List<?> r) || r.size() != 2) {
                        throw c.error("'" + key + "' must be " + p.type().description() + ", got "
                                + Config.describe(v));
                    }
                    out[i] = new int[] {c.toInt(r.get(0), key), c.toInt(r.get(1), key)};
                }
                yield out;
            }
        };
    }

    /** One item of GetItem's key as the graph reader gives it (null for None). */
    private static Object indexItem(Object o, String key, Config c) {
        if (o == null) {
            return OpSpec.Index.NEW_AXIS;
        }
        if (o instanceof Number) {
            return c.toInt(o, key);
        }
        if (o instanceof OpSpec.Index.Slice || o == OpSpec.Index.ELLIPSIS) {
            return o;
        }
        throw c.error("'" + key + "' holds " + Config.describe(o) + ", which Strata does not take as an index "
                + "(integers, slices, None and Ellipsis only; not tensors or booleans)");
    }

    private static int[] intList(Object v, String key, Config c) {
        if (!(v instanceof List<?> l)) {
            throw c.error("'" + key + "' must be an integer or a list of integers, got " + Config.describe(v));
        }
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (l.get(i) == null) {
                throw c.error("'" + key + "' must hold integers, got " + Config.describe(v));
            }
            out[i] = c.toInt(l.get(i), key);
        }
        return out;
    }

    private static Tensor tensor(Object o, Config config) {
        if (o instanceof Tensor t) {
            return t;
        }
        if (o instanceof Number n) {
            return Tensor.scalar(n.floatValue());
        }
        if (o instanceof List<?>) {
            return config.toTensor(o, "argument");
        }
        throw config.error("expected a tensor argument, got " + Config.describe(o));
    }

    /** Keras's {@code shape} of a symbolic tensor: dimensions with null for unknown. */
    static List<Object> shapeList(Shape s) {
        List<Object> dims = new ArrayList<>();
        for (int d : s.toArray()) {
            dims.add(d == Shape.UNKNOWN ? null : d);
        }
        return dims;
    }
}
