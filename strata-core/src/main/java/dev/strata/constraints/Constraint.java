package dev.strata.constraints;

import dev.strata.config.KerasObject;
import dev.strata.tensor.Tensor;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A projection applied to a weight after every optimizer update, like {@code keras.constraints.Constraint}: it takes
 * the updated weight and returns the value to keep (clipped, renormalized). Layers take constraints as arguments
 * ({@code new Dense(4).kernelConstraint(new MaxNorm(3))}); the layer hands them to the weights it creates
 * ({@link dev.strata.tensor.Variable#constraint()}), and Strata's optimizers apply them.
 *
 * <p>Strata's constraints are found by Keras name with {@link Constraints#get}; a user's constraint is a class with a
 * config (Keras's base {@code get_config} is empty, and so is the default here) that is registered to be saved and
 * loaded (see {@code dev.strata.config.SavingRegistry}).
 *
 * <pre>{@code
 * class Clip implements Constraint {
 *     public Tensor apply(Tensor w) { return Ops.clip(w, -1f, 1f); }
 * }
 * }</pre>
 */
public interface Constraint extends KerasObject, UnaryOperator<Tensor> {
    /** The projected value of weight {@code w}, of {@code w}'s shape. */
    @Override
    Tensor apply(Tensor w);

    /** Keras's base {@code get_config()}: no arguments. */
    @Override
    default Map<String, Object> getConfig() {
        return Map.of();
    }
}
