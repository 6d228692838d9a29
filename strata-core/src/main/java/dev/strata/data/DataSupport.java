package dev.strata.data;

import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Tensor;

/** Shared checks and storage access for the data package. */
final class DataSupport {
    private DataSupport() {
    }

    /**
     * The storage of a concrete tensor (not copied; never write to it).
     *
     * @throws IllegalArgumentException for a symbolic tensor, which has no values to prepare
     */
    static float[] data(Tensor t, String where) {
        if (t.isSymbolic()) {
            throw new IllegalArgumentException(where + " needs a concrete tensor, got a symbolic one of shape "
                    + t.shape() + "; data preparation runs on values, before the model");
        }
        return TensorAccess.data(t);
    }

    /** A tensor over {@code data}, which the caller hands over and never writes again. */
    static Tensor wrap(float[] data, int... shape) {
        return TensorAccess.wrap(data, dev.strata.tensor.Shape.of(shape));
    }
}
