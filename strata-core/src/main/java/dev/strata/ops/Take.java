package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Gathers slices of x along an axis, like {@code keras.ops.take(x, indices, axis)} (numpy's {@code take}):
 * the output shape is {@code x.shape[:axis] + indices.shape + x.shape[axis+1:]}. Indices are float values that
 * must be integers; negative ones count from the end, and out-of-range ones are an error (numpy raises; the
 * jax backend would silently clip or fill with NaN). Not differentiable with respect to the indices; the
 * gradient with respect to x adds the upstream slices back at their indices (repeated indices accumulate).
 */
final class Take {
    /** {@code keras.ops.take(x, indices, axis=None)}; Strata's take needs an axis. */
    static final OpSpec SPEC = OpSpec.op("take").numpy("Take").binary().config("axis", Type.OPTIONAL_INT)
            .rebuild((in, args) -> {
                Integer axis = args.optionalInt("axis");
                if (axis == null) {
                    throw OpSpec.unsupported("take without an axis (over the flattened input) is not supported");
                }
                return apply(in.get(0), in.get(1), axis);
            });

    private Take() {
    }

    static Tensor apply(Tensor x, Tensor indices, int axis) {
        Shape s = x.shape();
        if (s.rank() == 0 || axis < -s.rank() || axis >= s.rank()) {
            throw new ShapeException("take: axis " + axis + " is out of bounds for a tensor of shape " + s
                    + " (rank " + s.rank() + ")");
        }
        int a = axis < 0 ? axis + s.rank() : axis;
        Shape is = indices.shape();
        int[] out = new int[s.rank() - 1 + is.rank()];
        int j = 0;
        for (int i = 0; i < a; i++) {
            out[j++] = s.get(i);
        }
        for (int i = 0; i < is.rank(); i++) {
            out[j++] = is.get(i);
        }
        for (int i = a + 1; i < s.rank(); i++) {
            out[j++] = s.get(i);
        }
        Shape outShape = Shape.of(out);
        if (x.isSymbolic() || indices.isSymbolic()) {
            return OpSupport.record(SPEC.args(a), outShape, in -> apply(in.get(0), in.get(1), a), x, indices);
        }
        int d = s.get(a);
        int[] idx = indices("take", OpSupport.data(indices), d, a, s);
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= s.get(i);
        }
        int inner = 1;
        for (int i = a + 1; i < s.rank(); i++) {
            inner *= s.get(i);
        }
        if (inner == 0) {
            return OpSupport.wrap(new float[0], outShape);
        }
        int[] map = new int[outer * idx.length];
        for (int o = 0, r = 0; o < outer; o++) {
            for (int k : idx) {
                map[r++] = (o * d + k) * inner;
            }
        }
        return Gather.apply(x, map, inner, outShape);
    }

    /**
     * Index values as ints in {@code [0, d)}: negative ones wrapped once.
     *
     * @throws IllegalArgumentException for a non-integer value
     * @throws IndexOutOfBoundsException for an index outside {@code [-d, d)}
     */
    static int[] indices(String op, float[] values, int d, int axis, Shape shape) {
        int[] idx = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (v != Math.rint(v)) {
                throw new IllegalArgumentException(op + ": index " + v + " (position " + i
                        + " of the indices) is not an integer");
            }
            if (v < -d || v >= d) {
                throw new IndexOutOfBoundsException(op + ": index " + (long) v + " is out of bounds for axis " + axis
                        + " with size " + d + " (shape " + shape + "); valid indices are " + (-d) + " to " + (d - 1));
            }
            int k = (int) v;
            idx[i] = k < 0 ? k + d : k;
        }
        return idx;
    }
}
