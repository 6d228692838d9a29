package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.ReduceOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Whether any (or all) elements over axes ({@code null}: all) are true, like {@code keras.ops.any} and
 * {@code keras.ops.all}: any non-zero value, NaN included, is true (as numpy's); 1 for true, 0 for false. Over no
 * elements, any is false and all is true, as numpy. One class for the two, as Logical holds the logical ops. Not
 * differentiable (nothing is recorded). Keras's Masking layer computes its mask with {@code any}, so graphs that
 * carry such a mask hold an {@code Any} node.
 */
final class AnyAll {
    /** {@code keras.ops.any(x, axis=None, keepdims=False)}. */
    static final OpSpec ANY = OpSpec.op("any").numpy("Any")
            .config("axis", Type.OPTIONAL_INTS).config("keepdims", Type.BOOL, false)
            .rebuild((in, args) -> any(in.get(0), args.ints("axis"), args.bool("keepdims")));
    /** {@code keras.ops.all(x, axis=None, keepdims=False)}. */
    static final OpSpec ALL = OpSpec.op("all").numpy("All")
            .config("axis", Type.OPTIONAL_INTS).config("keepdims", Type.BOOL, false)
            .rebuild((in, args) -> all(in.get(0), args.ints("axis"), args.bool("keepdims")));

    private AnyAll() {
    }

    static Tensor any(Tensor x, int[] axes, boolean keepDims) {
        return reduce(ANY, x, axes, keepDims);
    }

    static Tensor all(Tensor x, int[] axes, boolean keepDims) {
        return reduce(ALL, x, axes, keepDims);
    }

    private static Tensor reduce(OpSpec spec, Tensor x, int[] axes, boolean keepDims) {
        Shape s = x.shape();
        int[] ax = Reductions.axes(spec.name(), s, axes);
        Shape out = Reductions.shape(s, ax, keepDims);
        if (x.isSymbolic()) { // the axes saved as given (-1 stays -1), as Keras writes them
            return OpSupport.record(spec.args(axes == null ? null : axes.clone(), keepDims), out,
                    in -> reduce(spec, in.get(0), ax, keepDims), x);
        }
        boolean isAny = spec == ANY;
        if (Reductions.count(s, ax) == 0) {
            return Tensor.full(out, isAny ? 0f : 1f);
        }
        Tensor truth = Pointwise.map(x, v -> Pointwise.bool(v != 0f || Float.isNaN(v)));
        return OpSupport.wrap(Reductions.reduce(isAny ? ReduceOp.MAX : ReduceOp.MIN, truth, ax), out);
    }
}
