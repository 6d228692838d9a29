package dev.strata.layers.merging;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * Averages its inputs elementwise, like {@code keras.layers.Average}. The inputs (one or more) must have the same batch size and per-sample shapes
 * that broadcast; the output has the broadcast shape.
 *
 * <pre>{@code
 * Tensor merged = new Average().apply(List.of(a, b)).getFirst();
 * Tensor same = Layers.average(List.of(a, b));
 * }</pre>
 */
public class Average extends Merge {

    /** A merge layer named automatically. */
    public Average() {
    }

    @Override
    public Average named(String name) {
        super.named(name);
        return this;
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        Tensor out = inputs.getFirst();
        for (int i = 1; i < inputs.size(); i++) {
            out = Ops.add(out, inputs.get(i));
        }
        return Ops.divide(out, (float) inputs.size()); // the sum, then one division, as Keras
    }

    /** Keras's {@code Average.from_config}: no arguments of its own. */
    public static Average fromConfig(Config c) {
        return new Average();
    }
}
