package dev.strata.saving;

import dev.strata.layers.core.Dense;
import dev.strata.layers.normalization.BatchNormalization;
import dev.strata.layers.preprocessing.Normalization;
import dev.strata.layers.regularization.Dropout;
import dev.strata.models.Model;
import dev.strata.tensor.Tensor;

/**
 * A subclassed model with every kind of state saving must keep: Normalization's adapted statistics (and its integer
 * count), BatchNormalization's moving statistics, Dropout (randomness), and Dense layers whose fields are declared
 * in another order than the graph uses them, so that the optimizer's slots of the subclass and of its Functional
 * form come in different orders.
 */
public class StatefulModel extends Model {
    private final int units;
    private final Dense head;          // used last, declared first
    private final Normalization norm;
    private final Dense hidden;
    private final BatchNormalization batchNorm;
    private final Dropout dropout;

    public StatefulModel(int units) {
        this.units = units;
        this.head = new Dense(1);
        this.norm = new Normalization();
        this.hidden = new Dense(units, "relu");
        this.batchNorm = new BatchNormalization();
        this.dropout = new Dropout(0.2);
    }

    @Override
    protected Tensor call(Tensor x) {
        return head.apply(dropout.apply(batchNorm.apply(hidden.apply(norm.apply(x)))));
    }

    /** The Normalization layer, to adapt it. */
    Normalization norm() {
        return norm;
    }

    BatchNormalization batchNorm() {
        return batchNorm;
    }
}
