package dev.strata.saving;

import dev.strata.layers.core.Dense;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.List;

/**
 * The seed's subclassed Wide &amp; Deep model (Hands-On ML ch. 10), as a Java user writes it: the constructor's
 * arguments kept in fields (its auto-config), sublayers in fields, {@code call} with an op between layers.
 */
public class WideAndDeepModel extends Model {
    private final int units;
    private final String activation;
    private final Dense hidden1;
    private final Dense hidden2;
    private final Dense mainOutput;
    private final Dense auxOutput;

    public WideAndDeepModel(int units, String activation) {
        this.units = units;
        this.activation = activation;
        this.hidden1 = new Dense(units, activation);
        this.hidden2 = new Dense(units, activation);
        this.mainOutput = new Dense(1);
        this.auxOutput = new Dense(1);
    }

    @Override
    protected Tensors call(Tensors inputs) {
        Tensor inputA = inputs.get(0);
        Tensor inputB = inputs.get(1);
        Tensor h2 = hidden2.apply(hidden1.apply(inputB));
        Tensor concat = Ops.concatenate(List.of(inputA, h2), -1);
        return Tensors.of(mainOutput.apply(concat), auxOutput.apply(h2));
    }

    int units() {
        return units;
    }

    String activation() {
        return activation;
    }
}
