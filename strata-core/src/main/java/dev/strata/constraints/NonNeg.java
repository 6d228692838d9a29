package dev.strata.constraints;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * Keeps weights non-negative, {@code maximum(w, 0)}, like {@code keras.constraints.NonNeg}.
 *
 * <pre>{@code
 * Layer dense = new Dense(8).kernelConstraint(new NonNeg());
 * }</pre>
 */
public final class NonNeg implements Constraint {
    /** The constraint (it has no arguments). */
    public NonNeg() {
    }

    @Override
    public Tensor apply(Tensor w) {
        return Ops.maximum(w, 0f);
    }

    /** Keras's {@code from_config}: no keys. */
    public static NonNeg fromConfig(Config c) {
        return new NonNeg();
    }

    @Override
    public Map<String, Object> getConfig() {
        return Map.of();
    }

    @Override
    public String toString() {
        return "NonNeg()";
    }
}
