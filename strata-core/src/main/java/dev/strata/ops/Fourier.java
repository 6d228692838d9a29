package dev.strata.ops;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The discrete Fourier transform behind fft, fft2, ifft2, rfft, irfft, stft and istft: complex values as a pair of
 * float tensors (real, imaginary), Keras's convention, since Strata has no complex dtype. Computed in double: an
 * iterative radix-2 FFT for power-of-two lengths, Bluestein's chirp-z algorithm (a power-of-two convolution) for
 * every other length, so any length costs O(n log n). The transforms are linear, so their gradients are transforms
 * too (the adjoint of {@code c·F} is {@code c·F*}, the transform with the opposite sign), written with these same
 * differentiable primitives: derivatives of any order. No graph node is recorded here: the public ops record their
 * own Keras-form node for symbolic inputs.
 */
final class Fourier {
    private Fourier() {
    }

    /**
     * {@code scale · Σ_j x_j e^{∓2πi·jk/n}} along {@code axis} of the complex tensor {@code (re, im)} (im null: zero),
     * with the sign + for {@code inverse}; as {@code [real, imag]}, differentiable in both parts.
     */
    static Tensor[] dft(Tensor re, Tensor im, int axis, boolean inverse, double scale) {
        Shape s = re.shape();
        int a = axis < 0 ? axis + s.rank() : axis;
        int n = s.get(a);
        int inner = Cumulative.inner(s, a);
        int size = s.size();
        float[] outRe = OpSupport.newArray(size);
        float[] outIm = OpSupport.newArray(size);
        transform(OpSupport.data(re), im == null ? null : OpSupport.data(im), outRe, outIm, n, inner, inverse,
                scale);
        Tensor yr = OpSupport.wrap(outRe, s);
        Tensor yi = OpSupport.wrap(outIm, s);
        // the upstream gradient g of one part is the complex cotangent g (real part) or i·g (imaginary part); the
        // input's gradient is the adjoint c·F* applied to it
        if (im == null) {
            OpSupport.gradient(yr, re, (g, needed) -> new Tensor[] {dft(g, null, a, !inverse, scale)[0]});
            OpSupport.gradient(yi, re, (g, needed) -> new Tensor[] {Negative.apply(dft(g, null, a, !inverse,
                    scale)[1])});
        } else {
            OpSupport.gradient(yr, re, im, (g, needed) -> dft(g, null, a, !inverse, scale));
            OpSupport.gradient(yi, re, im, (g, needed) -> {
                Tensor[] t = dft(g, null, a, !inverse, scale);
                return new Tensor[] {Negative.apply(t[1]), t[0]};
            });
        }
        return new Tensor[] {yr, yi};
    }

    /**
     * The real inverse transform of a one-sided spectrum (irfft's kernel): {@code (re, im)} holds bins
     * {@code 0..n/2} on the last axis (exactly {@code n/2 + 1} of them); the result, of length {@code n}, is
     * {@code (1/n) Σ_k c_k (re_k cos 2πkt/n − im_k sin 2πkt/n)} with {@code c_k} 1 for bin 0 and (n even) bin n/2,
     * 2 otherwise: the Hermitian spectrum's inverse, ignoring the imaginary parts of bins 0 and n/2 as numpy's.
     * Gradient: {@code c_k/n ·} rfft of g (the adjoint), differentiable.
     */
    static Tensor irfft(Tensor re, Tensor im, int n) {
        Shape s = re.shape();
        int h = n / 2 + 1;
        int lines = h == 0 ? 0 : s.size() / h;
        float[] r = OpSupport.data(re);
        float[] i = OpSupport.data(im);
        float[] out = OpSupport.newArray(lines * n);
        Plan plan = new Plan(n);
        double[] zr = new double[n];
        double[] zi = new double[n];
        for (int line = 0; line < lines; line++) {
            int src = line * h;
            for (int k = 0; k < h; k++) {
                zr[k] = r[src + k];
                zi[k] = i[src + k];
            }
            zi[0] = 0;
            if (n % 2 == 0) {
                zi[n / 2] = 0;
            }
            for (int k = h; k < n; k++) {
                zr[k] = zr[n - k];
                zi[k] = -zi[n - k];
            }
            plan.transform(zr, zi, true);
            for (int t = 0; t < n; t++) {
                out[line * n + t] = (float) (zr[t] / n);
            }
        }
        Tensor y = OpSupport.wrap(out, s.withDim(-1, n));
        OpSupport.gradient(y, re, im, (g, needed) -> {
            Tensor[] t = dft(g, null, -1, false, 1.0 / n);
            int[] start = new int[s.rank()];
            int[] size = s.toArray();
            Tensor c = Tensor.of(hermitianWeights(n), h);
            return new Tensor[] {Multiply.apply(Slice.region(t[0], start, size), c),
                    Multiply.apply(Slice.region(t[1], start.clone(), size.clone()), c)};
        });
        return y;
    }

    /** Concrete x with its last axis cut or zero-padded to n (differentiably), as rfft's {@code fft_length} does. */
    static Tensor fitLast(Tensor x, int n) {
        Shape s = x.shape();
        int d = s.get(-1);
        if (d == n) {
            return x;
        }
        int r = s.rank();
        if (d > n) {
            return Slice.region(x, new int[r], s.withDim(-1, n).toArray());
        }
        int[] after = new int[r];
        after[r - 1] = n - d;
        return Pad.region(x, new int[r], after, 0f);
    }

    /** How often each one-sided bin appears in a Hermitian spectrum of length n: 1 for 0 and (n even) n/2, else 2. */
    private static float[] hermitianWeights(int n) {
        float[] c = new float[n / 2 + 1];
        java.util.Arrays.fill(c, 2f);
        c[0] = 1f;
        if (n % 2 == 0) {
            c[n / 2] = 1f;
        }
        return c;
    }

