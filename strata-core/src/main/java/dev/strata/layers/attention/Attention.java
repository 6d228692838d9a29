package dev.strata.layers.attention;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.initializers.Initializers;
import dev.strata.layers.KerasCallArguments;
import dev.strata.layers.Layer;
import dev.strata.layers.regularization.Dropout;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dot-product attention (Luong-style), like {@code keras.layers.Attention}: inputs {@code [query, value]} or
 * {@code [query, value, key]} ({@code (batch, Tq, dim)}, {@code (batch, Tv, dim)}; the key defaults to the
 * value); scores {@code query · keyᵀ} (times a trained {@code scale} with {@code use_scale}), or with
 * {@code score_mode "concat"} {@code concat_score_weight · Σ tanh(scale · (query + key))}; a softmax over the
 * keys; the output is the scores' average of the values, {@code (batch, Tq, dim_v)}.
 *
 * <pre>{@code
 * Tensor context = new Attention().apply(List.of(query, value)).get(0);
 * Tensors withScores = new Attention().useCausalMask(true).returnAttentionScores(true).apply(List.of(q, v));
 * }</pre>
 *
 * <p>Keras's call arguments {@code use_causal_mask} and {@code return_attention_scores} are settings of the layer
 * here; saved graphs carry them as Keras's. Masked scores get {@code -1e9} added, as Keras does; the returned
 * scores are the probabilities after dropout, as Keras returns them.
 */
public class Attention extends Layer implements KerasCallArguments {
    private boolean useScale;
    private String scoreMode = "dot";
    private double dropout;
    private Long seed;
    private boolean useCausalMask;
    private boolean returnAttentionScores;
    private boolean callArgumentsRead;
    Variable scale;
    private Variable concatScoreWeight;
    /** Keras's Attention drops out with a seed generator, not a Dropout sublayer: held so it is not tracked. */
    private DropoutHolder dropoutHolder;

    private record DropoutHolder(Dropout layer) {
    }

    /** Attention with Keras's defaults: dot scores, no scale, no dropout. */
    public Attention() {
    }

    @Override
    public Attention named(String name) {
        super.named(name);
        return this;
    }

    /** Whether the scores are multiplied by a trained scalar {@code scale} (default false). */
    public Attention useScale(boolean useScale) {
        requireNotBuilt("useScale");
        this.useScale = useScale;
        return this;
    }

    /**
     * {@code "dot"} (default) or {@code "concat"}: {@code Σ tanh(query + key)} over the features.
     *
     * @throws IllegalArgumentException for another mode
     */
    public Attention scoreMode(String mode) {
        requireNotBuilt("scoreMode");
        if (!"dot".equals(mode) && !"concat".equals(mode)) {
            throw new IllegalArgumentException(describe() + ": invalid value for argument score_mode. Expected one "
                    + "of {'dot', 'concat'}. Received: score_mode=" + mode);
        }
        this.scoreMode = mode;
        return this;
    }

