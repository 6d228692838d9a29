package dev.strata.layers.attention;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.layers.activations.Softmax;
import dev.strata.layers.core.EinsumDense;
import dev.strata.layers.regularization.Dropout;
import dev.strata.ops.Ops;
import dev.strata.regularizers.Regularizer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
public class MultiHeadAttention extends ProjectedAttention<MultiHeadAttention> {
    private final int numHeads;
    private final int keyDim;
    private int valueDim;
    private int[] outputShape;
    private int[] attentionAxes;
    private Regularizer projectionActivityRegularizer;

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

    /** Attention of {@code query} to {@code key}, averaging {@code value}; the output only. */
    public Tensor apply(Tensor query, Tensor value, Tensor key) {
        return single(apply(List.of(query, value, key == null ? value : key)));
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
        _dropoutLayer = newDropoutLayer();
    }

    private static Shape perSample(Shape s) {
        return s.subShape(1, s.rank());
    }

    private EinsumDense projectionLayer(String[] proj, int heads, int dim, String name, String activation) {
        int[] partial = partialShape(Integer.parseInt(proj[2]) - 1, new int[] {heads, dim});
        return configure(new EinsumDense(proj[0], partial).named(name), useBias ? proj[1] : null, activation);
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
    void checkCall(Tensors inputs) {
        checkInputCount(inputs.size());
        validate(inputs.stream().map(Tensor::shape).toList());
        if (inputs.size() > 3) {
            checkMask(inputs.get(3), inputs.get(0), inputs.get(1));
        }
    }

    @Override
    Tensor[] project(Tensor query, Tensor key, Tensor value) {
        return new Tensor[] {queryDense.apply(query), keyDense.apply(key), valueDense.apply(value)};
    }

    @Override
    Tensor logits(Tensor q, Tensor k) {
        return Ops.einsum(dotProductEquation, k, q);
    }

    @Override
    Tensor combine(Tensor probabilities, Tensor v) {
        return Ops.einsum(combineEquation, probabilities, v);
    }

    @Override
    int attentionAxisCount() {
        return normalizedAxes.length;
    }

    @Override
    int queryKeyHeadSize() {
        return keyDim;
    }

    /** Keras gives the activity regularizer to the projections (moved there at the build), not to the output. */
    @Override
    Regularizer projectionActivityRegularizer() {
        return projectionActivityRegularizer != null ? projectionActivityRegularizer : activityRegularizer();
    }

    @Override
    EinsumDense gateProjection() {
        return _gateDense;
    }

    @Override
    EinsumDense outputProjection() {
        return outputDense;
    }

    @Override
    Dropout probabilityDropout() {
        return _dropoutLayer;
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

    /** Keras's expansion of the mask to the scores' rank, at axis {@code -2·len(attention_axes) - 1}. */
    @Override
    Tensor expandMask(Tensor mask, int rank) {
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

    // ---- configs -----------------------------------------------------------------------------------------------

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
        m.readCommon(config);
        m.useGate(config.bool("use_gate", false));
        m.outputShape(intsOrNull(config, "output_shape"));
        m.attentionAxes(intsOrNull(config, "attention_axes"));
        return m;
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
        Map<String, Object> config = baseConfig();
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

    static List<Integer> list(int[] a) {
        List<Integer> out = new ArrayList<>();
        for (int i : a) {
            out.add(i);
        }
        return out;
    }
}
