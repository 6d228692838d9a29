package dev.strata.layers.merging;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * Takes the elementwise maximum of its inputs, like {@code keras.layers.Maximum}. The inputs (one or more) must have the same batch size and per-sample shapes
 * that broadcast; the output has the broadcast shape.
 *
 * <pre>{@code
 * Tensor merged = new Maximum().apply(List.of(a, b)).getFirst();
 * Tensor same = Layers.maximum(List.of(a, b));
 * }</pre>
 */
public class Maximum extends Merge {

    /** A merge layer named automatically. */
    public Maximum() {
    }

    @Override
    public Maximum named(String name) {
        super.named(name);
        return this;
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        Tensor out = inputs.getFirst();
        for (int i = 1; i < inputs.size(); i++) {
            out = Ops.maximum(out, inputs.get(i));
        }
        return out;
    }

    /** Keras's masked merge: a masked position never gives the result. */
    @Override
    protected Tensor merge(List<Tensor> inputs, List<Tensor> masks) {
        return mergeMaskedPairwise(inputs, masks, Ops::maximum);
    }

    /** Keras's {@code Maximum.from_config}: no arguments of its own. */
    public static Maximum fromConfig(Config c) {
        return new Maximum();
    }
}
