package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The indices that sort x along an axis, like {@code keras.ops.argsort(x, axis=-1)} ({@code null}: x flattened),
 * as float values (Strata's tensors are float32; Keras gives int32): a stable sort (ties keep their order), NaNs
 * last, -0 equal to 0. Not differentiable (nothing is recorded).
 */
final class Argsort {
    /**
     * {@code keras.ops.argsort(x, axis=-1)}. Keras always writes the axis, and a null one means None (flattened), so
     * the spec declares no default: a missing or null axis reads as None.
     */
    static final OpSpec SPEC = OpSpec.op("argsort").numpy("Argsort").config("axis", Type.OPTIONAL_INT)
            .rebuild((in, args) -> apply(in.get(0), args.optionalInt("axis")));

    private Argsort() {
    }

    static Tensor apply(Tensor x, Integer axis) {
        Shape s = x.shape();
        Integer a = axis == null ? null : Cumulative.axis("argsort", s, axis);
        if (x.isSymbolic()) {
            // recorded as given (Keras writes axis -1 as -1)
            return OpSupport.record(SPEC.args(axis), a == null ? Cumulative.flat(s) : s, in -> apply(in.get(0), axis),
                    x);
        }
        return a == null ? Sorting.ascending(Cumulative.flatten(x), 0) : Sorting.ascending(x, a);
    }
}
