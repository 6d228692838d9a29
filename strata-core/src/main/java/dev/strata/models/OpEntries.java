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
                case KEYWORD -> kwargs.put(p.key(), json(recorded.get(p.key())));
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
        } else {
            args.addAll(inputs);
            while (args.size() < spec.tensorArguments()) {
                args.add(null); // an optional tensor the node does not have: None, as Keras writes it
            }
        }
        args.addAll(positional);
        return new Written(spec.module().path(), spec.kerasClass(), config, args, kwargs);
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
            case null, default -> v;
        };
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
        long positionalCount = spec.params().stream().filter(p -> p.place() == Place.POSITIONAL).count();
        if (args.size() != tensorArgs + positionalCount) {
            throw config.error("the op takes " + spec.signature() + ", got " + args.size() + " argument(s)");
        }
        List<Tensor> inputs = new ArrayList<>();
        if (spec.layout() == OpSpec.Layout.LIST) {
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
        for (String k : kwargs.keySet()) {
            boolean declared = spec.params().stream().anyMatch(p -> (p.place() == Place.KEYWORD
                    || p.place() == Place.TENSOR_KEYWORD) && p.key().equals(k));
            if (!declared) {
                throw config.error("unsupported keyword argument '" + k + "'");
            }
        }
        List<Object> values = new ArrayList<>();
        int nextPositional = tensorArgs;
        for (Param p : spec.params()) {
            switch (p.place()) {
                case CONFIG -> values.add(read(config.raw(p.key()), p, config));
                case POSITIONAL -> values.add(read(args.get(nextPositional++), p, config));
                case KEYWORD -> values.add(read(kwargs.get(p.key()), p, config));
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
            case STRING -> {
                if (!(v instanceof String s)) {
                    throw c.error("'" + key + "' must be a string, got " + Config.describe(v));
                }
                yield s;
            }
            case INTS, OPTIONAL_INTS -> v instanceof Number ? new int[] {c.toInt(v, key)} : intList(v, key, c);
            case INT_OR_INTS -> v instanceof Number ? (Object) c.toInt(v, key) : intList(v, key, c);
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
