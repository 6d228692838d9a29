package dev.strata.internal;

import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An op's identity for graphs and for Keras, declared once, as a {@code static final} field of the op's own class:
 * its name in Strata's graphs ({@code "sum"}), the Keras class it is saved as ({@code keras.src.ops.numpy.Sum}), how
 * its tensor inputs sit in Keras's positional arguments, its other arguments as typed values under Keras's config
 * keys (with Keras's defaults), keys Keras writes that Strata takes only at one value (and why), and how to rebuild
 * the op from those typed values. An op with no Keras form says so, with the reason, instead.
 *
 * <pre>{@code
 * static final OpSpec SPEC = OpSpec.op("sum").numpy("Sum")
 *         .config("axis", Type.OPTIONAL_INTS).config("keepdims", Type.BOOL, false)
 *         .rebuild((in, args) -> apply(in.get(0), args.ints("axis"), args.bool("keepdims")));
 * }</pre>
 *
 * <p>An op records its arguments as typed values ({@link #args(Object...)}, in declaration order) when it is given
 * symbolic inputs; nothing here runs on concrete tensors. Saving's generic writer and reader are driven by these
 * specs (found by {@link OpSpecs}, without a list), so a new op is saved and loaded by declaring its spec. Nothing
 * here depends on a config format: the reader validates and converts JSON values with the declared {@link Type}s.
 */
public final class OpSpec {
    /** The Keras module an op class lives in. */
    public enum Module {
        /** {@code keras.src.ops.numpy}. */
        NUMPY("keras.src.ops.numpy"),
        /** {@code keras.src.ops.nn}. */
        NN("keras.src.ops.nn"),
        /** {@code keras.src.ops.math}. */
        MATH("keras.src.ops.math"),
        /** {@code keras.src.ops.core}. */
        CORE("keras.src.ops.core"),
        /** {@code keras.src.ops.image}. */
        IMAGE("keras.src.ops.image"),
        /** {@code keras.src.ops.linalg}. */
        LINALG("keras.src.ops.linalg"),
        /** {@code keras.src.ops.einops}. */
        EINOPS("keras.src.ops.einops");

        private final String path;

        Module(String path) {
            this.path = path;
        }

        /** The module as Keras writes it in a config, e.g. {@code "keras.src.ops.numpy"}. */
        public String path() {
            return path;
        }
    }

    /** How the op's tensor inputs sit in Keras's positional arguments (before any {@link Place#POSITIONAL} ones). */
    public enum Layout {
        /** {@code op(x)}. */
        UNARY(1, "x"),
        /** {@code op(x1, x2)}, one of which may be a constant. */
        BINARY(2, "x1, x2"),
        /** {@code op(condition, x1, x2)}. */
        TERNARY(3, "condition, x1, x2"),
        /** {@code op([x1, x2, ...])}: one positional argument holding the list. */
        LIST(1, "[x1, x2, ...]"),
        /**
         * {@code op([x1, ..., xn], [y1, ..., yn])}: two positional lists of the same length (select's condlist and
         * choicelist); the op's inputs are the first list, then the second.
         */
        TWO_LISTS(2, "[x1, x2, ...], [y1, y2, ...]"),
        /** {@code op(*operands)}: every positional argument is a tensor (einsum); no positional options. */
        VARIADIC(-1, "*operands");

        private final int arguments;
        private final String signature;

        Layout(int arguments, String signature) {
            this.arguments = arguments;
            this.signature = signature;
        }

        /** How many positional arguments the tensors take (a list is one; -1: any number, {@link #VARIADIC}). */
        public int arguments() {
            return arguments;
        }

        /** The tensor arguments as Keras's signature names them, e.g. {@code "x1, x2"}. */
        public String signature() {
            return signature;
        }
    }

    /** The type of a non-tensor argument: what an op records and what the reader converts JSON to. */
    public enum Type {
        /** An {@code Integer}. */
        INT("an integer"),
        /** An {@code Integer} or null (Keras's None). */
        OPTIONAL_INT("an integer or None"),
        /** A {@code Float} (written as the shortest decimal of the float). */
        FLOAT("a number"),
        /** A {@code Float} or null (Keras's None, e.g. nan_to_num's {@code posinf}). */
        OPTIONAL_FLOAT("a number or None"),
        /** A {@code Boolean}. */
        BOOL("true or false"),
        /** A {@code String}. */
        STRING("a string"),
        /** A {@code String} or null (Keras's None, e.g. stft's {@code window}, convert_to_tensor's {@code dtype}). */
        OPTIONAL_STRING("a string or None"),
        /** An {@code int[]}; in JSON a list (a lone integer reads as a list of one). */
        INTS("an integer or a list of integers"),
        /** An {@code int[]} or null (Keras's None, e.g. "all axes"). */
        OPTIONAL_INTS("an integer, a list of integers or None"),
        /** An {@code Integer} or an {@code int[]} (numpy's {@code indices_or_sections}). */
        INT_OR_INTS("an integer or a list of integers"),
        /** An {@code Integer}, an {@code int[]} or null (numpy's {@code axis} of flip and roll: one, several, all). */
        OPTIONAL_INT_OR_INTS("an integer, a list of integers or None"),
        /** An {@code int[][]} of {@code [before, after]} pairs (numpy's {@code pad_width}). */
        INT_PAIRS("a list of [before, after] pairs"),
        /** A {@code Map<String, Integer>}, names to integers (rearrange's {@code **axes_lengths}). */
        NAMED_INTS("a mapping of names to integers"),
        /**
         * A number (an {@code Integer} when whole, as Python writes {@code 2}; else a {@code Float}, infinities
         * included), a {@code String}, or null (Keras's None): norm's {@code ord}.
         */
        NUMBER_OR_STRING("a number, a string or None"),
        /** A {@code float[]}; in JSON a list (a lone number reads as a list of one): gaussian_blur's {@code sigma}. */
        FLOATS("a number or a list of numbers"),
        /** A {@code float[]} or null (Keras's None): histogram's {@code range}. */
        OPTIONAL_FLOATS("a list of numbers or None"),
        /** An {@link Index}: Python's key of {@code x[key]} (GetItem's), integers, slices, None and Ellipsis. */
        INDEX("an index: an integer, a slice, None, Ellipsis, or a list of them");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        /** What a value of this type is, for messages: "an integer or None". */
        public String description() {
            return description;
        }

        /** Whether {@code v} is a recorded value of this type. */
        public boolean accepts(Object v) {
            return switch (this) {
                case INT -> v instanceof Integer;
                case OPTIONAL_INT -> v == null || v instanceof Integer;
                case FLOAT -> v instanceof Float;
                case OPTIONAL_FLOAT -> v == null || v instanceof Float;
                case BOOL -> v instanceof Boolean;
                case STRING -> v instanceof String;
                case OPTIONAL_STRING -> v == null || v instanceof String;
                case INTS -> v instanceof int[];
                case OPTIONAL_INTS -> v == null || v instanceof int[];
                case INT_OR_INTS -> v instanceof Integer || v instanceof int[];
                case OPTIONAL_INT_OR_INTS -> v == null || v instanceof Integer || v instanceof int[];
                case INT_PAIRS -> v instanceof int[][] pairs && Arrays.stream(pairs).allMatch(p -> p != null
                        && p.length == 2);
                case NAMED_INTS -> v instanceof Map<?, ?> m && m.entrySet().stream().allMatch(e
                        -> e.getKey() instanceof String && e.getValue() instanceof Integer);
                case NUMBER_OR_STRING -> v == null || v instanceof Integer || v instanceof Float || v instanceof String;
                case FLOATS -> v instanceof float[];
                case OPTIONAL_FLOATS -> v == null || v instanceof float[];
                case INDEX -> v instanceof Index;
            };
        }
    }

    /**
     * Python's key of {@code x[key]}, as Keras's GetItem saves it: one item, or a tuple of items, each an
     * {@code Integer}, a {@link Slice}, {@link #NEW_AXIS} (None) or {@link #ELLIPSIS}.
     *
     * @param items the items in order
     * @param tuple whether the key is a tuple (a list in JSON) rather than one item
     */
    public record Index(List<Object> items, boolean tuple) {
        /** Python's {@code None} in a key: a new axis of size 1. */
        public static final Object NEW_AXIS = new Object() {
            @Override
            public String toString() {
                return "None";
            }
        };
        /** Python's {@code ...} in a key: as many full slices as the axes the other items leave. */
        public static final Object ELLIPSIS = new Object() {
            @Override
            public String toString() {
                return "...";
            }
        };

        /**
         * Python's {@code start:stop:step}, each null when left out.
         *
         * @param start the first index (null: from the start, or the end for a negative step)
         * @param stop the index before which to stop (null: to the end)
         * @param step the stride (null: 1)
         */
        public record Slice(Integer start, Integer stop, Integer step) {
            @Override
            public String toString() {
                return (start == null ? "" : start) + ":" + (stop == null ? "" : stop)
                        + (step == null ? "" : ":" + step);
            }
        }

        public Index {
            items = java.util.Collections.unmodifiableList(new ArrayList<>(items));
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (Object o : items) {
                sb.append(sb.isEmpty() ? "" : ", ").append(o);
            }
            return tuple ? "[" + sb + "]" : sb.toString();
        }
    }

    /** Where an argument goes in Keras's form of the op. */
    public enum Place {
        /** A key of the op's config ({@code axis}). */
        CONFIG,
        /** A positional argument after the tensors (slice's {@code start_indices}). */
        POSITIONAL,
        /** A keyword argument of the call (pad's {@code constant_values}). */
        KEYWORD,
        /**
         * The call's other keyword arguments, each an entry of one recorded {@link Type#NAMED_INTS} mapping
         * (rearrange's {@code **axes_lengths}).
         */
        KEYWORDS,
        /**
         * Recorded by Strata but absent from Keras's op (matmul's {@code transpose_a}): saved only when it has the
         * value Keras's op implies, which is also its value when read.
         */
        STRATA_ONLY,
        /**
         * A config key Keras writes that Strata takes only at one value (absent or null also do), e.g. Max's
         * {@code initial}.
         */
        FIXED,
        /** A config key Keras writes whose value Strata accepts and ignores (one_hot's {@code dtype}). */
        IGNORED,
        /**
         * A keyword argument of Keras's call that holds a tensor or None (rms_normalization's {@code scale},
         * dot_product_attention's {@code bias} and {@code mask}): read into the op's tensor inputs at the slot its
         * {@link Param#value()} gives (Keras's positional index of that argument; None: null). Strata writes the
         * op's tensors positionally, which Keras's {@code call} accepts too. Not recorded.
         */
        TENSOR_KEYWORD,
        /**
         * A positional argument of Keras's call, after a {@link #POSITIONAL} one, that holds a tensor
         * (scale_and_translate's {@code scale} and {@code translation}, after {@code output_shape}): the op's tensor
         * input at the slot its {@link Param#value()} gives, written at its place among the positional arguments; a
         * list or number there is read as a constant tensor. Not recorded.
         */
        TENSOR_POSITIONAL
    }

    /**
     * One non-tensor argument.
     *
     * @param key Keras's name for it (its config key, or its keyword)
     * @param type its type (null for {@link Place#FIXED} and {@link Place#IGNORED}, which hold a JSON value)
     * @param place where it goes in Keras's form
     * @param value the default when absent from a config ({@link Place#CONFIG}, {@link Place#KEYWORD}); the value
     *     Keras implies ({@link Place#STRATA_ONLY}); the value written ({@link Place#FIXED}, {@link Place#IGNORED})
     * @param required whether a config must give it (no default)
     * @param why for {@link Place#FIXED}, {@link Place#IGNORED} and {@link Place#STRATA_ONLY}: the reason, or what
     *     to do instead
     */
    public record Param(String key, Type type, Place place, Object value, boolean required, String why) {
        /** Whether the op records this argument (fixed and ignored keys are Keras's alone). */
        public boolean isRecorded() {
            return place != Place.FIXED && place != Place.IGNORED && place != Place.TENSOR_KEYWORD
                    && place != Place.TENSOR_POSITIONAL;
        }
    }

    /** Builds the op's outputs from its tensor inputs (in Strata's order) and its typed arguments. */
    @FunctionalInterface
    public interface Rebuild {
        /**
         * The op applied to {@code inputs} with {@code args}.
         *
         * @throws UnsupportedOperationException (see {@link #unsupported}) for a Keras form Strata does not compute
         */
        List<Tensor> apply(List<Tensor> inputs, Args args);
    }

    /** {@link Rebuild} for an op with one output. */
    @FunctionalInterface
    public interface RebuildOne {
        /** The op applied to {@code inputs} with {@code args}. */
        Tensor apply(List<Tensor> inputs, Args args);
    }

    private final String name;
    private final Module module;
    private final String kerasClass;
    private final Layout layout;
    private final List<Param> params;
    private final List<Param> recorded;
    private final Rebuild rebuild;
    private final String noKerasForm;
    private final Args noArgs;
    private final java.util.Set<Integer> integerInputs;
    private final int tensorArguments;

    private OpSpec(Builder b, Rebuild rebuild, String noKerasForm) {
        this.name = b.name;
        this.module = b.module;
        this.kerasClass = b.kerasClass;
        this.layout = b.layout;
        this.params = List.copyOf(b.params);
        this.recorded = params.stream().filter(Param::isRecorded).toList();
        this.rebuild = rebuild;
        this.noKerasForm = noKerasForm;
        this.noArgs = recorded.isEmpty() ? new Args(this, new Object[0]) : null;
        this.integerInputs = java.util.Set.copyOf(b.integerInputs);
        this.tensorArguments = b.tensorArguments;
    }

    /** Starts the spec of the op named {@code name} in Strata's graphs ({@code keras.ops}'s function name). */
    public static Builder op(String name) {
        return new Builder(name);
    }

    /**
     * What a {@link Rebuild} throws for a Keras form of the op that Strata does not compute (the reader reports it
     * with where it is in the config).
     */
    public static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(what);
    }

    /** The op's name in graphs, summaries and saved files ({@code "sum"}). */
    public String name() {
        return name;
    }

    /** Whether the op has a Keras form, so graphs that use it can be saved. */
    public boolean hasKerasForm() {
        return noKerasForm == null;
    }

    /** Why the op has no Keras form (null if it has one). */
    public String noKerasFormReason() {
        return noKerasForm;
    }

    /** The Keras module of the op's class (null without a Keras form). */
    public Module module() {
        return module;
    }

    /** The Keras class, e.g. {@code "Sum"} (null without a Keras form). */
    public String kerasClass() {
        return kerasClass;
    }

    /** How the tensor inputs sit in Keras's positional arguments. */
    public Layout layout() {
        return layout;
    }

    /**
     * How many positional tensor arguments Keras's call of a {@link Layout#VARIADIC} op requires (its
     * {@code compute_output_spec} takes optional ones without defaults, as batch_normalization's offset and scale):
     * a node with fewer inputs is written with None for the rest. 0: as many as the node has.
     */
    public int tensorArguments() {
        return tensorArguments;
    }

    /** Every declared argument and key, in declaration order (the order of a written config). */
    public List<Param> params() {
        return params;
    }

    /** The arguments the op records, in the order {@link #args(Object...)} takes them. */
    public List<Param> recordedParams() {
        return recorded;
    }

    /**
     * Whether tensor input {@code i} (in Keras's positional order) holds integers, as scatter's indices: a constant
     * there is written with Keras's dtype {@code int32}, which JAX's indexing requires.
     */
    public boolean isIntegerInput(int i) {
        return integerInputs.contains(i);
    }

    /** Keras's call signature, for messages: {@code "Slice(x, start_indices)"}. */
    public String signature() {
        StringBuilder sb = new StringBuilder(kerasClass == null ? name : kerasClass).append('(')
                .append(layout.signature());
        for (Param p : params) {
            if (p.place() == Place.POSITIONAL || p.place() == Place.TENSOR_POSITIONAL) {
                sb.append(", ").append(p.key());
            }
        }
        return sb.append(')').toString();
    }

    /**
     * The op's recorded arguments: one value per {@linkplain #recordedParams() recorded argument}, in declaration
     * order, each of its declared type.
     *
     * @throws IllegalArgumentException if the count or a type is wrong (a mistake in the op's code)
     */
    public Args args(Object... values) {
        if (values.length == 0 && noArgs != null) {
            return noArgs;
        }
        if (values.length != recorded.size()) {
            throw new IllegalArgumentException("op '" + name + "' records " + recorded.size() + " argument(s) "
                    + recorded.stream().map(Param::key).toList() + ", got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            Param p = recorded.get(i);
            if (!p.type().accepts(values[i])) {
                throw new IllegalArgumentException("op '" + name + "': argument '" + p.key() + "' must be "
                        + p.type().description() + ", got " + Args.text(values[i]));
            }
        }
        return new Args(this, values.clone());
    }

    /**
     * The op applied to {@code inputs} with {@code args} (read from a saved config).
     *
     * @throws IllegalStateException if the op has no Keras form
     * @throws UnsupportedOperationException for a Keras form Strata does not compute
     */
    public List<Tensor> rebuild(List<Tensor> inputs, Args args) {
        if (rebuild == null) {
            throw new IllegalStateException("op '" + name + "' has no Keras form to rebuild: " + noKerasForm);
        }
        return rebuild.apply(inputs, args);
    }

    @Override
    public String toString() {
        return hasKerasForm() ? name + " (" + module.path() + "." + kerasClass + ")" : name + " (no Keras form)";
    }

    /** Collects a spec's parts; ends with {@link #rebuild} or {@link #noKerasForm}. */
    public static final class Builder {
        private final String name;
        private Module module;
        private String kerasClass;
        private Layout layout = Layout.UNARY;
        private final List<Param> params = new ArrayList<>();
        private final java.util.Set<Integer> integerInputs = new java.util.TreeSet<>();
        private int tensorArguments;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name);
        }

        /** The Keras class the op is saved as: {@code keras(Module.NUMPY, "Sum")}. */
        public Builder keras(Module kerasModule, String className) {
            this.module = Objects.requireNonNull(kerasModule);
            this.kerasClass = Objects.requireNonNull(className);
            return this;
        }

        /** Saved as {@code keras.src.ops.numpy.<className>}. */
        public Builder numpy(String className) {
            return keras(Module.NUMPY, className);
        }

        /** Saved as {@code keras.src.ops.nn.<className>}. */
        public Builder nn(String className) {
            return keras(Module.NN, className);
        }

        /** Saved as {@code keras.src.ops.math.<className>}. */
        public Builder math(String className) {
            return keras(Module.MATH, className);
        }

        /** Saved as {@code keras.src.ops.core.<className>}. */
        public Builder core(String className) {
            return keras(Module.CORE, className);
        }

        /** The tensor inputs are {@code (x1, x2)}. */
        public Builder binary() {
            return layout(Layout.BINARY);
        }

        /** The tensor inputs are {@code (condition, x1, x2)}. */
        public Builder ternary() {
            return layout(Layout.TERNARY);
        }

        /** The tensor inputs are one list, {@code ([x1, x2, ...])}. */
        public Builder list() {
            return layout(Layout.LIST);
        }

        /** The tensor inputs are two lists of one length, {@code ([x1, ...], [y1, ...])}. */
        public Builder twoLists() {
            return layout(Layout.TWO_LISTS);
        }

        /** The tensors are all of the positional arguments, {@code op(*operands)}. */
        public Builder variadic() {
            return layout(Layout.VARIADIC);
        }

        /**
         * The tensor inputs at these positions hold integers (indices): constants there are saved as int32, as
         * Keras's JAX backend needs them for indexing.
         */
        public Builder integerInputs(int... positions) {
            for (int p : positions) {
                integerInputs.add(p);
            }
            return this;
        }

        /**
         * The tensors are Keras's first {@code count} positional arguments, the trailing ones optional: written as
         * None when the node lacks them ({@link #tensorArguments()}).
         */
        public Builder variadic(int count) {
            this.tensorArguments = count;
            return layout(Layout.VARIADIC);
        }

        private Builder layout(Layout l) {
            this.layout = l;
            return this;
        }

        /**
         * A config key with no default: a config must give it (for the optional types, absent means None).
         */
        public Builder config(String key, Type type) {
            boolean optional = type.accepts(null); // the types that hold None, so no list here to keep in step
            return add(new Param(key, type, Place.CONFIG, null, !optional, null));
        }

        /** A config key with Keras's default {@code value} (a value of {@code type}). */
        public Builder config(String key, Type type, Object value) {
            requireType(key, type, value);
            return add(new Param(key, type, Place.CONFIG, value, false, null));
        }

        /** A required positional argument after the tensors (slice's {@code start_indices}). */
        public Builder positional(String key, Type type) {
            return add(new Param(key, type, Place.POSITIONAL, null, true, null));
        }

        /**
         * The call's keyword arguments not declared otherwise, recorded as one {@link Type#NAMED_INTS} mapping under
         * {@code key} (Python's {@code **key}; empty by default).
         */
        public Builder keywords(String key) {
            return add(new Param(key, Type.NAMED_INTS, Place.KEYWORDS, Map.of(), false, null));
        }

        /** A keyword argument of the call, with Keras's default {@code value}. */
        public Builder keyword(String key, Type type, Object value) {
            requireType(key, type, value);
            return add(new Param(key, type, Place.KEYWORD, value, false, null));
        }

        /**
         * Keyword arguments of Keras's call that hold tensors or None ({@link Place#TENSOR_KEYWORD}), which are
         * Keras's positional arguments {@code firstSlot}, {@code firstSlot + 1}, ... of the call.
         */
        public Builder tensorKeywords(int firstSlot, String... keys) {
            for (int i = 0; i < keys.length; i++) {
                add(new Param(keys[i], null, Place.TENSOR_KEYWORD, firstSlot + i, false, null));
            }
            return this;
        }

        /**
         * Positional arguments of Keras's call that hold tensors ({@link Place#TENSOR_POSITIONAL}), at this point
         * among the positional arguments: the op's tensor inputs {@code firstSlot}, {@code firstSlot + 1}, ...
         */
        public Builder tensorPositionals(int firstSlot, String... keys) {
            for (int i = 0; i < keys.length; i++) {
                add(new Param(keys[i], null, Place.TENSOR_POSITIONAL, firstSlot + i, true, null));
            }
            return this;
        }

        /**
         * An argument Keras's op lacks: saved only when it equals {@code kerasValue} (what Keras's op does), and that
         * value when read; {@code howToSave} tells the user what to do otherwise.
         */
        public Builder strataOnly(String key, Type type, Object kerasValue, String howToSave) {
            requireType(key, type, kerasValue);
            return add(new Param(key, type, Place.STRATA_ONLY, kerasValue, false, howToSave));
        }

        /**
         * A config key Keras writes that Strata takes only at {@code value} (absent and null also read): written as
         * {@code value}; another value fails to load, with {@code why}.
         */
        public Builder fixed(String key, Object value, String why) {
            return add(new Param(key, null, Place.FIXED, value, false, why));
        }

        /** A config key Keras writes that Strata ignores ({@code why}): written as {@code value}, read as anything. */
        public Builder ignored(String key, Object value, String why) {
            return add(new Param(key, null, Place.IGNORED, value, false, why));
        }

        private Builder add(Param p) {
            for (Param q : params) {
                if (q.key().equals(p.key())) {
                    throw new IllegalArgumentException("op '" + name + "' declares '" + p.key() + "' twice");
                }
            }
            params.add(p);
            return this;
        }

        private void requireType(String key, Type type, Object value) {
            if (!type.accepts(value)) {
                throw new IllegalArgumentException("op '" + name + "': the value of '" + key + "' must be "
                        + type.description() + ", got " + Args.text(value));
            }
        }

        /** Ends a spec with a Keras form: how to rebuild the op (one output) from its typed arguments. */
        public OpSpec rebuild(RebuildOne rebuild) {
            Objects.requireNonNull(rebuild);
            return rebuildAll((in, a) -> List.of(rebuild.apply(in, a)));
        }

        /** Ends a spec with a Keras form: how to rebuild the op (any number of outputs) from its typed arguments. */
        public OpSpec rebuildAll(Rebuild rebuild) {
            if (kerasClass == null) {
                throw new IllegalStateException("op '" + name + "' rebuilds from a Keras form but names no Keras "
                        + "class: call keras(module, className) first");
            }
            return new OpSpec(this, Objects.requireNonNull(rebuild), null);
        }

        /**
         * Ends the spec of an op that has no Keras form, so a graph that uses it cannot be saved; {@code reason}
         * says why (which Keras op is missing, and what to use instead).
         */
        public OpSpec noKerasForm(String reason) {
            if (kerasClass != null) {
                throw new IllegalStateException("op '" + name + "' names Keras class " + kerasClass
                        + " but declares no Keras form");
            }
            for (Param p : params) {
                if (p.place() != Place.CONFIG) {
                    throw new IllegalStateException("op '" + name + "' has no Keras form, so '" + p.key()
                            + "' can only be a recorded (config) argument");
                }
            }
            return new OpSpec(this, null, Objects.requireNonNull(reason));
        }
    }

    /**
     * An op's recorded arguments: typed values in the spec's order, read by key. Immutable (arrays are never
     * written after recording; {@link #asMap()} hands out copies).
     */
    public static final class Args {
        private final OpSpec spec;
        private final Object[] values;

        private Args(OpSpec spec, Object[] values) {
            this.spec = spec;
            this.values = values;
        }

        /** The spec these arguments belong to. */
        public OpSpec spec() {
            return spec;
        }

        /** The value of {@code key} as recorded (arrays not copied; do not change them). */
        public Object value(String key) {
            List<Param> ps = spec.recorded;
            for (int i = 0; i < ps.size(); i++) {
                if (ps.get(i).key().equals(key)) {
                    return values[i];
                }
            }
            throw new IllegalArgumentException("op '" + spec.name + "' has no argument '" + key + "'; it records "
                    + ps.stream().map(Param::key).toList());
        }

        /** An {@link Type#INT} argument. */
        public int integer(String key) {
            return (Integer) value(key);
        }

        /** An {@link Type#OPTIONAL_INT} argument (null for None). */
        public Integer optionalInt(String key) {
            return (Integer) value(key);
        }

        /** A {@link Type#FLOAT} argument. */
        public float number(String key) {
            return (Float) value(key);
        }

        /** An {@link Type#OPTIONAL_FLOAT} argument (null for None). */
        public Float optionalNumber(String key) {
            return (Float) value(key);
        }

        /** A {@link Type#BOOL} argument. */
        public boolean bool(String key) {
            return (Boolean) value(key);
        }

        /** A {@link Type#STRING} or {@link Type#OPTIONAL_STRING} argument (null for None). */
        public String string(String key) {
            return (String) value(key);
        }

        /** An {@link Type#INTS} or {@link Type#OPTIONAL_INTS} argument (null for None). */
        public int[] ints(String key) {
            return (int[]) value(key);
        }

        /** A {@link Type#NAMED_INTS} argument (unmodifiable). */
        @SuppressWarnings("unchecked")
        public Map<String, Integer> namedInts(String key) {
            return (Map<String, Integer>) value(key);
        }

        /** A {@link Type#FLOATS} or {@link Type#OPTIONAL_FLOATS} argument (null for None). */
        public float[] floats(String key) {
            return (float[]) value(key);
        }

        /** An {@link Type#INT_PAIRS} argument. */
        public int[][] pairs(String key) {
            return (int[][]) value(key);
        }

        /** The arguments by key, in declaration order, arrays copied. */
        public Map<String, Object> asMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v instanceof int[] a) {
                    v = a.clone();
                } else if (v instanceof float[] a) {
                    v = a.clone();
                } else if (v instanceof int[][] a) {
                    int[][] copy = new int[a.length][];
                    Arrays.setAll(copy, j -> a[j].clone());
                    v = copy;
                } else if (v instanceof Map<?, ?> m) {
                    v = new LinkedHashMap<>(m);
                }
                out.put(spec.recorded.get(i).key(), v);
            }
            return out;
        }

        /** {@code {axis=[1], keepdims=false}}. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < values.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(spec.recorded.get(i).key()).append('=').append(text(values[i]));
            }
            return sb.append('}').toString();
        }

        static String text(Object v) {
            if (v instanceof int[] a) {
                return Arrays.toString(a);
            }
            if (v instanceof float[] a) {
                return Arrays.toString(a);
            }
            if (v instanceof int[][] a) {
                return Arrays.deepToString(a);
            }
            return v == null ? "None" : v instanceof String s ? "'" + s + "'" : String.valueOf(v);
        }
    }
}
