package dev.strata.ops;

import dev.strata.internal.kernels.BinaryOp;
import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Kernels;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Runs elementwise kernels over concrete tensors, with broadcasting. Axes are coalesced first, so the
 * kernels see long contiguous runs: equal shapes and scalar operands take one kernel call; otherwise one
 * call per row of the innermost (coalesced) axis.
 */
final class Elementwise {
    private Elementwise() {
    }

    static Tensor unary(UnaryOp op, Tensor x) {
        float[] in = OpSupport.data(x);
        float[] out = OpSupport.newArray(in.length);
        KernelProvider.get().unary(op, in, 0, out, 0, in.length);
        return OpSupport.wrap(out, x.shape());
    }

    /** {@code op(a, b)} broadcast to {@code out} (which the caller got from {@link Broadcasting#shape}). */
    static Tensor binary(BinaryOp op, Tensor a, Tensor b, Shape out) {
        float[] x = OpSupport.data(a);
        float[] y = OpSupport.data(b);
        int n = out.size();
        float[] r = OpSupport.newArray(n);
        Kernels k = KernelProvider.get();
        if (x.length == n && y.length == n) {
            k.binary(op, x, 0, y, 0, r, 0, n);
        } else if (x.length == n && y.length == 1) {
            k.binaryScalarRight(op, x, 0, y[0], r, 0, n);
        } else if (y.length == n && x.length == 1) {
            k.binaryScalarLeft(op, x[0], y, 0, r, 0, n);
        } else if (n > 0) {
            broadcast(k, op, x, stridesFor(a.shape(), out), y, stridesFor(b.shape(), out), r, out);
        }
        return OpSupport.wrap(r, out);
    }

    /** Row-major strides of {@code s} aligned to {@code out}'s axes, 0 where {@code s} is broadcast. */
    static int[] stridesFor(Shape s, Shape out) {
        int rank = out.rank();
        int[] strides = new int[rank];
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--) {
            int j = i - (rank - s.rank());
            int d = j >= 0 ? s.get(j) : 1;
            strides[i] = d == 1 && out.get(i) != 1 ? 0 : stride;
            stride *= d;
        }
        return strides;
    }

    private static void broadcast(Kernels k, BinaryOp op, float[] x, int[] sx, float[] y, int[] sy, float[] r,
                                  Shape out) {
        // Coalesce adjacent axes that are contiguous (or broadcast) in both operands.
        int rank = out.rank();
        int[] dims = new int[rank];
        int[] ax = new int[rank];
        int[] ay = new int[rank];
        int m = 0;
        for (int i = 0; i < rank; i++) {
            int d = out.get(i);
            if (d == 1) {
                continue;
            }
            if (m > 0 && mergeable(ax[m - 1], sx[i], d) && mergeable(ay[m - 1], sy[i], d)) {
                dims[m - 1] *= d;
                ax[m - 1] = sx[i];
                ay[m - 1] = sy[i];
            } else {
                dims[m] = d;
                ax[m] = sx[i];
                ay[m] = sy[i];
                m++;
            }
        }
        if (m == 0) {
            r[0] = op.apply(x[0], y[0]);
            return;
        }
        int inner = dims[m - 1];
        int ix = ax[m - 1];
        int iy = ay[m - 1];
        int rows = r.length / inner;
        int[] counter = new int[m - 1];
        int px = 0;
        int py = 0;
        for (int row = 0; row < rows; row++) {
            int po = row * inner;
            if (ix == 1 && iy == 1) {
                k.binary(op, x, px, y, py, r, po, inner);
            } else if (ix == 1) {
                k.binaryScalarRight(op, x, px, y[py], r, po, inner);
            } else if (iy == 1) {
                k.binaryScalarLeft(op, x[px], y, py, r, po, inner);
            } else {
                java.util.Arrays.fill(r, po, po + inner, op.apply(x[px], y[py]));
            }
            // advance the odometer over the outer axes
            for (int a = m - 2; a >= 0; a--) {
                counter[a]++;
                px += ax[a];
                py += ay[a];
                if (counter[a] < dims[a]) {
                    break;
                }
                px -= ax[a] * dims[a];
                py -= ay[a] * dims[a];
                counter[a] = 0;
            }
        }
    }

    /**
     * Whether an outer axis of stride {@code outerStride} and the next axis (stride {@code stride}, size
     * {@code d}) form one run: both broadcast, or the outer stride steps exactly over the inner axis.
     */
    private static boolean mergeable(int outerStride, int stride, int d) {
        return (outerStride == 0 && stride == 0) || (stride != 0 && outerStride == stride * d);
    }
}
