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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Multi-head attention, like {@code keras.layers.MultiHeadAttention}: the query, key and value are projected per
 * head ({@link EinsumDense} layers {@code query}, {@code key}, {@code value}), each head attends with scaled dot
 * products over the attention axes, and the heads are projected back ({@code attention_output}).
 *
 * <pre>{@code
 * MultiHeadAttention mha = new MultiHeadAttention(4, 64);
 * Tensor y = mha.apply(x, x);                                   // self-attention, (batch, T, dim) -> same
 * Tensor z = new MultiHeadAttention(4, 64).useCausalMask(true).apply(x, x);
 * Tensors withScores = new MultiHeadAttention(2, 16).returnAttentionScores(true).apply(List.of(q, v));
 * }</pre>
 *
 * <p>Inputs, as a list: {@code [query, value]}, {@code [query, value, key]} or {@code [query, value, key,
 * attention_mask]} (the key defaults to the value; the mask is 1 where a query position may attend to a key
 * position, shape {@code (batch, T, S)} or broadcastable). Keras's call arguments {@code use_causal_mask} and
 * {@code return_attention_scores} are settings of the layer here ({@link #useCausalMask}, {@link
 * #returnAttentionScores}); saved graphs carry them as Keras's call arguments.
 *
 * <p>Numerics are Keras 3's on the JAX backend, which takes one of two paths: with no dropout, no scores returned
 * and one attention axis it calls {@code dot_product_attention} (logits scaled after the product, masked logits set
 * to {@code -0.7·float_max}, so a query with every key masked averages the values uniformly); otherwise it scales
 * the query, sets masked logits to {@code -1e9}, and zeroes masked probabilities (such a query gets zeros). The
 * products are {@link Ops#einsum} with Keras's equations: batched GEMMs over batch and heads.
 *
 * <p>Weights, in Keras's order and file layout ({@code query_dense}, {@code key_dense}, {@code value_dense},
 * {@code output_dense}): each projection's {@code kernel} and (with {@code use_bias}) {@code bias}.
 */
public class MultiHeadAttention extends Layer implements KerasCallArguments {
    private final int numHeads;
    private final int keyDim;
    private int valueDim;
    private double dropout;
    private boolean useBias = true;
    private boolean useGate;
    private int[] outputShape;
    private int[] attentionAxes;
    private Integer slidingWindow;
    private Initializer kernelInitializer = Initializers.get("glorot_uniform");
    private Initializer biasInitializer = Initializers.zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Regularizer projectionActivityRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;
    private Long seed;
    private boolean useCausalMask;
    private boolean returnAttentionScores;
    private boolean callArgumentsRead;

    // Sublayers, in Keras's build order (the order of its weights). The field names are the attribute names
    // Keras's weight walk sees (public properties query_dense...; private _gate_dense, _softmax, _dropout_layer),
    // so files list the same groups; _softmax has no weights and is there for that layout only.
    private EinsumDense queryDense;
    private EinsumDense keyDense;
    private EinsumDense _gateDense;
    private EinsumDense valueDense;
    private EinsumDense outputDense;
    private Softmax _softmax;
    private Dropout _dropoutLayer;

    private String dotProductEquation;
    private String combineEquation;
    private int[] normalizedAxes;

    /**
     * A layer of {@code numHeads} heads of size {@code keyDim} for queries and keys (and values, unless
     * {@link #valueDim} says otherwise).
     *
     * @throws IllegalArgumentException if either is not positive
     */
    public MultiHeadAttention(int numHeads, int keyDim) {
        if (numHeads <= 0) {
            throw new IllegalArgumentException(describe() + ": num_heads must be a positive integer, got "
                    + numHeads);
        }
        if (keyDim <= 0) {
            throw new IllegalArgumentException(describe() + ": key_dim must be a positive integer, got " + keyDim);
        }
        this.numHeads = numHeads;
        this.keyDim = keyDim;
        this.valueDim = keyDim;
    }

    @Override
    public MultiHeadAttention named(String name) {
        super.named(name);
        return this;
    }

    /** The size of each value head (default key_dim). */
    public MultiHeadAttention valueDim(int valueDim) {
        requireNotBuilt("valueDim");
        if (valueDim <= 0) {
            throw new IllegalArgumentException(describe() + ": value_dim must be a positive integer, got "
                    + valueDim);
        }
        this.valueDim = valueDim;
        return this;
    }

    /** The dropout rate on the attention probabilities in training (default 0). */
    public MultiHeadAttention dropout(double rate) {
        requireNotBuilt("dropout");
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(describe() + ": dropout must be in [0, 1], got " + rate);
        }
        this.dropout = rate;
        return this;
    }

    /** Whether the projections have biases (default true). */
    public MultiHeadAttention useBias(boolean useBias) {
        requireNotBuilt("useBias");
        this.useBias = useBias;
        return this;
    }

    /**
     * Keras's {@code use_gate}: a sigmoid gate (a projection of the query, layer {@code gate}) multiplies each
     * head's output before the output projection (default false).
     */
    public MultiHeadAttention useGate(boolean useGate) {
        requireNotBuilt("useGate");
        this.useGate = useGate;
        return this;
    }

    /** The last dimensions of the output (default: the query's last dimension). */
    public MultiHeadAttention outputShape(int... shape) {
        requireNotBuilt("outputShape");
        this.outputShape = shape.length == 0 ? null : shape.clone();
        return this;
    }

    /**
     * The axes attention runs over, of the projected value {@code (batch, ..., heads, dim)} (default: all but the
     * batch, heads and last; negative counts from the end without the last).
     */
    public MultiHeadAttention attentionAxes(int... axes) {
        requireNotBuilt("attentionAxes");
        this.attentionAxes = axes.length == 0 ? null : axes.clone();
        return this;
    }

    /** Keras's {@code sliding_window}: a query attends only to keys less than this many positions away. */
    public MultiHeadAttention slidingWindow(Integer window) {
        requireNotBuilt("slidingWindow");
        if (window != null && window <= 0) {
            throw new IllegalArgumentException(describe() + ": sliding_window must be None or a positive integer, "
                    + "got " + window);
        }
        this.slidingWindow = window;
        return this;
    }

    /** The projections' kernel initializer (default {@code glorot_uniform}). */
    public MultiHeadAttention kernelInitializer(Initializer initializer) {
        requireNotBuilt("kernelInitializer");
        this.kernelInitializer = Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    /** The projections' bias initializer (default {@code zeros}). */
    public MultiHeadAttention biasInitializer(Initializer initializer) {
        requireNotBuilt("biasInitializer");
        this.biasInitializer = Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    /** A penalty on the projections' kernels (null for none). */
    public MultiHeadAttention kernelRegularizer(Regularizer regularizer) {
        requireNotBuilt("kernelRegularizer");
        this.kernelRegularizer = regularizer;
        return this;
    }

    /** A penalty on the projections' biases (null for none). */
    public MultiHeadAttention biasRegularizer(Regularizer regularizer) {
        requireNotBuilt("biasRegularizer");
        this.biasRegularizer = regularizer;
        return this;
    }

    /** A constraint on the projections' kernels (null for none). */
    public MultiHeadAttention kernelConstraint(Constraint constraint) {
        requireNotBuilt("kernelConstraint");
        this.kernelConstraint = constraint;
        return this;
    }

    /** A constraint on the projections' biases (null for none). */
    public MultiHeadAttention biasConstraint(Constraint constraint) {
        requireNotBuilt("biasConstraint");
        this.biasConstraint = constraint;
        return this;
    }

    /** The seed of the attention dropout (Keras's {@code seed}). */
    public MultiHeadAttention seed(Long seed) {
        requireNotBuilt("seed");
        this.seed = seed;
        return this;
    }

    /**
     * Keras's call argument {@code use_causal_mask}: each query position attends only to key positions at or
     * before it (default false).
     */
    public MultiHeadAttention useCausalMask(boolean causal) {
        this.useCausalMask = causal;
        return this;
    }

    /**
     * Keras's call argument {@code return_attention_scores}: the layer returns the attention probabilities
     * {@code (batch, heads, T, S)} as a second output (default false).
     */
    public MultiHeadAttention returnAttentionScores(boolean scores) {
        this.returnAttentionScores = scores;
        return this;
    }

    /** The number of heads. */
    public int numHeads() {
        return numHeads;
    }

    /** The query and key head size. */
    public int keyDim() {
        return keyDim;
    }

    /** The value head size. */
    public int valueDim() {
        return valueDim;
    }

    /** The query projection (null before the build). */
    public EinsumDense queryDense() {
        return queryDense;
    }

    /** The key projection (null before the build). */
    public EinsumDense keyDense() {
        return keyDense;
    }

    /** The value projection (null before the build). */
    public EinsumDense valueDense() {
        return valueDense;
    }

    /** The output projection (null before the build). */
    public EinsumDense outputDense() {
        return outputDense;
    }

    // ---- calling -----------------------------------------------------------------------------------------------

    /** Attention of {@code query} to {@code value} (also the key); the output only. */
    public Tensor apply(Tensor query, Tensor value) {
        return single(apply(List.of(query, value)));
    }

    /** Attention of {@code query} to {@code key}, averaging {@code value}; the output only. */
    public Tensor apply(Tensor query, Tensor value, Tensor key) {
        return single(apply(List.of(query, value, key == null ? value : key)));
    }

    /**
     * Attention with an explicit mask (1 where a query position may attend to a key position; {@code key} null
     * means the value); the output only.
     */
    public Tensor apply(Tensor query, Tensor value, Tensor key, Tensor attentionMask) {
        Tensor k = key == null ? value : key;
        return single(apply(attentionMask == null ? List.of(query, value, k) : List.of(query, value, k,
                attentionMask)));
    }

    private Tensor single(Tensors out) {
        if (out.size() != 1) {
            throw new IllegalStateException(describe() + " returns its attention scores too; use apply(List) for "
                    + "both outputs");
        }
        return out.get(0);
    }

    @Override
    protected void build(List<Shape> shapes) {
        checkInputCount(shapes.size());
        Shape query = shapes.get(0);
        Shape value = shapes.get(1);
        Shape key = shapes.size() > 2 ? shapes.get(2) : value;
        if (!value.subShape(1, value.rank() - 1).equals(key.subShape(1, key.rank() - 1))) {
            throw new ShapeException(describe() + ": all dimensions of value and key, except the last one, must be "
                    + "equal. Received: value_shape=" + value + " and key_shape=" + key);
        }
        if (query.rank() < 3) {
            throw new ShapeException(describe() + " expected a query of rank >= 3 (batch, ..., features), but "
                    + "received shape " + query);
        }
        if (value.rank() != query.rank()) {
            throw new ShapeException(describe() + " expected query and value of the same rank, but received shapes "
                    + query + " and " + value);
        }
        Regularizer activity = activityRegularizer();
        if (activity != null) { // Keras gives it to the projections, not to the layer's output
            projectionActivityRegularizer = activity;
            activityRegularizer(null);
        }
        String[] proj = projection(query.rank() - 1, 1, 2);
        queryDense = projectionLayer(proj, numHeads, keyDim, "query", null);
        queryDense.buildForSamples(perSample(query));
        proj = projection(key.rank() - 1, 1, 2);
        keyDense = projectionLayer(proj, numHeads, keyDim, "key", null);
        keyDense.buildForSamples(perSample(key));
        if (useGate) {
            proj = projection(query.rank() - 1, 1, 2);
            _gateDense = projectionLayer(proj, numHeads, valueDim, "gate", "sigmoid");
            _gateDense.buildForSamples(perSample(query));
        }
        proj = projection(value.rank() - 1, 1, 2);
        valueDense = projectionLayer(proj, numHeads, valueDim, "value", null);
        valueDense.buildForSamples(perSample(value));
        int rank = Integer.parseInt(proj[2]);
        buildAttention(rank);
        int[] out = outputShape != null ? outputShape : new int[] {query.get(-1)};
        String[] outProj = projection(query.rank() - 1, 2, out.length);
        int[] partial = partialShape(Integer.parseInt(outProj[2]) - 1, out);
        outputDense = configure(new EinsumDense(outProj[0], partial).named("attention_output"),
                useBias ? outProj[1] : null, null);
        int[] projected = query.append(1).toArray(); // (batch, ..., heads, value_dim)
        projected[projected.length - 2] = numHeads;
        projected[projected.length - 1] = valueDim;
        outputDense.buildForSamples(perSample(Shape.of(projected)));
        _softmax = new Softmax(-1).named("softmax");
        _dropoutLayer = new Dropout(dropout).named("dropout");
        if (seed != null) {
            _dropoutLayer.seed(seed);
        }
    }

    private void checkInputCount(int n) {
        if (n < 2 || n > 4) {
            throw new IllegalArgumentException(describe() + " takes [query, value], [query, value, key] or [query, "
                    + "value, key, attention_mask], got " + n + " inputs");
        }
    }

    private static Shape perSample(Shape s) {
        return s.subShape(1, s.rank());
    }

    private EinsumDense projectionLayer(String[] proj, int heads, int dim, String name, String activation) {
        int[] partial = partialShape(Integer.parseInt(proj[2]) - 1, new int[] {heads, dim});
        return configure(new EinsumDense(proj[0], partial).named(name), useBias ? proj[1] : null, activation);
    }

    private EinsumDense configure(EinsumDense d, String biasAxes, String activation) {
        d.biasAxes(biasAxes).activation(activation).kernelInitializer(copy(kernelInitializer))
                .biasInitializer(copy(biasInitializer)).kernelRegularizer(kernelRegularizer)
                .biasRegularizer(biasRegularizer).kernelConstraint(kernelConstraint).biasConstraint(biasConstraint);
        d.activityRegularizer(projectionActivityRegularizer);
        return d;
    }

    /** A fresh initializer from this one's config, as Keras gives each projection its own. */
    static Initializer copy(Initializer i) {
        return Initializers.deserialize(Initializers.serialize(i));
    }

    /** Keras's {@code _get_output_shape}: unknown sizes before the known last ones. */
    private static int[] partialShape(int rank, int[] knownLast) {
        int[] out = new int[rank];
        Arrays.fill(out, Shape.UNKNOWN);
        System.arraycopy(knownLast, 0, out, rank - knownLast.length, knownLast.length);
        return out;
    }

    /** Keras's {@code _build_proj_equation}: {equation, bias axes, output rank}. */
    static String[] projection(int freeDims, int boundDims, int outputDims) {
        StringBuilder input = new StringBuilder();
        StringBuilder kernel = new StringBuilder();
        StringBuilder output = new StringBuilder();
        StringBuilder bias = new StringBuilder();
        int offset = 0;
        for (int i = 0; i < freeDims; i++) {
            char c = (char) ('a' + i + offset);
            input.append(c);
            output.append(c);
        }
        offset += freeDims;
        for (int i = 0; i < boundDims; i++) {
            char c = (char) ('a' + i + offset);
            input.append(c);
            kernel.append(c);
        }
        offset += boundDims;
        for (int i = 0; i < outputDims; i++) {
            char c = (char) ('a' + i + offset);
            kernel.append(c);
            output.append(c);
            bias.append(c);
        }
        return new String[] {input + "," + kernel + "->" + output, bias.toString(),
            Integer.toString(output.length())};
    }

    /** Keras's {@code _build_attention}: the attention axes and the two equations. */
    private void buildAttention(int rank) {
        int[] axes;
        if (attentionAxes == null) {
            axes = new int[rank - 3];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i + 1;
            }
        } else {
            axes = new int[attentionAxes.length];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = attentionAxes[i] >= 0 ? attentionAxes[i] : rank - 1 + attentionAxes[i];
                if (axes[i] <= 0 || axes[i] >= rank - 1) {
                    throw new ShapeException(describe() + ": attention axis " + attentionAxes[i] + " is out of range "
                            + "for projected inputs of rank " + rank + " (batch, ..., heads, dim)");
                }
            }
        }
        normalizedAxes = axes;
        String[] eq = attentionEquations(rank, axes);
        dotProductEquation = eq[0];
        combineEquation = eq[1];
    }

    /** Keras's {@code _build_attention_equation}: {dot product equation, combine equation}. */
    static String[] attentionEquations(int rank, int[] attnAxes) {
        StringBuilder target = new StringBuilder();
        for (int i = 0; i < rank; i++) {
            target.append((char) ('a' + i));
        }
        List<Integer> batchDims = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            final int axis = i;
            if (Arrays.stream(attnAxes).noneMatch(a -> a == axis) && i != rank - 1) {
                batchDims.add(i);
            }
        }
        int letter = rank;
        StringBuilder source = new StringBuilder();
        for (int i = 0; i < rank; i++) {
            if (batchDims.contains(i) || i == rank - 1) {
                source.append(target.charAt(i));
            } else {
                source.append((char) ('a' + letter++));
            }
        }
        StringBuilder product = new StringBuilder();
        for (int i : batchDims) {
            product.append(target.charAt(i));
        }
        for (int i : attnAxes) {
            product.append(target.charAt(i));
        }
        for (int i : attnAxes) {
            product.append(source.charAt(i));
        }
        return new String[] {source + "," + target + "->" + product, product + "," + source + "->" + target};
    }

    @Override
    protected List<Shape> computeOutputShape(List<Shape> shapes) {
        checkInputCount(shapes.size());
        validate(shapes);
        Shape query = shapes.get(0);
        Shape value = shapes.get(1);
        Shape out = query;
        if (outputShape != null) {
            out = query.subShape(0, query.rank() - 1).append(outputShape);
        }
        if (!returnAttentionScores) {
            return List.of(out);
        }
        // the probabilities: (batch dims..., heads, query attention dims..., key attention dims...)
        List<Integer> dims = new ArrayList<>();
        int rank = query.rank() + 1;
        for (int i = 0; i < rank - 1; i++) {
            final int axis = i;
            if (Arrays.stream(normalizedAxes).noneMatch(a -> a == axis)) {
                dims.add(i == rank - 2 ? numHeads : query.get(i));
            }
        }
        for (int a : normalizedAxes) {
            dims.add(query.get(a));
        }
        for (int a : normalizedAxes) {
            dims.add(value.get(a));
        }
        return List.of(out, Shape.of(dims.stream().mapToInt(Integer::intValue).toArray()));
    }

    @Override
    protected Tensors call(Tensors inputs) {
        checkInputCount(inputs.size());
        Tensor query = inputs.get(0);
        Tensor value = inputs.get(1);
        Tensor key = inputs.size() > 2 ? inputs.get(2) : value;
        Tensor attentionMask = inputs.size() > 3 ? inputs.get(3) : null;
        validate(inputs.stream().map(Tensor::shape).toList());
        if (attentionMask != null) {
            checkMask(attentionMask, query, value);
        }
        // Keras: the query's mask, and the value's and key's masks (its value_mask and key_mask call arguments,
        // filled from the inputs' masks); the key only when one is given
        Tensor queryMask = AttentionSupport.maskOf(query);
        Tensor valueMask = AttentionSupport.maskOf(value);
        Tensor keyMask = inputs.size() > 2 ? AttentionSupport.maskOf(key) : null;
        query = AttentionSupport.unmasked(query);
        value = AttentionSupport.unmasked(value);
        key = AttentionSupport.unmasked(key);
        boolean causalOnly = useCausalMask && attentionMask == null && slidingWindow == null && queryMask == null
                && valueMask == null && keyMask == null;
        Tensor mask = causalOnly ? null : AttentionSupport.and(attentionMask(query, value, attentionMask),
                AttentionSupport.inputMasks(queryMask, valueMask, keyMask));
        Tensor gate = useGate ? _gateDense.apply(query) : null;
        Tensor q = queryDense.apply(query);
        Tensor k = keyDense.apply(key);
        Tensor v = valueDense.apply(value);
        Tensor[] attended = attend(q, k, v, mask, causalOnly, query, value);
        Tensor out = attended[0];
        if (gate != null) {
            out = Ops.multiply(out, gate);
        }
        out = outputDense.apply(out);
        return returnAttentionScores ? Tensors.of(out, attended[1]) : Tensors.of(out);
    }

    /** The query's and value's (and key's) ranks must be those the layer was built for. */
    private void validate(List<Shape> shapes) {
        List<Shape> built = buildInputShapes();
        String[] what = {"query", "value", "key"};
        for (int i = 0; i < Math.min(3, shapes.size()); i++) {
            Shape b = built.get(Math.min(i, built.size() - 1));
            if (shapes.get(i).rank() != b.rank()) {
                throw new ShapeException(describe() + " expected a " + what[i] + " of rank " + b.rank() + " (built "
                        + "for shapes " + built + "), but received shapes " + shapes);
            }
        }
    }

    /** The output carries the query's mask (as Keras sets it); the scores carry none. */
    @Override
    protected List<Tensor> computeMask(Tensors inputs, List<Tensor> previousMasks) {
        return AttentionSupport.queryMaskOnOutput(previousMasks, returnAttentionScores ? 2 : 1);
    }

    /** The mask must broadcast to (batch, query attention dims..., key attention dims...): (B, T, S) usually. */
    private void checkMask(Tensor mask, Tensor query, Tensor value) {
        List<Integer> dims = new ArrayList<>();
        dims.add(query.shape().get(0));
        for (int a : normalizedAxes) {
            dims.add(query.shape().get(a));
        }
        for (int a : normalizedAxes) {
            dims.add(value.shape().get(a));
        }
        Shape expected = Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
        Shape m = mask.shape();
        boolean fits = m.rank() <= expected.rank();
        for (int i = 1; fits && i <= m.rank(); i++) {
            int d = m.get(-i);
            int e = expected.get(-i);
            fits = d == 1 || d == e || d == Shape.UNKNOWN || e == Shape.UNKNOWN;
        }
        if (!fits) {
            throw new ShapeException(describe() + ": the attention mask of shape " + m + " does not fit query "
                    + query.shape() + " and value " + value.shape() + ": expected " + expected
                    + " (batch, query positions, key positions) or a shape that broadcasts to it");
        }
    }

    /** Keras's {@code _compute_attention_mask}, as a 0/1 tensor (null: none). */
    private Tensor attentionMask(Tensor query, Tensor value, Tensor explicit) {
        Tensor auto = null;
        if (useCausalMask) {
            auto = AttentionSupport.causalMask(query.shape().get(1), value.shape().get(1));
        }
        if (slidingWindow != null) {
            auto = AttentionSupport.and(auto, AttentionSupport.slidingWindowMask(query.shape().get(1),
                    value.shape().get(1), slidingWindow));
        }
        Tensor given = explicit == null ? null : AttentionSupport.asBool(explicit);
        return AttentionSupport.and(given, auto);
    }

    /** Keras's {@code _compute_attention}: {output, probabilities (null on the dot_product_attention path)}. */
    private Tensor[] attend(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causalOnly, Tensor query,
                            Tensor value) {
        float scale = (float) (1.0 / Math.sqrt(keyDim));
        boolean dotProductAttention = dropout == 0 && !returnAttentionScores && q.rank() == 4;
        if (dotProductAttention) {
            Tensor m = causalOnly ? AttentionSupport.causalMask(query.shape().get(1), value.shape().get(1)) : mask;
            m = expandMask(m, 4);
            Tensor logits = Ops.multiply(Ops.einsum(dotProductEquation, k, q), scale);
            Tensor p = AttentionSupport.maskedSoftmax(logits, m, 1, AttentionSupport.JAX_LARGE_NEGATIVE, false);
            return new Tensor[] {Ops.einsum(combineEquation, p, v), null};
        }
        if (causalOnly) {
            mask = AttentionSupport.causalMask(query.shape().get(1), value.shape().get(1));
        }
        Tensor scores = Ops.einsum(dotProductEquation, k, Ops.multiply(q, scale));
        Tensor p = AttentionSupport.maskedSoftmax(scores, expandMask(mask, scores.rank()), normalizedAxes.length,
                AttentionSupport.KERAS_LARGE_NEGATIVE, true);
        Tensor dropped = dropout > 0 ? _dropoutLayer.apply(p) : p;
        return new Tensor[] {Ops.einsum(combineEquation, dropped, v), p};
    }

    /** Keras's expansion of the mask to the scores' rank, at axis {@code -2·len(attention_axes) - 1}. */
    private Tensor expandMask(Tensor mask, int rank) {
        if (mask == null) {
            return null;
        }
        int axis = -normalizedAxes.length * 2 - 1;
        Tensor m = mask;
        while (m.rank() < rank) {
            m = Ops.expandDims(m, axis);
        }
        return m;
    }

    // ---- Keras call arguments ---------------------------------------------------------------------------------

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

    /**
     * Keras's {@code MultiHeadAttention.from_config}. {@code flash_attention} is not a config key; quantized or
     * gated forms are read as Keras writes them.
     */
    public static MultiHeadAttention fromConfig(Config config) {
        MultiHeadAttention m = new MultiHeadAttention(config.requireInt("num_heads"), config.requireInt("key_dim"));
        Integer vd = config.integer("value_dim", null);
        if (vd != null) {
            m.valueDim(vd);
        }
        readCommon(m, config);
        m.useGate(config.bool("use_gate", false));
        m.outputShape(intsOrNull(config, "output_shape"));
        m.attentionAxes(intsOrNull(config, "attention_axes"));
        return m;
    }

    /** The keys MultiHeadAttention and GroupQueryAttention share. */
    static void readCommon(MultiHeadAttention m, Config config) {
        m.dropout(config.number("dropout", 0));
        m.useBias(config.bool("use_bias", true));
        m.slidingWindow(config.integer("sliding_window", null));
        Initializer kernel = config.object("kernel_initializer", Initializer.class);
        if (kernel != null) {
            m.kernelInitializer(kernel);
        }
        Initializer bias = config.object("bias_initializer", Initializer.class);
        if (bias != null) {
            m.biasInitializer(bias);
        }
        m.kernelRegularizer(config.object("kernel_regularizer", Regularizer.class));
        m.biasRegularizer(config.object("bias_regularizer", Regularizer.class));
        m.kernelConstraint(config.object("kernel_constraint", Constraint.class));
        m.biasConstraint(config.object("bias_constraint", Constraint.class));
        Integer s = config.integer("seed", null);
        m.seed(s == null ? null : s.longValue());
    }

    private static int[] intsOrNull(Config config, String key) {
        Object v = config.raw(key);
        if (v == null) {
            return new int[0];
        }
        if (v instanceof Number n) {
            return new int[] {n.intValue()};
        }
        int[] out = config.ints(key);
        return out == null ? new int[0] : out;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.remove("activity_regularizer");
        config.put("num_heads", numHeads);
        config.put("key_dim", keyDim);
        config.put("value_dim", valueDim);
        config.put("dropout", dropout);
        config.put("use_bias", useBias);
        config.put("use_gate", useGate);
        config.put("output_shape", outputShape == null ? null : list(outputShape));
        int[] axes = normalizedAxes != null ? normalizedAxes : attentionAxes;
        config.put("attention_axes", axes == null ? null : list(axes));
        config.put("sliding_window", slidingWindow);
        putCommon(config);
        return config;
    }

    /** The initializer ... seed keys, as both attention layers with projections write them. */
    void putCommon(Map<String, Object> config) {
        config.put("kernel_initializer", Initializers.serialize(kernelInitializer));
        config.put("bias_initializer", Initializers.serialize(biasInitializer));
        config.put("kernel_regularizer", Regularizers.serialize(kernelRegularizer));
        config.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        Regularizer activity = projectionActivityRegularizer != null ? projectionActivityRegularizer
                : activityRegularizer();
        config.put("activity_regularizer", Regularizers.serialize(activity));
        config.put("kernel_constraint", Constraints.serialize(kernelConstraint));
        config.put("bias_constraint", Constraints.serialize(biasConstraint));
        config.put("seed", seed);
    }

    static List<Integer> list(int[] a) {
        List<Integer> out = new ArrayList<>();
        for (int i : a) {
            out.add(i);
        }
        return out;
    }
}