    /** The dropout rate on the attention probabilities in training (default 0). */
    public Attention dropout(double rate) {
        requireNotBuilt("dropout");
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(describe() + ": dropout must be in [0, 1], got " + rate);
        }
        this.dropout = rate;
        return this;
    }

    /** The seed of the dropout (Keras's {@code seed}). */
    public Attention seed(Long seed) {
        requireNotBuilt("seed");
        this.seed = seed;
        return this;
    }

    /** Keras's call argument {@code use_causal_mask}: query i attends to keys 0..i only (default false). */
    public Attention useCausalMask(boolean causal) {
        this.useCausalMask = causal;
        return this;
    }

    /** Keras's call argument {@code return_attention_scores}: the probabilities as a second output. */
    public Attention returnAttentionScores(boolean scores) {
        this.returnAttentionScores = scores;
        return this;
    }

    /** Whether a trained scale multiplies the scores. */
    public boolean useScale() {
        return useScale;
    }

    /** The trained scale, or null. */
    public Variable scale() {
        return scale;
    }

    double dropoutRate() {
        return dropout;
    }

    Long seedValue() {
        return seed;
    }

    @Override
    protected void build(List<Shape> shapes) {
        validate(shapes);
        buildWeights(shapes);
        Dropout d = new Dropout(dropout);
        if (seed != null) {
            d.seed(seed);
        }
        dropoutHolder = new DropoutHolder(d);
    }

    /** Keras's weights of this kind of attention: {@code scale} and {@code concat_score_weight}, scalars of 1. */
    void buildWeights(List<Shape> shapes) {
        if (useScale) {
            scale = addWeight("scale", Shape.of(), Initializers.ones(), true);
        }
        if ("concat".equals(scoreMode)) {
            concatScoreWeight = addWeight("concat_score_weight", Shape.of(), Initializers.ones(), true);
        }
    }

    /** A weight of this layer, for the subclass in this package. */
    Variable weight(String name, Shape shape, dev.strata.initializers.Initializer init) {
        return addWeight(name, shape, init, true);
    }

    /** Keras's {@code _validate_inputs}, and ranks Strata can attend over: equal, at least 3. */
    void validate(List<Shape> shapes) {
        if (shapes.size() < 2 || shapes.size() > 3) {
            throw new IllegalArgumentException(describe() + " accepts inputs list of length 2 or 3, namely [query, "
                    + "value] or [query, value, key]. Received length: " + shapes.size());
        }
        int rank = shapes.getFirst().rank();
        List<Shape> built = isBuilt() ? buildInputShapes() : null;
        for (int i = 0; i < shapes.size(); i++) {
            Shape s = shapes.get(i);
            boolean wrong = s.rank() < 3 || s.rank() != rank
                    || (built != null && s.rank() != built.get(Math.min(i, built.size() - 1)).rank());
            if (wrong) {
                throw new ShapeException(describe() + " expected query, value and key of one rank >= 3 (batch, time, "
                        + "features)" + (built == null ? "" : ", built for shapes " + built) + ", but received shapes "
                        + shapes);
            }
        }
        Shape v = shapes.get(1);
        Shape k = shapes.size() > 2 ? shapes.get(2) : v;
        if (k.get(-2) != v.get(-2) && k.get(-2) != Shape.UNKNOWN && v.get(-2) != Shape.UNKNOWN) {
            throw new ShapeException(describe() + ": the key and value must have the same number of time steps, "
                    + "got shapes " + shapes);
        }
    }

    @Override
    protected List<Shape> computeOutputShape(List<Shape> shapes) {
        validate(shapes);
        Shape q = shapes.get(0);
        Shape v = shapes.get(1);
        Shape k = shapes.size() > 2 ? shapes.get(2) : v;
        Shape out = q.subShape(0, q.rank() - 1).append(v.get(-1));
        if (!returnAttentionScores) {
            return List.of(out);
        }
        return List.of(out, q.subShape(0, q.rank() - 1).append(k.get(-2)));
    }

    @Override
    protected Tensors call(Tensors inputs) {
        validate(inputs.stream().map(Tensor::shape).toList());
        Tensor q = inputs.get(0);
        Tensor v = inputs.get(1);
        Tensor k = inputs.size() > 2 ? inputs.get(2) : v;
        Tensor queryMask = AttentionSupport.maskOf(q);
        Tensor valueMask = AttentionSupport.maskOf(v);
        Tensor scores = scores(q, k);
        // Keras's score mask: the value's mask over the keys (B, 1, S), and the causal mask
        Tensor mask = valueMask == null ? null : Ops.expandDims(AttentionSupport.asBool(valueMask), -2);
        if (useCausalMask) {
            mask = AttentionSupport.and(mask, AttentionSupport.causalMask(scores.shape().get(-2),
                    scores.shape().get(-1)));
        }
        if (mask != null) {
            // Keras: where(mask, scores, scores - 1e9), i.e. the large negative is added, not put in place
            scores = Ops.where(Ops.greater(mask, 0.5f), scores,
                    Ops.add(scores, AttentionSupport.KERAS_LARGE_NEGATIVE));
        }
        Tensor weights = Ops.softmax(scores, -1);
        if (dropout > 0) {
            weights = dropoutHolder.layer().apply(weights);
        }
        Tensor out = Ops.matmul(weights, v);
        if (queryMask != null) { // masked query steps give 0
            out = Ops.where(Ops.expandDims(Ops.notEqual(queryMask, 0f), -1), out, Tensor.scalar(0f));
        }
        return returnAttentionScores ? Tensors.of(out, weights) : Tensors.of(out);
    }

    /** The output carries the query's mask (Keras's {@code compute_mask}: {@code mask[0]}); the scores none. */
    @Override
    protected List<Tensor> computeMask(Tensors inputs, List<Tensor> previousMasks) {
        return AttentionSupport.queryMaskOnOutput(previousMasks, returnAttentionScores ? 2 : 1);
    }

    /** Keras's {@code _calculate_scores}. */
    Tensor scores(Tensor query, Tensor key) {
        if ("dot".equals(scoreMode)) {
            Tensor s = Ops.matmul(query, key, false, true);
            return scale == null ? s : Ops.multiply(s, scale);
        }
        Tensor sum = Ops.add(Ops.expandDims(query, -2), Ops.expandDims(key, -3));
        if (scale != null) {
            sum = Ops.multiply(scale, sum);
        }
        return Ops.multiply(concatScoreWeight, Ops.sum(Ops.tanh(sum), -1));
    }

    // ---- Keras call arguments ---------------------------------------------------------------------------------

    @Override
    public List<String> kerasInputKeywords(int inputCount) {
        return Collections.nCopies(inputCount, null);
    }

    @Override
    public boolean kerasInputsAsList() {
        return true;
    }

    @Override
    public Map<String, Object> kerasCallKeywords() {
        return AttentionSupport.callKeywords(returnAttentionScores, useCausalMask);
    }

    @Override
    public List<Tensor> readKerasCall(List<Tensor> positional, Map<String, Object> keywords) {
        Map<String, Object> kw = new LinkedHashMap<>(keywords);
        boolean causal = ProjectedAttention.flag(kw.remove("use_causal_mask"), "use_causal_mask");
        boolean scores = ProjectedAttention.flag(kw.remove("return_attention_scores"), "return_attention_scores");
        if (kw.containsKey("mask") && kw.get("mask") instanceof List<?> l && l.stream().allMatch(o -> o == null)) {
            kw.remove("mask");
        }
        if (!kw.isEmpty()) {
            throw new IllegalArgumentException("unsupported call arguments " + kw.keySet());
        }
        if (callArgumentsRead && (causal != useCausalMask || scores != returnAttentionScores)) {
            throw new IllegalArgumentException("its calls differ in use_causal_mask or return_attention_scores, "
                    + "which Strata keeps per layer");
        }
        callArgumentsRead = true;
        useCausalMask = causal;
        returnAttentionScores = scores;
        return new ArrayList<>(positional);
    }

    // ---- configs -----------------------------------------------------------------------------------------------

    /** Keras's {@code Attention.from_config}. */
    public static Attention fromConfig(Config config) {
        Attention a = new Attention().useScale(config.bool("use_scale", false))
                .scoreMode(config.string("score_mode", "dot")).dropout(config.number("dropout", 0));
        Integer s = config.integer("seed", null);
        return a.seed(s == null ? null : s.longValue());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("use_scale", useScale);
        config.put("score_mode", scoreMode);
        config.put("dropout", dropout);
        config.put("seed", seed);
        return config;
    }
}
