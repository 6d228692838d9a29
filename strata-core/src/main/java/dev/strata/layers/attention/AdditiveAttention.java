package dev.strata.layers.attention;

import dev.strata.config.Config;
import dev.strata.initializers.Initializers;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Additive attention (Bahdanau-style), like {@code keras.layers.AdditiveAttention}: as {@link Attention}, with
 * scores {@code Σ scale · tanh(query + key)} over the features, {@code scale} a trained vector of the query's
 * feature size ({@code glorot_uniform}; with {@code use_scale} false, 1). Defaults are Keras's: {@code use_scale}
 * true, no dropout.
 *
 * <pre>{@code
 * Tensor context = new AdditiveAttention().apply(List.of(query, value)).get(0);
 * }</pre>
 */
public class AdditiveAttention extends Attention {
    /** Additive attention with Keras's defaults (a trained scale). */
    public AdditiveAttention() {
        useScale(true);
    }

    @Override
    public AdditiveAttention named(String name) {
        super.named(name);
        return this;
    }

    @Override
    void buildWeights(List<Shape> shapes) {
        if (useScale()) {
            scale = weight("scale", Shape.of(shapes.getFirst().get(-1)), Initializers.get("glorot_uniform"));
        }
    }

    @Override
    Tensor scores(Tensor query, Tensor key) {
        Tensor t = Ops.tanh(Ops.add(Ops.expandDims(query, -2), Ops.expandDims(key, -3)));
        return Ops.sum(scale == null ? t : Ops.multiply(scale, t), -1);
    }

    /** Keras's {@code AdditiveAttention.from_config}. */
    public static AdditiveAttention fromConfig(Config config) {
        AdditiveAttention a = new AdditiveAttention();
        a.useScale(config.bool("use_scale", true)).dropout(config.number("dropout", 0));
        Integer s = config.integer("seed", null);
        a.seed(s == null ? null : s.longValue());
        return a;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.remove("score_mode");
        return config;
    }
}
