package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Kernels;
import dev.strata.internal.kernels.ReduceOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/** The shape rule and the concrete loop shared by the reduction ops (sum, mean, max, min, prod, ...). */
final class Reductions {
    private static final int ROW_BLOCK = 128;
    private Reductions() {
    }

    /**
     * Normalised, sorted, distinct axes; {@code null} means all axes.
     *
     * @throws ShapeException if an axis is out of range or repeated
     */
    static int[] axes(String op, Shape shape, int[] axes) {
        if (axes == null) {
            int[] all = new int[shape.rank()];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = axes[i];
            if (a < -shape.rank() || a >= shape.rank()) {
                throw new ShapeException(op + ": axis " + a + " is out of bounds for a tensor of shape " + shape
                        + " (rank " + shape.rank() + ")");
            }
            out[i] = a < 0 ? a + shape.rank() : a;
        }
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw new ShapeException(op + ": axis " + out[i] + " is repeated in " + Arrays.toString(axes)
                        + " (tensor of shape " + shape + ")");
            }
        }
        return out;
    }

    /** An axis argument as numpy takes it (null: all; an {@code Integer}; an {@code int[]}) as a list or null. */
    static int[] given(Object axis) {
        return switch (axis) {
            case null -> null;
            case Integer a -> new int[] {a};
            case int[] a -> a.clone();
            default -> throw new IllegalArgumentException("axis must be an integer, a list of integers or None, got "
                    + axis.getClass().getSimpleName());
        };
    }

    /** An axis argument (null, an {@code Integer} or an {@code int[]}) to record: arrays copied, as Args are frozen. */
    static Object copy(Object axis) {
        return axis instanceof int[] a ? a.clone() : axis;
    }

    /** The output shape of reducing {@code shape} over the (normalised) axes. */
    static Shape shape(Shape shape, int[] axes, boolean keepDims) {
        int[] dims = shape.toArray();
        if (keepDims) {
            for (int a : axes) {
                dims[a] = 1;
            }
            return Shape.of(dims);
        }
        int[] out = new int[dims.length - axes.length];
        int j = 0;
        for (int i = 0, k = 0; i < dims.length; i++) {
            if (k < axes.length && axes[k] == i) {
                k++;
            } else {
                out[j++] = dims[i];
            }
        }
        return Shape.of(out);
    }

    /** The number of elements each output element reduces over. */
    static int count(Shape shape, int[] axes) {
        int n = 1;
        for (int a : axes) {
            n *= shape.get(a);
        }
        return n;
    }

    /**
     * Reduces a concrete tensor; the result has the keep-dims layout (which, flattened, is the same as without).
     */
    static float[] reduce(ReduceOp op, Tensor x, int[] axes) {
        Shape s = x.shape();
        float[] in = OpSupport.data(x);
        if (!isContiguousBlock(axes)) {
            // Move the reduced axes last (a copy), then reduce one trailing block.
            int[] perm = new int[s.rank()];
            int j = 0;
            for (int i = 0; i < s.rank(); i++) {
                if (Arrays.binarySearch(axes, i) < 0) {
                    perm[j++] = i;
                }
            }
            for (int a : axes) {
                perm[j++] = a;
            }
            Tensor moved = Transpose.concrete(x, perm);
            int[] trailing = new int[axes.length];
            Arrays.setAll(trailing, i -> s.rank() - axes.length + i);
            return reduce(op, moved, trailing);
        }
        int outer = 1;
        int mid = 1;
        int inner = 1;
        int first = axes.length == 0 ? s.rank() : axes[0];
        int last = axes.length == 0 ? s.rank() : axes[axes.length - 1] + 1;
        for (int i = 0; i < s.rank(); i++) {
            if (i < first) {
                outer *= s.get(i);
            } else if (i < last) {
                mid *= s.get(i);
            } else {
                inner *= s.get(i);
            }
        }
        float[] out = OpSupport.newArray(outer * inner);
        Kernels k = KernelProvider.get();
        if (inner == 1) {
            for (int o = 0; o < outer; o++) {
                out[o] = k.reduce(op, in, o * mid, mid);
            }
        } else {
            for (int o = 0; o < outer; o++) {
                int base = o * mid * inner;
                if (mid == 0) {
                    Arrays.fill(out, o * inner, (o + 1) * inner, op.identity());
                    continue;
                }
                if (op == ReduceOp.SUM && mid > ROW_BLOCK) {
                    sumRowsBlocked(k, in, base, mid, inner, out, o * inner);
                    continue;
                }
                System.arraycopy(in, base, out, o * inner, inner);
                for (int r = 1; r < mid; r++) {
                    k.reduceInto(op, in, base + r * inner, out, o * inner, inner);
                }
            }
        }
        return out;
    }

    /**
     * Sums many rows in blocks: each block of {@value #ROW_BLOCK} rows is summed on its own and then added in, so
     * the rounding error grows with (block + rows / block) rather than with the number of rows.
     */
    private static void sumRowsBlocked(Kernels k, float[] in, int base, int rows, int inner, float[] out, int outOff) {
        float[] block = new float[inner];
        for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
            int r1 = Math.min(rows, r0 + ROW_BLOCK);
            System.arraycopy(in, base + r0 * inner, block, 0, inner);
            for (int r = r0 + 1; r < r1; r++) {
                k.reduceInto(ReduceOp.SUM, in, base + r * inner, block, 0, inner);
            }
            if (r0 == 0) { // out may be a reused array (OpSupport.newArray): the first block sets it
                System.arraycopy(block, 0, out, outOff, inner);
            } else {
                k.reduceInto(ReduceOp.SUM, block, 0, out, outOff, inner);
            }
        }
    }

    private static boolean isContiguousBlock(int[] axes) {
        for (int i = 1; i < axes.length; i++) {
            if (axes[i] != axes[i - 1] + 1) {
                return false;
            }
        }
        return true;
    }
}
