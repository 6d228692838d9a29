package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Writing values at index tuples, like {@code keras.ops.scatter(indices, values, shape)} and
 * {@code keras.ops.scatter_update(inputs, indices, updates, reduction=None)} with the JAX backend ({@code
 * zeros.at[idx].add(values)}, {@code inputs.at[idx].set(updates)}). {@code indices} holds whole numbers (float32, as
 * Strata holds integers), its last axis of length {@code k} indexing the first {@code k} axes of the target; each
 * index tuple takes one block {@code target.shape[k:]} of the values. As JAX's {@code .at[]}: a negative index counts
 * from the end, and an index tuple still out of bounds is dropped (its values are not written, and get a zero
 * gradient). {@code scatter} adds duplicates; {@code scatter_update} without reduction keeps the last write of a
 * duplicate, and with {@code "add"} adds them to the input. A fractional or NaN index is an error.
 *
 * <p>Gradients, as JAX's: to the values, the gradient gathered at their index tuples (for {@code scatter_update}'s
 * overwrite, only the write that won gets it); to {@code scatter_update}'s inputs, the gradient where nothing
 * overwrote them ({@code "add"}: all of it); none to the indices.
 */
final class Scatter {
    /** {@code keras.ops.scatter(indices, values, shape)}. */
    static final OpSpec SPEC = OpSpec.op("scatter").core("Scatter").binary().integerInputs(0).config("shape", Type.INTS)
            .rebuild((in, args) -> scatter(in.get(0), in.get(1), args.ints("shape")));
    /** {@code keras.ops.scatter_update(inputs, indices, updates, reduction=None)}. */
    static final OpSpec UPDATE = OpSpec.op("scatter_update").core("ScatterUpdate").ternary().integerInputs(1)
            .config("reduction", Type.OPTIONAL_STRING)
            .rebuild((in, args) -> update(in.get(0), in.get(1), in.get(2), args.string("reduction")));

    private Scatter() {
    }

