package dev.strata.layers.attention;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.internal.config.KerasClass;
import dev.strata.layers.activations.Softmax;
import dev.strata.layers.core.EinsumDense;
import dev.strata.layers.regularization.Dropout;
import dev.strata.ops.Ops;
import dev.strata.regularizers.Regularizer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.List;
import java.util.Map;

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
public class GroupedQueryAttention extends ProjectedAttention<GroupedQueryAttention> {
    private static final String DOT_PRODUCT = "bquh,bkuh->buqk";
    private static final String COMBINE = "buqk,bkuh->bquh";

    private final int headDim;
    private final int numQueryHeads;
    private final int numKeyValueHeads;

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
        _dropoutLayer = newDropoutLayer();
    }

    private EinsumDense projection(String equation, int heads, String bias, String name, String activation) {
        return configure(new EinsumDense(equation, Shape.UNKNOWN, heads, headDim).named(name), useBias ? bias : null,
                activation);
    }

    private void validate(List<Shape> shapes) {
        checkInputCount(shapes.size());
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
    void checkCall(Tensors inputs) {
        validate(inputs.stream().map(Tensor::shape).toList());
    }

    @Override
    Tensor[] project(Tensor query, Tensor key, Tensor value) {
        Tensor q = _queryDense.apply(query);
        int repeats = numQueryHeads / numKeyValueHeads;
        Tensor k = _keyDense.apply(key);
        Tensor v = _valueDense.apply(value);
        if (repeats > 1) { // each key/value head serves its group of query heads
            k = Ops.repeat(k, repeats, 2);
            v = Ops.repeat(v, repeats, 2);
        }
        return new Tensor[] {q, k, v};
    }

    @Override
    Tensor logits(Tensor q, Tensor k) {
        return Ops.einsum(DOT_PRODUCT, q, k);
    }

    @Override
    Tensor combine(Tensor probabilities, Tensor v) {
        return Ops.einsum(COMBINE, probabilities, v);
    }

    /** Keras expands the (batch, T, S) mask once, at the heads axis. */
    @Override
    Tensor expandMask(Tensor mask, int rank) {
        return mask == null ? null : Ops.expandDims(mask, -3);
    }

    @Override
    int attentionAxisCount() {
        return 1;
    }

    @Override
    int queryKeyHeadSize() {
        return headDim;
    }

    /** Keras gives the activity regularizer to the projections as well as to the layer's output. */
    @Override
    Regularizer projectionActivityRegularizer() {
        return activityRegularizer();
    }

    @Override
    EinsumDense gateProjection() {
        return _gateDense;
    }

    @Override
    EinsumDense outputProjection() {
        return _outputDense;
    }

    @Override
    Dropout probabilityDropout() {
        return _dropoutLayer;
    }

    // ---- configs -----------------------------------------------------------------------------------------------

    /** Keras's {@code GroupedQueryAttention.from_config}. */
    public static GroupedQueryAttention fromConfig(Config config) {
        GroupedQueryAttention g = new GroupedQueryAttention(config.requireInt("head_dim"),
                config.requireInt("num_query_heads"), config.requireInt("num_key_value_heads"));
        g.readCommon(config);
        return g.useGate(config.bool("use_gate", false));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = baseConfig();
        config.put("head_dim", headDim);
        config.put("num_query_heads", numQueryHeads);
        config.put("num_key_value_heads", numKeyValueHeads);
        config.put("use_bias", useBias);
        config.put("use_gate", useGate);
        config.put("sliding_window", slidingWindow);
        config.put("dropout", dropout);
        putCommon(config);
        return config;
    }
}
