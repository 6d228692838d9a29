package dev.strata.internal.kernels;

import java.util.Arrays;

/**
 * Channels-last convolution of 1 to 3 spatial dimensions ({@link ConvGeometry}): the forward pass and the gradients
 * with respect to the input and the kernel. A transposed convolution is the input gradient run forwards, so these
 * three passes serve both.
 *
 * <p>The work is a GEMM: the input's patches are gathered into a panel (im2col), one row per output position and
 * one column per (tap, channel), which times the kernel, seen as a (taps·channels) x filters matrix, is the output.
 * The panel is built a chunk of rows at a time into a per-thread buffer small enough to stay in cache, and each
 * chunk's product is one {@link Kernels#gemm} call with all the chunk's rows, so the GEMM stays large. The input
 * gradient multiplies the output gradient by the transposed kernel into a panel and scatters it back (col2im); the
 * kernel gradient is the panel transposed times the output gradient. A 1x1 kernel with stride 1 and no padding
 * needs no panel (the input is one). A depthwise convolution (several groups of one input channel each) would be
 * one narrow GEMM per channel; direct loops over the channels, which the JIT vectorizes, do it instead. (One group
 * of one channel, a network's first layer on grey images, stays a GEMM: measured 4x faster than the direct loops
 * for Fashion-MNIST's 3x3x1x32.)
 *
 * <p>Large calls split over threads ({@link Parallelism}): the forward pass by output rows (an inference pass with
 * few rows: one GEMM over all of them, split by columns), the input gradient by
 * samples (their scatters do not meet), the kernel gradient by fixed slabs of rows whose partial sums are added in
 * slab order. Slab boundaries depend on the sizes only, and the GEMM sums each element in the same order whatever
 * its row count, so results are the same bits for every thread count.
 */
public final class Convolution {
    /** The panel buffer's target size in floats (256 KB): a chunk's panel stays in L2 while the GEMM reads it. */
    static final int PANEL_FLOATS = 1 << 16;
    /** The least rows per chunk, so that the GEMM's packing of the kernel is paid over enough rows. */
    static final int MIN_CHUNK_ROWS = 64;
    /** Work (flops) each extra thread must get: a hand-off costs ~20 us. */
    static final long MIN_FLOPS_PER_THREAD = 8_000_000L;
    /**
     * Work (flops) each extra thread must get in a depthwise convolution: a few flops per float moved, so it runs
     * at a tenth of the GEMM's rate and less work is worth a hand-off (with the GEMM's threshold MobileNetV2's
     * three largest depthwise layers ran on one thread at batch 1).
     */
    static final long MIN_DEPTHWISE_FLOPS_PER_THREAD = 1_000_000L;
    /**
     * Below this many output rows an inference convolution of one group runs one GEMM over all its rows, which
     * splits over columns ({@link Kernels#dense}): split by rows, each thread would get a few register tiles of
     * rows, the last one partly empty, and stream the whole kernel (ResNet50's 7x7 and 14x14 layers at batch 1).
     */
    static final int FEW_ROWS = 256;
    /** Floats each extra thread must copy when a panel of patches is gathered in parallel. */
    static final int MIN_COPY_PER_THREAD = 16_384;
    /** The most slabs of a kernel gradient (each a partial sum of the kernel's size). */
    static final int MAX_SLABS = 8;
    /** The most floats the slabs' partial sums may take together (16 MB). */
    static final int MAX_PARTIAL_FLOATS = 1 << 22;

    /**
     * Whether the depthwise loop and the inference epilogue run on {@link VectorConvKernels} (the same bits): when the Vector API
     * kernels are in use, which also means the incubator module is there to load that class.
     */
    private static final boolean VECTOR = KernelProvider.get().name().startsWith("vector");