    /** Transforms every line of length n (stride {@code inner}) of the input into the output arrays. */
    private static void transform(float[] inRe, float[] inIm, float[] outRe, float[] outIm, int n, int inner,
                                  boolean inverse, double scale) {
        if (n == 0) {
            return;
        }
        Plan plan = new Plan(n);
        double[] zr = new double[n];
        double[] zi = new double[n];
        int block = n * inner;
        for (int base = 0; base < inRe.length; base += block) {
            for (int q = 0; q < inner; q++) {
                int p = base + q;
                for (int j = 0; j < n; j++, p += inner) {
                    zr[j] = inRe[p];
                    zi[j] = inIm == null ? 0 : inIm[p];
                }
                plan.transform(zr, zi, inverse);
                p = base + q;
                for (int k = 0; k < n; k++, p += inner) {
                    outRe[p] = (float) (zr[k] * scale);
                    outIm[p] = (float) (zi[k] * scale);
                }
            }
        }
    }

    /** The precomputed tables of one transform length: twiddles, and for other lengths Bluestein's chirp. */
    static final class Plan {
        private final int n;
        /** The power-of-two length the radix-2 kernel runs at: n itself, or Bluestein's convolution length. */
        private final int m;
        private final double[] cos;
        private final double[] sin;
        /** Bluestein's chirp {@code e^{-iπk²/n}}, k < n (null for a power of two). */
        private final double[] wr;
        private final double[] wi;
        /** The transform of the chirp filter {@code conj(w)}, wrapped to length m. */
        private final double[] br;
        private final double[] bi;
        private final double[] ar;
        private final double[] ai;

        Plan(int n) {
            this.n = n;
            boolean pow2 = n > 0 && (n & (n - 1)) == 0;
            this.m = pow2 ? n : Integer.highestOneBit(Math.max(1, 2 * n - 2)) << 1;
            cos = new double[m / 2];
            sin = new double[m / 2];
            for (int k = 0; k < m / 2; k++) {
                double t = 2 * Math.PI * k / m;
                cos[k] = Math.cos(t);
                sin[k] = Math.sin(t);
            }
            if (pow2) {
                wr = wi = br = bi = ar = ai = null;
                return;
            }
            wr = new double[n];
            wi = new double[n];
            long twoN = 2L * n;
            for (int k = 0; k < n; k++) {
                // k² mod 2n keeps the angle exact for large k
                double t = Math.PI * (double) ((long) k * k % twoN) / n;
                wr[k] = Math.cos(t);
                wi[k] = -Math.sin(t);
            }
            br = new double[m];
            bi = new double[m];
            br[0] = wr[0];
            bi[0] = -wi[0];
            for (int k = 1; k < n; k++) {
                br[k] = br[m - k] = wr[k];
                bi[k] = bi[m - k] = -wi[k];
            }
            radix2(br, bi, false);
            ar = new double[m];
            ai = new double[m];
        }

        /** In place: {@code z_k ← Σ_j z_j e^{∓2πi·jk/n}} (the + sign for {@code inverse}), unscaled. */
        void transform(double[] zr, double[] zi, boolean inverse) {
            if (inverse) { // the inverse is the conjugate of the forward transform of the conjugate
                for (int j = 0; j < n; j++) {
                    zi[j] = -zi[j];
                }
            }
            if (wr == null) {
                radix2(zr, zi, false);
            } else {
                bluestein(zr, zi);
            }
            if (inverse) {
                for (int j = 0; j < n; j++) {
                    zi[j] = -zi[j];
                }
            }
        }

        private void bluestein(double[] zr, double[] zi) {
            for (int j = 0; j < n; j++) {
                ar[j] = zr[j] * wr[j] - zi[j] * wi[j];
                ai[j] = zr[j] * wi[j] + zi[j] * wr[j];
            }
            java.util.Arrays.fill(ar, n, m, 0);
            java.util.Arrays.fill(ai, n, m, 0);
            radix2(ar, ai, false);
            for (int k = 0; k < m; k++) {
                double r = ar[k] * br[k] - ai[k] * bi[k];
                ai[k] = ar[k] * bi[k] + ai[k] * br[k];
                ar[k] = r;
            }
            radix2(ar, ai, true);
            for (int k = 0; k < n; k++) {
                double r = ar[k] / m;
                double i = ai[k] / m;
                zr[k] = r * wr[k] - i * wi[k];
                zi[k] = r * wi[k] + i * wr[k];
            }
        }

        /** The unscaled radix-2 transform of length m in place, decimation in time after a bit reversal. */
        private void radix2(double[] re, double[] im, boolean inverse) {
            for (int i = 1, j = 0; i < m; i++) {
                int bit = m >> 1;
                for (; (j & bit) != 0; bit >>= 1) {
                    j ^= bit;
                }
                j ^= bit;
                if (i < j) {
                    double t = re[i];
                    re[i] = re[j];
                    re[j] = t;
                    t = im[i];
                    im[i] = im[j];
                    im[j] = t;
                }
            }
            double sign = inverse ? 1 : -1;
            for (int len = 2; len <= m; len <<= 1) {
                int half = len >> 1;
                int step = m / len;
                for (int start = 0; start < m; start += len) {
                    for (int k = 0; k < half; k++) {
                        double c = cos[k * step];
                        double s = sign * sin[k * step];
                        int p = start + k;
                        int q = p + half;
                        double tr = re[q] * c - im[q] * s;
                        double ti = re[q] * s + im[q] * c;
                        re[q] = re[p] - tr;
                        im[q] = im[p] - ti;
                        re[p] += tr;
                        im[p] += ti;
                    }
                }
            }
        }
    }
}
