package dev.strata.saving;

import dev.strata.config.Config;
import dev.strata.config.KerasConfigException;
import dev.strata.graph.PrimitiveOp;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Ops recorded in a graph (not layers), written as Keras 3 writes a {@code keras.ops} call on symbolic tensors
 * in a Functional model: an entry with {@code "module": "keras.src.ops.numpy"} (or {@code .nn}, {@code .math},
 * {@code .core}), the op class ({@code "Concatenate"}), its config ({@code {"name": ..., "axis": -1}}),
 * {@code "registered_name"} equal to the class, and one inbound node whose {@code args} are the op's positional
 * arguments: tensors as {@code __keras_tensor__}, constants as numbers or {@code __numpy__}. Python Keras loads such
 * entries, and so does Strata, for the ops in this table.
 */
final class OpConfigs {
    /** How an op's tensor inputs sit in Keras's positional arguments. */
    private enum Layout {
        /** {@code op(x)}. */
        UNARY,
        /** {@code op(x1, x2)}, one of which may be a constant. */
        BINARY,
        /** {@code op(condition, x1, x2)}. */
        TERNARY,
        /** {@code op([x1, x2, ...])}. */
        LIST,
        /** {@code op(x, start_indices)}: Keras's {@code slice}. */
        SLICE
    }

    /**
     * One op: Strata's name, Keras's module and class, the layout, how to turn Strata's recorded config into Keras's
     * (without {@code name}), and how to apply the op from Keras's config to tensors.
     */
    private record Spec(String strata, String module, String keras, Layout layout,
                        Function<Map<String, Object>, Map<String, Object>> toKeras, Builder build) {
    }

    @FunctionalInterface
    private interface Builder {
        List<Tensor> apply(Config config, List<Tensor> inputs, Map<String, Object> kwargs);
    }

    private static final String NUMPY = "keras.src.ops.numpy";
    private static final String NN = "keras.src.ops.nn";
    private static final String MATH = "keras.src.ops.math";
    private static final String CORE = "keras.src.ops.core";

    private static final Map<String, Spec> BY_STRATA = new HashMap<>();
    private static final Map<String, Spec> BY_KERAS = new HashMap<>();

