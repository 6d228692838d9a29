package dev.strata.layers.merging;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * Adds its inputs elementwise, like {@code keras.layers.Add}. The inputs (one or more) must have the same batch size and per-sample shapes
 * that broadcast; the output has the broadcast shape.
 *
 * <pre>{@code
 * Tensor merged = new Add().apply(List.of(a, b)).getFirst();
 * Tensor same = Layers.add(List.of(a, b));
 * }</pre>
 */
public class Add extends Merge {

    /** A merge layer named automatically. */
    public Add() {
    }

    @Override
    public Add named(String name) {
        super.named(name);
        return this;
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        Tensor out = inputs.getFirst();
        for (int i = 1; i < inputs.size(); i++) {
            out = Ops.add(out, inputs.get(i));
        }
        return out;
    }

    /** Keras's {@code Add.from_config}: no arguments of its own. */
    public static Add fromConfig(Config c) {
        return new Add();
    }
}
