package dev.strata.ops;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Tensor operations, like {@code keras.ops}. Every op accepts concrete and symbolic tensors (given a symbolic
 * input it checks shapes and records a graph node instead of computing), follows numpy's broadcasting rules
 * where they apply, and is differentiable by {@link dev.strata.autodiff.GradientTape} unless noted.
 *
 * <p>Bad shapes fail at the op with a {@link dev.strata.ShapeException} naming the op, the shapes and the
 * rule. Axes may be negative (counted from the end).
 */
public final class Ops {
    private Ops() {
    }

    // =========================================================================================================
    // Elementwise arithmetic
    // =========================================================================================================

    /** {@code a + b}, broadcast. */
    public static Tensor add(Tensor a, Tensor b) {
        return Add.apply(a, b);
    }

    /** {@code a + b} for a scalar {@code b}. */
    public static Tensor add(Tensor a, float b) {
        return Add.apply(a, Tensor.scalar(b));
    }

    /** {@code a - b}, broadcast. */
    public static Tensor subtract(Tensor a, Tensor b) {
        return Subtract.apply(a, b);
    }

    /** {@code a - b} for a scalar {@code b}. */
    public static Tensor subtract(Tensor a, float b) {
        return Subtract.apply(a, Tensor.scalar(b));
    }

    /** {@code a * b} elementwise, broadcast. */
    public static Tensor multiply(Tensor a, Tensor b) {
        return Multiply.apply(a, b);
    }

    /** {@code a * b} for a scalar {@code b}. */
    public static Tensor multiply(Tensor a, float b) {
        return Multiply.apply(a, Tensor.scalar(b));
    }

    /** {@code a / b} elementwise, broadcast (IEEE semantics: division by zero gives ±inf or NaN). */
    public static Tensor divide(Tensor a, Tensor b) {
        return Divide.apply(a, b);
    }

    /** {@code a / b} for a scalar {@code b}. */
    public static Tensor divide(Tensor a, float b) {
        return Divide.apply(a, Tensor.scalar(b));
    }

    /** {@code -x}. */
    public static Tensor negative(Tensor x) {
        return Negative.apply(x);
    }

    /** {@code x²}. */
    public static Tensor square(Tensor x) {
        return Square.apply(x);
    }

    /** {@code e^x}. */
    public static Tensor exp(Tensor x) {
        return Exp.apply(x);
    }

    // ---- more elementwise math (helper section A) ----------------------------------------------------------

    // =========================================================================================================
    // Reductions
    // =========================================================================================================

    /** The sum of all elements, as a scalar. */
    public static Tensor sum(Tensor x) {
        return Sum.apply(x, null, false);
    }

    /** The sum over one axis. */
    public static Tensor sum(Tensor x, int axis) {
        return Sum.apply(x, new int[] {axis}, false);
    }

    /** The sum over axes; with {@code keepDims} the reduced axes stay, with size 1. */
    public static Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        return Sum.apply(x, axes, keepDims);
    }

    /** The mean of all elements, as a scalar. */
    public static Tensor mean(Tensor x) {
        return Mean.apply(x, null, false);
    }

    /** The mean over one axis. */
    public static Tensor mean(Tensor x, int axis) {
        return Mean.apply(x, new int[] {axis}, false);
    }

    /** The mean over axes; with {@code keepDims} the reduced axes stay, with size 1. */
    public static Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        return Mean.apply(x, axes, keepDims);
    }

    // ---- more reductions (helper section B) ----------------------------------------------------------------

    // =========================================================================================================
    // Linear algebra
    // =========================================================================================================

    /**
     * Matrix product with numpy's rules: the last two axes are matrices and leading axes broadcast; a 1-D
     * {@code a} is a row vector and a 1-D {@code b} a column vector, their added axis removed from the result.
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        return MatMul.apply(a, b, false, false);
    }

    /**
     * Matrix product of optionally transposed operands (the last two axes swapped), like TensorFlow's
     * {@code matmul(a, b, transpose_a, transpose_b)}; the transposes are not materialised.
     */
    public static Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        return MatMul.apply(a, b, transposeA, transposeB);
    }

    /** Reverses the axes (a matrix transpose for 2-D tensors). */
    public static Tensor transpose(Tensor x) {
        return Transpose.apply(x, null);
    }

    /** Permutes the axes: output axis {@code i} is input axis {@code axes[i]}. */
    public static Tensor transpose(Tensor x, int... axes) {
        return Transpose.apply(x, axes);
    }

    // ---- more linear algebra (helper section B) ------------------------------------------------------------

    // =========================================================================================================
    // Shape manipulation
    // =========================================================================================================

    /** The same elements in a new shape; one dimension may be -1 and is inferred. */
    public static Tensor reshape(Tensor x, int... shape) {
        return Reshape.apply(x, shape);
    }

    /** The same elements in a new shape. */
    public static Tensor reshape(Tensor x, Shape shape) {
        return Reshape.apply(x, shape);
    }

    /** Broadcasts x to {@code shape} with numpy's rules. */
    public static Tensor broadcastTo(Tensor x, Shape shape) {
        return BroadcastTo.apply(x, shape);
    }

    // ---- more shape ops (helper section B) -----------------------------------------------------------------

    // =========================================================================================================
    // Activations
    // =========================================================================================================

    /** {@code max(x, 0)}. */
    public static Tensor relu(Tensor x) {
        return Relu.apply(x);
    }

    // ---- more activations (helper section A) ---------------------------------------------------------------
}
