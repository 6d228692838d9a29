package dev.strata.losses;

import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;

/** The built-in losses by Keras name. (Being completed: only mean squared error so far.) */
public final class Losses {
    private Losses() {
    }

    /** The loss with Keras's name. */
    public static Loss get(String name) {
        return switch (name) {
            case "mse", "mean_squared_error", "MeanSquaredError" -> new Loss("mean_squared_error",
                    Reduction.SUM_OVER_BATCH_SIZE) {
                @Override
                protected Tensor call(Tensor yTrue, Tensor yPred) {
                    return Ops.mean(Ops.square(Ops.subtract(yTrue, yPred)), -1);
                }
            };
            default -> throw new IllegalArgumentException("unknown loss '" + name + "'");
        };
    }
}
