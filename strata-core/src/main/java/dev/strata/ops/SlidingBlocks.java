package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * {@code keras.ops.unfold} (im2col) and {@code keras.ops.fold} (col2im, its adjoint), PyTorch-style on channels-first
 * tensors: unfold takes {@code (N, C, H, W)} to {@code (N, C·kH·kW, L)}, {@code L = outH·outW} blocks, the block axis
 * ordered (channel, kernel row, kernel column) as JAX's {@code conv_general_dilated_patches} orders it, positions
 * outside the zero padding reading 0; fold sums the blocks back into {@code (N, C, oH, oW)}. Each is linear, so each
 * one's gradient is the other (JAX's). kernel_size, dilation, padding and stride are one integer or one per spatial
 * axis (height, width); Keras's config keeps them as given.
 */
final class SlidingBlocks {
    /** {@code keras.ops.unfold(x, kernel_size, dilation=1, padding=0, stride=1)}. */
    static final OpSpec UNFOLD = OpSpec.op("unfold").nn("Unfold").config("kernel_size", Type.INT_OR_INTS)
            .config("dilation", Type.INT_OR_INTS, 1).config("padding", Type.INT_OR_INTS, 0)
            .config("stride", Type.INT_OR_INTS, 1)
            .rebuild((in, a) -> unfold(in.get(0), ints(a.value("kernel_size")), ints(a.value("dilation")),
                    ints(a.value("padding")), ints(a.value("stride"))));
    /** {@code keras.ops.fold(x, output_size, kernel_size, dilation=1, padding=0, stride=1)}. */
    static final OpSpec FOLD = OpSpec.op("fold").nn("Fold").config("output_size", Type.INT_OR_INTS)
            .config("kernel_size", Type.INT_OR_INTS).config("dilation", Type.INT_OR_INTS, 1)
            .config("padding", Type.INT_OR_INTS, 0).config("stride", Type.INT_OR_INTS, 1)
            .rebuild((in, a) -> fold(in.get(0), ints(a.value("output_size")), ints(a.value("kernel_size")),
                    ints(a.value("dilation")), ints(a.value("padding")), ints(a.value("stride"))));

    private SlidingBlocks() {
    }

    /** The geometry of one unfold/fold: kernel, dilation, padding, stride per axis, and the image and block grid. */
    private record Geometry(int kh, int kw, int dh, int dw, int ph, int pw, int sh, int sw, int h, int w, int nh,
            int nw) {
        int blocks() {
            return nh * nw;
        }

        int kernel() {
            return kh * kw;
        }
    }

    private static Geometry geometry(String op, int h, int w, int[] kernelSize, int[] dilation, int[] padding,
            int[] stride) {
        int[] k = ConvSupport.perAxis(op, "kernel_size", kernelSize, 2);
        int[] d = ConvSupport.perAxis(op, "dilation", dilation, 2);
        int[] s = ConvSupport.perAxis(op, "stride", stride, 2);
        if (padding == null || (padding.length != 1 && padding.length != 2)) {
            throw new IllegalArgumentException(op + ": padding must be one integer or 2 (one per spatial axis), got "
                    + (padding == null ? "None" : Arrays.toString(padding)));
        }
        int[] p = {padding[0], padding[padding.length - 1]};
        if (p[0] < 0 || p[1] < 0) {
            throw new IllegalArgumentException(op + ": padding must be >= 0, got " + Arrays.toString(padding));
        }
        return new Geometry(k[0], k[1], d[0], d[1], p[0], p[1], s[0], s[1], h, w, blocks(op, "height", h, k[0], d[0],
                p[0], s[0]), blocks(op, "width", w, k[1], d[1], p[1], s[1]));
    }

