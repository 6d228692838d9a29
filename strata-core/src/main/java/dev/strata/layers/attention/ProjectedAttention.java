package dev.strata.layers.attention;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.constraints.Constraint;
import dev.strata.constraints.Constraints;
import dev.strata.initializers.Initializer;
import dev.strata.initializers.Initializers;
import dev.strata.internal.config.KerasForms;
import dev.strata.layers.KerasCallArguments;
import dev.strata.layers.Layer;
import dev.strata.layers.core.EinsumDense;
import dev.strata.layers.regularization.Dropout;
import dev.strata.ops.Ops;
import dev.strata.regularizers.Regularizer;
import dev.strata.regularizers.Regularizers;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link MultiHeadAttention} and {@link GroupedQueryAttention} share, as Keras writes the two classes alike
 * (Keras has no common base; each Keras class keeps its own file, arguments and config here too): the options of the
 * {@link EinsumDense} projections and of the attention, their fluent setters, the call (masks, gate, projections,
 * output projection) around Keras's two numeric paths of {@code _compute_attention}, Keras's call arguments, the
 * {@code shapes_dict} build config and the config keys both write. What differs (the heads, the projections'
 * equations, the attention axes, where the activity regularizer goes) is each subclass's.
 *
 * @param <L> the concrete layer, so that the fluent setters return it
 */
abstract class ProjectedAttention<L extends ProjectedAttention<L>> extends Layer implements KerasCallArguments {
    double dropout;
    boolean useBias = true;
    boolean useGate;
    Integer slidingWindow;
    Initializer kernelInitializer = Initializers.get("glorot_uniform");
    Initializer biasInitializer = Initializers.zeros();
    Regularizer kernelRegularizer;
    Regularizer biasRegularizer;
    Constraint kernelConstraint;
    Constraint biasConstraint;
    Long seed;
    boolean useCausalMask;
    boolean returnAttentionScores;
    private boolean callArgumentsRead;

    ProjectedAttention() {
    }

    @SuppressWarnings("unchecked")
    private L self() {
        return (L) this;
    }

    @Override
    public L named(String name) {
        super.named(name);
        return self();
    }

