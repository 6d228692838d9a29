package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.ReduceOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * Product over axes ({@code null}: all), like {@code keras.ops.prod}; the product of nothing is 1. Gradient:
 * the upstream gradient times the product of the <em>other</em> elements of each reduced group
 * ({@link ExclusiveProd}), not {@code prod / x}, so it is right when elements are zero.
 */
final class Prod {
    /** {@code keras.ops.prod(x, axis=None, keepdims=False)}. */
    static final OpSpec SPEC = OpSpec.op("prod").numpy("Prod")
            .config("axis", Type.OPTIONAL_INTS).config("keepdims", Type.BOOL, false)
            .fixed("dtype", null, "Strata computes in float32")
            .rebuild((in, args) -> apply(in.get(0), args.ints("axis"), args.bool("keepdims")));

    private Prod() {
    }

    static Tensor apply(Tensor x, int[] axes, boolean keepDims) {
        Shape s = x.shape();
        int[] ax = Reductions.axes("prod", s, axes);
        Shape kept = Reductions.shape(s, ax, true);
        Shape out = keepDims ? kept : Reductions.shape(s, ax, false);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(ax, keepDims), out, in -> apply(in.get(0), ax, keepDims), x);
        }
        Tensor y = OpSupport.wrap(Reductions.reduce(ReduceOp.PROD, x, ax), out);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {gradient(x, g, ax, kept)});
        return y;
    }

    private static Tensor gradient(Tensor x, Tensor g, int[] ax, Shape kept) {
        Shape s = x.shape();
        int n = Reductions.count(s, ax);
        if (n == 0 || s.size() == 0) {
            return Tensor.zeros(s);
        }
        // Move the reduced axes last and flatten them into one, giving (groups, n).
        int rank = s.rank();
        int[] perm = new int[rank];
        int j = 0;
        for (int i = 0; i < rank; i++) {
            if (Arrays.binarySearch(ax, i) < 0) {
                perm[j++] = i;
            }
        }
        for (int a : ax) {
            perm[j++] = a;
        }
        boolean identity = true;
        for (int i = 0; i < rank; i++) {
            identity &= perm[i] == i;
        }
        Tensor moved = identity ? x : Transpose.apply(x, perm);
        Shape movedShape = moved.shape();
        int groups = s.size() / n;
        Tensor others = ExclusiveProd.apply(Reshape.apply(moved, groups, n));
        Tensor gx = Multiply.apply(others, Reshape.apply(g, groups, 1));
        gx = Reshape.apply(gx, movedShape);
        if (identity) {
            return gx;
        }
        int[] inverse = new int[rank];
        for (int i = 0; i < rank; i++) {
            inverse[perm[i]] = i;
        }
        return Transpose.apply(gx, inverse);
    }
}
