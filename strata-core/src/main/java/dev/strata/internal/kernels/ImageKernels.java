package dev.strata.internal.kernels;

/**
 * The loops of the image ops ({@code keras.ops.image.resize} and {@code affine_transform}): plain loops over
 * float arrays, the innermost over contiguous elements (a row of {@code inner} floats), which C2 vectorizes. The
 * weights and indices come from the ops, which compute them as JAX does; here they are only applied.
 *
 * <p>Resizing is separable: one axis at a time, an array seen as {@code [outer][length][inner]} becomes
 * {@code [outer][outLength][inner]}, each output row a weighted sum of a run of consecutive input rows
 * ({@link AxisWeights}). The transpose (the gradient) scatters each output row back with the same weights.
 *
 * <p>An affine transform samples, for every output pixel, a few input pixels ("taps", 1 for nearest, 4 for
 * bilinear) with weights; a tap outside the image (index -1) reads the fill value instead.
 */
public final class ImageKernels {
    /** Below this many output floats per call, one thread does all the work (a hand-off costs microseconds). */
    private static final int MIN_FLOATS_PER_THREAD = 1 << 16;

    private ImageKernels() {
    }

    /**
     * The weights of one axis of a resize: output {@code o} is {@code sum_k weights[offset[o] + k] *
     * input[start[o] + k]} for {@code k < count[o]}.
     *
     * @param inLength the input length of the axis
     * @param outLength the output length
     * @param start the first input row of each output row
     * @param count how many consecutive input rows each output row reads
     * @param offset where each output row's weights begin in {@code weights}
     * @param weights the weights, packed
     */
    public record AxisWeights(int inLength, int outLength, int[] start, int[] count, int[] offset, float[] weights) {
    }

    /**
     * Resizes one axis: {@code src} is {@code [outer][w.inLength][inner]}, {@code dst} (written entirely)
     * {@code [outer][w.outLength][inner]}.
     */
    public static void resizeAxis(float[] src, int outer, int inner, AxisWeights w, float[] dst) {
        int rows = outer * w.outLength();
        Parallelism.forRange(rows, Math.max(1, MIN_FLOATS_PER_THREAD / Math.max(1, inner)), (from, to) -> {
            for (int r = from; r < to; r++) {
                int b = r / w.outLength();
                int o = r - b * w.outLength();
                int d = r * inner;
                int s = (b * w.inLength() + w.start()[o]) * inner;
                int n = w.count()[o];
                int wo = w.offset()[o];
                float w0 = w.weights()[wo];
                for (int i = 0; i < inner; i++) {
                    dst[d + i] = w0 * src[s + i];
                }
                for (int k = 1; k < n; k++) {
                    float wk = w.weights()[wo + k];
                    int sk = s + k * inner;
                    for (int i = 0; i < inner; i++) {
                        dst[d + i] += wk * src[sk + i];
                    }
                }
            }
        });
    }

    /**
     * The transpose of {@link #resizeAxis}: {@code g} is {@code [outer][w.outLength][inner]}, {@code dst} (written
     * entirely) {@code [outer][w.inLength][inner]}, each input row the sum of the output rows that read it, weighted.
     */
    public static void resizeAxisTranspose(float[] g, int outer, int inner, AxisWeights w, float[] dst) {
        int inRow = w.inLength() * inner;
        Parallelism.forRange(outer, Math.max(1, MIN_FLOATS_PER_THREAD / Math.max(1, inRow)), (from, to) -> {
            java.util.Arrays.fill(dst, from * inRow, to * inRow, 0f);
            for (int b = from; b < to; b++) {
                for (int o = 0; o < w.outLength(); o++) {
                    int gs = (b * w.outLength() + o) * inner;
                    int n = w.count()[o];
                    int wo = w.offset()[o];
                    for (int k = 0; k < n; k++) {
                        float wk = w.weights()[wo + k];
                        int d = (b * w.inLength() + w.start()[o] + k) * inner;
                        for (int i = 0; i < inner; i++) {
                            dst[d + i] += wk * g[gs + i];
                        }
                    }
                }
            }
        });
    }

    /**
     * Where the taps of an affine transform read: {@code images} images of {@code pixels} pixels each (output and
     * input alike), {@code channels} values per pixel, at {@code channelStride} from one another, pixel {@code p}
     * of image {@code b} starting at {@code b * imageStride + p * pixelStride} (channels last: pixel stride
     * {@code channels}, channel stride 1; channels first: pixel stride 1, channel stride {@code pixels}).
     */
    public record Layout(int images, int pixels, int channels, int imageStride, int pixelStride, int channelStride) {
    }

    /**
     * Samples: output pixel {@code p} of image {@code b} is {@code sum_t weight[t] * (index[t] < 0 ? fill :
     * src[index[t]])} over its {@code taps} taps (tap {@code t} of it at {@code (b * pixels + p) * taps + t}; an
     * index is the pixel within its image), summed in tap order, for every channel.
     */
    public static void sample(float[] src, Layout l, int taps, int[] index, float[] weight, float fill,
            float[] dst) {
        Parallelism.forRange(l.images() * l.pixels(), Math.max(1, MIN_FLOATS_PER_THREAD / (4 * l.channels())),
                (from, to) -> {
                    for (int q = from; q < to; q++) {
                        int b = q / l.pixels();
                        int p = q - b * l.pixels();
                        int base = b * l.imageStride();
                        int out = base + p * l.pixelStride();
                        int t0 = q * taps;
                        for (int c = 0; c < l.channels(); c++) {
                            int cc = c * l.channelStride();
                            float acc = 0f;
                            for (int t = 0; t < taps; t++) {
                                int at = index[t0 + t];
                                float v = at < 0 ? fill : src[base + at * l.pixelStride() + cc];
                                acc = t == 0 ? weight[t0] * v : acc + weight[t0 + t] * v;
                            }
                            dst[out + cc] = acc;
                        }
                    }
                });
    }

    /**
     * The transpose of {@link #sample} in its input (fill taps carry no gradient): {@code dst} (written entirely)
     * gets each output's {@code g} at its taps, weighted.
     */
    public static void sampleTranspose(float[] g, Layout l, int taps, int[] index, float[] weight, float[] dst) {
        // Split over images only: taps of one image may hit any pixel of it.
        int perImage = l.pixels() * l.channels();
        Parallelism.forRange(l.images(), Math.max(1, MIN_FLOATS_PER_THREAD / Math.max(1, perImage)),
                (from, to) -> {
                    for (int b = from; b < to; b++) {
                        int base = b * l.imageStride();
                        for (int p = 0; p < l.pixels(); p++) {
                            for (int c = 0; c < l.channels(); c++) {
                                dst[base + p * l.pixelStride() + c * l.channelStride()] = 0f;
                            }
                        }
                        for (int p = 0; p < l.pixels(); p++) {
                            int out = base + p * l.pixelStride();
                            int t0 = (b * l.pixels() + p) * taps;
                            for (int t = 0; t < taps; t++) {
                                int at = index[t0 + t];
                                if (at < 0) {
                                    continue;
                                }
                                float wt = weight[t0 + t];
                                int in = base + at * l.pixelStride();
                                for (int c = 0; c < l.channels(); c++) {
                                    int cc = c * l.channelStride();
                                    dst[in + cc] += wt * g[out + cc];
                                }
                            }
                        }
                    }
                });
    }
}