    /** The dropout rate on the attention probabilities in training (default 0). */
    public L dropout(double rate) {
        requireNotBuilt("dropout");
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(describe() + ": dropout must be in [0, 1], got " + rate);
        }
        this.dropout = rate;
        return self();
    }

    /** Whether the projections have biases (default true). */
    public L useBias(boolean useBias) {
        requireNotBuilt("useBias");
        this.useBias = useBias;
        return self();
    }

    /**
     * Keras's {@code use_gate}: a sigmoid gate (a projection of the query, layer {@code gate}) multiplies each
     * head's output before the output projection (default false).
     */
    public L useGate(boolean useGate) {
        requireNotBuilt("useGate");
        this.useGate = useGate;
        return self();
    }

    /** Keras's {@code sliding_window}: a query attends only to keys less than this many positions away. */
    public L slidingWindow(Integer window) {
        requireNotBuilt("slidingWindow");
        if (window != null && window <= 0) {
            throw new IllegalArgumentException(describe() + ": sliding_window must be None or a positive integer, "
                    + "got " + window);
        }
        this.slidingWindow = window;
        return self();
    }

    /** The projections' kernel initializer (default {@code glorot_uniform}). */
    public L kernelInitializer(Initializer initializer) {
        requireNotBuilt("kernelInitializer");
        this.kernelInitializer = Objects.requireNonNull(initializer, "initializer");
        return self();
    }

    /** The projections' bias initializer (default {@code zeros}). */
    public L biasInitializer(Initializer initializer) {
        requireNotBuilt("biasInitializer");
        this.biasInitializer = Objects.requireNonNull(initializer, "initializer");
        return self();
    }

    /** A penalty on the projections' kernels (null for none). */
    public L kernelRegularizer(Regularizer regularizer) {
        requireNotBuilt("kernelRegularizer");
        this.kernelRegularizer = regularizer;
        return self();
    }

    /** A penalty on the projections' biases (null for none). */
    public L biasRegularizer(Regularizer regularizer) {
        requireNotBuilt("biasRegularizer");
        this.biasRegularizer = regularizer;
        return self();
    }

    /** A constraint on the projections' kernels (null for none). */
    public L kernelConstraint(Constraint constraint) {
        requireNotBuilt("kernelConstraint");
        this.kernelConstraint = constraint;
        return self();
    }

    /** A constraint on the projections' biases (null for none). */
    public L biasConstraint(Constraint constraint) {
        requireNotBuilt("biasConstraint");
        this.biasConstraint = constraint;
        return self();
    }

    /** The seed of the attention dropout (Keras's {@code seed}). */
    public L seed(Long seed) {
        requireNotBuilt("seed");
        this.seed = seed;
        return self();
    }

    /**
     * Keras's call argument {@code use_causal_mask}: each query position attends only to key positions at or
     * before it (default false).
     */
    public L useCausalMask(boolean causal) {
        this.useCausalMask = causal;
        return self();
    }

    /**
     * Keras's call argument {@code return_attention_scores}: the layer returns the attention probabilities
     * {@code (batch, heads, T, S)} as a second output (default false).
     */
    public L returnAttentionScores(boolean scores) {
        this.returnAttentionScores = scores;
        return self();
    }

    // ---- what each layer says ----------------------------------------------------------------------------------

    /** Checks the inputs of a call (count, ranks, an explicit mask's shape) before anything is computed. */
    abstract void checkCall(Tensors inputs);

    /** The projected query, key and value, as {@link #attend} takes them. */
    abstract Tensor[] project(Tensor query, Tensor key, Tensor value);

    /** The attention logits of projected queries and keys (Keras's dot-product einsum, in its operand order). */
    abstract Tensor logits(Tensor q, Tensor k);

    /** The probabilities applied to the projected values (Keras's combine einsum). */
    abstract Tensor combine(Tensor probabilities, Tensor v);

    /** A 0/1 mask expanded (Keras's way for this layer) to broadcast against logits of this rank; null stays null. */
    abstract Tensor expandMask(Tensor mask, int rank);

    /** How many trailing axes of the logits the softmax runs over (the attention axes). */
    abstract int attentionAxisCount();

    /** The query/key head size (the logits are scaled by its inverse square root). */
    abstract int queryKeyHeadSize();

    /** The regularizer of the projections' outputs (Keras's {@code activity_regularizer}), or null. */
    abstract Regularizer projectionActivityRegularizer();

    /** The gate projection (null without {@code use_gate}). */
    abstract EinsumDense gateProjection();

    /** The output projection. */
    abstract EinsumDense outputProjection();

    /** The dropout layer on the attention probabilities. */
    abstract Dropout probabilityDropout();

    // ---- building ----------------------------------------------------------------------------------------------

    final void checkInputCount(int n) {
        if (n < 2 || n > 4) {
            throw new IllegalArgumentException(describe() + " takes [query, value], [query, value, key] or [query, "
                    + "value, key, attention_mask], got " + n + " inputs");
        }
    }

    /** An {@link EinsumDense} projection with this layer's initializers, regularizers and constraints. */
    final EinsumDense configure(EinsumDense d, String biasAxes, String activation) {
        d.biasAxes(biasAxes).activation(activation).kernelInitializer(copy(kernelInitializer))
                .biasInitializer(copy(biasInitializer)).kernelRegularizer(kernelRegularizer)
                .biasRegularizer(biasRegularizer).kernelConstraint(kernelConstraint).biasConstraint(biasConstraint);
        d.activityRegularizer(projectionActivityRegularizer());
        return d;
    }

    /** A fresh initializer from this one's config, as Keras gives each projection its own. */
    static Initializer copy(Initializer i) {
        return Initializers.deserialize(Initializers.serialize(i));
    }

    /** The dropout layer of the attention probabilities, seeded as the layer is. */
    final Dropout newDropoutLayer() {
        Dropout d = new Dropout(dropout).named("dropout");
        if (seed != null) {
            d.seed(seed);
        }
        return d;
    }

    // ---- calling -----------------------------------------------------------------------------------------------

    /** Attention of {@code query} to {@code value} (also the key); the output only. */
    public Tensor apply(Tensor query, Tensor value) {
        return single(apply(List.of(query, value)));
    }

    /**
     * Attention with an explicit mask (1 where a query position may attend to a key position; {@code key} null
     * means the value; {@code attentionMask} null means none); the output only.
     */
    public Tensor apply(Tensor query, Tensor value, Tensor key, Tensor attentionMask) {
        Tensor k = key == null ? value : key;
        return single(apply(attentionMask == null ? List.of(query, value, k) : List.of(query, value, k,
                attentionMask)));
    }

    final Tensor single(Tensors out) {
        if (out.size() != 1) {
            throw new IllegalStateException(describe() + " returns its attention scores too; use apply(List) for "
                    + "both outputs");
        }
        return out.get(0);
    }

    @Override
    protected Tensors call(Tensors inputs) {
        checkCall(inputs);
        Tensor query = inputs.get(0);
        Tensor value = inputs.get(1);
        Tensor key = inputs.size() > 2 ? inputs.get(2) : value;
        Tensor explicit = inputs.size() > 3 ? inputs.get(3) : null;
        int t = query.shape().get(1);
        int s = value.shape().get(1);
        // Keras: the query's mask, and the value's and key's masks (its value_mask and key_mask call arguments,
        // filled from the inputs' masks); the key only when one is given
        Tensor queryMask = AttentionSupport.maskOf(query);
        Tensor valueMask = AttentionSupport.maskOf(value);
        Tensor keyMask = inputs.size() > 2 ? AttentionSupport.maskOf(key) : null;
        query = AttentionSupport.unmasked(query);
        value = AttentionSupport.unmasked(value);
        key = AttentionSupport.unmasked(key);
        boolean causalOnly = useCausalMask && explicit == null && slidingWindow == null && queryMask == null
                && valueMask == null && keyMask == null;
        Tensor mask = causalOnly ? null : attentionMask(t, s, explicit, queryMask, valueMask, keyMask);
        Tensor gate = useGate ? gateProjection().apply(query) : null;
        Tensor[] qkv = project(query, key, value);
        Tensor[] attended = attend(qkv[0], qkv[1], qkv[2], mask, causalOnly, t, s);
        Tensor out = attended[0];
        if (gate != null) {
            out = Ops.multiply(out, gate);
        }
        out = outputProjection().apply(out);
        return returnAttentionScores ? Tensors.of(out, attended[1]) : Tensors.of(out);
    }

    /**
     * Keras's {@code _compute_attention_mask}, as a 0/1 tensor (null: none): the inputs' masks, the causal and
     * sliding-window masks and the explicit mask, anded in Keras's order.
     */
    final Tensor attentionMask(int t, int s, Tensor explicit, Tensor queryMask, Tensor valueMask, Tensor keyMask) {
        Tensor mask = AttentionSupport.inputMasks(queryMask, valueMask, keyMask);
        if (useCausalMask) {
            mask = AttentionSupport.and(mask, AttentionSupport.causalMask(t, s));
        }
        if (slidingWindow != null) {
            mask = AttentionSupport.and(mask, AttentionSupport.slidingWindowMask(t, s, slidingWindow));
        }
        return AttentionSupport.and(explicit == null ? null : AttentionSupport.asBool(explicit), mask);
    }

    /**
     * Keras's {@code _compute_attention} on the JAX backend: {output, probabilities (null on the
     * {@code dot_product_attention} path)}. With no dropout, no scores returned and one attention axis, JAX's
     * {@code dot_product_attention} (logits scaled after the product, masked logits {@code -0.7·float_max}, so a
     * fully masked query averages the values uniformly); otherwise the query is scaled, masked logits are
     * {@code -1e9} and masked probabilities are zeroed (such a query gets zeros).
     */
    final Tensor[] attend(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causalOnly, int t, int s) {
        float scale = (float) (1.0 / Math.sqrt(queryKeyHeadSize()));
        Tensor m = causalOnly ? AttentionSupport.causalMask(t, s) : mask;
        if (dropout == 0 && !returnAttentionScores && q.rank() == 4) {
            Tensor logits = Ops.multiply(logits(q, k), scale);
            Tensor p = AttentionSupport.maskedSoftmax(logits, expandMask(m, 4), 1,
                    AttentionSupport.JAX_LARGE_NEGATIVE, false);
            return new Tensor[] {combine(p, v), null};
        }
        Tensor scores = logits(Ops.multiply(q, scale), k);
        Tensor p = AttentionSupport.maskedSoftmax(scores, expandMask(m, scores.rank()), attentionAxisCount(),
                AttentionSupport.KERAS_LARGE_NEGATIVE, true);
        Tensor dropped = dropout > 0 ? probabilityDropout().apply(p) : p;
        return new Tensor[] {combine(dropped, v), p};
    }

    /** The output carries the query's mask (as Keras sets it); the scores carry none. */
    @Override
    protected List<Tensor> computeMask(Tensors inputs, List<Tensor> previousMasks) {
        return AttentionSupport.queryMaskOnOutput(previousMasks, returnAttentionScores ? 2 : 1);
    }

    // ---- Keras call arguments ---------------------------------------------------------------------------------

    @Override
    public List<String> kerasInputKeywords(int inputCount) {
        List<String> out = new ArrayList<>(Collections.nCopies(Math.min(inputCount, 3), (String) null));
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
        return AttentionSupport.callKeywords(returnAttentionScores, useCausalMask);
    }

    @Override
    public List<Tensor> readKerasCall(List<Tensor> positional, Map<String, Object> keywords) {
        CallRead read = readCall(positional, keywords);
        if (callArgumentsRead && (read.causal() != useCausalMask || read.scores() != returnAttentionScores)) {
            throw new IllegalArgumentException("its calls differ in use_causal_mask or return_attention_scores, "
                    + "which Strata keeps per layer");
        }
        callArgumentsRead = true;
        useCausalMask = read.causal();
        returnAttentionScores = read.scores();
        return read.inputs();
    }

    /** A saved call of {@code call(query, value, key, ..., attention_mask, return_attention_scores, ...)}. */
    record CallRead(List<Tensor> inputs, boolean causal, boolean scores) {
    }

    /** Reads Keras's {@code (query, value, key=None, *_mask=None, attention_mask=None, flags)} call arguments. */
    static CallRead readCall(List<Tensor> positional, Map<String, Object> keywords) {
        Map<String, Object> kw = new LinkedHashMap<>(keywords);
        String[] names = {"query", "value", "key"};
        Tensor[] slots = new Tensor[3];
        if (positional.size() > 3) {
            throw new IllegalArgumentException("takes at most 3 positional tensors (query, value, key), got "
                    + positional.size());
        }
        for (int i = 0; i < positional.size(); i++) {
            slots[i] = positional.get(i);
        }
        for (int i = 0; i < 3; i++) {
            Object o = kw.remove(names[i]);
            if (o != null) {
                slots[i] = tensorArgument(names[i], o);
            }
        }
        if (slots[0] == null || slots[1] == null) {
            throw new IllegalArgumentException("needs a query and a value");
        }
        Object maskArg = kw.remove("attention_mask");
        Tensor mask = maskArg == null ? null : tensorArgument("attention_mask", maskArg);
        boolean causal = flag(kw.remove("use_causal_mask"), "use_causal_mask");
        boolean scores = flag(kw.remove("return_attention_scores"), "return_attention_scores");
        for (int i = 0; i < 3; i++) { // Keras's query_mask, value_mask, key_mask: the masks those inputs carry
            Object m = kw.remove(names[i] + "_mask");
            if (m != null && slots[i] != null) {
                slots[i] = slots[i].withMask(tensorArgument(names[i] + "_mask", m));
            }
        }
        if (!kw.isEmpty()) {
            throw new IllegalArgumentException("unsupported call arguments " + kw.keySet());
        }
        List<Tensor> out = new ArrayList<>(List.of(slots[0], slots[1]));
        if (slots[2] != null || mask != null) {
            out.add(slots[2] == null ? slots[1] : slots[2]);
        }
        if (mask != null) {
            out.add(mask);
        }
        return new CallRead(out, causal, scores);
    }

    static Tensor tensorArgument(String name, Object o) {
        if (o instanceof Tensor t) {
            return t;
        }
        throw new IllegalArgumentException("'" + name + "' must be a tensor, got " + Config.describe(o));
    }

    static boolean flag(Object o, String name) {
        if (o == null) {
            return false;
        }
        if (o instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("'" + name + "' must be true or false, got " + Config.describe(o));
    }

    // ---- configs -----------------------------------------------------------------------------------------------

    /** Keras's {@code {"shapes_dict": {"query_shape", "value_shape", "key_shape"}}} build config. */
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
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shapes_dict", dict);
        return out;
    }

    @Override
    public void buildFromConfig(Config buildConfig) {
        if (buildConfig.raw("shapes_dict") == null) {
            super.buildFromConfig(buildConfig);
            return;
        }
        List<Shape> perSample = shapesDict(buildConfig, List.of("query_shape", "value_shape", "key_shape"));
        if (isBuilt()) {
            return;
        }
        try {
            buildForSamples(perSample.toArray(new Shape[0]));
        } catch (ShapeException | IllegalArgumentException e) {
            throw cannotBuild(buildConfig, perSample, e);
        }
    }

    /** The per-sample shapes of Keras's {@code {"shapes_dict": {...}}} under these keys, in this order. */
    static List<Shape> shapesDict(Config buildConfig, List<String> keys) {
        Config dict = buildConfig.config("shapes_dict");
        buildConfig.finish();
        List<Shape> perSample = new ArrayList<>();
        for (String k : keys) {
            List<Object> dims = dict.list(k);
            if (dims == null) {
                continue;
            }
            Shape full = dict.toShape(dims, k);
            perSample.add(full.subShape(1, full.rank()));
        }
        dict.finish();
        return perSample;
    }

    /** Reads the keys both layers have: dropout, use_bias, sliding_window, the initializers ... seed. */
    final void readCommon(Config config) {
        dropout(config.number("dropout", 0));
        useBias(config.bool("use_bias", true));
        slidingWindow(config.integer("sliding_window", null));
        Initializer kernel = config.object("kernel_initializer", Initializer.class);
        if (kernel != null) {
            kernelInitializer(kernel);
        }
        Initializer bias = config.object("bias_initializer", Initializer.class);
        if (bias != null) {
            biasInitializer(bias);
        }
        kernelRegularizer(config.object("kernel_regularizer", Regularizer.class));
        biasRegularizer(config.object("bias_regularizer", Regularizer.class));
        kernelConstraint(config.object("kernel_constraint", Constraint.class));
        biasConstraint(config.object("bias_constraint", Constraint.class));
        Integer s = config.integer("seed", null);
        seed(s == null ? null : s.longValue());
    }

    /** The base config (name, trainable, dtype) without the activity regularizer, which both put later. */
    final Map<String, Object> baseConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.remove("activity_regularizer");
        return config;
    }

    /** The initializer ... seed keys, as both layers write them last. */
    final void putCommon(Map<String, Object> config) {
        config.put("kernel_initializer", Initializers.serialize(kernelInitializer));
        config.put("bias_initializer", Initializers.serialize(biasInitializer));
        config.put("kernel_regularizer", Regularizers.serialize(kernelRegularizer));
        config.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        config.put("activity_regularizer", Regularizers.serialize(projectionActivityRegularizer()));
        config.put("kernel_constraint", Constraints.serialize(kernelConstraint));
        config.put("bias_constraint", Constraints.serialize(biasConstraint));
        config.put("seed", seed);
    }
}
