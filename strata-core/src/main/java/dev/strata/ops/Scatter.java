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
 * zeros.at[idx].add(values)}, {@code inputs.at[idx].set/add/max/min/multiply(updates)}). {@code indices} holds whole
 * numbers (float32, as Strata holds integers), its last axis of length {@code k} indexing the first {@code k} axes of
 * the target; each index tuple takes one block {@code target.shape[k:]} of the values, which broadcast to
 * {@code indices.shape[:-1] + target.shape[k:]} as JAX's {@code .at[]} broadcasts them. As JAX's {@code .at[]}: a
 * negative index counts from the end, and an index tuple still out of bounds is dropped (its values are not written,
 * and get a zero gradient). {@code scatter} adds duplicates; {@code scatter_update} without reduction keeps the last
 * write of a duplicate, and with a reduction combines every write with the input ({@code "add"}, {@code "max"},
 * {@code "min"}, {@code "mul"}; Keras lower-cases the name). A fractional or NaN index is an error.
 *
 * <p>Gradients, as JAX's: to the values, the gradient gathered at their index tuples (for {@code scatter_update}'s
 * overwrite, only the write that won gets it); to {@code scatter_update}'s inputs, the gradient where nothing
 * overwrote them ({@code "add"}: all of it). For {@code "max"}/{@code "min"}, each element's gradient is shared
 * equally by the input and the updates that equal the result (JAX's tie rule). For {@code "mul"}, the product rule
 * (input: g times the product of its updates; an update: g times the input and the other updates), which JAX gives
 * only for indices declared unique (Keras's call raises there). None to the indices.
 *
 * <p>Indices with more than one leading axis, {@code (a, b, k)}: the updates are laid out {@code (a, b, ...)}, as
 * {@code scatter} and TensorFlow's {@code tensor_scatter_nd_update} (Keras's TensorFlow backend) take them; Keras's
 * JAX backend transposes all index axes there and so expects {@code (b, a, ...)}. Keras's backends disagree, and
 * Strata keeps {@code scatter}'s layout for both ops.
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
        Shape blocks = checkBlocks("scatter", "values", indices, values, target, k);
        if (Graph.isSymbolic(List.of(indices, values))) {
            return OpSupport.record(SPEC.args((Object) shape.clone()), target,
                    in -> scatter(in.get(0), in.get(1), shape), indices, values);
        }
        int[] map = offsets("scatter", indices, target, k);
        return ScatterAdd.apply(BroadcastTo.apply(values, blocks), map, blockSize(target, k), target);
    }

    static Tensor update(Tensor inputs, Tensor indices, Tensor updates, String reduction) {
        String r = reduction == null ? null : reduction.toLowerCase(java.util.Locale.ROOT);
        if (r != null && !List.of("add", "max", "min", "mul").contains(r)) {
            throw new IllegalArgumentException("scatterUpdate: invalid reduction '" + reduction + "'; supported "
                    + "values are null, 'add', 'max', 'min', 'mul'");
        }
        Shape target = inputs.shape();
        int k = checkIndices("scatterUpdate", indices, target);
        Shape blocks = checkBlocks("scatterUpdate", "updates", indices, updates, target, k);
        if (Graph.isSymbolic(List.of(inputs, indices, updates))) {
            return OpSupport.record(UPDATE.args(r), target,
                    in -> update(in.get(0), in.get(1), in.get(2), r), inputs, indices, updates);
        }
        int[] map = offsets("scatterUpdate", indices, target, k);
        Tensor full = BroadcastTo.apply(updates, blocks); // differentiable: its gradient sums back to updates
        return r == null ? overwrite(inputs, full, map, blockSize(target, k))
                : reduce(inputs, full, map, blockSize(target, k), r);
    }

    /** JAX's {@code .at[idx].set}: the last write of each block wins. */
    private static Tensor overwrite(Tensor inputs, Tensor updates, int[] map, int run) {
        Shape target = inputs.shape();
        float[] in = OpSupport.data(inputs);
        float[] u = OpSupport.data(updates);
        float[] out = OpSupport.newArray(in.length);
        System.arraycopy(in, 0, out, 0, in.length);
        // the write that wins each block (the last), and which input elements were overwritten
        int[] winner = new int[map.length];
        float[] kept = new float[in.length];
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
                System.arraycopy(u, r * run, out, map[r], run);
            }
        }
        Tensor y = OpSupport.wrap(out, target);
        Shape updateShape = updates.shape();
        OpSupport.gradient(y, inputs, updates, (g, needed) -> new Tensor[] {
            needed[0] ? Multiply.apply(g, OpSupport.wrap(kept, target)) : null,
            needed[1] ? Gather.apply(g, winner, run, updateShape) : null});
        return y;
    }

    /**
     * JAX's {@code .at[idx].add/max/min/multiply}: every write combined with the input. The gradients are the
     * upstream gradient times constant weights, to the input elementwise and to each update at its block (so they
     * are differentiable in the upstream gradient).
     */
    private static Tensor reduce(Tensor inputs, Tensor updates, int[] map, int run, String reduction) {
        Shape target = inputs.shape();
        float[] in = OpSupport.data(inputs);
        float[] u = OpSupport.data(updates);
        float[] out = OpSupport.newArray(in.length);
        System.arraycopy(in, 0, out, 0, in.length);
        for (int r = 0; r < map.length; r++) {
            if (map[r] < 0) {
                continue;
            }
            for (int j = 0, dst = map[r], src = r * run; j < run; j++, dst++, src++) {
                out[dst] = switch (reduction) {
                    case "add" -> out[dst] + u[src];
                    case "max" -> Math.max(out[dst], u[src]);
                    case "min" -> Math.min(out[dst], u[src]);
                    default -> out[dst] * u[src];
                };
            }
        }
        Tensor y = OpSupport.wrap(out, target);
        Shape updateShape = updates.shape();
        if (reduction.equals("add")) {
            OpSupport.gradient(y, inputs, updates, (g, needed) -> new Tensor[] {
                needed[0] ? g : null, needed[1] ? Gather.apply(g, map, run, updateShape) : null});
            return y;
        }
        float[][] weights = reduction.equals("mul") ? productWeights(in, u, map, run)
                : tieWeights(in, u, out, map, run);
        Tensor inputWeights = OpSupport.wrap(weights[0], target);
        Tensor updateWeights = OpSupport.wrap(weights[1], updateShape);
        OpSupport.gradient(y, inputs, updates, (g, needed) -> new Tensor[] {
            needed[0] ? Multiply.apply(g, inputWeights) : null,
            needed[1] ? Multiply.apply(Gather.apply(g, map, run, updateShape), updateWeights) : null});
        return y;
    }

    /** max/min: the result's gradient shared equally by the input and the updates equal to the result. */
    private static float[][] tieWeights(float[] in, float[] u, float[] out, int[] map, int run) {
        float[] ties = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            ties[i] = in[i] == out[i] ? 1 : 0;
        }
        for (int r = 0; r < map.length; r++) {
            for (int j = 0; map[r] >= 0 && j < run; j++) {
                ties[map[r] + j] += u[r * run + j] == out[map[r] + j] ? 1 : 0;
            }
        }
        float[] wIn = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            wIn[i] = in[i] == out[i] ? 1f / ties[i] : 0f;
        }
        float[] wU = new float[u.length];
        for (int r = 0; r < map.length; r++) {
            for (int j = 0; map[r] >= 0 && j < run; j++) {
                int p = map[r] + j;
                wU[r * run + j] = u[r * run + j] == out[p] ? 1f / ties[p] : 0f;
            }
        }
        return new float[][] {wIn, wU};
    }

    /**
     * mul: the input's weight is the product of its updates; an update's, the input times the other updates
     * (the product of the non-zero ones and a count of zeros per element, so a zero update still gets its
     * gradient).
     */
    private static float[][] productWeights(float[] in, float[] u, int[] map, int run) {
        double[] nonZero = new double[in.length];
        int[] zeros = new int[in.length];
        Arrays.fill(nonZero, 1);
        for (int r = 0; r < map.length; r++) {
            for (int j = 0; map[r] >= 0 && j < run; j++) {
                float v = u[r * run + j];
                if (v == 0) {
                    zeros[map[r] + j]++;
                } else {
                    nonZero[map[r] + j] *= v;
                }
            }
        }
        float[] wIn = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            wIn[i] = zeros[i] > 0 ? 0f : (float) nonZero[i];
        }
        float[] wU = new float[u.length];
        for (int r = 0; r < map.length; r++) {
            for (int j = 0; map[r] >= 0 && j < run; j++) {
                int p = map[r] + j;
                float v = u[r * run + j];
                double others = v == 0 ? (zeros[p] == 1 ? nonZero[p] : 0) : (zeros[p] == 0 ? nonZero[p] / v : 0);
                wU[r * run + j] = (float) (in[p] * others);
            }
        }
        return new float[][] {wIn, wU};
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

    /**
     * Checks that the values broadcast to {@code indices.shape[:-1] + target.shape[k:]} (as JAX's {@code .at[]}
     * broadcasts them); returns that shape.
     */
    private static Shape checkBlocks(String op, String what, Tensor indices, Tensor values, Shape target, int k) {
        Shape is = indices.shape();
        Shape expected = is.subShape(0, is.rank() - 1).append(target.subShape(k, target.rank()).toArray());
        Shape got = values.shape();
        boolean fits = got.rank() <= expected.rank();
        for (int i = 1; fits && i <= got.rank(); i++) {
            int g = got.get(-i);
            int e = expected.get(-i);
            fits = g == 1 || g == e || g == Shape.UNKNOWN || e == Shape.UNKNOWN;
        }
        if (!fits) {
            throw new ShapeException(op + ": " + what + " of shape " + got + " do not fit indices of shape "
                    + is + " into shape " + target + ": expected " + what + " of shape " + expected
                    + " (indices.shape[:-1] + shape[" + k + ":]) or a shape that broadcasts to it");
        }
        return expected;
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
