package dev.strata.internal.kernels;

import java.util.Arrays;

/**
 * The loops of max and average pooling over channels-last data, {@code (batch, d, h, w, channels)} (1-D and 2-D
 * pooling pass sizes of 1 for the missing spatial axes). Every loop runs over the channels innermost, a contiguous
 * run that C2 vectorizes: the maximum with {@code Math.max}, the sums, and the backward pass of max pooling, whose
 * "first maximum in the window takes the gradient" rule is written as arithmetic on 0/1 factors. C2 does not
 * vectorize selects ({@code hit ? a : b}) here: they become branches, which mispredict on ReLU outputs (3-4x slower
 * than the arithmetic form, measured on W5's shapes); clamping infinities first cost as much again, so a window
 * whose maximum is infinite or NaN gets a NaN gradient (JAX routes it to the first such element). Windows are
 * clipped to the input, so "same" padding never reads a padded element: max ignores padding, as JAX's
 * {@code -inf} padding does, and the average divides by the number of valid elements, as Keras's JAX backend does.
 *
 * <p>Large calls are split over the batch ({@link Parallelism#forRange}); each image is handled by one thread,
 * so the result does not depend on the split.
 */
public final class PoolKernels {
    /** The least number of input elements worth handing to another thread (a hand-off costs ~20 µs). */
    private static final int MIN_ELEMENTS_PER_THREAD = 1 << 16;

    private PoolKernels() {
    }

    /**
     * The sizes of one pooling: input {@code (batch, inD, inH, inW, channels)}, window {@code pool*}, step
     * {@code stride*}, {@code pad*} elements of padding before each spatial axis, output
     * {@code (batch, outD, outH, outW, channels)}. Every window holds at least one input element.
     */
    public record Geometry(int batch, int inD, int inH, int inW, int channels, int poolD, int poolH, int poolW,
                           int strideD, int strideH, int strideW, int padD, int padH, int padW, int outD, int outH,
                           int outW) {
        /** Elements of one input image. */
        int inImage() {
            return inD * inH * inW * channels;
        }

        /** Elements of one output image. */
        int outImage() {
            return outD * outH * outW * channels;
        }

        /** Input elements in all. */
        public int inSize() {
            return batch * inImage();
        }

        /** Output elements in all. */
        public int outSize() {
            return batch * outImage();
        }
    }

    /**
     * The first and last-plus-one input index of each window along one axis ({@code starts} then {@code ends}), clipped
     * to the input: windows over padding cover only the input's elements.
     */
    private static int[][] bounds(int out, int stride, int pad, int pool, int in) {
        int[] starts = new int[out];
        int[] ends = new int[out];
        for (int o = 0; o < out; o++) {
            int s = o * stride - pad;
            starts[o] = Math.max(0, s);
            ends[o] = Math.min(in, s + pool);
        }
        return new int[][] {starts, ends};
    }

    /** The images per thread that make a split worth its hand-off. */
    private static int imagesPerThread(Geometry g) {
        return Math.max(1, MIN_ELEMENTS_PER_THREAD / Math.max(1, g.inImage() + g.outImage()));
    }

    /** The offset of input element {@code (b, d, h, w, 0)}. */
    private static int in(Geometry g, int b, int d, int h, int w) {
        return (((b * g.inD() + d) * g.inH() + h) * g.inW() + w) * g.channels();
    }

    /** {@code y} = the maximum of each window of {@code x} (NaN propagates, as {@code Math.max} does). */
    public static void maxPool(float[] x, Geometry g, float[] y) {
        int[][] bd = bounds(g.outD(), g.strideD(), g.padD(), g.poolD(), g.inD());
        int[][] bh = bounds(g.outH(), g.strideH(), g.padH(), g.poolH(), g.inH());
        int[][] bw = bounds(g.outW(), g.strideW(), g.padW(), g.poolW(), g.inW());
        Parallelism.forRange(g.batch(), imagesPerThread(g), (from, to) -> maxPool(x, g, y, bd, bh, bw, from, to));
    }

