package dev.strata.layers.merging;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * Subtracts its second input from its first, elementwise, like {@code keras.layers.Subtract}. It takes exactly
 * two inputs with the same batch size and per-sample shapes that broadcast.
 *
 * <pre>{@code
 * Tensor diff = new Subtract().apply(List.of(a, b)).getFirst();
 * Tensor same = Layers.subtract(a, b);
 * }</pre>
 */
public class Subtract extends Merge {

    /** A subtraction layer named automatically. */
    public Subtract() {
    }

    @Override
    public Subtract named(String name) {
        super.named(name);
        return this;
    }

    @Override
    protected Shape outputShape(List<Shape> shapes) {
        if (shapes.size() != 2) {
            throw new IllegalArgumentException(describe() + " should be called on exactly 2 inputs; received "
                    + shapes.size() + " with shapes " + shapes);
        }
        return super.outputShape(shapes);
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return Ops.subtract(inputs.get(0), inputs.get(1));
    }

    /** Keras's {@code Subtract.from_config}: no arguments of its own. */
    public static Subtract fromConfig(Config c) {
        return new Subtract();
    }
}
