package dev.strata.layers.merging;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * Multiplies its inputs elementwise, like {@code keras.layers.Multiply}. The inputs (one or more) must have the same batch size and per-sample shapes
 * that broadcast; the output has the broadcast shape.
 *
 * <pre>{@code
 * Tensor merged = new Multiply().apply(List.of(a, b)).getFirst();
 * Tensor same = Layers.multiply(List.of(a, b));
 * }</pre>
 */
public class Multiply extends Merge {

    /** A merge layer named automatically. */
    public Multiply() {
    }

    @Override
    public Multiply named(String name) {
        super.named(name);
        return this;
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        Tensor out = inputs.getFirst();
        for (int i = 1; i < inputs.size(); i++) {
            out = Ops.multiply(out, inputs.get(i));
        }
        return out;
    }

    /** Keras's {@code Multiply.from_config}: no arguments of its own. */
    public static Multiply fromConfig(Config c) {
        return new Multiply();
    }
}
