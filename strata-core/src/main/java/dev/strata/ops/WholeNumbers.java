package dev.strata.ops;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * The check of the integer-only ops (bitwise, shifts, gcd, lcm, ldexp's exponent): Strata holds integers as whole
 * float32 values, so a value Keras's int32 tensor could hold is a whole number in int32's range; anything else
 * (a fraction, ±inf, NaN, beyond ±2³¹) is an error naming the op, the argument, its shape and the position.
 */
final class WholeNumbers {
    private static final float TWO_31 = 2147483648f;

    private WholeNumbers() {
    }

    /**
     * Requires every element of concrete {@code t} to be a whole number in int32's range.
     *
     * @throws IllegalArgumentException naming {@code op}, {@code argument}, the value and where it is
     */
    static void check(String op, String argument, Tensor t) {
        float[] d = OpSupport.data(t);
        for (int i = 0; i < d.length; i++) {
            float v = d[i];
            if (!(v == Math.rint(v) && v >= -TWO_31 && v < TWO_31)) {
                throw new IllegalArgumentException(op + ": argument " + argument + " (shape " + t.shape()
                        + ") holds " + v + " at position " + Arrays.toString(position(t.shape(), i)) + "; " + op
                        + " takes integers (whole numbers in int32's range, as Keras's int32 tensors)");
            }
        }
    }

    /** The multi-index of flat index {@code flat} in row-major {@code shape}. */
    private static int[] position(Shape shape, int flat) {
        int[] dims = shape.toArray();
        int[] at = new int[dims.length];
        for (int k = dims.length - 1; k >= 0; k--) {
            at[k] = flat % dims[k];
            flat /= dims[k];
        }
        return at;
    }
}
