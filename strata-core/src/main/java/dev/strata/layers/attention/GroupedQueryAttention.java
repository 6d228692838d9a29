package dev.strata.layers.attention;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.constraints.Constraint;
import dev.strata.constraints.Constraints;
import dev.strata.initializers.Initializer;
import dev.strata.initializers.Initializers;
import dev.strata.internal.config.KerasClass;
import dev.strata.internal.config.KerasForms;
import dev.strata.layers.KerasCallArguments;
import dev.strata.layers.Layer;
import dev.strata.layers.activations.Softmax;
import dev.strata.layers.core.EinsumDense;
import dev.strata.layers.regularization.Dropout;
import dev.strata.ops.Ops;
import dev.strata.regularizers.Regularizer;
import dev.strata.regularizers.Regularizers;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Grouped-query attention, like {@code keras.layers.GroupQueryAttention} (class {@code GroupedQueryAttention}):
 * {@code num_query_heads} query heads share {@code num_key_value_heads} key and value heads (each key/value head
 * serves {@code num_query_heads / num_key_value_heads} consecutive query heads). Inputs {@code (batch, T, dim)}:
 * {@code [query, value]}, {@code [query, value, key]} or {@code [query, value, key, attention_mask]}; the output
 * has the query's shape.
 *
 * <pre>{@code
 * Tensor y = new GroupedQueryAttention(16, 8, 2).useCausalMask(true).apply(x, x);
 * }</pre>
 *
 * <p>Saved as Keras saves it: class {@code GroupQueryAttention} (its exported name), while its default name and
 * its place in the weights file come from Keras's class name, {@code grouped_query_attention}.
 *
 * <p>Projections, weights and numerics as Keras's: {@link EinsumDense} layers {@code query} ({@code bqm,muh->bquh}),
 * {@code key} and {@code value} ({@code bkm,mvh->bkvh}), {@code attention_output} ({@code bquh,uhm->bqm}); the two
 * numeric paths of {@link MultiHeadAttention}. Keras's call arguments {@code use_causal_mask} and
 * {@code return_attention_scores} are settings of the layer here, saved as Keras's call arguments.
 */
@KerasClass(module = "keras.layers", name = "GroupQueryAttention", aliases = {"GroupedQueryAttention"})
public class GroupedQueryAttention extends Layer implements KerasCallArguments {
    private static final String DOT_PRODUCT = "bquh,bkuh->buqk";
    private static final String COMBINE = "buqk,bkuh->bquh";

    private final int headDim;
    private final int numQueryHeads;
    private final int numKeyValueHeads;
    private double dropout;
    private boolean useBias = true;
    private boolean useGate;
    private Integer slidingWindow;
    private Initializer kernelInitializer = Initializers.get("glorot_uniform");
    private Initializer biasInitializer = Initializers.zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;
    private Long seed;
    private boolean useCausalMask;
    private boolean returnAttentionScores;
    private boolean callArgumentsRead;

    // Sublayers in Keras's build order (the order of its weights). Keras keeps them in private attributes only
    // (_query_dense, ...), the names its weight walk sees, so the fields are named so; _softmax has no weights and
    // is there for that file layout only.
    private EinsumDense _queryDense;
    private EinsumDense _keyDense;
    private EinsumDense _gateDense;
    private EinsumDense _valueDense;
    private Softmax _softmax;
    private Dropout _dropoutLayer;
    private EinsumDense _outputDense;

    /**
     * A layer with heads of size {@code headDim}, {@code numQueryHeads} query heads and {@code numKeyValueHeads}
     * key/value heads.
     *
     * @throws IllegalArgumentException if a size is not positive or the query heads are not a multiple of the
     *                                  key/value heads
     */
    public GroupedQueryAttention(int headDim, int numQueryHeads, int numKeyValueHeads) {
        if (headDim <= 0 || numQueryHeads <= 0 || numKeyValueHeads <= 0) {
            throw new IllegalArgumentException(describe() + ": head_dim, num_query_heads and num_key_value_heads must "
                    + "be positive, got " + headDim + ", " + numQueryHeads + ", " + numKeyValueHeads);
        }
        if (numQueryHeads % numKeyValueHeads != 0) {
            throw new IllegalArgumentException(describe() + ": num_query_heads (" + numQueryHeads + ") must be "
                    + "divisible by num_key_value_heads (" + numKeyValueHeads + ")");
        }
        this.headDim = headDim;
        this.numQueryHeads = numQueryHeads;
        this.numKeyValueHeads = numKeyValueHeads;
    }

