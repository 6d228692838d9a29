package dev.strata.internal.kernels;

import java.util.Arrays;

/**
 * The loops of max and average pooling over channels-last data, {@code (batch, d, h, w, channels)} (1-D and 2-D
 * pooling pass sizes of 1 for the missing spatial axes). Every loop runs over the channels innermost, a contiguous
 * run that C2 vectorizes: the maximum with {@code Math.max}, the sums, and the backward pass of max pooling, whose
 * "first maximum in the window takes the gradient" rule is written with selects ({@code hit ? a : b}) rather than
 * branches (a branch per element mispredicts on ReLU outputs and ran 5x slower here). Windows are clipped to the
 * input, so "same" padding never reads a padded element: max ignores padding, as JAX's {@code -inf} padding does,
 * and the average divides by the number of valid elements, as Keras's JAX backend does.
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

    @FunctionalInterface
    private interface PerWindow {
        /**
         * One output position: {@code o} is the offset of its channel run in the output; the window covers input
         * rows {@code [d0, d1) x [h0, h1) x [w0, w1)} of image {@code b}, {@code count} elements.
         */
        void run(int b, int o, int d0, int d1, int h0, int h1, int w0, int w1, int count);
    }

    private static void forEachWindow(Geometry g, PerWindow body) {
        int imagesPerThread = Math.max(1, MIN_ELEMENTS_PER_THREAD / Math.max(1, g.inImage() + g.outImage()));
        Parallelism.forRange(g.batch(), imagesPerThread, (from, to) -> {
            for (int b = from; b < to; b++) {
                for (int od = 0; od < g.outD(); od++) {
                    int ds = od * g.strideD() - g.padD();
                    int d0 = Math.max(0, ds);
                    int d1 = Math.min(g.inD(), ds + g.poolD());
                    for (int oh = 0; oh < g.outH(); oh++) {
                        int hs = oh * g.strideH() - g.padH();
                        int h0 = Math.max(0, hs);
                        int h1 = Math.min(g.inH(), hs + g.poolH());
                        for (int ow = 0; ow < g.outW(); ow++) {
                            int ws = ow * g.strideW() - g.padW();
                            int w0 = Math.max(0, ws);
                            int w1 = Math.min(g.inW(), ws + g.poolW());
                            int o = (((b * g.outD() + od) * g.outH() + oh) * g.outW() + ow) * g.channels();
                            body.run(b, o, d0, d1, h0, h1, w0, w1, (d1 - d0) * (h1 - h0) * (w1 - w0));
                        }
                    }
                }
            }
        });
    }

    /** The offset of input element {@code (b, d, h, w, 0)}. */
    private static int in(Geometry g, int b, int d, int h, int w) {
        return (((b * g.inD() + d) * g.inH() + h) * g.inW() + w) * g.channels();
    }

    /** Zeroes the images {@code [from, to)} of an input-shaped array. */
    private static void zeroInput(Geometry g, float[] a) {
        int image = g.inImage();
        Parallelism.forRange(g.batch(), Math.max(1, MIN_ELEMENTS_PER_THREAD * 4 / Math.max(1, image)),
                (from, to) -> Arrays.fill(a, from * image, to * image, 0f));
    }

    /** {@code y} = the maximum of each window of {@code x} (NaN propagates, as {@code Math.max} does). */
    public static void maxPool(float[] x, Geometry g, float[] y) {
        int c = g.channels();
        forEachWindow(g, (b, o, d0, d1, h0, h1, w0, w1, count) -> {
            System.arraycopy(x, in(g, b, d0, h0, w0), y, o, c);
            for (int d = d0; d < d1; d++) {
                for (int h = h0; h < h1; h++) {
                    for (int w = w0; w < w1; w++) {
                        int p = in(g, b, d, h, w);
                        for (int ch = 0; ch < c; ch++) {
                            y[o + ch] = Math.max(y[o + ch], x[p + ch]);
                        }
                    }
                }
            }
        });
    }

    /**
     * The gradient of max pooling: each output's gradient {@code gy} goes to the first element of its window (in
     * row-major window order) equal to the window's maximum {@code y}, as JAX's {@code select_and_scatter_add} with
     * {@code >=} does; overlapping windows add up. {@code gx} (input-sized) is overwritten; {@code remaining}
     * (output-sized) is scratch.
     */
    public static void maxPoolBackward(float[] x, float[] y, float[] gy, Geometry g, float[] gx, float[] remaining) {
        int c = g.channels();
        zeroInput(g, gx);
        System.arraycopy(gy, 0, remaining, 0, g.outSize());
        forEachWindow(g, (b, o, d0, d1, h0, h1, w0, w1, count) -> {
            for (int d = d0; d < d1; d++) {
                for (int h = h0; h < h1; h++) {
                    for (int w = w0; w < w1; w++) {
                        int p = in(g, b, d, h, w);
                        for (int ch = 0; ch < c; ch++) {
                            // y is the window's maximum, so x >= y only where x equals it; once an element has
                            // taken the gradient, the remaining gradient is 0 and later ties take nothing.
                            boolean hit = x[p + ch] >= y[o + ch];
                            float r = remaining[o + ch];
                            gx[p + ch] += hit ? r : 0f;
                            remaining[o + ch] = hit ? 0f : r;
                        }
                    }
                }
            }
        });
    }

    /**
     * The transpose of {@link #maxPoolBackward} in its gradient: {@code out[o]} = {@code gx} at the element that
     * took output o's gradient (the first maximum of its window). {@code open} (output-sized) is scratch.
     */
    public static void maxPoolGather(float[] x, float[] y, float[] gx, Geometry g, float[] out, float[] open) {
        int c = g.channels();
        Arrays.fill(out, 0, g.outSize(), 0f);
        Arrays.fill(open, 0, g.outSize(), 1f);
        forEachWindow(g, (b, o, d0, d1, h0, h1, w0, w1, count) -> {
            for (int d = d0; d < d1; d++) {
                for (int h = h0; h < h1; h++) {
                    for (int w = w0; w < w1; w++) {
                        int p = in(g, b, d, h, w);
                        for (int ch = 0; ch < c; ch++) {
                            boolean hit = x[p + ch] >= y[o + ch] && open[o + ch] != 0f;
                            out[o + ch] = hit ? gx[p + ch] : out[o + ch];
                            open[o + ch] = hit ? 0f : open[o + ch];
                        }
                    }
                }
            }
        });
    }

    /** {@code y} = the mean of the valid elements of each window of {@code x} (their sum divided by their count). */
    public static void averagePool(float[] x, Geometry g, float[] y) {
        int c = g.channels();
        forEachWindow(g, (b, o, d0, d1, h0, h1, w0, w1, count) -> {
            Arrays.fill(y, o, o + c, 0f);
            for (int d = d0; d < d1; d++) {
                for (int h = h0; h < h1; h++) {
                    for (int w = w0; w < w1; w++) {
                        int p = in(g, b, d, h, w);
                        for (int ch = 0; ch < c; ch++) {
                            y[o + ch] += x[p + ch];
                        }
                    }
                }
            }
            float n = count;
            for (int ch = 0; ch < c; ch++) {
                y[o + ch] /= n;
            }
        });
    }

    /**
     * The gradient of average pooling (its transpose): every valid element of a window gets {@code gy / count};
     * overlapping windows add up. {@code gx} (input-sized) is overwritten.
     */
    public static void averagePoolBackward(float[] gy, Geometry g, float[] gx) {
        int c = g.channels();
        zeroInput(g, gx);
        forEachWindow(g, (b, o, d0, d1, h0, h1, w0, w1, count) -> {
            float n = count;
            for (int d = d0; d < d1; d++) {
                for (int h = h0; h < h1; h++) {
                    for (int w = w0; w < w1; w++) {
                        int p = in(g, b, d, h, w);
                        for (int ch = 0; ch < c; ch++) {
                            gx[p + ch] += gy[o + ch] / n;
                        }
                    }
                }
            }
        });
    }
}
