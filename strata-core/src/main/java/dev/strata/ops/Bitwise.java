package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.function.IntBinaryOperator;

/**
 * The bitwise ops on int32 values, broadcast: and, or, xor, not (and its twin invert), and the shifts (left, and
 * arithmetic right, each under two Keras names). Strata's tensors are float32, so the inputs must be whole numbers
 * in int32's range ({@link WholeNumbers}: anything else is an error naming the op, the argument and the position);
 * each is taken as the int32 Keras would hold and the int32 result is given back as float32, exact up to 2²⁴ in
 * magnitude (larger results round to float32, as any integer Strata holds). Shifts follow XLA, as Keras's JAX
 * backend: a count outside [0, 32) gives 0 (left) or the sign fill, 0 or -1 (right). Keras saves every name as its
 * own class ({@code BitwiseNot} and {@code BitwiseInvert}, {@code LeftShift} and {@code BitwiseLeftShift}, ...),
 * so Strata does too. Not differentiable (integer results; nothing is recorded). One class for the family: they
 * share the check and the loop and differ only in the int operation.
 *
 * <p>Saved graphs: Keras's JAX backend rejects float operands here, and Strata's graph tensors are float32 but for
 * what Keras itself makes int32 (an {@code Input.integers}, argsort's or argmax's indices, sums and differences of
 * those); so Python Keras runs a Strata graph with these ops where their inputs are such tensors, and fails on a
 * float32 input. A constant operand is written as a float number, which Keras's shift ops do not take either.
 */
final class Bitwise {
    /** {@code keras.ops.bitwise_and(x, y)}. */
    static final OpSpec AND = OpSpec.op("bitwise_and").numpy("BitwiseAnd").binary()
            .rebuild((in, args) -> and(in.get(0), in.get(1)));
    /** {@code keras.ops.bitwise_or(x, y)}. */
    static final OpSpec OR = OpSpec.op("bitwise_or").numpy("BitwiseOr").binary()
            .rebuild((in, args) -> or(in.get(0), in.get(1)));
    /** {@code keras.ops.bitwise_xor(x, y)}. */
    static final OpSpec XOR = OpSpec.op("bitwise_xor").numpy("BitwiseXor").binary()
            .rebuild((in, args) -> xor(in.get(0), in.get(1)));
    /** {@code keras.ops.bitwise_not(x)}. */
    static final OpSpec NOT = OpSpec.op("bitwise_not").numpy("BitwiseNot").rebuild((in, args) -> not(in.get(0)));
    /** {@code keras.ops.bitwise_invert(x)}. */
    static final OpSpec INVERT = OpSpec.op("bitwise_invert").numpy("BitwiseInvert")
            .rebuild((in, args) -> invert(in.get(0)));
    /** {@code keras.ops.bitwise_left_shift(x, y)}. */
    static final OpSpec BITWISE_LEFT_SHIFT = OpSpec.op("bitwise_left_shift").numpy("BitwiseLeftShift").binary()
            .rebuild((in, args) -> bitwiseLeftShift(in.get(0), in.get(1)));
    /** {@code keras.ops.bitwise_right_shift(x, y)}. */
    static final OpSpec BITWISE_RIGHT_SHIFT = OpSpec.op("bitwise_right_shift").numpy("BitwiseRightShift").binary()
            .rebuild((in, args) -> bitwiseRightShift(in.get(0), in.get(1)));
    /** {@code keras.ops.left_shift(x, y)}. */
    static final OpSpec LEFT_SHIFT = OpSpec.op("left_shift").numpy("LeftShift").binary()
            .rebuild((in, args) -> leftShift(in.get(0), in.get(1)));
    /** {@code keras.ops.right_shift(x, y)}. */
    static final OpSpec RIGHT_SHIFT = OpSpec.op("right_shift").numpy("RightShift").binary()
            .rebuild((in, args) -> rightShift(in.get(0), in.get(1)));

    private static final IntBinaryOperator SHL = (v, n) -> n >= 0 && n < 32 ? v << n : 0;
    private static final IntBinaryOperator SAR = (v, n) -> n >= 0 && n < 32 ? v >> n : v >> 31;

    private Bitwise() {
    }

    static Tensor and(Tensor x, Tensor y) {
        return binary(AND, "bitwiseAnd", x, y, (p, q) -> p & q);
    }

    static Tensor or(Tensor x, Tensor y) {
        return binary(OR, "bitwiseOr", x, y, (p, q) -> p | q);
    }

    static Tensor xor(Tensor x, Tensor y) {
        return binary(XOR, "bitwiseXor", x, y, (p, q) -> p ^ q);
    }

    static Tensor not(Tensor x) {
        return unary(NOT, "bitwiseNot", x);
    }

    static Tensor invert(Tensor x) {
        return unary(INVERT, "bitwiseInvert", x);
    }

    static Tensor bitwiseLeftShift(Tensor x, Tensor y) {
        return binary(BITWISE_LEFT_SHIFT, "bitwiseLeftShift", x, y, SHL);
    }

    static Tensor bitwiseRightShift(Tensor x, Tensor y) {
        return binary(BITWISE_RIGHT_SHIFT, "bitwiseRightShift", x, y, SAR);
    }

    static Tensor leftShift(Tensor x, Tensor y) {
        return binary(LEFT_SHIFT, "leftShift", x, y, SHL);
    }

    static Tensor rightShift(Tensor x, Tensor y) {
        return binary(RIGHT_SHIFT, "rightShift", x, y, SAR);
    }

    private static Tensor unary(OpSpec spec, String javaName, Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(spec, x.shape(), in -> unary(spec, javaName, in.get(0)), x);
        }
        WholeNumbers.check(javaName, "x", x);
        return Pointwise.map(x, v -> ~(int) v);
    }

    /** {@code f} of the int32 values of x and y, broadcast, as float32 (also used by gcd and lcm). */
    static Tensor binary(OpSpec spec, String javaName, Tensor x, Tensor y, IntBinaryOperator f) {
        return binary(spec, javaName, "x", "y", x, y, f);
    }

    static Tensor binary(OpSpec spec, String javaName, String xName, String yName, Tensor x, Tensor y,
            IntBinaryOperator f) {
        Shape out = Broadcasting.shape(javaName, x.shape(), y.shape());
        if (x.isSymbolic() || y.isSymbolic()) {
            return OpSupport.record(spec, out, in -> binary(spec, javaName, xName, yName, in.get(0), in.get(1), f),
                    x, y);
        }
        WholeNumbers.check(javaName, xName, x);
        WholeNumbers.check(javaName, yName, y);
        return Pointwise.map(x, y, out, (p, q) -> f.applyAsInt((int) p, (int) q));
    }
}
