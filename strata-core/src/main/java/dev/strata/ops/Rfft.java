package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * The real Fourier transforms of {@code keras.ops.rfft} and {@code irfft} along the last axis. rfft: a real x, cut or
 * zero-padded to {@code fft_length} (default: its length n), gives the {@code fft_length/2 + 1} bins of its one-sided
 * spectrum as {@code (real, imag)}. irfft: a one-sided spectrum {@code (real, imag)} of m bins, cut or zero-padded to
 * {@code fft_length/2 + 1} (default {@code fft_length = 2(m − 1)}), gives the real signal of length
 * {@code fft_length}, ignoring the imaginary parts of bin 0 and (even lengths) bin {@code fft_length/2}, as numpy's.
 * Computed in double ({@link Fourier}); both are linear, with their adjoints as gradients (JAX's).
 */
final class Rfft {
    /** {@code keras.ops.rfft(x, fft_length=None)}: two outputs. */
    static final OpSpec RFFT = OpSpec.op("rfft").math("RFFT").config("fft_length", Type.OPTIONAL_INT)
            .rebuildAll((in, args) -> rfft(in.get(0), args.optionalInt("fft_length")));
    /** {@code keras.ops.irfft((real, imag), fft_length=None)}. */
    static final OpSpec IRFFT = OpSpec.op("irfft").math("IRFFT").list().config("fft_length", Type.OPTIONAL_INT)
            .rebuild((in, args) -> irfft(in, args.optionalInt("fft_length")));

    private Rfft() {
    }

    static List<Tensor> rfft(Tensor x, Integer fftLength) {
        Shape s = x.shape();
        if (s.rank() < 1) {
            throw new ShapeException("rfft: x must have rank >= 1, got shape " + s);
        }
        positive("rfft", fftLength, s);
        int d = s.get(-1);
        int n = fftLength != null ? fftLength : d;
        Shape out = s.withDim(-1, n == Shape.UNKNOWN ? Shape.UNKNOWN : n / 2 + 1);
        if (x.isSymbolic()) {
            return Fft.record(RFFT.args(fftLength), List.of(x), out, in -> rfft(in.get(0), fftLength));
        }
        if (n == 0) {
            throw new ShapeException("rfft: the transform length must be positive, got an empty last axis in shape "
                    + s + " and no fft_length");
        }
        Tensor[] y = Fourier.dft(Fourier.fitLast(x, n), null, -1, false, 1);
        return List.of(Fourier.fitLast(y[0], n / 2 + 1), Fourier.fitLast(y[1], n / 2 + 1));
    }

    static Tensor irfft(List<Tensor> x, Integer fftLength) {
        Shape s = Fft.pair("irfft", x, 1);
        positive("irfft", fftLength, s);
        int m = s.get(-1);
        int n = fftLength != null ? fftLength : m == Shape.UNKNOWN ? Shape.UNKNOWN : 2 * (m - 1);
        if (n == 0 || n < Shape.UNKNOWN) {
            throw new ShapeException("irfft: the output length 2 * (m - 1) from the " + m + " bins of shape " + s
                    + " must be positive: give fft_length");
        }
        if (x.get(0).isSymbolic() || x.get(1).isSymbolic()) {
            return OpSupport.record(IRFFT.args(fftLength), s.withDim(-1, n), in -> irfft(in, fftLength),
                    x.get(0), x.get(1));
        }
        int h = n / 2 + 1;
        return Fourier.irfft(Fourier.fitLast(x.get(0), h), Fourier.fitLast(x.get(1), h), n);
    }

    private static void positive(String op, Integer fftLength, Shape s) {
        if (fftLength != null && fftLength <= 0) {
            throw new IllegalArgumentException(op + ": fft_length must be positive, got " + fftLength + " (x shape "
                    + s + ")");
        }
    }
}