    static {
        binary("add", "Add", Ops::add);
        binary("subtract", "Subtract", Ops::subtract);
        binary("multiply", "Multiply", Ops::multiply);
        binary("divide", "Divide", Ops::divide);
        binary("maximum", "Maximum", Ops::maximum);
        binary("minimum", "Minimum", Ops::minimum);
        binary("power", "Power", Ops::power);
        binary("equal", "Equal", Ops::equal);
        binary("not_equal", "NotEqual", Ops::notEqual);
        binary("greater", "Greater", Ops::greater);
        binary("greater_equal", "GreaterEqual", Ops::greaterEqual);
        binary("less", "Less", Ops::less);
        binary("less_equal", "LessEqual", Ops::lessEqual);
        binary("dot", "Dot", Ops::dot);
        add(new Spec("matmul", NUMPY, "Matmul", Layout.BINARY, c -> {
            if (Boolean.TRUE.equals(c.get("transpose_a")) || Boolean.TRUE.equals(c.get("transpose_b"))) {
                throw new KerasConfigException("matmul with transpose_a/transpose_b has no keras.ops form; transpose "
                        + "the operand with Ops.transpose before Ops.matmul to save the model");
            }
            return new LinkedHashMap<>();
        }, (c, in, kw) -> one(Ops.matmul(in.get(0), in.get(1)))));
        unary("abs", NUMPY, "Absolute", Ops::abs);
        unary("exp", NUMPY, "Exp", Ops::exp);
        unary("log", NUMPY, "Log", Ops::log);
        unary("log1p", NUMPY, "Log1p", Ops::log1p);
        unary("negative", NUMPY, "Negative", Ops::negative);
        unary("sqrt", NUMPY, "Sqrt", Ops::sqrt);
        unary("square", NUMPY, "Square", Ops::square);
        unary("sign", NUMPY, "Sign", Ops::sign);
        unary("tanh", NUMPY, "Tanh", Ops::tanh);
        unary("rsqrt", MATH, "Rsqrt", Ops::rsqrt);
        unary("erf", MATH, "Erf", Ops::erf);
        unary("relu", NN, "Relu", Ops::relu);
        unary("relu6", NN, "Relu6", Ops::relu6);
        unary("sigmoid", NN, "Sigmoid", Ops::sigmoid);
        unary("softplus", NN, "Softplus", Ops::softplus);
        unary("softsign", NN, "Softsign", Ops::softsign);
        unary("silu", NN, "Silu", Ops::silu);
        unary("selu", NN, "Selu", Ops::selu);
        unary("hard_sigmoid", NN, "HardSigmoid", Ops::hardSigmoid);
        unary("stop_gradient", CORE, "StopGradient", Ops::stopGradient);
        add(new Spec("elu", NN, "Elu", Layout.UNARY, c -> config("alpha", number(c.get("alpha"))),
                (c, in, kw) -> one(Ops.elu(in.get(0), (float) c.number("alpha", 1.0)))));
        add(new Spec("leaky_relu", NN, "LeakyRelu", Layout.UNARY,
                c -> config("negative_slope", number(c.get("negative_slope"))),
                (c, in, kw) -> one(Ops.leakyRelu(in.get(0), (float) c.number("negative_slope", 0.2)))));
        add(new Spec("gelu", NN, "Gelu", Layout.UNARY, c -> config("approximate", c.get("approximate")),
                (c, in, kw) -> one(Ops.gelu(in.get(0), c.bool("approximate", true)))));
        add(new Spec("softmax", NN, "Softmax", Layout.UNARY, c -> config("axis", c.get("axis")),
                (c, in, kw) -> one(Ops.softmax(in.get(0), c.integer("axis", -1)))));
        add(new Spec("log_softmax", NN, "LogSoftmax", Layout.UNARY, c -> config("axis", c.get("axis")),
                (c, in, kw) -> one(Ops.logSoftmax(in.get(0), c.integer("axis", -1)))));
        add(new Spec("clip", NUMPY, "Clip", Layout.UNARY, c -> {
            Map<String, Object> m = config("x_min", number(c.get("x_min")));
            m.put("x_max", number(c.get("x_max")));
            return m;
        }, (c, in, kw) -> one(Ops.clip(in.get(0), (float) c.number("x_min", Double.NaN),
                (float) c.number("x_max", Double.NaN)))));
        add(new Spec("concatenate", NUMPY, "Concatenate", Layout.LIST, c -> config("axis", c.get("axis")),
                (c, in, kw) -> one(Ops.concatenate(in, c.integer("axis", 0)))));
        add(new Spec("stack", NUMPY, "Stack", Layout.LIST, c -> config("axis", c.get("axis")),
                (c, in, kw) -> one(Ops.stack(in, c.integer("axis", 0)))));
        add(new Spec("reshape", NUMPY, "Reshape", Layout.UNARY, c -> config("newshape", ints(c.get("shape"))),
                (c, in, kw) -> one(Ops.reshape(in.get(0), required(c, "newshape")))));
        add(new Spec("transpose", NUMPY, "Transpose", Layout.UNARY, c -> config("axes", ints(c.get("axes"))),
                (c, in, kw) -> {
                    int[] axes = c.ints("axes");
                    return one(axes == null ? Ops.transpose(in.get(0)) : Ops.transpose(in.get(0), axes));
                }));
        add(new Spec("expand_dims", NUMPY, "ExpandDims", Layout.UNARY, c -> config("axis", c.get("axis")),
                (c, in, kw) -> one(Ops.expandDims(in.get(0), c.requireInt("axis")))));
        add(new Spec("squeeze", NUMPY, "Squeeze", Layout.UNARY, c -> config("axis", ints(c.get("axis"))),
                (c, in, kw) -> {
                    int[] axes = c.ints("axis");
                    return one(axes == null ? Ops.squeeze(in.get(0)) : Ops.squeeze(in.get(0), axes));
                }));
        reduction("sum", NUMPY, "Sum", Ops::sum);
        reduction("mean", NUMPY, "Mean", Ops::mean);
        reduction("max", NUMPY, "Max", Ops::max);
        reduction("min", NUMPY, "Min", Ops::min);
        reduction("prod", NUMPY, "Prod", Ops::prod);
        reduction("std", NUMPY, "Std", Ops::std);
        reduction("var", NUMPY, "Var", Ops::variance);
        reduction("logsumexp", MATH, "Logsumexp", Ops::logsumexp);
        arg("argmax", "Argmax", true);
        arg("argmin", "Argmin", false);
        add(new Spec("tile", NUMPY, "Tile", Layout.UNARY, c -> config("repeats", ints(c.get("repeats"))),
                (c, in, kw) -> one(Ops.tile(in.get(0), required(c, "repeats")))));
        add(new Spec("repeat", NUMPY, "Repeat", Layout.UNARY, c -> {
            Map<String, Object> m = config("repeats", c.get("repeats"));
            m.put("axis", c.get("axis"));
            return m;
        }, (c, in, kw) -> {
            int repeats = c.requireInt("repeats");
            Integer axis = c.integer("axis", null);
            return one(axis == null ? Ops.repeat(in.get(0), repeats) : Ops.repeat(in.get(0), repeats, axis));
        }));
        add(new Spec("take", NUMPY, "Take", Layout.BINARY, c -> config("axis", c.get("axis")),
                (c, in, kw) -> {
                    Integer axis = c.integer("axis", null);
                    if (axis == null) {
                        throw c.error("take without an axis (over the flattened input) is not supported");
                    }
                    return one(Ops.take(in.get(0), in.get(1), axis));
                }));
        add(new Spec("where", NUMPY, "Where", Layout.TERNARY, c -> new LinkedHashMap<>(),
                (c, in, kw) -> one(Ops.where(in.get(0), in.get(1), in.get(2)))));
        add(new Spec("one_hot", NN, "OneHot", Layout.UNARY, c -> {
            Map<String, Object> m = config("num_classes", c.get("num_classes"));
            m.put("axis", -1);
            m.put("dtype", "float32");
            m.put("sparse", false);
            return m;
        }, (c, in, kw) -> {
            c.requireDefault("axis", -1, "Strata's one_hot adds the last axis");
            c.ignore("dtype");
            c.requireDefault("sparse", false, "Strata has no sparse tensors");
            return one(Ops.oneHot(in.get(0), c.requireInt("num_classes")));
        }));
        add(new Spec("split", NUMPY, "Split", Layout.UNARY, c -> {
            Object s = c.get("indices_or_sections");
            Map<String, Object> m = config("indices_or_sections", s instanceof String ? ints(s) : s);
            m.put("axis", c.get("axis"));
            return m;
        }, (c, in, kw) -> {
            Object s = c.raw("indices_or_sections");
            int axis = c.integer("axis", 0);
            if (s instanceof Number) {
                return Ops.split(in.get(0), c.toInt(s, "indices_or_sections"), axis);
            }
            return Ops.split(in.get(0), c.ints("indices_or_sections"), axis);
        }));
        add(new Spec("pad", NUMPY, "Pad", Layout.UNARY, c -> {
            Map<String, Object> m = config("pad_width", nestedInts(c.get("pad_width")));
            m.put("mode", "constant");
            return m;
        }, (c, in, kw) -> {
            c.requireDefault("mode", "constant", "Strata pads with a constant");
            List<Object> rows = c.list("pad_width");
            if (rows == null) {
                throw c.error("missing 'pad_width'");
            }
            int[][] width = new int[rows.size()][];
            for (int i = 0; i < width.length; i++) {
                if (!(rows.get(i) instanceof List<?> r) || r.size() != 2) {
                    throw c.error("'pad_width' must be a list of [before, after] pairs");
                }
                width[i] = new int[] {c.toInt(r.get(0), "pad_width"), c.toInt(r.get(1), "pad_width")};
            }
            Object value = kw.get("constant_values");
            return one(Ops.pad(in.get(0), width, value == null ? 0f : (float) c.toDouble(value, "constant_values")));
        }));
        add(new Spec("slice", CORE, "Slice", Layout.SLICE, c -> config("shape", ints(c.get("shape"))),
                (c, in, kw) -> {
                    throw new IllegalStateException("slice is built by its own path");
                }));
    }

