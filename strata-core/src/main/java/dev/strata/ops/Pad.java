package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * Pads x with a constant, like {@code keras.ops.pad(x, pad_width, mode="constant", constant_values)}:
 * {@code padWidth[i] = {before, after}} elements are added on axis i; as in numpy, a single pair applies to
 * every axis. Gradient: the slice of the upstream gradient where x sits (the padding is constant), whose
 * gradient is this padding with zeros again.
 */
final class Pad {
    /** {@code keras.ops.pad(x, pad_width, mode="constant", constant_values=None)}. */
    static final OpSpec SPEC = OpSpec.op("pad").numpy("Pad").config("pad_width", Type.INT_PAIRS)
            .fixed("mode", "constant", "Strata pads with a constant")
            .keyword("constant_values", Type.FLOAT, 0f)
            .rebuild((in, args) -> apply(in.get(0), args.pairs("pad_width"), args.number("constant_values")));

    private Pad() {
    }

    static Tensor apply(Tensor x, int[][] padWidth, float value) {
        Shape s = x.shape();
        int rank = s.rank();
        if (padWidth.length != rank && padWidth.length != 1) {
            throw new ShapeException("pad: padWidth " + Arrays.deepToString(padWidth) + " must have one "
                    + "[before, after] pair per axis of shape " + s + " (" + rank + " pairs), or a single pair for "
                    + "all axes");
        }
        int[] before = new int[rank];
        int[] after = new int[rank];
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int[] pair = padWidth[padWidth.length == 1 ? 0 : i];
            if (pair == null || pair.length != 2 || pair[0] < 0 || pair[1] < 0) {
                throw new ShapeException("pad: padWidth " + Arrays.deepToString(padWidth) + " for shape " + s
                        + ": each entry must be a pair [before, after] of non-negative counts");
            }
            before[i] = pair[0];
            after[i] = pair[1];
            out[i] = s.get(i) == Shape.UNKNOWN ? Shape.UNKNOWN : s.get(i) + pair[0] + pair[1];
        }
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(padWidth, value), Shape.of(out), in -> apply(in.get(0), padWidth, value),
                    x);
        }
        return region(x, before, after, value);
    }

    /** A concrete tensor padded by {@code before[i]} and {@code after[i]} elements of {@code value}. */
    static Tensor region(Tensor x, int[] before, int[] after, float value) {
        Shape s = x.shape();
        int[] out = new int[s.rank()];
        boolean none = true;
        for (int i = 0; i < out.length; i++) {
            out[i] = s.get(i) + before[i] + after[i];
            none &= before[i] == 0 && after[i] == 0;
        }
        if (none && TensorAccess.isImmutable(x)) {
            return x;
        }
        Shape outShape = Shape.of(out);
        float[] r = OpSupport.newArray(outShape.size()); // (maybe a reused array: filled whatever the value)
        Arrays.fill(r, value);
        Slice.copyBox(OpSupport.data(x), s, new int[s.rank()], r, outShape, before, s.toArray());
        Tensor y = OpSupport.wrap(r, outShape);
        int[] inDims = s.toArray();
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Slice.region(g, before, inDims)});
        return y;
    }
}