    @Override
    public GroupedQueryAttention named(String name) {
        super.named(name);
        return this;
    }

    /** The dropout rate on the attention probabilities in training (default 0). */
    public GroupedQueryAttention dropout(double rate) {
        requireNotBuilt("dropout");
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(describe() + ": dropout must be in [0, 1], got " + rate);
        }
        this.dropout = rate;
        return this;
    }

    /** Whether the projections have biases (default true). */
    public GroupedQueryAttention useBias(boolean useBias) {
        requireNotBuilt("useBias");
        this.useBias = useBias;
        return this;
    }

    /** Keras's {@code use_gate}: a sigmoid gate on each query head's output (default false). */
    public GroupedQueryAttention useGate(boolean useGate) {
        requireNotBuilt("useGate");
        this.useGate = useGate;
        return this;
    }

    /** Keras's {@code sliding_window}: a query attends only to keys less than this many positions away. */
    public GroupedQueryAttention slidingWindow(Integer window) {
        requireNotBuilt("slidingWindow");
        if (window != null && window <= 0) {
            throw new IllegalArgumentException(describe() + ": sliding_window must be None or a positive integer, "
                    + "got " + window);
        }
        this.slidingWindow = window;
        return this;
    }

    /** The projections' kernel initializer (default {@code glorot_uniform}). */
    public GroupedQueryAttention kernelInitializer(Initializer initializer) {
        requireNotBuilt("kernelInitializer");
        this.kernelInitializer = Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    /** The projections' bias initializer (default {@code zeros}). */
    public GroupedQueryAttention biasInitializer(Initializer initializer) {
        requireNotBuilt("biasInitializer");
        this.biasInitializer = Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    /** A penalty on the projections' kernels (null for none). */
    public GroupedQueryAttention kernelRegularizer(Regularizer regularizer) {
        requireNotBuilt("kernelRegularizer");
        this.kernelRegularizer = regularizer;
        return this;
    }

    /** A penalty on the projections' biases (null for none). */
    public GroupedQueryAttention biasRegularizer(Regularizer regularizer) {
        requireNotBuilt("biasRegularizer");
        this.biasRegularizer = regularizer;
        return this;
    }

    /** A constraint on the projections' kernels (null for none). */
    public GroupedQueryAttention kernelConstraint(Constraint constraint) {
        requireNotBuilt("kernelConstraint");
        this.kernelConstraint = constraint;
        return this;
    }

    /** A constraint on the projections' biases (null for none). */
    public GroupedQueryAttention biasConstraint(Constraint constraint) {
        requireNotBuilt("biasConstraint");
        this.biasConstraint = constraint;
        return this;
    }

    /** The seed of the attention dropout. */
    public GroupedQueryAttention seed(Long seed) {
        requireNotBuilt("seed");
        this.seed = seed;
        return this;
    }

    /** Keras's call argument {@code use_causal_mask} (default false). */
    public GroupedQueryAttention useCausalMask(boolean causal) {
        this.useCausalMask = causal;
        return this;
    }

    /** Keras's call argument {@code return_attention_scores}: the probabilities {@code (batch, heads, T, S)}. */
    public GroupedQueryAttention returnAttentionScores(boolean scores) {
        this.returnAttentionScores = scores;
        return this;
    }

    /** Attention of {@code query} to {@code value} (also the key); the output only. */
    public Tensor apply(Tensor query, Tensor value) {
        return single(apply(List.of(query, value)));
    }

    /** Attention with a key and optionally an attention mask ({@code key} null: the value); the output only. */
    public Tensor apply(Tensor query, Tensor value, Tensor key, Tensor attentionMask) {
        Tensor k = key == null ? value : key;
        return single(apply(attentionMask == null ? List.of(query, value, k) : List.of(query, value, k,
                attentionMask)));
    }

    private Tensor single(Tensors out) {
        if (out.size() != 1) {
            throw new IllegalStateException(describe() + " returns its attention scores too; use apply(List)");
        }
        return out.get(0);
    }

    @Override
    protected void build(List<Shape> shapes) {
        validate(shapes);
        Shape query = shapes.get(0);
        Shape value = shapes.get(1);
        Shape key = shapes.size() > 2 ? shapes.get(2) : value;
        _queryDense = projection("bqm,muh->bquh", numQueryHeads, "uh", "query", null);
        _queryDense.buildForSamples(query.subShape(1, 3));
        _keyDense = projection("bkm,mvh->bkvh", numKeyValueHeads, "vh", "key", null);
        _keyDense.buildForSamples(key.subShape(1, 3));
        if (useGate) {
            _gateDense = projection("bqm,muh->bquh", numQueryHeads, "uh", "gate", "sigmoid");
            _gateDense.buildForSamples(query.subShape(1, 3));
        }
        _valueDense = projection("bkm,mvh->bkvh", numKeyValueHeads, "vh", "value", null);
        _valueDense.buildForSamples(value.subShape(1, 3));
        _outputDense = configure(new EinsumDense("bquh,uhm->bqm", Shape.UNKNOWN, query.get(-1))
                .named("attention_output"), useBias ? "m" : null, null);
        _outputDense.buildForSamples(Shape.of(Shape.UNKNOWN, numQueryHeads, headDim));
        _softmax = new Softmax(-1).named("softmax");
        _dropoutLayer = new Dropout(dropout).named("dropout");
        if (seed != null) {
            _dropoutLayer.seed(seed);
        }
    }

    private EinsumDense projection(String equation, int heads, String bias, String name, String activation) {
        return configure(new EinsumDense(equation, Shape.UNKNOWN, heads, headDim).named(name), useBias ? bias : null,
                activation);
    }

    private EinsumDense configure(EinsumDense d, String biasAxes, String activation) {
        d.biasAxes(biasAxes).activation(activation).kernelInitializer(MultiHeadAttention.copy(kernelInitializer))
                .biasInitializer(MultiHeadAttention.copy(biasInitializer)).kernelRegularizer(kernelRegularizer)
                .biasRegularizer(biasRegularizer).kernelConstraint(kernelConstraint).biasConstraint(biasConstraint);
        d.activityRegularizer(activityRegularizer()); // Keras gives it to the projections as well as the layer
        return d;
    }

    private void validate(List<Shape> shapes) {
        if (shapes.size() < 2 || shapes.size() > 4) {
            throw new IllegalArgumentException(describe() + " takes [query, value], [query, value, key] or [query, "
                    + "value, key, attention_mask], got " + shapes.size() + " inputs");
        }
        int n = Math.min(3, shapes.size());
        for (int i = 0; i < n; i++) {
            if (shapes.get(i).rank() != 3) {
                throw new ShapeException(describe() + " expected query, value and key of rank 3 (batch, time, "
                        + "features), but received shapes " + shapes);
            }
        }
        Shape query = shapes.get(0);
        Shape value = shapes.get(1);
        Shape key = shapes.size() > 2 ? shapes.get(2) : value;
        if (query.get(-1) != value.get(-1)) {
            throw new ShapeException(describe() + ": the last dimension of query_shape and value_shape must be "
                    + "equal, but are " + query.get(-1) + ", " + value.get(-1) + ". Received: query_shape=" + query
                    + ", value_shape=" + value);
        }
        if (key.get(1) != value.get(1) && key.get(1) != Shape.UNKNOWN && value.get(1) != Shape.UNKNOWN) {
            throw new ShapeException(describe() + ": all dimensions of value and key, except the last one, must be "
                    + "equal. Received: value_shape=" + value + " and key_shape=" + key);
        }
    }

    @Override
    protected List<Shape> computeOutputShape(List<Shape> shapes) {
        validate(shapes);
        Shape query = shapes.get(0);
        if (!returnAttentionScores) {
            return List.of(query);
        }
        return List.of(query, Shape.of(query.get(0), numQueryHeads, query.get(1), shapes.get(1).get(1)));
    }

    @Override
    protected Tensors call(Tensors inputs) {
        validate(inputs.stream().map(Tensor::shape).toList());
        Tensor query = inputs.get(0);
        Tensor value = inputs.get(1);
        Tensor key = inputs.size() > 2 ? inputs.get(2) : value;
        Tensor explicit = inputs.size() > 3 ? inputs.get(3) : null;
        int t = query.shape().get(1);
        int s = value.shape().get(1);
        Tensor queryMask = AttentionSupport.maskOf(query);
        Tensor valueMask = AttentionSupport.maskOf(value);
        Tensor keyMask = inputs.size() > 2 ? AttentionSupport.maskOf(key) : null;
        query = AttentionSupport.unmasked(query);
        value = AttentionSupport.unmasked(value);
        key = AttentionSupport.unmasked(key);
        boolean causalOnly = useCausalMask && explicit == null && slidingWindow == null && queryMask == null
                && valueMask == null && keyMask == null;
        Tensor mask = null;
        if (!causalOnly) {
            mask = AttentionSupport.inputMasks(queryMask, valueMask, keyMask);
            if (useCausalMask) {
                mask = AttentionSupport.and(mask, AttentionSupport.causalMask(t, s));
            }
            if (slidingWindow != null) {
                mask = AttentionSupport.and(mask, AttentionSupport.slidingWindowMask(t, s, slidingWindow));
            }
            mask = AttentionSupport.and(explicit == null ? null : AttentionSupport.asBool(explicit), mask);
        }
        Tensor gate = useGate ? _gateDense.apply(query) : null;
        Tensor q = _queryDense.apply(query);
        int repeats = numQueryHeads / numKeyValueHeads;
        Tensor k = _keyDense.apply(key);
        Tensor v = _valueDense.apply(value);
        if (repeats > 1) {
            k = Ops.repeat(k, repeats, 2);
            v = Ops.repeat(v, repeats, 2);
        }
        float scale = (float) (1.0 / Math.sqrt(headDim));
        Tensor out;
        Tensor probabilities = null;
        if (dropout == 0 && !returnAttentionScores) { // Keras: jax's dot_product_attention
            Tensor m = causalOnly ? AttentionSupport.causalMask(t, s) : mask;
            m = m == null ? null : Ops.expandDims(m, -3);
            Tensor logits = Ops.multiply(Ops.einsum(DOT_PRODUCT, q, k), scale);
            Tensor p = AttentionSupport.maskedSoftmax(logits, m, 1, AttentionSupport.JAX_LARGE_NEGATIVE, false);
            out = Ops.einsum(COMBINE, p, v);
        } else {
            if (causalOnly) {
                mask = AttentionSupport.causalMask(t, s);
            }
            Tensor scores = Ops.einsum(DOT_PRODUCT, Ops.multiply(q, scale), k);
            probabilities = AttentionSupport.maskedSoftmax(scores, mask == null ? null : Ops.expandDims(mask, -3), 1,
                    AttentionSupport.KERAS_LARGE_NEGATIVE, true);
            Tensor dropped = dropout > 0 ? _dropoutLayer.apply(probabilities) : probabilities;
            out = Ops.einsum(COMBINE, dropped, v);
        }
        if (gate != null) {
            out = Ops.multiply(out, gate);
        }
        out = _outputDense.apply(out);
        return returnAttentionScores ? Tensors.of(out, probabilities) : Tensors.of(out);
    }

    /** The output carries the query's mask; the scores carry none. */
    @Override
    protected List<Tensor> computeMask(Tensors inputs, List<Tensor> previousMasks) {
        return AttentionSupport.queryMaskOnOutput(previousMasks, returnAttentionScores ? 2 : 1);
    }

    // ---- Keras call arguments (as MultiHeadAttention's) -------------------------------------------------------

    @Override
    public List<String> kerasInputKeywords(int inputCount) {
        List<String> out = new ArrayList<>(java.util.Collections.nCopies(Math.min(inputCount, 3), (String) null));
        if (inputCount > 3) {
            out.add("attention_mask");
        }
        return out;
    }

    @Override
    public boolean kerasInputsAsList() {
        return false;
    }

    @Override
    public Map<String, Object> kerasCallKeywords() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (returnAttentionScores) {
            out.put("return_attention_scores", true);
        }
        if (useCausalMask) {
            out.put("use_causal_mask", true);
        }
        return out;
    }

    @Override
    public List<Tensor> readKerasCall(List<Tensor> positional, Map<String, Object> keywords) {
        MultiHeadAttention.CallRead read = MultiHeadAttention.readCall(positional, keywords);
        if (callArgumentsRead && (read.causal() != useCausalMask || read.scores() != returnAttentionScores)) {
            throw new IllegalArgumentException("its calls differ in use_causal_mask or return_attention_scores, "
                    + "which Strata keeps per layer");
        }
        callArgumentsRead = true;
        useCausalMask = read.causal();
        returnAttentionScores = read.scores();
        return read.inputs();
    }

    // ---- configs -----------------------------------------------------------------------------------------------

    @Override
    public Map<String, Object> getBuildConfig() {
        if (!isBuilt()) {
            return null;
        }
        List<Shape> shapes = buildInputShapes();
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("query_shape", KerasForms.shapeList(shapes.get(0)));
        dict.put("value_shape", KerasForms.shapeList(shapes.get(1)));
        if (shapes.size() > 2) {
            dict.put("key_shape", KerasForms.shapeList(shapes.get(2)));
        }
        return new LinkedHashMap<>(Map.of("shapes_dict", dict));
    }

    @Override
    public void buildFromConfig(Config buildConfig) {
        if (buildConfig.raw("shapes_dict") == null) {
            super.buildFromConfig(buildConfig);
            return;
        }
        List<Shape> perSample = MultiHeadAttention.shapesDict(buildConfig, List.of("query_shape", "value_shape",
                "key_shape"));
        if (isBuilt()) {
            return;
        }
        try {
            buildForSamples(perSample.toArray(new Shape[0]));
        } catch (ShapeException | IllegalArgumentException e) {
            throw cannotBuild(buildConfig, perSample, e);
        }
    }

    /** Keras's {@code GroupedQueryAttention.from_config}. */
    public static GroupedQueryAttention fromConfig(Config config) {
        GroupedQueryAttention g = new GroupedQueryAttention(config.requireInt("head_dim"),
                config.requireInt("num_query_heads"), config.requireInt("num_key_value_heads"));
        g.useBias(config.bool("use_bias", true)).useGate(config.bool("use_gate", false))
                .slidingWindow(config.integer("sliding_window", null)).dropout(config.number("dropout", 0));
        Initializer kernel = config.object("kernel_initializer", Initializer.class);
        if (kernel != null) {
            g.kernelInitializer(kernel);
        }
        Initializer bias = config.object("bias_initializer", Initializer.class);
        if (bias != null) {
            g.biasInitializer(bias);
        }
        g.kernelRegularizer(config.object("kernel_regularizer", Regularizer.class));
        g.biasRegularizer(config.object("bias_regularizer", Regularizer.class));
        g.kernelConstraint(config.object("kernel_constraint", Constraint.class));
        g.biasConstraint(config.object("bias_constraint", Constraint.class));
        Integer s = config.integer("seed", null);
        return g.seed(s == null ? null : s.longValue());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.remove("activity_regularizer");
        config.put("head_dim", headDim);
        config.put("num_query_heads", numQueryHeads);
        config.put("num_key_value_heads", numKeyValueHeads);
        config.put("use_bias", useBias);
        config.put("use_gate", useGate);
        config.put("sliding_window", slidingWindow);
        config.put("dropout", dropout);
        config.put("kernel_initializer", Initializers.serialize(kernelInitializer));
        config.put("bias_initializer", Initializers.serialize(biasInitializer));
        config.put("kernel_regularizer", Regularizers.serialize(kernelRegularizer));
        config.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        config.put("activity_regularizer", Regularizers.serialize(activityRegularizer()));
        config.put("kernel_constraint", Constraints.serialize(kernelConstraint));
        config.put("bias_constraint", Constraints.serialize(biasConstraint));
        config.put("seed", seed);
        return config;
    }
}
