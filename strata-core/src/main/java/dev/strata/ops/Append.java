package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * x2 appended to x1, like {@code keras.ops.append(x1, x2, axis=None)}: with no axis both are flattened and joined
 * into one vector; with an axis they are concatenated there (same rank, equal on the other axes). A
 * {@link Concatenate}, so each input's gradient is its part of g.
 */
final class Append {
    /** {@code keras.ops.append(x1, x2, axis=None)}. */
    static final OpSpec SPEC = OpSpec.op("append").numpy("Append").binary().config("axis", Type.OPTIONAL_INT)
            .rebuild((in, args) -> apply(in.get(0), in.get(1), args.optionalInt("axis")));

    private Append() {
    }

    static Tensor apply(Tensor x1, Tensor x2, Integer axis) {
        Shape a = x1.shape();
        Shape b = x2.shape();
        Shape out;
        if (axis == null) {
            out = a.isFullyDefined() && b.isFullyDefined() ? Shape.of(a.size() + b.size()) : Shape.of(Shape.UNKNOWN);
        } else {
            out = Concatenate.shape("append", List.of(a, b), axis);
        }
        if (x1.isSymbolic() || x2.isSymbolic()) {
            return OpSupport.record(SPEC.args(axis), out, in -> apply(in.get(0), in.get(1), axis), x1, x2);
        }
        if (axis == null) {
            return Concatenate.apply(List.of(Cumulative.flatten(x1), Cumulative.flatten(x2)), 0);
        }
        return Concatenate.apply(List.of(x1, x2), axis);
    }
}