    private OpConfigs() {
    }

    private static void add(Spec s) {
        BY_STRATA.put(s.strata(), s);
        BY_KERAS.put(s.keras(), s);
    }

    private static void unary(String strata, String module, String keras, Function<Tensor, Tensor> f) {
        add(new Spec(strata, module, keras, Layout.UNARY, c -> new LinkedHashMap<>(),
                (c, in, kw) -> one(f.apply(in.get(0)))));
    }

    private static void binary(String strata, String keras, java.util.function.BinaryOperator<Tensor> f) {
        add(new Spec(strata, NUMPY, keras, Layout.BINARY, c -> new LinkedHashMap<>(),
                (c, in, kw) -> one(f.apply(in.get(0), in.get(1)))));
    }

    @FunctionalInterface
    private interface Reduce {
        Tensor apply(Tensor x, int[] axes, boolean keepDims);
    }

    private static void reduction(String strata, String module, String keras, Reduce f) {
        add(new Spec(strata, module, keras, Layout.UNARY, c -> {
            Map<String, Object> m = config("axis", ints(c.get("axis")));
            m.put("keepdims", c.get("keepdims"));
            if (keras.equals("Max") || keras.equals("Min")) {
                m.put("initial", null);
            }
            if (keras.equals("Prod")) {
                m.put("dtype", null);
            }
            return m;
        }, (c, in, kw) -> {
            c.requireDefault("initial", null, "Strata's max/min take no initial value");
            c.requireDefault("dtype", null, "Strata computes in float32");
            return one(f.apply(in.get(0), c.ints("axis"), c.bool("keepdims", false)));
        }));
    }