    static Tensor scatter(Tensor indices, Tensor values, int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new ShapeException("scatter: shape " + Arrays.toString(shape) + " must have known, "
                        + "non-negative dimensions");
            }
        }
        Shape target = Shape.of(shape);
        int k = checkIndices("scatter", indices, target);
        checkBlocks("scatter", "values", indices, values, target, k);
        if (Graph.isSymbolic(List.of(indices, values))) {
            return OpSupport.record(SPEC.args((Object) shape.clone()), target,
                    in -> scatter(in.get(0), in.get(1), shape), indices, values);
        }
        int[] map = offsets("scatter", indices, target, k);
        return ScatterAdd.apply(values, map, blockSize(target, k), target);
    }

    static Tensor update(Tensor inputs, Tensor indices, Tensor updates, String reduction) {
        if (reduction != null && !reduction.equals("add")) {
            throw new IllegalArgumentException("scatterUpdate: reduction '" + reduction + "' is not supported; Strata "
                    + "computes None (overwrite, last write wins) and 'add' (Keras also has 'max', 'min', 'mul')");
        }
        Shape target = inputs.shape();
        int k = checkIndices("scatterUpdate", indices, target);
        checkBlocks("scatterUpdate", "updates", indices, updates, target, k);
        if (Graph.isSymbolic(List.of(inputs, indices, updates))) {
            return OpSupport.record(UPDATE.args(reduction), target,
                    in -> update(in.get(0), in.get(1), in.get(2), reduction), inputs, indices, updates);
        }
        int[] map = offsets("scatterUpdate", indices, target, k);
        int run = blockSize(target, k);
        float[] in = OpSupport.data(inputs);
        float[] u = OpSupport.data(updates);
        float[] out = OpSupport.newArray(in.length);
        System.arraycopy(in, 0, out, 0, in.length);
        boolean add = reduction != null;
        // the write that wins each block (the last), and which input elements were overwritten
        int[] winner = add ? map : new int[map.length];
        float[] kept = add ? null : new float[in.length];
        if (!add) {
            Arrays.fill(kept, 1f);
            Arrays.fill(winner, -1);
            int[] lastWriter = new int[in.length / Math.max(run, 1) + 1];
            Arrays.fill(lastWriter, -1);
            for (int r = 0; r < map.length; r++) {
                if (map[r] >= 0 && run > 0) {
                    lastWriter[map[r] / run] = r;
                }
            }
            for (int r = 0; r < map.length; r++) {
                if (map[r] >= 0 && run > 0 && lastWriter[map[r] / run] == r) {
                    winner[r] = map[r];
                    Arrays.fill(kept, map[r], map[r] + run, 0f);
                }
            }
        }
        for (int r = 0; r < map.length; r++) {
            if (map[r] < 0) {
                continue;
            }
            int dst = map[r];
            int src = r * run;
            if (add) {
                for (int j = 0; j < run; j++) {
                    out[dst + j] += u[src + j];
                }
            } else if (winner[r] >= 0) {
                System.arraycopy(u, src, out, dst, run);
            }
        }
        Tensor y = OpSupport.wrap(out, target);
        Shape updateShape = updates.shape();
        OpSupport.gradient(y, inputs, updates, (g, needed) -> new Tensor[] {
            needed[0] ? (add ? g : Multiply.apply(g, OpSupport.wrap(kept, target))) : null,
            needed[1] ? Gather.apply(g, winner, run, updateShape) : null});
        return y;
    }

    /** Checks that indices are (..., k) with 1 <= k <= rank of the target; returns k. */
    private static int checkIndices(String op, Tensor indices, Shape target) {
        Shape s = indices.shape();
        int k = s.rank() == 0 ? Shape.UNKNOWN : s.get(-1);
        if (s.rank() == 0 || k == Shape.UNKNOWN || k < 1 || k > target.rank()) {
            throw new ShapeException(op + ": indices of shape " + s + " must have a known last axis of length k, "
                    + "1 <= k <= " + target.rank() + " (the rank of the target shape " + target + ")");
        }
        return k;
    }

    /** Checks that the values are indices.shape[:-1] + target.shape[k:]. */
    private static void checkBlocks(String op, String what, Tensor indices, Tensor values, Shape target, int k) {
        Shape is = indices.shape();
        Shape expected = is.subShape(0, is.rank() - 1).append(target.subShape(k, target.rank()).toArray());
        if (!values.shape().isCompatibleWith(expected)) {
            throw new ShapeException(op + ": " + what + " of shape " + values.shape() + " do not fit indices of shape "
                    + is + " into shape " + target + ": expected " + what + " of shape " + expected
                    + " (indices.shape[:-1] + shape[" + k + ":])");
        }
    }

    private static int blockSize(Shape target, int k) {
        return target.subShape(k, target.rank()).size();
    }

    /** The flat offset of each index tuple's block in the target, -1 for a tuple out of bounds (dropped). */
    private static int[] offsets(String op, Tensor indices, Shape target, int k) {
        float[] idx = OpSupport.data(indices);
        int rows = idx.length / k;
        int[] strides = Slice.strides(target);
        int[] map = new int[rows];
        for (int r = 0; r < rows; r++) {
            int offset = 0;
            for (int j = 0; j < k; j++) {
                float v = idx[r * k + j];
                if (v != Math.rint(v) || Float.isInfinite(v)) {
                    throw new IllegalArgumentException(op + ": indices must be whole numbers, got " + v
                            + " at index tuple " + r + " (indices of shape " + indices.shape() + ")");
                }
                long i = (long) v;
                int d = target.get(j);
                if (i < 0) {
                    i += d;
                }
                if (offset < 0 || i < 0 || i >= d) {
                    offset = -1;
                } else {
                    offset += (int) i * strides[j];
                }
            }
            map[r] = offset;
        }
        return map;
    }
}