    /** Keras's {@code (L + 2p - d(k - 1) - 1) // s + 1} (floor division; 0 blocks when the kernel just overhangs). */
    private static int blocks(String op, String axis, int length, int k, int d, int p, int s) {
        if (length == Shape.UNKNOWN) {
            return Shape.UNKNOWN;
        }
        int n = Math.floorDiv(length + 2 * p - d * (k - 1) - 1, s) + 1;
        if (n < 0) {
            throw new ShapeException(op + ": the kernel (size " + k + ", dilation " + d + ", extent " + (d * (k - 1) + 1)
                    + ") is larger than the padded " + axis + " " + length + " + 2·" + p);
        }
        return n;
    }

    private static int mul(int a, int b) {
        return a == Shape.UNKNOWN || b == Shape.UNKNOWN ? Shape.UNKNOWN : a * b;
    }

    /** {@code keras.ops.unfold}: x {@code (N, C, H, W)} to {@code (N, C·kH·kW, L)}. */
    static Tensor unfold(Tensor x, int[] kernelSize, int[] dilation, int[] padding, int[] stride) {
        Shape s = x.shape();
        if (s.rank() != 4) {
            throw new ShapeException("unfold: x must be 4D (N, C, H, W), channels first, got shape " + s);
        }
        Geometry g = geometry("unfold", s.get(2), s.get(3), kernelSize, dilation, padding, stride);
        Shape out = Shape.of(s.get(0), mul(s.get(1), g.kernel()), mul(g.nh, g.nw));
        if (x.isSymbolic()) {
            Object[] args = {given(kernelSize), given(dilation), given(padding), given(stride)};
            int[] k = kernelSize.clone(), d = dilation.clone(), p = padding.clone(), st = stride.clone();
            return OpSupport.record(UNFOLD.args(args), out, in -> unfold(in.get(0), k, d, p, st), x);
        }
        return im2col(x, g);
    }

    /** {@code keras.ops.fold}: x {@code (N, C·kH·kW, L)} to {@code (N, C, oH, oW)}. */
    static Tensor fold(Tensor x, int[] outputSize, int[] kernelSize, int[] dilation, int[] padding, int[] stride) {
        Shape s = x.shape();
        if (s.rank() != 3) {
            throw new ShapeException("fold: x must be 3D (N, C·kH·kW, L), got shape " + s);
        }
        int[] o = ConvSupport.perAxis("fold", "output_size", outputSize, 2);
        Geometry g = geometry("fold", o[0], o[1], kernelSize, dilation, padding, stride);
        int ckk = s.get(1);
        if (ckk != Shape.UNKNOWN && ckk % g.kernel() != 0) {
            throw new ShapeException("fold: the second dimension of x " + s + " (" + ckk + ") must be divisible by "
                    + "the kernel size product kH·kW = " + g.kernel());
        }
        if (s.get(2) != Shape.UNKNOWN && s.get(2) != g.blocks()) {
            throw new ShapeException("fold: x " + s + " has " + s.get(2) + " blocks, but output_size "
                    + Arrays.toString(o) + " with these kernel_size, dilation, padding and stride has " + g.nh + " x "
                    + g.nw + " = " + g.blocks());
        }
        int c = ckk == Shape.UNKNOWN ? Shape.UNKNOWN : ckk / g.kernel();
        Shape out = Shape.of(s.get(0), c, o[0], o[1]);
        if (x.isSymbolic()) {
            Object[] args = {given(outputSize), given(kernelSize), given(dilation), given(padding), given(stride)};
            int[] os = outputSize.clone(), k = kernelSize.clone(), d = dilation.clone(), p = padding.clone(),
                    st = stride.clone();
            return OpSupport.record(FOLD.args(args), out, in -> fold(in.get(0), os, k, d, p, st), x);
        }
        return col2im(x, c, g);
    }

