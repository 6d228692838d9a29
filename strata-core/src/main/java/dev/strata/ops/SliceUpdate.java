package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * {@code inputs} with the box at {@code start_indices} replaced by {@code updates}, like {@code
 * keras.ops.slice_update(inputs, start_indices, updates)} with the JAX backend ({@code
 * jax.lax.dynamic_update_slice}): updates has the rank of inputs and fits in it on every axis, and each start is
 * counted from the end if negative, then clamped into {@code [0, dim - update_dim]} (so a start too large moves the
 * box rather than failing, as JAX does). The start indices are a tensor input (whole numbers, which may be computed;
 * a constant is saved as an int32 array, which Keras reads as it reads its own list). Gradient: to inputs, the
 * gradient with the box zeroed; to updates, the gradient's box; none to the start indices.
 */
final class SliceUpdate {
    /** {@code keras.ops.slice_update(inputs, start_indices, updates)}. */
    static final OpSpec SPEC = OpSpec.op("slice_update").core("SliceUpdate").ternary().integerInputs(1)
            .rebuild((in, args) -> apply(in.get(0), in.get(1), in.get(2)));

    private SliceUpdate() {
    }

    static Tensor apply(Tensor inputs, Tensor startIndices, Tensor updates) {
        Shape s = inputs.shape();
        Shape u = updates.shape();
        Shape st = startIndices.shape();
        if (u.rank() != s.rank()) {
            throw new ShapeException("sliceUpdate: updates of shape " + u + " must have the rank of inputs, of shape "
                    + s);
        }
        for (int i = 0; i < s.rank(); i++) {
            if (s.get(i) != Shape.UNKNOWN && u.get(i) != Shape.UNKNOWN && u.get(i) > s.get(i)) {
                throw new ShapeException("sliceUpdate: updates of shape " + u + " do not fit in inputs of shape " + s
                        + ": axis " + i + " has " + u.get(i) + " > " + s.get(i));
            }
        }
        if (st.rank() != 1 || (st.get(0) != Shape.UNKNOWN && st.get(0) != s.rank())) {
            throw new ShapeException("sliceUpdate: start_indices of shape " + st + " must be a vector of one index "
                    + "per axis of inputs, of shape " + s + " (rank " + s.rank() + ")");
        }
        if (Graph.isSymbolic(List.of(inputs, startIndices, updates))) {
            return OpSupport.record(SPEC, s, in -> apply(in.get(0), in.get(1), in.get(2)), inputs, startIndices,
                    updates);
        }
        int[] start = start(startIndices, s, u);
        return update(inputs, start, updates);
    }

    /** The clamped start of a concrete update. */
    private static int[] start(Tensor startIndices, Shape s, Shape u) {
        float[] v = OpSupport.data(startIndices);
        int[] start = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || Float.isInfinite(v[i])) {
                throw new IllegalArgumentException("sliceUpdate: start_indices must be whole numbers, got "
                        + Arrays.toString(v));
            }
            long at = (long) v[i];
            at = at < 0 ? at + s.get(i) : at; // JAX counts a negative start from the end, then clamps
            start[i] = (int) Math.max(0, Math.min(at, s.get(i) - u.get(i)));
        }
        return start;
    }

    /** Inputs with the box at {@code start} (checked) replaced by updates, differentiably. */
    static Tensor update(Tensor inputs, int[] start, Tensor updates) {
        Shape s = inputs.shape();
        Shape u = updates.shape();
        float[] out = OpSupport.newArray(s.size());
        System.arraycopy(OpSupport.data(inputs), 0, out, 0, out.length);
        Slice.copyBox(OpSupport.data(updates), u, new int[u.rank()], out, s, start, u.toArray());
        Tensor y = OpSupport.wrap(out, s);
        OpSupport.gradient(y, inputs, updates, (g, needed) -> new Tensor[] {
            needed[0] ? update(g, start, Tensor.zeros(u)) : null,
            needed[1] ? Slice.region(g, start, u.toArray()) : null});
        return y;
    }
}
