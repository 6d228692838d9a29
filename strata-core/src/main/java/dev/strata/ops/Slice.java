package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.TensorAccess;
import dev.strata.internal.kernels.KernelProvider;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * A contiguous box of x: {@code size[i]} elements from {@code start[i]} on each axis, like
 * {@code keras.ops.slice(inputs, start_indices, shape)}; a size of -1 means "to the end of the axis".
 * Gradient: the upstream gradient padded with zeros back to x's shape ({@link Pad}), whose gradient is this
 * slice again.
 */
final class Slice {
    /** {@code keras.ops.slice(inputs, start_indices, shape)}. */
    static final OpSpec SPEC = OpSpec.op("slice").core("Slice")
            .positional("start_indices", Type.INTS).config("shape", Type.INTS)
            .rebuild((in, args) -> apply(in.get(0), args.ints("start_indices"), args.ints("shape")));

    private Slice() {
    }

    static Tensor apply(Tensor x, int[] start, int[] size) {
        Shape s = x.shape();
        if (start.length != s.rank() || size.length != s.rank()) {
            throw new ShapeException("slice: start " + Arrays.toString(start) + " and size " + Arrays.toString(size)
                    + " must each have one entry per axis of shape " + s + " (rank " + s.rank() + ")");
        }
        int[] out = new int[s.rank()];
        for (int i = 0; i < s.rank(); i++) {
            int d = s.get(i);
            if (start[i] < 0 || size[i] < -1) {
                throw new ShapeException("slice: start " + Arrays.toString(start) + " and size "
                        + Arrays.toString(size) + " for shape " + s + ": on axis " + i
                        + " the start must be >= 0 and the size >= 0 or -1 (to the end)");
            }
            if (d == Shape.UNKNOWN) {
                out[i] = size[i]; // -1 (to the end of an unknown axis) is Shape.UNKNOWN
                continue;
            }
            int n = size[i] == -1 ? d - start[i] : size[i];
            if (start[i] > d || start[i] + (long) n > d) {
                throw new ShapeException("slice: start " + Arrays.toString(start) + " and size "
                        + Arrays.toString(size) + " do not fit in shape " + s + ": on axis " + i + " start "
                        + start[i] + " + size " + n + " exceeds the dimension " + d);
            }
            out[i] = n;
        }
        Shape outShape = Shape.of(out);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(start, size), outShape, in -> apply(in.get(0), start, size), x);
        }
        return region(x, start.clone(), out);
    }

    /** The box of a concrete tensor at {@code start} of extent {@code size}, both already checked. */
    static Tensor region(Tensor x, int[] start, int[] size) {
        Shape s = x.shape();
        if (Arrays.equals(size, s.toArray()) && TensorAccess.isImmutable(x)) {
            return x; // the whole of a tensor that never changes (a variable's value is copied below)
        }
        Shape out = Shape.of(size);
        float[] r = OpSupport.newArray(out.size());
        copyBox(OpSupport.data(x), s, start, r, out, new int[s.rank()], size);
        Tensor y = OpSupport.wrap(r, out);
        OpSupport.gradient(y, x, (g, needed) -> {
            int[] after = new int[size.length];
            for (int i = 0; i < size.length; i++) {
                after[i] = s.get(i) - start[i] - size[i];
            }
            return new Tensor[] {Pad.region(g, start, after, 0f)};
        });
        return y;
    }

    /**
     * Copies the box of extent {@code size} at {@code srcStart} in {@code src} (shape {@code srcShape}) to
     * {@code dstStart} in {@code dst} (shape {@code dstShape}), one {@code arraycopy} per contiguous run: the
     * trailing axes that the box spans completely in both arrays are merged into the run.
     */
    static void copyBox(float[] src, Shape srcShape, int[] srcStart, float[] dst, Shape dstShape, int[] dstStart,
                        int[] size) {
        int rank = size.length;
        for (int d : size) {
            if (d == 0) {
                return;
            }
        }
        if (rank == 0) {
            dst[0] = src[0];
            return;
        }
        int[] srcStrides = strides(srcShape);
        int[] dstStrides = strides(dstShape);
        // The run covers axis k and every later axis, which must be spanned completely in both arrays.
        int k = rank - 1;
        int run = size[k];
        while (k > 0 && size[k] == srcShape.get(k) && size[k] == dstShape.get(k)) {
            k--;
            run *= size[k];
        }
        int srcPos = 0;
        int dstPos = 0;
        for (int i = 0; i < rank; i++) {
            srcPos += srcStart[i] * srcStrides[i];
            dstPos += dstStart[i] * dstStrides[i];
        }
        int runs = 1;
        for (int i = 0; i < k; i++) {
            runs *= size[i];
        }
        if (k == 1) { // one run per row: the common slice along the last axis of a matrix
            KernelProvider.get().copyRows(src, srcPos, srcStrides[0], dst, dstPos, dstStrides[0], runs, run);
            return;
        }
        int[] counter = new int[k];
        for (int r = 0; r < runs; r++) {
            System.arraycopy(src, srcPos, dst, dstPos, run);
            for (int a = k - 1; a >= 0; a--) {
                counter[a]++;
                srcPos += srcStrides[a];
                dstPos += dstStrides[a];
                if (counter[a] < size[a]) {
                    break;
                }
                srcPos -= srcStrides[a] * size[a];
                dstPos -= dstStrides[a] * size[a];
                counter[a] = 0;
            }
        }
    }

    /** Row-major strides of a fully known shape. */
    static int[] strides(Shape s) {
        int[] strides = new int[s.rank()];
        int stride = 1;
        for (int i = s.rank() - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= s.get(i);
        }
        return strides;
    }
}