    private static void arg(String strata, String keras, boolean max) {
        add(new Spec(strata, NUMPY, keras, Layout.UNARY, c -> {
            Object a = c.get("axis");
            Map<String, Object> m = config("axis", a == null || "None".equals(a) ? null : Integer.valueOf(a.toString()));
            m.put("keepdims", c.get("keepdims"));
            return m;
        }, (c, in, kw) -> {
            Integer axis = c.integer("axis", null);
            boolean keep = c.bool("keepdims", false);
            Tensor x = in.get(0);
            if (axis == null) {
                if (keep) {
                    throw c.error("keepdims without an axis is not supported");
                }
                return one(max ? Ops.argmax(x) : Ops.argmin(x));
            }
            return one(max ? Ops.argmax(x, axis, keep) : Ops.argmin(x, axis, keep));
        }));
    }

    private static List<Tensor> one(Tensor t) {
        return List.of(t);
    }

    private static Map<String, Object> config(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }

    private static Object number(Object v) {
        return v instanceof Float f ? Double.parseDouble(Float.toString(f)) : v;
    }

    /** Strata records int arrays as text ({@code "[0, 2, 1]"}); Keras wants a list (or null for "None"). */
    private static Object ints(Object v) {
        if (v == null || "None".equals(v)) {
            return null;
        }
        if (v instanceof int[] a) {
            List<Integer> out = new ArrayList<>();
            for (int i : a) {
                out.add(i);
            }
            return out;
        }
        if (v instanceof String s) {
            String body = s.trim();
            if (body.startsWith("[") && body.endsWith("]")) {
                body = body.substring(1, body.length() - 1).trim();
                List<Integer> out = new ArrayList<>();
                if (!body.isEmpty()) {
                    for (String part : body.split(",")) {
                        out.add(Integer.parseInt(part.trim()));
                    }
                }
                return out;
            }
            return Integer.parseInt(body);
        }
        return v;
    }