    private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[0]);

    private Convolution() {
    }

    /** {@code y = conv(x, w)}: every element of y is written. */
    public static void forward(Kernels k, ConvGeometry g, float[] x, float[] w, float[] y) {
        forward(k, g, x, w, null, false, y);
    }

    /**
     * {@code y = conv(x, w) + bias}, then {@code max(y, 0)} if {@code relu} (bias null for none): the same bits as
     * {@link #forward(Kernels, ConvGeometry, float[], float[], float[])} then {@link Kernels#addToRows} and
     * {@link BinaryOp#MAXIMUM} with 0, which a one-group GEMM applies as it writes y ({@link Kernels#dense}).
     */
    public static void forward(Kernels k, ConvGeometry g, float[] x, float[] w, float[] bias, boolean relu,
                               float[] y) {
        forward(k, g, x, w, null, bias, relu, y);
    }

    /**
     * Whether a kernel packed ahead ({@link #pack}) serves this convolution: one group, so the kernel is the
     * GEMM's whole right operand in every call.
     */
    public static boolean takesPacked(ConvGeometry g) {
        return g.groups == 1 && g.kdim > 0 && g.filters > 0;
    }

    /**
     * The kernel w of a convolution that {@link #takesPacked}, as a (taps·channels) x filters matrix packed once
     * for the GEMM calls of its forward passes: an inference convolution's chunks of rows then share one packing.
     */
    public static PackedKernel pack(Kernels k, ConvGeometry g, float[] w) {
        return k.packKernel(g.kdim, g.filters, w, 0);
    }

    /**
     * {@link #forward(Kernels, ConvGeometry, float[], float[], float[], boolean, float[])} with, if not null, w
     * packed ahead by {@link #pack} (only where {@link #takesPacked}); the same bits.
     */
    public static void forward(Kernels k, ConvGeometry g, float[] x, float[] w, PackedKernel packed, float[] bias,
                               boolean relu, float[] y) {
        if (g.rows == 0 || g.filters == 0) {
            return;
        }
        int f = g.filters;
        if (g.kdim == 0) {
            Arrays.fill(y, 0, g.outputSize(), 0f);
            epilogue(k, y, 0, g.rows, f, bias, relu);
            return;
        }
        if (g.isPointwise()) {
            if (packed != null) {
                k.dense(g.rows, packed, x, 0, bias, relu, y, 0);
            } else {
                k.dense(g.rows, f, g.channels, x, 0, w, 0, bias, 0, relu, y, 0);
            }
            return;
        }
        if (g.cg == 1 && g.groups > 1) {
            Parallelism.forRange(g.rows, minDepthwiseRowsPerThread(g), (r0, r1) -> {
                depthwise(g, x, w, y, r0, r1);
                epilogue(k, y, r0 * f, r1 - r0, f, bias, relu);
            });
            return;
        }
        int chunk = chunkRows(g);
        Parallelism.forRange(g.rows, minRowsPerThread(g, g.kdim), (r0, r1) -> {
            float[] panel = panel(chunk * g.kdim);
            for (int r = r0; r < r1; r += chunk) {
                int count = Math.min(chunk, r1 - r);
                if (g.groups == 1) {
                    im2col(g, x, r, count, 0, panel);
                    if (packed != null) {
                        k.dense(count, packed, panel, 0, bias, relu, y, r * f);
                    } else {
                        k.dense(count, f, g.kdim, panel, 0, w, 0, bias, 0, relu, y, r * f);
                    }
                    continue;
                }
                for (int j = 0; j < g.groups; j++) {
                    im2col(g, x, r, count, j, panel);
                    k.gemm(false, false, count, g.fg, g.kdim, 1f, panel, 0, g.kdim, w, j * g.fg, f, 0f, y,
                            r * f + j * g.fg, f);
                }
                epilogue(k, y, r * f, count, f, bias, relu);
            }
        });
    }

    /**
     * {@code y = conv(x, w)} then the epilogue (an inference convolution's bias, folded batch normalization and
     * clamp): applied as the GEMM writes y where one group's GEMM computes it ({@link Kernels#dense(int, int, int,
     * float[], int, float[], int, ConvEpilogue, float[], int)}), else to each block of rows right after it is
     * computed, while it is still in cache: the same bits
     * as {@link #forward(Kernels, ConvGeometry, float[], float[], float[])} followed by the epilogue's steps as
     * separate passes over y.
     */
    public static void forward(Kernels k, ConvGeometry g, float[] x, float[] w, ConvEpilogue e, float[] y) {
        forward(k, g, x, w, null, e, y);
    }

    /**
     * {@link #forward(Kernels, ConvGeometry, float[], float[], ConvEpilogue, float[])} with, if not null, w packed
     * ahead by {@link #pack} (only where {@link #takesPacked}); the same bits.
     */
    public static void forward(Kernels k, ConvGeometry g, float[] x, float[] w, PackedKernel packed, ConvEpilogue e,
                               float[] y) {
        if (g.rows == 0 || g.filters == 0) {
            return;
        }
        int f = g.filters;
        if (g.kdim == 0) {
            Arrays.fill(y, 0, g.outputSize(), 0f);
            epilogue(e, y, 0, g.rows, f);
            return;
        }
        int block = Math.max(MIN_CHUNK_ROWS, PANEL_FLOATS / f); // rows of y that stay in L2 for the epilogue
        if (g.groups == 1 && g.rows < FEW_ROWS && Parallelism.numThreads() > 1) {
            float[] a = x;
            if (!g.isPointwise()) { // all the patches at once, gathered in parallel
                float[] panel = panel(g.rows * g.kdim);
                Parallelism.forRange(g.rows, Math.max(1, MIN_COPY_PER_THREAD / g.kdim),
                        (r0, r1) -> im2col(g, x, r0, r1 - r0, 0, panel, r0 * g.kdim));
                a = panel;
            }
            if (packed != null) {
                k.dense(g.rows, packed, a, 0, e, y, 0);
            } else {
                k.dense(g.rows, f, g.kdim, a, 0, w, 0, e, y, 0);
            }
            return;
        }
        if (g.isPointwise()) {
            // each GEMM call packs the whole kernel (channels x f): at least as many rows as channels keep that
            // below about 1/(2 · rows) of the work (64-row blocks spent 11% of ResNet50's predict packing)
            int rows = Math.max(block, g.channels);
            Parallelism.forRange(g.rows, minRowsPerThread(g, g.channels), (r0, r1) -> {
                for (int r = r0; r < r1; r += rows) {
                    int count = Math.min(rows, r1 - r);
                    if (packed != null) {
                        k.dense(count, packed, x, r * g.channels, e, y, r * f);
                    } else {
                        k.dense(count, f, g.channels, x, r * g.channels, w, 0, e, y, r * f);
                    }
                }
            });
            return;
        }
        if (g.cg == 1 && g.groups > 1) {
            Parallelism.forRange(g.rows, minDepthwiseRowsPerThread(g), (r0, r1) -> {
                for (int r = r0; r < r1; r += block) {
                    int count = Math.min(block, r1 - r);
                    depthwise(g, x, w, y, r, r + count);
                    epilogue(e, y, r * f, count, f);
                }
            });
            return;
        }
        int chunk = chunkRows(g);
        Parallelism.forRange(g.rows, minRowsPerThread(g, g.kdim), (r0, r1) -> {
            float[] panel = panel(chunk * g.kdim);
            for (int r = r0; r < r1; r += chunk) {
                int count = Math.min(chunk, r1 - r);
                if (g.groups == 1) { // the epilogue applied as the GEMM writes y
                    im2col(g, x, r, count, 0, panel);
                    if (packed != null) {
                        k.dense(count, packed, panel, 0, e, y, r * f);
                    } else {
                        k.dense(count, f, g.kdim, panel, 0, w, 0, e, y, r * f);
                    }
                    continue;
                }
                for (int j = 0; j < g.groups; j++) {
                    im2col(g, x, r, count, j, panel);
                    k.gemm(false, false, count, g.fg, g.kdim, 1f, panel, 0, g.kdim, w, j * g.fg, f, 0f, y,
                            r * f + j * g.fg, f);
                }
                epilogue(e, y, r * f, count, f);
            }
        });
    }

    /** Adds the bias to {@code rows} rows of y from {@code off}, then applies relu, as separate passes. */
    private static void epilogue(Kernels k, float[] y, int off, int rows, int f, float[] bias, boolean relu) {
        if (bias != null) {
            k.addToRows(y, off, rows, f, bias, 0);
        }
        if (relu) {
            k.binaryScalarRight(BinaryOp.MAXIMUM, y, off, 0f, y, off, rows * f);
        }
    }

    /** {@code dx = ∂⟨dy, conv(x, w)⟩/∂x}, the transposed convolution of dy: every element of dx is written. */
    public static void backwardInput(Kernels k, ConvGeometry g, float[] dy, float[] w, float[] dx) {
        int inSample = g.inD * g.inH * g.inW * g.channels;
        if (g.rows == 0 || g.kdim == 0 || g.filters == 0) {
            Arrays.fill(dx, 0, g.inputSize(), 0f);
            return;
        }
        int f = g.filters;
        if (g.isPointwise()) {
            k.gemm(false, true, g.rows, g.channels, f, 1f, dy, 0, f, w, 0, f, 0f, dx, 0, g.channels);
            return;
        }
        long flopsPerSample = 2L * g.outSpatial * g.kdim * f;
        int minSamples = (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                ceilDiv(MIN_FLOPS_PER_THREAD, Math.max(1, flopsPerSample))));
        if (g.cg == 1 && g.groups > 1) {
            Parallelism.forRange(g.batch, minSamples, (n0, n1) -> {
                Arrays.fill(dx, n0 * inSample, n1 * inSample, 0f);
                depthwiseBackwardInput(g, dy, w, dx, n0 * g.outSpatial, n1 * g.outSpatial);
            });
            return;
        }
        int chunk = chunkRows(g);
        Parallelism.forRange(g.batch, minSamples, (n0, n1) -> {
            Arrays.fill(dx, n0 * inSample, n1 * inSample, 0f);
            float[] panel = panel(chunk * g.kdim);
            int r1 = n1 * g.outSpatial;
            for (int r = n0 * g.outSpatial; r < r1; r += chunk) {
                int count = Math.min(chunk, r1 - r);
                for (int j = 0; j < g.groups; j++) {
                    k.gemm(false, true, count, g.kdim, g.fg, 1f, dy, r * f + j * g.fg, f, w, j * g.fg, f, 0f,
                            panel, 0, g.kdim);
                    col2im(g, panel, r, count, j, dx);
                }
            }
        });
    }

    /** {@code dw = ∂⟨dy, conv(x, w)⟩/∂w}: every element of dw is written. */
    public static void backwardKernel(Kernels k, ConvGeometry g, float[] x, float[] dy, float[] dw) {
        int size = g.kernelSize();
        if (g.rows == 0 || size == 0) {
            Arrays.fill(dw, 0, size, 0f);
            return;
        }
        int f = g.filters;
        if (g.isPointwise()) {
            k.gemm(true, false, g.channels, f, g.rows, 1f, x, 0, g.channels, dy, 0, f, 0f, dw, 0, f);
            return;
        }
        int chunk = chunkRows(g);
        long flops = 2L * g.rows * g.kdim * f;
        int slabs = (int) Math.max(1, Math.min(Math.min(MAX_SLABS, flops / MIN_FLOPS_PER_THREAD),
                Math.min(g.rows, MAX_PARTIAL_FLOATS / size)));
        if (slabs == 1) {
            kernelSlab(k, g, x, dy, 0, g.rows, chunk, dw, 0);
            return;
        }
        // slab 0 sums into dw itself, the others into partial sums added after it in slab order
        float[] partial = new float[(slabs - 1) * size];
        Parallelism.forRange(slabs, 1, (s0, s1) -> {
            for (int s = s0; s < s1; s++) {
                int r0 = (int) ((long) g.rows * s / slabs);
                int r1 = (int) ((long) g.rows * (s + 1) / slabs);
                if (s == 0) {
                    kernelSlab(k, g, x, dy, r0, r1, chunk, dw, 0);
                } else {
                    kernelSlab(k, g, x, dy, r0, r1, chunk, partial, (s - 1) * size);
                }
            }
        });
        for (int s = 1; s < slabs; s++) {
            k.binary(BinaryOp.ADD, dw, 0, partial, (s - 1) * size, dw, 0, size);
        }
    }

    /** The kernel gradient of rows [r0, r1) (at least one) written to {@code out[off ..]}. */
    private static void kernelSlab(Kernels k, ConvGeometry g, float[] x, float[] dy, int r0, int r1, int chunk,
                                   float[] out, int off) {
        if (g.cg == 1 && g.groups > 1) {
            Arrays.fill(out, off, off + g.kernelSize(), 0f);
            depthwiseBackwardKernel(g, x, dy, out, off, r0, r1);
            return;
        }
        int f = g.filters;
        float[] panel = panel(chunk * g.kdim);
        for (int r = r0; r < r1; r += chunk) {
            int count = Math.min(chunk, r1 - r);
            float beta = r == r0 ? 0f : 1f;
            for (int j = 0; j < g.groups; j++) {
                im2col(g, x, r, count, j, panel);
                k.gemm(true, false, g.kdim, g.fg, count, 1f, panel, 0, g.kdim, dy, r * f + j * g.fg, f, beta, out,
                        off + j * g.fg, f);
            }
        }
    }

    // ---- patches ----------------------------------------------------------------------------------------------

    /**
     * Gathers group {@code group}'s patches of output rows [r0, r0 + count) into {@code panel} (row stride kdim,
     * columns ordered (kd, kh, kw, channel) as the kernel's rows): zeros where a tap falls outside the input.
     */
    static void im2col(ConvGeometry g, float[] x, int r0, int count, int group, float[] panel) {
        im2col(g, x, r0, count, group, panel, 0);
    }

    /** {@link #im2col(ConvGeometry, float[], int, int, int, float[])} written from {@code panel[off]} on. */
    static void im2col(ConvGeometry g, float[] x, int r0, int count, int group, float[] panel, int off) {
        int c = g.channels;
        int cg = g.cg;
        int cOff = group * cg;
        // with unit dilation and one group, a kernel row's taps are one contiguous run of the input
        boolean runs = g.dW == 1 && g.groups == 1;
        int runLen = g.kW * c;
        int rowLen = g.kW * cg;
        int planeLen = g.kH * rowLen;
        int n = r0 / g.outSpatial;
        int rem = r0 - n * g.outSpatial;
        int od = rem / (g.outH * g.outW);
        rem -= od * g.outH * g.outW;
        int oh = rem / g.outW;
        int ow = rem - oh * g.outW;
        int p = off;
        for (int r = 0; r < count; r++) {
            int iw0 = ow * g.sW - g.pW;
            boolean inside = runs && iw0 >= 0 && iw0 + g.kW <= g.inW;
            for (int kd = 0; kd < g.kD; kd++) {
                int id = od * g.sD - g.pD + kd * g.dD;
                if (id < 0 || id >= g.inD) {
                    Arrays.fill(panel, p, p + planeLen, 0f);
                    p += planeLen;
                    continue;
                }
                for (int kh = 0; kh < g.kH; kh++) {
                    int ih = oh * g.sH - g.pH + kh * g.dH;
                    if (ih < 0 || ih >= g.inH) {
                        Arrays.fill(panel, p, p + rowLen, 0f);
                        p += rowLen;
                        continue;
                    }
                    int base = ((n * g.inD + id) * g.inH + ih) * g.inW;
                    if (inside) {
                        copy(x, (base + iw0) * c, panel, p, runLen);
                        p += runLen;
                        continue;
                    }
                    for (int kw = 0; kw < g.kW; kw++) {
                        int iw = iw0 + kw * g.dW;
                        if (iw < 0 || iw >= g.inW) {
                            Arrays.fill(panel, p, p + cg, 0f);
                        } else {
                            copy(x, (base + iw) * c + cOff, panel, p, cg);
                        }
                        p += cg;
                    }
                }
            }
            if (++ow == g.outW) {
                ow = 0;
                if (++oh == g.outH) {
                    oh = 0;
                    if (++od == g.outD) {
                        od = 0;
                        n++;
                    }
                }
            }
        }
    }

    /** The reverse of {@link #im2col}: adds the panel's entries to the input positions they came from. */
    static void col2im(ConvGeometry g, float[] panel, int r0, int count, int group, float[] dx) {
        int c = g.channels;
        int cg = g.cg;
        int cOff = group * cg;
        boolean runs = g.dW == 1 && g.groups == 1;
        int runLen = g.kW * c;
        int rowLen = g.kW * cg;
        int planeLen = g.kH * rowLen;
        int n = r0 / g.outSpatial;
        int rem = r0 - n * g.outSpatial;
        int od = rem / (g.outH * g.outW);
        rem -= od * g.outH * g.outW;
        int oh = rem / g.outW;
        int ow = rem - oh * g.outW;
        int p = 0;
        for (int r = 0; r < count; r++) {
            int iw0 = ow * g.sW - g.pW;
            boolean inside = runs && iw0 >= 0 && iw0 + g.kW <= g.inW;
            for (int kd = 0; kd < g.kD; kd++) {
                int id = od * g.sD - g.pD + kd * g.dD;
                if (id < 0 || id >= g.inD) {
                    p += planeLen;
                    continue;
                }
                for (int kh = 0; kh < g.kH; kh++) {
                    int ih = oh * g.sH - g.pH + kh * g.dH;
                    if (ih < 0 || ih >= g.inH) {
                        p += rowLen;
                        continue;
                    }
                    int base = ((n * g.inD + id) * g.inH + ih) * g.inW;
                    if (inside) {
                        add(panel, p, dx, (base + iw0) * c, runLen);
                        p += runLen;
                        continue;
                    }
                    for (int kw = 0; kw < g.kW; kw++) {
                        int iw = iw0 + kw * g.dW;
                        if (iw >= 0 && iw < g.inW) {
                            add(panel, p, dx, (base + iw) * c + cOff, cg);
                        }
                        p += cg;
                    }
                }
            }
            if (++ow == g.outW) {
                ow = 0;
                if (++oh == g.outH) {
                    oh = 0;
                    if (++od == g.outD) {
                        od = 0;
                        n++;
                    }
                }
            }
        }
    }

    // ---- one input channel per group (depthwise): direct loops -------------------------------------------------

    /** The epilogue on {@code rows} rows of y from {@code off}: on {@link VectorConvKernels} when it applies. */
    private static void epilogue(ConvEpilogue e, float[] y, int off, int rows, int f) {
        if (VECTOR) {
            VectorConvKernels.epilogue(e, y, off, rows, f);
        } else {
            e.apply(y, off, rows, f);
        }
    }

    /** Output rows [r0, r1) of a depthwise convolution: on {@link VectorConvKernels} when it applies. */
    private static void depthwise(ConvGeometry g, float[] x, float[] w, float[] y, int r0, int r1) {
        if (VECTOR && g.fg == 1) {
            VectorConvKernels.forward(g, x, w, y, r0, r1);
        } else {
            depthwiseForward(g, x, w, y, r0, r1);
        }
    }

    /**
     * Output rows [r0, r1) when each group has one input channel: {@code y[r, c·M + m] = Σ_t x[pos(r, t), c] ·
     * w[t, c·M + m]}, M = filters per group, taps summed in order.
     */
    static void depthwiseForward(ConvGeometry g, float[] x, float[] w, float[] y, int r0, int r1) {
        int c = g.channels;
        int f = g.filters;
        int m = g.fg;
        Cursor at = new Cursor(g, r0);
        for (int r = r0; r < r1; r++, at.next()) {
            int yOff = r * f;
            Arrays.fill(y, yOff, yOff + f, 0f);
            for (int t = 0; t < g.taps; t++) {
                int pos = at.input(t);
                if (pos < 0) {
                    continue;
                }
                int xOff = pos * c;
                int wOff = t * f;
                if (m == 1) {
                    for (int i = 0; i < c; i++) {
                        y[yOff + i] += x[xOff + i] * w[wOff + i];
                    }
                } else {
                    for (int i = 0; i < c; i++) {
                        float xv = x[xOff + i];
                        int o = i * m;
                        for (int j = 0; j < m; j++) {
                            y[yOff + o + j] += xv * w[wOff + o + j];
                        }
                    }
                }
            }
        }
    }

    /** Adds the input gradient of output rows [r0, r1) to dx (one input channel per group). */
    static void depthwiseBackwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx, int r0, int r1) {
        int c = g.channels;
        int f = g.filters;
        int m = g.fg;
        Cursor at = new Cursor(g, r0);
        for (int r = r0; r < r1; r++, at.next()) {
            int yOff = r * f;
            for (int t = 0; t < g.taps; t++) {
                int pos = at.input(t);
                if (pos < 0) {
                    continue;
                }
                int xOff = pos * c;
                int wOff = t * f;
                if (m == 1) {
                    for (int i = 0; i < c; i++) {
                        dx[xOff + i] += dy[yOff + i] * w[wOff + i];
                    }
                } else {
                    for (int i = 0; i < c; i++) {
                        int o = i * m;
                        float s = 0f;
                        for (int j = 0; j < m; j++) {
                            s += dy[yOff + o + j] * w[wOff + o + j];
                        }
                        dx[xOff + i] += s;
                    }
                }
            }
        }
    }

    /** Adds the kernel gradient of output rows [r0, r1) to {@code dw[off ..]} (one input channel per group). */
    static void depthwiseBackwardKernel(ConvGeometry g, float[] x, float[] dy, float[] dw, int off, int r0, int r1) {
        int c = g.channels;
        int f = g.filters;
        int m = g.fg;
        Cursor at = new Cursor(g, r0);
        for (int r = r0; r < r1; r++, at.next()) {
            int yOff = r * f;
            for (int t = 0; t < g.taps; t++) {
                int pos = at.input(t);
                if (pos < 0) {
                    continue;
                }
                int xOff = pos * c;
                int wOff = off + t * f;
                if (m == 1) {
                    for (int i = 0; i < c; i++) {
                        dw[wOff + i] += x[xOff + i] * dy[yOff + i];
                    }
                } else {
                    for (int i = 0; i < c; i++) {
                        float xv = x[xOff + i];
                        int o = i * m;
                        for (int j = 0; j < m; j++) {
                            dw[wOff + o + j] += xv * dy[yOff + o + j];
                        }
                    }
                }
            }
        }
    }

    /**
     * An output position walked row by row, with the input position (sample-major index into x's positions) of
     * each of its taps precomputed, or -1 for a tap outside the input.
     */
    static final class Cursor {
        private final ConvGeometry g;
        private final int[] taps;
        private int n;
        private int od;
        private int oh;
        private int ow;

        Cursor(ConvGeometry g, int r) {
            this.g = g;
            this.taps = new int[g.taps];
            n = r / g.outSpatial;
            int rem = r - n * g.outSpatial;
            od = rem / (g.outH * g.outW);
            rem -= od * g.outH * g.outW;
            oh = rem / g.outW;
            ow = rem - oh * g.outW;
            fill();
        }

        int input(int t) {
            return taps[t];
        }

        void next() {
            if (++ow == g.outW) {
                ow = 0;
                if (++oh == g.outH) {
                    oh = 0;
                    if (++od == g.outD) {
                        od = 0;
                        n++;
                    }
                }
            }
            if (n < g.batch) {
                fill();
            }
        }

        private void fill() {
            int t = 0;
            for (int kd = 0; kd < g.kD; kd++) {
                int id = od * g.sD - g.pD + kd * g.dD;
                boolean dIn = id >= 0 && id < g.inD;
                for (int kh = 0; kh < g.kH; kh++) {
                    int ih = oh * g.sH - g.pH + kh * g.dH;
                    boolean hIn = dIn && ih >= 0 && ih < g.inH;
                    for (int kw = 0; kw < g.kW; kw++) {
                        int iw = ow * g.sW - g.pW + kw * g.dW;
                        taps[t++] = hIn && iw >= 0 && iw < g.inW ? ((n * g.inD + id) * g.inH + ih) * g.inW + iw : -1;
                    }
                }
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** Rows per panel chunk: about {@link #PANEL_FLOATS} floats, at least {@link #MIN_CHUNK_ROWS} rows. */
    static int chunkRows(ConvGeometry g) {
        int byPanel = Math.max(MIN_CHUNK_ROWS, PANEL_FLOATS / Math.max(1, g.kdim));
        return Math.max(1, Math.min(g.rows, byPanel));
    }

    /** Output rows worth a thread: {@link #MIN_FLOPS_PER_THREAD} of work at {@code depth} multiply-adds per output. */
    private static int minRowsPerThread(ConvGeometry g, int depth) {
        long perRow = 2L * depth * g.filters;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ceilDiv(MIN_FLOPS_PER_THREAD, Math.max(1, perRow))));
    }

    /** Output rows worth a thread in a depthwise convolution ({@link #MIN_DEPTHWISE_FLOPS_PER_THREAD}). */
    private static int minDepthwiseRowsPerThread(ConvGeometry g) {
        long perRow = 2L * g.taps * g.filters;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                ceilDiv(MIN_DEPTHWISE_FLOPS_PER_THREAD, Math.max(1, perRow))));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** This thread's panel buffer, grown to at least {@code size} floats; contents undefined. */
    private static float[] panel(int size) {
        float[] p = PANEL.get();
        if (p.length < size) {
            p = new float[size];
            PANEL.set(p);
        }
        return p;
    }

    private static void copy(float[] src, int srcOff, float[] dst, int dstOff, int len) {
        if (len >= 16) {
            System.arraycopy(src, srcOff, dst, dstOff, len);
        } else {
            for (int i = 0; i < len; i++) {
                dst[dstOff + i] = src[srcOff + i];
            }
        }
    }

    private static void add(float[] src, int srcOff, float[] dst, int dstOff, int len) {
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] += src[srcOff + i];
        }
    }
}
