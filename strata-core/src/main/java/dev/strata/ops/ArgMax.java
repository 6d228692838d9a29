package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The index of the maximum along an axis ({@code null}: of the flattened tensor), like
 * {@code keras.ops.argmax}, as float values. Ties give the first occurrence and a NaN counts as the maximum
 * (its first occurrence wins), as in numpy. Not differentiable.
 */
final class ArgMax {
    /** {@code keras.ops.argmax(x, axis=None, keepdims=False)}. */
    static final OpSpec SPEC = OpSpec.op("argmax").numpy("Argmax")
            .config("axis", Type.OPTIONAL_INT).config("keepdims", Type.BOOL, false)
            .rebuild((in, args) -> apply(in.get(0), args.optionalInt("axis"), args.bool("keepdims")));

    private ArgMax() {
    }

    static Tensor apply(Tensor x, Integer axis, boolean keepDims) {
        return arg(SPEC, true, x, axis, keepDims);
    }

    /** The shared implementation of argmax and argmin. */
    static Tensor arg(OpSpec spec, boolean max, Tensor x, Integer axis, boolean keepDims) {
        String name = spec.name();
        Shape s = x.shape();
        Shape out;
        int a;
        if (axis == null) {
            int[] ones = new int[s.rank()];
            java.util.Arrays.fill(ones, 1);
            out = keepDims ? Shape.of(ones) : Shape.scalar();
            a = -1;
        } else {
            if (s.rank() == 0 || axis < -s.rank() || axis >= s.rank()) {
                throw new ShapeException(name + ": axis " + axis + " is out of bounds for a tensor of shape " + s
                        + " (rank " + s.rank() + ")");
            }
            a = axis < 0 ? axis + s.rank() : axis;
            out = Reductions.shape(s, new int[] {a}, keepDims);
        }
        if (x.isSymbolic()) {
            Integer fixed = axis == null ? null : a;
            return OpSupport.record(spec.args(fixed, keepDims), out, in -> arg(spec, max, in.get(0), fixed, keepDims),
                    x);
        }
        float[] in = OpSupport.data(x);
        int outer = 1;
        int n = in.length;
        int inner = 1;
        if (axis != null) {
            n = s.get(a);
            for (int i = 0; i < a; i++) {
                outer *= s.get(i);
            }
            for (int i = a + 1; i < s.rank(); i++) {
                inner *= s.get(i);
            }
        }
        if (n == 0) {
            throw new ShapeException(name + ": attempt to get the " + name + " of an empty sequence (shape " + s
                    + (axis == null ? "" : ", axis " + a) + ")");
        }
        float[] r = new float[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int q = 0; q < inner; q++) {
                int base = o * n * inner + q;
                int best = 0;
                float bestValue = in[base];
                for (int i = 1; i < n && !Float.isNaN(bestValue); i++) {
                    float v = in[base + i * inner];
                    if (Float.isNaN(v) || (max ? v > bestValue : v < bestValue)) {
                        best = i;
                        bestValue = v;
                    }
                }
                r[o * inner + q] = best;
            }
        }
        return OpSupport.wrap(r, out);
    }
}