    /** {@code "[[0, 0], [1, 1]]"} as nested lists. */
    private static Object nestedInts(Object v) {
        if (!(v instanceof String s)) {
            return v;
        }
        List<Object> rows = new ArrayList<>();
        String body = s.trim();
        body = body.substring(1, body.length() - 1).trim();
        int depth = 0;
        int start = -1;
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (ch == '[') {
                if (depth++ == 0) {
                    start = i;
                }
            } else if (ch == ']' && --depth == 0) {
                rows.add(ints(body.substring(start, i + 1)));
            }
        }
        return rows;
    }

    private static int[] required(Config c, String key) {
        int[] v = c.ints(key);
        if (v == null) {
            throw c.error("missing '" + key + "'");
        }
        return v;
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
     * @throws KerasConfigException if the op has no Keras form
     */
    static Written write(PrimitiveOp op, String name, List<Object> inputs, String where) {
        Spec spec = BY_STRATA.get(op.name());
        if (spec == null) {
            throw new KerasConfigException(where + ": the op '" + op.name() + "' has no keras.ops form Strata can "
                    + "write; the ops that save are " + new java.util.TreeSet<>(BY_STRATA.keySet())
                    + ". Use a layer (or a Lambda, which Python cannot load) for this computation");
        }
        Map<String, Object> recorded = op.config();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        try {
            config.putAll(spec.toKeras().apply(recorded));
        } catch (RuntimeException e) {
            if (e instanceof KerasConfigException k) {
                throw new KerasConfigException(where + ": " + k.getMessage(), k);
            }
            throw new KerasConfigException(where + ": cannot write op '" + op.name() + "' with config " + recorded
                    + ": " + e.getMessage(), e);
        }
        List<Object> args = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        switch (spec.layout()) {
            case LIST -> args.add(new ArrayList<>(inputs));
            case SLICE -> {
                args.add(inputs.getFirst());
                args.add(ints(recorded.get("start_indices")));
            }
            default -> args.addAll(inputs);
        }
        if (spec.strata().equals("pad")) {
            kwargs.put("constant_values", number(recorded.get("constant_values")));
        }
        return new Written(spec.module(), spec.keras(), config, args, kwargs);
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    /** Whether a layer entry is a Keras op ({@code keras.src.ops.*} module, or an op class this table knows). */
    static boolean isOpEntry(String module, String className) {
        return module != null && (module.startsWith("keras.src.ops") || module.startsWith("keras.ops"));
    }

    /** Whether Strata can rebuild ops of this Keras class. */
    static boolean isKnownOp(String className) {
        return BY_KERAS.containsKey(className);
    }

    /**
     * Applies the Keras op {@code className} with config {@code config} to a node's positional arguments (tensors,
     * numbers, lists of tensors) and keyword arguments.
     *
     * @throws KerasConfigException for an unknown op, an unsupported config or arguments of the wrong form
     */
    static List<Tensor> apply(String className, Config config, List<Object> args, Map<String, Object> kwargs) {
        Spec spec = BY_KERAS.get(className);
        if (spec == null) {
            throw config.error("the op '" + className + "' is not one Strata can rebuild; known ops: "
                    + new java.util.TreeSet<>(BY_KERAS.keySet()));
        }
        config.ignore("name");
        List<Tensor> inputs = new ArrayList<>();
        switch (spec.layout()) {
            case LIST -> {
                if (args.size() != 1 || !(args.getFirst() instanceof List<?> l)) {
                    throw config.error("expected one list of tensors as arguments, got " + args.size() + " arguments");
                }
                for (Object o : l) {
                    inputs.add(tensor(o, config));
                }
            }
            case SLICE -> {
                if (args.size() != 2) {
                    throw config.error("slice takes (x, start_indices), got " + args.size() + " arguments");
                }
                int[] size = required(config, "shape");
                int[] start = new int[size.length];
                if (!(args.get(1) instanceof List<?> l) || l.size() != size.length) {
                    throw config.error("slice: start_indices must be a list of " + size.length + " integers");
                }
                for (int i = 0; i < start.length; i++) {
                    start[i] = config.toInt(l.get(i), "start_indices");
                }
                Set<String> allowedKw = Set.of();
                checkKwargs(kwargs, allowedKw, config);
                config.finish();
                return List.of(Ops.slice(tensor(args.getFirst(), config), start, size));
            }
            default -> {
                int expected = spec.layout() == Layout.UNARY ? 1 : spec.layout() == Layout.BINARY ? 2 : 3;
                if (args.size() != expected) {
                    throw config.error("expected " + expected + " argument(s), got " + args.size());
                }
                for (Object o : args) {
                    inputs.add(tensor(o, config));
                }
            }
        }
        checkKwargs(kwargs, spec.strata().equals("pad") ? Set.of("constant_values") : Set.of(), config);
        List<Tensor> out = spec.build().apply(config, inputs, kwargs);
        config.finish();
        return out;
    }

    private static void checkKwargs(Map<String, Object> kwargs, Set<String> allowed, Config config) {
        for (String k : kwargs.keySet()) {
            if (!allowed.contains(k)) {
                throw config.error("unsupported keyword argument '" + k + "'");
            }
        }
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
