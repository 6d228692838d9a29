package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.BinaryOp;
import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Kernels;
import dev.strata.internal.kernels.Parallelism;
import dev.strata.internal.kernels.ReduceOp;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * {@code e^x / Σ e^x} along one axis, computed as {@code e^(x - max)} so that large inputs do not overflow.
 * Gradient: {@code y·(g - Σ(g·y))}, the sum along the axis.
 */
final class Softmax {
    /** {@code keras.ops.softmax(x, axis=-1)}. */
    static final OpSpec SPEC = OpSpec.op("softmax").nn("Softmax").config("axis", Type.INT, -1)
            .rebuild((in, args) -> apply(in.get(0), args.integer("axis")));

    private Softmax() {
    }

    static Tensor apply(Tensor x, int axis) {
        int ax = Reductions.axes("softmax", x.shape(), new int[] {axis})[0];
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(ax), x.shape(), in -> apply(in.get(0), ax), x);
        }
        Tensor y = OpSupport.wrap(alongAxis(x, ax, false), x.shape());
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Multiply.apply(y, Subtract.apply(g, Sum.apply(Multiply.apply(g, y), new int[] {ax}, true)))});
        return y;
    }

    /** Elements per thread worth splitting a softmax's lines over threads (the lines of attention's scores). */
    private static final int SPLIT_ELEMENTS = 1 << 15;

    /**
     * Softmax (or, with {@code log}, log-softmax) of every line of x along {@code axis}. Lines that are not
     * contiguous (axis not last) are gathered into a buffer first, so the kernels always see contiguous runs.
     * Contiguous lines are shared among threads, whole lines each: every line gets the same kernel calls, so
     * the bits do not depend on the split.
     */
    static float[] alongAxis(Tensor x, int axis, boolean log) {
        Shape s = x.shape();
        float[] in = OpSupport.data(x);
        int len = s.get(axis);
        int inner = 1;
        for (int i = axis + 1; i < s.rank(); i++) {
            inner *= s.get(i);
        }
        if (len == 0 || in.length == 0) {
            return new float[in.length];
        }
        float[] out = OpSupport.newArray(in.length);
        int outer = in.length / (len * inner);
        Kernels k = KernelProvider.get();
        if (inner == 1) {
            Parallelism.forRange(outer, Math.max(1, SPLIT_ELEMENTS / len), (o0, o1) -> {
                float[] scratch = new float[len];
                for (int o = o0; o < o1; o++) {
                    line(k, in, o * len, out, o * len, scratch, len, log);
                }
            });
            return out;
        }
        float[] scratch = new float[len];
        float[] lineIn = new float[len];
        float[] lineOut = new float[len];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                for (int j = 0; j < len; j++) {
                    lineIn[j] = in[base + j * inner];
                }
                line(k, lineIn, 0, lineOut, 0, scratch, len, log);
                for (int j = 0; j < len; j++) {
                    out[base + j * inner] = lineOut[j];
                }
            }
        }
        return out;
    }

    private static void line(Kernels k, float[] in, int inOff, float[] out, int outOff, float[] shifted, int len,
                             boolean log) {
        float max = k.reduce(ReduceOp.MAX, in, inOff, len);
        // An infinite max (a line of -inf, or one holding +inf) would make x - max NaN everywhere; shifting by
        // 0 instead gives what the unshifted formula gives, as JAX does.
        if (!Float.isFinite(max)) {
            max = 0f;
        }
        k.binaryScalarRight(BinaryOp.SUBTRACT, in, inOff, max, shifted, 0, len);
        if (log) {
            k.unary(UnaryOp.EXP, shifted, 0, out, outOff, len);
            float logSum = (float) Math.log(k.reduce(ReduceOp.SUM, out, outOff, len));
            k.binaryScalarRight(BinaryOp.SUBTRACT, shifted, 0, logSum, out, outOff, len);
        } else {
            k.unary(UnaryOp.EXP, shifted, 0, shifted, 0, len);
            float sum = k.reduce(ReduceOp.SUM, shifted, 0, len);
            k.binaryScalarRight(BinaryOp.DIVIDE, shifted, 0, sum, out, outOff, len);
        }
    }
}
