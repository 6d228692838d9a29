package dev.strata.internal.kernels;

import java.util.Arrays;

/**
 * The shape of one channels-last convolution, {@code y[n, o, f] = Σ x[n, o·stride + t·dilation - padBefore, c] ·
 * w[t, c, f]} over the kernel taps t and the input channels c of f's group, positions outside the input reading 0.
 * Every spatial rank is held as 3-D (D, H, W): a 1-D or 2-D convolution has leading spatial sizes of 1, so one set
 * of loops serves all three.
 *
 * <p>Arrays are row-major: x is (batch, inD, inH, inW, channels), y is (batch, outD, outH, outW, filters) and the
 * kernel is (kD, kH, kW, channels / groups, filters), Keras's layout. A transposed convolution is this geometry
 * run backwards (its input is y, its output x).
 */
public final class ConvGeometry {
    final int batch;
    final int inD;
    final int inH;
    final int inW;
    final int channels;
    final int outD;
    final int outH;
    final int outW;
    final int filters;
    final int kD;
    final int kH;
    final int kW;
    final int sD;
    final int sH;
    final int sW;
    final int dD;
    final int dH;
    final int dW;
    final int pD;
    final int pH;
    final int pW;
    final int groups;
    /** Input channels per group. */
    final int cg;
    /** Filters per group. */
    final int fg;
    /** Kernel taps, kD·kH·kW. */
    final int taps;
    /** Columns of a group's patch panel: taps · cg. */
    final int kdim;
    /** Output positions per sample. */
    final int outSpatial;
    /** Rows of the patch panel: batch · outSpatial. */
    final int rows;

    private ConvGeometry(int batch, int[] in, int channels, int[] out, int filters, int[] kernel, int[] strides,
                         int[] dilations, int[] padBefore, int groups) {
        this.batch = batch;
        this.inD = in[0];
        this.inH = in[1];
        this.inW = in[2];
        this.channels = channels;
        this.outD = out[0];
        this.outH = out[1];
        this.outW = out[2];
        this.filters = filters;
        this.kD = kernel[0];
        this.kH = kernel[1];
        this.kW = kernel[2];
        this.sD = strides[0];
        this.sH = strides[1];
        this.sW = strides[2];
        this.dD = dilations[0];
        this.dH = dilations[1];
        this.dW = dilations[2];
        this.pD = padBefore[0];
        this.pH = padBefore[1];
        this.pW = padBefore[2];
        this.groups = groups;
        this.cg = channels / groups;
        this.fg = filters / groups;
        this.taps = kD * kH * kW;
        this.kdim = taps * cg;
        this.outSpatial = outD * outH * outW;
        this.rows = batch * outSpatial;
    }

    /**
     * A geometry of 1 to 3 spatial dimensions (each array has one entry per spatial dimension).
     *
     * @throws IllegalArgumentException if the sizes are inconsistent (the ops check user input before this)
     */
    public static ConvGeometry of(int batch, int[] in, int channels, int[] out, int filters, int[] kernel,
                                  int[] strides, int[] dilations, int[] padBefore, int groups) {
        int r = in.length;
        if (r < 1 || r > 3 || out.length != r || kernel.length != r || strides.length != r || dilations.length != r
                || padBefore.length != r) {
            throw new IllegalArgumentException("convolution geometry: 1 to 3 spatial dimensions, one entry each");
        }
        if (groups < 1 || channels % groups != 0 || filters % groups != 0) {
            throw new IllegalArgumentException("convolution geometry: " + channels + " channels and " + filters
                    + " filters must both divide into " + groups + " groups");
        }
        return new ConvGeometry(batch, lift(in, 1), channels, lift(out, 1), filters, lift(kernel, 1),
                lift(strides, 1), lift(dilations, 1), lift(padBefore, 0), groups);
    }

    private static int[] lift(int[] a, int fill) {
        int[] out = new int[3];
        Arrays.fill(out, fill);
        System.arraycopy(a, 0, out, 3 - a.length, a.length);
        return out;
    }

    /** Whether the patch panel is the input itself: a 1x1 kernel, stride 1, no padding, one group. */
    boolean isPointwise() {
        return taps == 1 && groups == 1 && sD == 1 && sH == 1 && sW == 1 && pD == 0 && pH == 0 && pW == 0
                && inD == outD && inH == outH && inW == outW;
    }

    /** The number of elements of x. */
    public int inputSize() {
        return batch * inD * inH * inW * channels;
    }

    /** The number of elements of y. */
    public int outputSize() {
        return rows * filters;
    }

    /** The number of elements of the kernel. */
    public int kernelSize() {
        return taps * cg * filters;
    }

    /** The multiply-adds of one pass (forward, or either gradient). */
    long macs() {
        return (long) rows * kdim * filters;
    }
}