    // The kernels below are plain static loops over a range of images, so that C2 compiles each with its channel
    // loop vectorized (the same loops behind a per-window lambda ran 3-4x slower).
    private static void maxPool(float[] x, Geometry g, float[] y, int[][] bd, int[][] bh, int[][] bw, int from,
                                int to) {
        int c = g.channels();
        int o = from * g.outImage();
        for (int b = from; b < to; b++) {
            for (int od = 0; od < g.outD(); od++) {
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++, o += c) {
                        System.arraycopy(x, in(g, b, bd[0][od], bh[0][oh], bw[0][ow]), y, o, c);
                        for (int d = bd[0][od]; d < bd[1][od]; d++) {
                            for (int h = bh[0][oh]; h < bh[1][oh]; h++) {
                                for (int w = bw[0][ow]; w < bw[1][ow]; w++) {
                                    int p = in(g, b, d, h, w);
                                    for (int ch = 0; ch < c; ch++) {
                                        y[o + ch] = Math.max(y[o + ch], x[p + ch]);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The gradient of max pooling: each output's gradient {@code gy} goes to the first element of its window (in
     * row-major window order) equal to the window's maximum {@code y}, as JAX's {@code select_and_scatter_add} with
     * {@code >=} does; overlapping windows add up. {@code gx} (input-sized) is overwritten; {@code remaining}
     * (output-sized) is scratch.
     */
    public static void maxPoolBackward(float[] x, float[] y, float[] gy, Geometry g, float[] gx, float[] remaining) {
        int[][] bd = bounds(g.outD(), g.strideD(), g.padD(), g.poolD(), g.inD());
        int[][] bh = bounds(g.outH(), g.strideH(), g.padH(), g.poolH(), g.inH());
        int[][] bw = bounds(g.outW(), g.strideW(), g.padW(), g.poolW(), g.inW());
        Parallelism.forRange(g.batch(), imagesPerThread(g),
                (from, to) -> maxPoolBackward(x, y, gy, g, gx, remaining, bd, bh, bw, from, to));
    }

    private static void maxPoolBackward(float[] x, float[] y, float[] gy, Geometry g, float[] gx, float[] remaining,
                                        int[][] bd, int[][] bh, int[][] bw, int from, int to) {
        int c = g.channels();
        int o = from * g.outImage();
        for (int b = from; b < to; b++) {
            // Zeroed and copied image by image, so that the image's gradient is still in cache when it is summed.
            Arrays.fill(gx, b * g.inImage(), (b + 1) * g.inImage(), 0f);
            System.arraycopy(gy, b * g.outImage(), remaining, b * g.outImage(), g.outImage());
            for (int od = 0; od < g.outD(); od++) {
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++, o += c) {
                        for (int d = bd[0][od]; d < bd[1][od]; d++) {
                            for (int h = bh[0][oh]; h < bh[1][oh]; h++) {
                                for (int w = bw[0][ow]; w < bw[1][ow]; w++) {
                                    int p = in(g, b, d, h, w);
                                    for (int ch = 0; ch < c; ch++) {
                                        // y is the window's maximum, so y - x >= 0, and scaled by 2^200 (in two
                                        // steps, to stay a float) any difference reaches 1: miss is 0 exactly
                                        // where x equals the maximum, else 1. Once an element has taken the
                                        // gradient, the remaining gradient is 0 and later ties take nothing.
                                        float miss = Math.min(1f, (y[o + ch] - x[p + ch]) * 0x1p100f * 0x1p100f);
                                        float take = remaining[o + ch] * (1f - miss);
                                        gx[p + ch] += take;
                                        remaining[o + ch] -= take;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The transpose of {@link #maxPoolBackward} in its gradient: {@code out[o]} = {@code gx} at the element that
     * took output o's gradient (the first maximum of its window). {@code open} (output-sized) is scratch.
     */
    public static void maxPoolGather(float[] x, float[] y, float[] gx, Geometry g, float[] out, float[] open) {
        int[][] bd = bounds(g.outD(), g.strideD(), g.padD(), g.poolD(), g.inD());
        int[][] bh = bounds(g.outH(), g.strideH(), g.padH(), g.poolH(), g.inH());
        int[][] bw = bounds(g.outW(), g.strideW(), g.padW(), g.poolW(), g.inW());
        int c = g.channels();
        Arrays.fill(out, 0, g.outSize(), 0f);
        Arrays.fill(open, 0, g.outSize(), 1f);
        int o = 0;
        for (int b = 0; b < g.batch(); b++) {
            for (int od = 0; od < g.outD(); od++) {
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++, o += c) {
                        for (int d = bd[0][od]; d < bd[1][od]; d++) {
                            for (int h = bh[0][oh]; h < bh[1][oh]; h++) {
                                for (int w = bw[0][ow]; w < bw[1][ow]; w++) {
                                    int p = in(g, b, d, h, w);
                                    for (int ch = 0; ch < c; ch++) {
                                        boolean hit = x[p + ch] >= y[o + ch] && open[o + ch] != 0f;
                                        out[o + ch] = hit ? gx[p + ch] : out[o + ch];
                                        open[o + ch] = hit ? 0f : open[o + ch];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@code y} = the mean of the valid elements of each window of {@code x} (their sum divided by their count). */
    public static void averagePool(float[] x, Geometry g, float[] y) {
        int[][] bd = bounds(g.outD(), g.strideD(), g.padD(), g.poolD(), g.inD());
        int[][] bh = bounds(g.outH(), g.strideH(), g.padH(), g.poolH(), g.inH());
        int[][] bw = bounds(g.outW(), g.strideW(), g.padW(), g.poolW(), g.inW());
        Parallelism.forRange(g.batch(), imagesPerThread(g), (from, to) -> averagePool(x, g, y, bd, bh, bw, from, to));
    }

    private static void averagePool(float[] x, Geometry g, float[] y, int[][] bd, int[][] bh, int[][] bw, int from,
                                    int to) {
        int c = g.channels();
        int o = from * g.outImage();
        for (int b = from; b < to; b++) {
            for (int od = 0; od < g.outD(); od++) {
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++, o += c) {
                        Arrays.fill(y, o, o + c, 0f);
                        for (int d = bd[0][od]; d < bd[1][od]; d++) {
                            for (int h = bh[0][oh]; h < bh[1][oh]; h++) {
                                for (int w = bw[0][ow]; w < bw[1][ow]; w++) {
                                    int p = in(g, b, d, h, w);
                                    for (int ch = 0; ch < c; ch++) {
                                        y[o + ch] += x[p + ch];
                                    }
                                }
                            }
                        }
                        float n = (bd[1][od] - bd[0][od]) * (bh[1][oh] - bh[0][oh]) * (bw[1][ow] - bw[0][ow]);
                        for (int ch = 0; ch < c; ch++) {
                            y[o + ch] /= n;
                        }
                    }
                }
            }
        }
    }

    /**
     * The gradient of average pooling (its transpose): every valid element of a window gets {@code gy / count};
     * overlapping windows add up. {@code gx} (input-sized) is overwritten.
     */
    public static void averagePoolBackward(float[] gy, Geometry g, float[] gx) {
        int[][] bd = bounds(g.outD(), g.strideD(), g.padD(), g.poolD(), g.inD());
        int[][] bh = bounds(g.outH(), g.strideH(), g.padH(), g.poolH(), g.inH());
        int[][] bw = bounds(g.outW(), g.strideW(), g.padW(), g.poolW(), g.inW());
        Parallelism.forRange(g.batch(), imagesPerThread(g),
                (from, to) -> averagePoolBackward(gy, g, gx, bd, bh, bw, from, to));
    }

    private static void averagePoolBackward(float[] gy, Geometry g, float[] gx, int[][] bd, int[][] bh, int[][] bw,
                                            int from, int to) {
        int c = g.channels();
        float[] share = new float[c];
        int o = from * g.outImage();
        for (int b = from; b < to; b++) {
            Arrays.fill(gx, b * g.inImage(), (b + 1) * g.inImage(), 0f);
            for (int od = 0; od < g.outD(); od++) {
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++, o += c) {
                        float n = (bd[1][od] - bd[0][od]) * (bh[1][oh] - bh[0][oh]) * (bw[1][ow] - bw[0][ow]);
                        for (int ch = 0; ch < c; ch++) {
                            share[ch] = gy[o + ch] / n; // divided once per window, as JAX does (g / count)
                        }
                        for (int d = bd[0][od]; d < bd[1][od]; d++) {
                            for (int h = bh[0][oh]; h < bh[1][oh]; h++) {
                                for (int w = bw[0][ow]; w < bw[1][ow]; w++) {
                                    int p = in(g, b, d, h, w);
                                    for (int ch = 0; ch < c; ch++) {
                                        gx[p + ch] += share[ch];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
