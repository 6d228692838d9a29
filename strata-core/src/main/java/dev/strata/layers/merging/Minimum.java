package dev.strata.layers.merging;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * Takes the elementwise minimum of its inputs, like {@code keras.layers.Minimum}. The inputs (one or more) must have the same batch size and per-sample shapes
 * that broadcast; the output has the broadcast shape.
 *
 * <pre>{@code
 * Tensor merged = new Minimum().apply(List.of(a, b)).getFirst();
 * Tensor same = Layers.minimum(List.of(a, b));
 * }</pre>
 */
public class Minimum extends Merge {

    /** A merge layer named automatically. */
    public Minimum() {
    }

    @Override
    public Minimum named(String name) {
        super.named(name);
        return this;
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        Tensor out = inputs.getFirst();
        for (int i = 1; i < inputs.size(); i++) {
            out = Ops.minimum(out, inputs.get(i));
        }
        return out;
    }

    /** Keras's masked merge: a masked position never gives the result. */
    @Override
    protected Tensor merge(List<Tensor> inputs, List<Tensor> masks) {
        return mergeMaskedPairwise(inputs, masks, Ops::minimum);
    }

    /** Keras's {@code Minimum.from_config}: no arguments of its own. */
    public static Minimum fromConfig(Config c) {
        return new Minimum();
    }
}
