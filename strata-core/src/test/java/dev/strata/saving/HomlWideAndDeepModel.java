package dev.strata.saving;

import dev.strata.layers.core.Dense;
import dev.strata.layers.preprocessing.Normalization;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.List;

/** Hands-On ML 3rd edition's WideAndDeepModel: a constructor without arguments, Normalization layers inside. */
public class HomlWideAndDeepModel extends Model {
    private final Normalization normLayerWide = new Normalization();
    private final Normalization normLayerDeep = new Normalization();
    private final Dense hidden1 = new Dense(30, "relu");
    private final Dense hidden2 = new Dense(30, "relu");
    private final Dense mainOutput = new Dense(1);
    private final Dense auxOutput = new Dense(1);

    public HomlWideAndDeepModel() {
    }

    @Override
    protected Tensors call(Tensors inputs) {
        Tensor wide = normLayerWide.apply(inputs.get(0));
        Tensor deep = normLayerDeep.apply(inputs.get(1));
        Tensor h2 = hidden2.apply(hidden1.apply(deep));
        Tensor concat = Ops.concatenate(List.of(wide, h2), -1);
        return Tensors.of(mainOutput.apply(concat), auxOutput.apply(h2));
    }
}
