package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * The complex Fourier transforms of {@code keras.ops.fft}, {@code fft2} and {@code ifft2}: the input and the output
 * are Keras's {@code (real, imag)} pairs of float tensors of one shape; fft along the last axis, fft2 and ifft2 along
 * the last two (ifft2 divided by their sizes, numpy's "backward" norm). Computed in double ({@link Fourier}). Linear,
 * so their gradients are transforms again (JAX's); symbolic inputs need the transformed axes known, as Keras.
 */
final class Fft {
    /** {@code keras.ops.fft((real, imag))}: two outputs. */
    static final OpSpec FFT = OpSpec.op("fft").math("FFT").list()
            .rebuildAll((in, args) -> fft(in));
    /** {@code keras.ops.fft2((real, imag))}: two outputs. */
    static final OpSpec FFT2 = OpSpec.op("fft2").math("FFT2").list()
            .rebuildAll((in, args) -> fft2(in, false));
    /** {@code keras.ops.ifft2((real, imag))}: two outputs. */
    static final OpSpec IFFT2 = OpSpec.op("ifft2").math("IFFT2").list()
            .rebuildAll((in, args) -> fft2(in, true));

    private Fft() {
    }

    static List<Tensor> fft(List<Tensor> x) {
        Shape s = pair("fft", x, 1);
        if (s.get(-1) == Shape.UNKNOWN) {
            throw new ShapeException("fft: the last axis must be known, got shape " + s);
        }
        if (x.get(0).isSymbolic() || x.get(1).isSymbolic()) {
            return record(FFT, x, s, Fft::fft);
        }
        return List.of(Fourier.dft(x.get(0), x.get(1), -1, false, 1));
    }

    static List<Tensor> fft2(List<Tensor> x, boolean inverse) {
        String op = inverse ? "ifft2" : "fft2";
        Shape s = pair(op, x, 2);
        if (s.get(-1) == Shape.UNKNOWN || s.get(-2) == Shape.UNKNOWN) {
            throw new ShapeException(op + ": the last two axes must be known, got shape " + s);
        }
        if (x.get(0).isSymbolic() || x.get(1).isSymbolic()) {
            return record(inverse ? IFFT2 : FFT2, x, s, in -> fft2(in, inverse));
        }
        Tensor[] rows = Fourier.dft(x.get(0), x.get(1), -1, inverse, inverse ? 1.0 / s.get(-1) : 1);
        return List.of(Fourier.dft(rows[0], rows[1], -2, inverse, inverse ? 1.0 / s.get(-2) : 1));
    }

    /**
     * The shape of a {@code (real, imag)} pair of rank at least {@code minRank}.
     *
     * @throws IllegalArgumentException if x is not two tensors
     * @throws ShapeException if their shapes differ or the rank is too small
     */
    static Shape pair(String op, List<Tensor> x, int minRank) {
        if (x == null || x.size() != 2 || x.get(0) == null || x.get(1) == null) {
            throw new IllegalArgumentException(op + ": x must be a pair (real, imag) of two tensors, got "
                    + (x == null ? "null" : x.size() + " element(s)"));
        }
        Shape s = x.get(0).shape();
        if (!s.equals(x.get(1).shape())) {
            throw new ShapeException(op + ": the real and imaginary parts must have the same shape, got x[0].shape = "
                    + s + " and x[1].shape = " + x.get(1).shape());
        }
        if (s.rank() < minRank) {
            throw new ShapeException(op + ": x must have rank >= " + minRank + ", got shape " + s);
        }
        return s;
    }

    /** Records {@code spec} on the pair x with two outputs of shape {@code out}. */
    static List<Tensor> record(OpSpec spec, List<Tensor> x, Shape out,
                               java.util.function.Function<List<Tensor>, List<Tensor>> replay) {
        return record(spec.args(), x, out, replay);
    }

    /** Records an op with arguments {@code args} on inputs x with two outputs of shape {@code out}. */
    static List<Tensor> record(OpSpec.Args args, List<Tensor> x, Shape out,
                               java.util.function.Function<List<Tensor>, List<Tensor>> replay) {
        return List.copyOf(Graph.record(new MultiOpNode(args, replay), x, List.of(out, out)));
    }
}
