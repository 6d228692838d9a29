package dev.strata.saving;

import dev.strata.activations.Activation;
import dev.strata.activations.Activations;
import dev.strata.initializers.Initializers;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;

/** Hands-On ML's custom {@code MyDense} layer (ch. 12): units and an activation, no hand-written config. */
public class MyDense extends Layer {
    private final int units;
    private final Activation activation;
    private transient int calls; // state, not configuration
    private Variable kernel;
    private Variable bias;

    public MyDense(int units, String activation) {
        this.units = units;
        this.activation = Activations.get(activation);
    }

    @Override
    protected void build(Shape inputShape) {
        kernel = addWeight("kernel", Shape.of(inputShape.get(-1), units), Initializers.glorotNormal(), true);
        bias = addWeight("bias", Shape.of(units), Initializers.zeros(), true);
    }

    @Override
    protected Tensor call(Tensor x) {
        calls++;
        return activation.apply(Ops.add(Ops.matmul(x, kernel), bias));
    }

    int units() {
        return units;
    }

    Activation activation() {
        return activation;
    }
}
