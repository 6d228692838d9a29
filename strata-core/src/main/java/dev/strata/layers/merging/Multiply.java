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

    /**
     * Keras's masked product: a masked position counts as 1; when every input is masked, positions that no input
     * keeps give 0.
     */
    @Override
    protected Tensor merge(List<Tensor> inputs, List<Tensor> masks) {
        boolean allMasked = masks.stream().allMatch(java.util.Objects::nonNull);
        Tensor output = null;
        Tensor outputMask = null;
        for (int i = 0; i < inputs.size(); i++) {
            Tensor x = inputs.get(i);
            if (masks.get(i) != null) {
                Tensor mask = broadcastMask(masks.get(i), x);
                x = Ops.where(mask, x, Tensor.scalar(1f));
                if (allMasked) {
                    outputMask = outputMask == null ? mask : Ops.maximum(outputMask, mask);
                }
            }
            output = output == null ? x : Ops.multiply(output, x);
        }
        return allMasked ? Ops.where(outputMask, output, Tensor.scalar(0f)) : output;
    }

    /** Keras's {@code Multiply.from_config}: no arguments of its own. */
    public static Multiply fromConfig(Config c) {
        return new Multiply();
    }
}
