package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The cumulative sum along an axis, like {@code keras.ops.cumsum(x, axis=None)}: {@code out[..., i, ...] = Σ_{j≤i}
 * x[..., j, ...]}; with no axis, of x flattened (a vector). Sums are accumulated in double. Gradient: the reverse
 * cumulative sum of g (exact, itself differentiable).
 */
final class Cumsum {
    /** {@code keras.ops.cumsum(x, axis=None, dtype=None)}. */
    static final OpSpec SPEC = OpSpec.op("cumsum").numpy("Cumsum").config("axis", Type.OPTIONAL_INT)
            .fixed("dtype", null, "Strata computes in float32")
            .rebuild((in, args) -> apply(in.get(0), args.optionalInt("axis")));

    private Cumsum() {
    }

    static Tensor apply(Tensor x, Integer axis) {
        Shape s = x.shape();
        Integer a = axis == null ? null : Cumulative.axis("cumsum", s, axis);
        if (x.isSymbolic()) {
            // recorded as given (Keras writes axis -1 as -1)
            return OpSupport.record(SPEC.args(axis), a == null ? Cumulative.flat(s) : s, in -> apply(in.get(0), axis),
                    x);
        }
        return a == null ? scan(Cumulative.flatten(x), 0, false) : scan(x, a, false);
    }

    /** The running sum of concrete x along axis {@code a} (from the end with {@code reverse}), differentiable. */
    static Tensor scan(Tensor x, int a, boolean reverse) {
        Tensor y = Cumulative.scan(x, a, false, reverse);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {scan(g, a, !reverse)});
        return y;
    }
}
