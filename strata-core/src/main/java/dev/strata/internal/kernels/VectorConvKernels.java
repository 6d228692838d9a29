package dev.strata.internal.kernels;

import static dev.strata.internal.kernels.VectorConstants.LANES;
import static dev.strata.internal.kernels.VectorConstants.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * Two loops of {@link Convolution} on the Vector API, each with the same bits as its scalar twin
 * ({@code ConvolutionTest}); used only when the Vector API kernels are in use, so this class loads only when the
 * incubator module is present. C2 leaves both twins scalar: each reads one float array and writes another, which
 * its SuperWord pass cannot prove distinct.
 *
 * <p>The forward loop of a depthwise convolution (one input channel per group, depth multiplier 1): for each output
 * position and each block of channels, the taps' products summed in a register and written
 * once, where the plain loop of {@link Convolution#depthwiseForward} adds each tap's products into the output row
 * in memory (a read and a write per tap). Every lane does the scalar loop's IEEE operations in the same order (a
 * product, then a sum, no FMA, from 0, taps in order, those outside the input skipped).
 *
 * <p>The inference epilogue ({@link ConvEpilogue#apply}): a block of rows, each lane its steps in order.
 */
final class VectorConvKernels {
    private VectorConvKernels() {
    }

    /** {@link Convolution#depthwiseForward} of output rows [r0, r1), for a depth multiplier of 1. */
    static void forward(ConvGeometry g, float[] x, float[] w, float[] y, int r0, int r1) {
        int c = g.channels;
        int taps = g.taps;
        int full = SPECIES.loopBound(c);
        int[] xOff = new int[taps];
        int[] wOff = new int[taps];
        Convolution.Cursor at = new Convolution.Cursor(g, r0);
        for (int r = r0; r < r1; r++, at.next()) {
            int yOff = r * c;
            int valid = 0;
            for (int t = 0; t < taps; t++) { // the taps inside the input, in order
                int p = at.input(t);
                if (p >= 0) {
                    xOff[valid] = p * c;
                    wOff[valid++] = t * c;
                }
            }
            for (int ch = 0; ch < full; ch += LANES) {
                FloatVector acc = FloatVector.zero(SPECIES);
                for (int v = 0; v < valid; v++) {
                    FloatVector xv = FloatVector.fromArray(SPECIES, x, xOff[v] + ch);
                    acc = acc.add(xv.mul(FloatVector.fromArray(SPECIES, w, wOff[v] + ch)));
                }
                acc.intoArray(y, yOff + ch);
            }
            for (int ch = full; ch < c; ch++) {
                float s = 0f;
                for (int v = 0; v < valid; v++) {
                    s += x[xOff[v] + ch] * w[wOff[v] + ch];
                }
                y[yOff + ch] = s;
            }
        }
    }

    /** {@link ConvEpilogue#apply} on {@code rows} rows of {@code f} channels of y from {@code off}. */
    static void epilogue(ConvEpilogue e, float[] y, int off, int rows, int f) {
        float[] bias = e.bias();
        float[] scale = e.scale();
        float[] shift = e.shift();
        float lo = e.lo();
        float hi = e.hi();
        boolean low = lo != Float.NEGATIVE_INFINITY;
        boolean high = hi != Float.POSITIVE_INFINITY;
        int full = SPECIES.loopBound(f);
        for (int r = 0; r < rows; r++) {
            int o = off + r * f;
            for (int c = 0; c < full; c += LANES) {
                FloatVector v = FloatVector.fromArray(SPECIES, y, o + c);
                if (bias != null) {
                    v = v.add(FloatVector.fromArray(SPECIES, bias, c));
                }
                if (scale != null) {
                    v = v.mul(FloatVector.fromArray(SPECIES, scale, c)).add(FloatVector.fromArray(SPECIES, shift, c));
                }
                if (low) {
                    v = v.max(lo);
                }
                if (high) {
                    v = v.min(hi);
                }
                v.intoArray(y, o + c);
            }
            for (int c = full; c < f; c++) {
                float v = y[o + c];
                if (bias != null) {
                    v = v + bias[c];
                }
                if (scale != null) {
                    v = v * scale[c] + shift[c];
                }
                if (low) {
                    v = Math.max(v, lo);
                }
                if (high) {
                    v = Math.min(v, hi);
                }
                y[o + c] = v;
            }
        }
    }
}