    /**
     * Where each entry of a block column comes from: for kernel offset (i, j) and block (bh, bw), in the order of
     * unfold's rows {@code (i·kW + j)} and columns, the offset in one (h, w) image plane, or -1 in the zero padding.
     * unfold reads the plane through it and fold adds into the plane through it.
     */
    private static int[] sources(Geometry g) {
        int[] src = new int[g.kernel() * g.blocks()];
        int o = 0;
        for (int i = 0; i < g.kh; i++) {
            for (int j = 0; j < g.kw; j++) {
                for (int bh = 0; bh < g.nh; bh++) {
                    int r = bh * g.sh - g.ph + i * g.dh;
                    for (int bw = 0; bw < g.nw; bw++) {
                        int col = bw * g.sw - g.pw + j * g.dw;
                        src[o++] = r >= 0 && r < g.h && col >= 0 && col < g.w ? r * g.w + col : -1;
                    }
                }
            }
        }
        return src;
    }

    /** The blocks of a concrete image; its gradient folds them back. */
    private static Tensor im2col(Tensor x, Geometry g) {
        Shape s = x.shape();
        int n = s.get(0), c = s.get(1), plane = g.h * g.w, kk = g.kernel(), l = g.blocks();
        int[] src = sources(g);
        float[] in = OpSupport.data(x);
        float[] out = OpSupport.newArray(n * c * kk * l);
        for (int p = 0, o = 0; p < n * c; p++) {
            int base = p * plane;
            for (int q : src) {
                out[o++] = q < 0 ? 0f : in[base + q];
            }
        }
        asConvolution(out, n, c * kk, l);
        Tensor y = OpSupport.wrap(out, Shape.of(n, c * kk, l));
        OpSupport.gradient(y, x, (grad, needed) -> new Tensor[] {col2im(grad, c, g)});
        return y;
    }

    /** The sum of concrete blocks into a {@code (N, C, h, w)} image (0 where no block reaches); gradient: unfold. */
    private static Tensor col2im(Tensor x, int c, Geometry g) {
        int n = x.shape().get(0), plane = g.h * g.w;
        int[] src = sources(g);
        float[] in = OpSupport.data(x);
        if (!allFinite(in)) {
            in = in.clone();
            asConvolution(in, n, c * g.kernel(), g.blocks());
        }
        float[] out = OpSupport.newArray(n * c * plane);
        Arrays.fill(out, 0f);
        for (int p = 0, o = 0; p < n * c; p++) {
            int base = p * plane;
            for (int q : src) {
                if (q >= 0) {
                    out[base + q] += in[o];
                }
                o++;
            }
        }
        Tensor y = OpSupport.wrap(out, Shape.of(n, c, g.h, g.w));
        OpSupport.gradient(y, x, (grad, needed) -> new Tensor[] {im2col(grad, g)});
        return y;
    }

    private static boolean allFinite(float[] v) {
        for (float f : v) {
            if (!Float.isFinite(f)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Non-finite values as Keras's JAX backend gives them: it computes unfold and fold as convolutions with an
     * identity kernel, so every entry of a block (a column of {@code cols (n, ckk, l)}) is summed with the block's
     * other entries times 0, which makes it NaN when another entry of its block is infinite or NaN.
     */
    private static void asConvolution(float[] cols, int n, int ckk, int l) {
        if (allFinite(cols)) {
            return;
        }
        int[] bad = new int[l];
        for (int b = 0; b < n; b++) {
            Arrays.fill(bad, 0);
            int base = b * ckk * l;
            for (int r = 0; r < ckk; r++) {
                for (int j = 0; j < l; j++) {
                    if (!Float.isFinite(cols[base + r * l + j])) {
                        bad[j]++;
                    }
                }
            }
            for (int r = 0; r < ckk; r++) {
                for (int j = 0; j < l; j++) {
                    int i = base + r * l + j;
                    if (bad[j] > (Float.isFinite(cols[i]) ? 0 : 1)) {
                        cols[i] = Float.NaN;
                    }
                }
            }
        }
    }

    /** One value as an Integer, two as a copy: Keras's config keeps the argument as given. */
    private static Object given(int[] v) {
        return v.length == 1 ? (Object) v[0] : v.clone();
    }

    private static int[] ints(Object v) {
        return v instanceof Integer i ? new int[] {i} : (int[]) v;
    }
}
