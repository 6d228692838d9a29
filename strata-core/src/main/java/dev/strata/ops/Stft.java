package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * The short-time Fourier transform and its inverse along the last axis, as {@code keras.ops.stft} and {@code istft}
 * compute them with the JAX backend ({@code jax.scipy.signal.stft}/{@code istft} with Keras's scaling), complex
 * values as {@code (real, imag)} pairs.
 *
 * <p>stft: with {@code center}, x is padded by {@code fft_length/2} on both sides by reflection; frames of
 * {@code fft_length} samples every {@code sequence_stride} are multiplied by the window (the periodic Hann or Hamming
 * window of {@code sequence_length} samples, centred in {@code fft_length} with zeros; no window: ones of
 * {@code fft_length}) and transformed (rfft): shape {@code (..., frames, fft_length/2 + 1)}, frames
 * {@code 1 + (n + 2·(fft_length/2)·center − fft_length) // sequence_stride}.
 *
 * <p>istft: each frame's irfft (of {@code fft_length}) times the window is overlap-added and divided by the
 * overlap-added squared window (where above 1e-10); without a window, the frames are multiplied by
 * {@code fft_length} and the sum divided by {@code sequence_stride} as well (Keras's scaling). With
 * {@code sequence_stride == fft_length}, the frames are overlap-added {@code fft_length − fft_length/2} apart, as
 * {@code jax.scipy.signal.istft} does (it reads a zero overlap as its default, half a frame). The result starts at
 * {@code fft_length/2} with {@code center} and has {@code length} samples if given (an error if fewer remain, where
 * JAX would return fewer: Keras's symbolic shape says {@code length}), else ends {@code fft_length/2} before the end with center, or at
 * {@code fft_length + sequence_stride·(frames − 1)} without.
 *
 * <p>Both are compositions of linear differentiable pieces (a gather, a constant product, {@link Fourier}'s
 * transforms, an overlap-add), so their gradients are JAX's. The window may also be a tensor of
 * {@code sequence_length} samples, as Keras takes it: then the gradient reaches the window too (istft's division by
 * the overlap-added squared window and by the window's sum included, JAX's {@code where(norm > 1e-10, norm, 1)}
 * passing the gradient where it is above). Keras's STFT/ISTFT keep the window in their config, which cannot hold a
 * tensor (Keras's get_config raises NotImplementedError), so a graph with a tensor window cannot be saved: saving
 * names {@link #WINDOW_TENSOR}'s reason.
 */
final class Stft {
    /** {@code keras.ops.stft(x, sequence_length, sequence_stride, fft_length, window="hann", center=True)}. */
    static final OpSpec STFT = OpSpec.op("stft").math("STFT").config("sequence_length", Type.INT)
            .config("sequence_stride", Type.INT).config("fft_length", Type.INT)
            .config("window", Type.OPTIONAL_STRING, "hann").config("center", Type.BOOL, true)
            .rebuildAll((in, args) -> stft(in.get(0), args.integer("sequence_length"), args.integer("sequence_stride"),
                    args.integer("fft_length"), args.string("window"), args.bool("center")));
    /** {@code keras.ops.istft((real, imag), sequence_length, sequence_stride, fft_length, length=None, ...)}. */
    static final OpSpec ISTFT = OpSpec.op("istft").math("ISTFT").list().config("sequence_length", Type.INT)
            .config("sequence_stride", Type.INT).config("fft_length", Type.INT)
            .config("length", Type.OPTIONAL_INT)
            .config("window", Type.OPTIONAL_STRING, "hann").config("center", Type.BOOL, true)
            .rebuild((in, args) -> istft(in, args.integer("sequence_length"), args.integer("sequence_stride"),
                    args.integer("fft_length"), args.optionalInt("length"), args.string("window"),
                    args.bool("center")));

    /** stft/istft with the window as a tensor: recorded for tracing, not saveable (as in Keras). */
    static final OpSpec WINDOW_TENSOR = OpSpec.op("stft_tensor_window").noKerasForm("keras.ops.stft/istft with the "
            + "window given as a tensor cannot be saved: Keras's STFT/ISTFT ops keep the window in their config, "
            + "which cannot hold a tensor (Keras's own get_config raises NotImplementedError); give the window by name "
            + "(\"hann\", \"hamming\") or null to save the model");

    private Stft() {
    }

    /** {@code stft} with the window a tensor of {@code sequence_length} samples (Keras's array window). */
    static List<Tensor> stft(Tensor x, int sequenceLength, int sequenceStride, int fftLength, Tensor window,
                             boolean center) {
        check("stft", x.shape(), 1, sequenceLength, sequenceStride, fftLength, null);
        checkWindow("stft", window, sequenceLength);
        if (x.isSymbolic() || window.isSymbolic()) {
            Shape out = stftShape(x.shape(), sequenceStride, fftLength, center);
            return Fft.record(WINDOW_TENSOR, List.of(x, window), out,
                    in -> stft(in.get(0), sequenceLength, sequenceStride, fftLength, in.get(1), center));
        }
        return frameAndTransform(x, sequenceStride, fftLength, center, padWindow(window, fftLength));
    }

    /** {@code istft} with the window a tensor of {@code sequence_length} samples (Keras's array window). */
    static Tensor istft(List<Tensor> x, int sequenceLength, int sequenceStride, int fftLength, Integer length,
                        Tensor window, boolean center) {
        Shape s = Fft.pair("istft", x, 2);
        check("istft", s, 2, sequenceLength, sequenceStride, fftLength, null);
        checkWindow("istft", window, sequenceLength);
        Shape out = istftShape(s, sequenceStride, fftLength, length, center);
        if (x.get(0).isSymbolic() || x.get(1).isSymbolic() || window.isSymbolic()) {
            return OpSupport.record(WINDOW_TENSOR, out, in -> istft(in.subList(0, 2), sequenceLength, sequenceStride,
                    fftLength, length, in.get(2), center), x.get(0), x.get(1), window);
        }
        int frames = s.get(-2);
        int step = step(sequenceStride, fftLength);
        int total = step * (frames - 1) + fftLength;
        int outLength = out.get(-1);
        int start = center ? fftLength / 2 : 0;
        // jax: frames · sum(win) · win, overlap-added, / where(norm > 1e-10, norm, 1); Keras then / sum(win)
        Tensor win = padWindow(window, fftLength);
        Tensor winSum = Sum.apply(win, new int[] {0}, false);
        Tensor frameSignals = Multiply.apply(Rfft.irfft(x, fftLength), Multiply.apply(win, winSum));
        Tensor added = overlapAdd(frameSignals, s, step, total, fftLength);
        Tensor squares = BroadcastTo.apply(Multiply.apply(win, win), Shape.of(frames, fftLength));
        Tensor norm = ScatterAdd.apply(squares, ExtractSequences.starts(1, frames, step, total), fftLength,
                Shape.of(total));
        float[] nv = OpSupport.data(norm);
        float[] keep = new float[total];
        float[] ones = new float[total];
        for (int t = 0; t < total; t++) {
            boolean above = nv[t] > 1e-10f;
            keep[t] = above ? 1f : 0f;
            ones[t] = above ? 0f : 1f;
        }
        Tensor safe = Add.apply(Multiply.apply(norm, Tensor.of(keep, total)), Tensor.of(ones, total));
        Tensor denom = Multiply.apply(Slice.region(safe, new int[] {start}, new int[] {outLength}), winSum);
        int[] from = new int[s.rank() - 1];
        from[from.length - 1] = start;
        return Divide.apply(Slice.region(added, from, out.toArray()), denom);
    }

    /** Frames {@code (..., frames, fftLength)} overlap-added {@code step} apart into {@code (..., total)}. */
    private static Tensor overlapAdd(Tensor frameSignals, Shape s, int step, int total, int fftLength) {
        int lines = 1;
        for (int i = 0; i < s.rank() - 2; i++) {
            lines *= s.get(i);
        }
        Shape rows = Shape.of(java.util.Arrays.copyOf(s.toArray(), s.rank() - 1)).withDim(-1, total);
        return ScatterAdd.apply(frameSignals, ExtractSequences.starts(lines, s.get(-2), step, total), fftLength,
                rows);
    }

    private static void checkWindow(String op, Tensor window, int sequenceLength) {
        Shape w = window.shape();
        if (w.rank() != 1 || (w.get(0) != Shape.UNKNOWN && w.get(0) != sequenceLength)) {
            throw new ShapeException(op + ": window must have shape [sequence_length] = [" + sequenceLength
                    + "], got shape " + w);
        }
    }

    /** The window centred in {@code fftLength} with zeros, as Keras pads it (differentiable in the window). */
    private static Tensor padWindow(Tensor window, int fftLength) {
        int left = (fftLength - window.shape().get(0)) / 2;
        return Pad.apply(window, new int[][] {{left, fftLength - window.shape().get(0) - left}}, 0f);
    }

    static List<Tensor> stft(Tensor x, int sequenceLength, int sequenceStride, int fftLength, String window,
                             boolean center) {
        check("stft", x.shape(), 1, sequenceLength, sequenceStride, fftLength, window);
        if (x.isSymbolic()) {
            return Fft.record(STFT.args(sequenceLength, sequenceStride, fftLength, window, center), List.of(x),
                    stftShape(x.shape(), sequenceStride, fftLength, center),
                    in -> stft(in.get(0), sequenceLength, sequenceStride, fftLength, window, center));
        }
        return frameAndTransform(x, sequenceStride, fftLength, center,
                Tensor.of(window(window, sequenceLength, fftLength), fftLength));
    }

    private static Shape stftShape(Shape s, int sequenceStride, int fftLength, boolean center) {
        int n = s.get(-1);
        int pad = center ? fftLength / 2 : 0;
        int frames = Shape.UNKNOWN;
        if (n == 0) {
            throw new ShapeException("stft: the signal is empty (last axis 0) in shape " + s);
        }
        if (n != Shape.UNKNOWN) {
            if (n + 2 * pad < fftLength) {
                throw new ShapeException("stft: the signal of length " + n + (center ? " (" + (n + 2 * pad)
                        + " padded)" : "") + " in shape " + s + " is shorter than one frame of fft_length "
                        + fftLength);
            }
            frames = 1 + (n + 2 * pad - fftLength) / sequenceStride;
        }
        return ExtractSequences.frameShape(s, frames, fftLength / 2 + 1);
    }

    /** The padded frames times the (padded) window, transformed. */
    private static List<Tensor> frameAndTransform(Tensor x, int sequenceStride, int fftLength, boolean center,
                                                  Tensor window) {
        Shape s = x.shape();
        int n = s.get(-1);
        int pad = center ? fftLength / 2 : 0;
        int frames = stftShape(s, sequenceStride, fftLength, center).get(-2);
        // one gather makes the padded frames: sample j of frame f is x[f·stride + j − pad], reflected at the ends
        int lines = s.size() / n;
        int[] map = new int[lines * frames * fftLength];
        for (int b = 0, p = 0; b < lines; b++) {
            for (int f = 0; f < frames; f++) {
                for (int j = 0; j < fftLength; j++) {
                    map[p++] = b * n + reflect(f * sequenceStride + j - pad, n);
                }
            }
        }
        Tensor framed = Gather.apply(x, map, 1, ExtractSequences.frameShape(s, frames, fftLength));
        return Rfft.rfft(Multiply.apply(framed, window), fftLength);
    }

    static Tensor istft(List<Tensor> x, int sequenceLength, int sequenceStride, int fftLength, Integer length,
                        String window, boolean center) {
        Shape s = Fft.pair("istft", x, 2);
        check("istft", s, 2, sequenceLength, sequenceStride, fftLength, window);
        Shape out = istftShape(s, sequenceStride, fftLength, length, center);
        int frames = s.get(-2);
        int start = center ? fftLength / 2 : 0;
        int step = step(sequenceStride, fftLength);
        int outLength = out.get(-1);
        if (x.get(0).isSymbolic() || x.get(1).isSymbolic()) {
            return OpSupport.record(ISTFT.args(sequenceLength, sequenceStride, fftLength, length, window, center), out,
                    in -> istft(in, sequenceLength, sequenceStride, fftLength, length, window, center), x.get(0),
                    x.get(1));
        }
        float[] win = window(window, sequenceLength, fftLength);
        double winSum = 0;
        for (float w : win) {
            winSum += w;
        }
        float[] frameScale = new float[fftLength];
        for (int j = 0; j < fftLength; j++) {
            frameScale[j] = (float) (win[j] * (float) winSum); // jax scales the frames by the window's sum, then windows
        }
        Tensor frameSignals = Multiply.apply(Rfft.irfft(x, fftLength), Tensor.of(frameScale, fftLength));
        int total = step * (frames - 1) + fftLength;
        Tensor added = overlapAdd(frameSignals, s, step, total, fftLength);
        // the overlap-added squared window (a constant), then Keras's own scaling
        double[] norm = new double[total];
        for (int f = 0; f < frames; f++) {
            for (int j = 0; j < fftLength; j++) {
                norm[f * step + j] += (double) win[j] * win[j];
            }
        }
        float[] scale = new float[outLength];
        double keras = window != null ? winSum : sequenceStride;
        for (int t = 0; t < outLength; t++) {
            float nv = (float) norm[start + t];
            scale[t] = (float) (1.0 / ((nv > 1e-10f ? nv : 1f) * keras));
        }
        int[] from = new int[s.rank() - 1];
        from[from.length - 1] = start;
        Tensor cut = Slice.region(added, from, out.toArray());
        return Multiply.apply(cut, Tensor.of(scale, outLength));
    }

    private static Shape istftShape(Shape s, int sequenceStride, int fftLength, Integer length, boolean center) {
        if (length != null && length < 0) {
            throw new IllegalArgumentException("istft: length must be non-negative, got " + length);
        }
        int frames = s.get(-2);
        int start = center ? fftLength / 2 : 0;
        int step = step(sequenceStride, fftLength);
        int outLength = length != null ? length : Shape.UNKNOWN;
        if (frames != Shape.UNKNOWN) {
            int total = step * (frames - 1) + fftLength;
            // without length, Python's slice end is clipped to what there is
            int end = length != null ? start + length : center ? total - fftLength / 2
                    : Math.min(total, fftLength + sequenceStride * (frames - 1));
            if (frames == 0 || end > total) {
                throw new ShapeException("istft: " + frames + " frame(s) in shape " + s + " give " + total
                        + " samples, too few for " + (length != null ? "length " + length + " from " + start
                        : "an output"));
            }
            outLength = Math.max(0, end - start);
        }
        Shape out = s.withDim(-2, outLength);
        return Shape.of(java.util.Arrays.copyOf(out.toArray(), s.rank() - 1));
    }

    /** The hop jax's istft overlap-adds at: the stride, except that it reads a zero overlap as half a frame. */
    private static int step(int stride, int fftLength) {
        return stride == fftLength ? fftLength - fftLength / 2 : stride;
    }

    /** numpy's "reflect" index (the edge not repeated) of i into [0, n). */
    private static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int r = Math.floorMod(i, period);
        return r < n ? r : period - r;
    }

    /**
     * The window of {@code length} samples centred in {@code size} with zeros, in float32 as Keras's (scipy's
     * periodic Hann or Hamming, computed in double); ones of {@code size} for no window.
     */
    static float[] window(String window, int length, int size) {
        float[] w = new float[size];
        if (window == null) {
            java.util.Arrays.fill(w, 1f);
            return w;
        }
        int left = (size - length) / 2;
        double a = window.equals("hann") ? 0.5 : 0.54;
        for (int k = 0; k < length; k++) {
            w[left + k] = (float) (a - (1 - a) * Math.cos(2 * Math.PI * k / length));
        }
        return w;
    }

    private static void check(String op, Shape s, int rank, int sequenceLength, int sequenceStride, int fftLength,
                              String window) {
        if (s.rank() < rank) {
            throw new ShapeException(op + ": x must have rank >= " + rank + ", got shape " + s);
        }
        if (sequenceLength <= 0 || sequenceStride <= 0) {
            throw new IllegalArgumentException(op + ": sequence_length and sequence_stride must be positive, got "
                    + sequenceLength + " and " + sequenceStride);
        }
        if (fftLength < sequenceLength) {
            throw new IllegalArgumentException(op + ": fft_length must equal or be larger than sequence_length, got "
                    + "sequence_length=" + sequenceLength + ", fft_length=" + fftLength);
        }
        if (window != null && !window.equals("hann") && !window.equals("hamming")) {
            throw new IllegalArgumentException(op + ": window must be \"hann\", \"hamming\" or null (none), got \""
                    + window + "\"");
        }
    }
}
