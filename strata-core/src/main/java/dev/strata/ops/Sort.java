package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Sorts along an axis in ascending order, like {@code keras.ops.sort(x, axis=-1)} ({@code null}: x flattened):
 * NaNs last, -0 and 0 equal and kept in their order. The result is x gathered at {@link Argsort}'s indices, so the
 * gradient routes each element's gradient back to the position it came from (as JAX's).
 */
final class Sort {
    /**
     * {@code keras.ops.sort(x, axis=-1)}. Keras always writes the axis, and a null one means None (flattened), so
     * the spec declares no default: a missing or null axis reads as None.
     */
    static final OpSpec SPEC = OpSpec.op("sort").numpy("Sort").config("axis", Type.OPTIONAL_INT)
            .rebuild((in, args) -> apply(in.get(0), args.optionalInt("axis")));

    private Sort() {
    }

    static Tensor apply(Tensor x, Integer axis) {
        Shape s = x.shape();
        Integer a = axis == null ? null : Cumulative.axis("sort", s, axis);
        if (x.isSymbolic()) {
            // recorded as given (Keras writes axis -1 as -1)
            return OpSupport.record(SPEC.args(axis), a == null ? Cumulative.flat(s) : s, in -> apply(in.get(0), axis),
                    x);
        }
        Tensor v = a == null ? Cumulative.flatten(x) : x;
        int along = a == null ? 0 : a;
        return TakeAlongAxis.apply(v, Sorting.ascending(v, along), along);
    }
}
