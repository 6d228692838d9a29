package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * numpy's complex-number functions on Strata's tensors, which are real (float32; Strata has no complex tensors), so
 * each gives what numpy and JAX give for real input: real and conjugate are x itself (gradient g), imag is 0
 * (gradient 0), isreal is 1 everywhere (NaN included: its imaginary part is 0), and angle is
 * {@code atan2(0, x)}: 0 for x > 0 and +0, π for x < 0 and -0, NaN for NaN, with JAX's gradient
 * {@code g·(-0/x²)} (-0, NaN at ±0). Keras saves conj and conjugate both as {@code Conjugate}. One class for the
 * family, as each is a line.
 */
final class ComplexParts {
    /** {@code keras.ops.real(x)}. */
    static final OpSpec REAL = OpSpec.op("real").numpy("Real").rebuild((in, args) -> real(in.get(0)));
    /** {@code keras.ops.imag(x)}. */
    static final OpSpec IMAG = OpSpec.op("imag").numpy("Imag").rebuild((in, args) -> imag(in.get(0)));
    /** {@code keras.ops.conjugate(x)} (and {@code conj}). */
    static final OpSpec CONJUGATE = OpSpec.op("conjugate").numpy("Conjugate")
            .rebuild((in, args) -> conjugate(in.get(0)));
    /** {@code keras.ops.angle(x)}. */
    static final OpSpec ANGLE = OpSpec.op("angle").numpy("Angle").rebuild((in, args) -> angle(in.get(0)));
    /** {@code keras.ops.isreal(x)}. */
    static final OpSpec ISREAL = OpSpec.op("isreal").numpy("Isreal").rebuild((in, args) -> isreal(in.get(0)));
    private static final Tensor MINUS_ZERO = Tensor.scalar(-0f);

    private ComplexParts() {
    }

    static Tensor real(Tensor x) {
        return identity(REAL, x);
    }

    static Tensor conjugate(Tensor x) {
        return identity(CONJUGATE, x);
    }

    static Tensor imag(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(IMAG, x.shape(), in -> imag(in.get(0)), x);
        }
        Tensor y = Tensor.zeros(x.shape());
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Tensor.zeros(x.shape())});
        return y;
    }

    static Tensor isreal(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(ISREAL, x.shape(), in -> isreal(in.get(0)), x);
        }
        return Tensor.ones(x.shape());
    }

    static Tensor angle(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(ANGLE, x.shape(), in -> angle(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> (float) Math.atan2(0.0, v));
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Multiply.apply(g, Divide.apply(MINUS_ZERO, Square.apply(x)))});
        return y;
    }

    private static Tensor identity(OpSpec spec, Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(spec, x.shape(), in -> identity(spec, in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> v);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {g});
        return y;
    }
}
