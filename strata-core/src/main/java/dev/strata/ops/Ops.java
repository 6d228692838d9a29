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

    /** {@code a} raised to the power {@code b} elementwise, broadcast (as {@code Math.pow}, rounded to float). */
    public static Tensor power(Tensor a, Tensor b) {
        return Power.apply(a, b);
    }

    /** {@code a} raised to the power {@code b}. */
    public static Tensor power(Tensor a, float b) {
        return Power.apply(a, Tensor.scalar(b));
    }

    /** {@code √x} (NaN for negative x). */
    public static Tensor sqrt(Tensor x) {
        return Sqrt.apply(x);
    }

    /** {@code 1/√x}. */
    public static Tensor rsqrt(Tensor x) {
        return Rsqrt.apply(x);
    }

    /** The natural logarithm: {@code log(0) = -inf}, NaN for negative x. */
    public static Tensor log(Tensor x) {
        return Log.apply(x);
    }

    /** {@code log(1 + x)}, accurate for x near 0. */
    public static Tensor log1p(Tensor x) {
        return Log1p.apply(x);
    }

    /** {@code |x|}; its gradient is {@code sign(x)} (0 at 0). */
    public static Tensor abs(Tensor x) {
        return Abs.apply(x);
    }

    /** -1, 0 or 1 by the sign of x; its gradient is zero. */
    public static Tensor sign(Tensor x) {
        return Sign.apply(x);
    }

    /** The error function {@code erf(x) = 2/√π ∫₀ˣ e^(-t²) dt}, accurate to float32 rounding. */
    public static Tensor erf(Tensor x) {
        return Erf.apply(x);
    }

    /**
     * The elementwise maximum, broadcast; NaN if either is NaN. On ties the gradient goes to {@code a} (as
     * TensorFlow).
     */
    public static Tensor maximum(Tensor a, Tensor b) {
        return Maximum.apply(a, b);
    }

    /** The elementwise maximum of {@code a} and a scalar. */
    public static Tensor maximum(Tensor a, float b) {
        return Maximum.apply(a, Tensor.scalar(b));
    }

    /**
     * The elementwise minimum, broadcast; NaN if either is NaN. On ties the gradient goes to {@code a} (as
     * TensorFlow).
     */
    public static Tensor minimum(Tensor a, Tensor b) {
        return Minimum.apply(a, b);
    }

    /** The elementwise minimum of {@code a} and a scalar. */
    public static Tensor minimum(Tensor a, float b) {
        return Minimum.apply(a, Tensor.scalar(b));
    }

    /**
     * Limits values to {@code [min, max]}, as {@code minimum(maximum(x, min), max)}. The gradient passes where
     * {@code min <= x <= max}.
     */
    public static Tensor clip(Tensor x, float min, float max) {
        return Clip.apply(x, min, max);
    }

    /**
     * {@code x1} where {@code condition} is non-zero, else {@code x2}; the three broadcast together. The
     * condition gets no gradient.
     */
    public static Tensor where(Tensor condition, Tensor x1, Tensor x2) {
        return Where.apply(condition, x1, x2);
    }

    /** 1 where {@code a == b}, else 0, broadcast. Not differentiable. */
    public static Tensor equal(Tensor a, Tensor b) {
        return Comparison.equal(a, b);
    }

    /** 1 where {@code a == b}, else 0. Not differentiable. */
    public static Tensor equal(Tensor a, float b) {
        return Comparison.equal(a, Tensor.scalar(b));
    }

    /** 1 where {@code a != b} (and where either is NaN), else 0, broadcast. Not differentiable. */
    public static Tensor notEqual(Tensor a, Tensor b) {
        return Comparison.notEqual(a, b);
    }

    /** 1 where {@code a != b}, else 0. Not differentiable. */
    public static Tensor notEqual(Tensor a, float b) {
        return Comparison.notEqual(a, Tensor.scalar(b));
    }

    /** 1 where {@code a > b}, else 0, broadcast. Not differentiable. */
    public static Tensor greater(Tensor a, Tensor b) {
        return Comparison.greater(a, b);
    }

    /** 1 where {@code a > b}, else 0. Not differentiable. */
    public static Tensor greater(Tensor a, float b) {
        return Comparison.greater(a, Tensor.scalar(b));
    }

    /** 1 where {@code a >= b}, else 0, broadcast. Not differentiable. */
    public static Tensor greaterEqual(Tensor a, Tensor b) {
        return Comparison.greaterEqual(a, b);
    }

    /** 1 where {@code a >= b}, else 0. Not differentiable. */
    public static Tensor greaterEqual(Tensor a, float b) {
        return Comparison.greaterEqual(a, Tensor.scalar(b));
    }

    /** 1 where {@code a < b}, else 0, broadcast. Not differentiable. */
    public static Tensor less(Tensor a, Tensor b) {
        return Comparison.less(a, b);
    }

    /** 1 where {@code a < b}, else 0. Not differentiable. */
    public static Tensor less(Tensor a, float b) {
        return Comparison.less(a, Tensor.scalar(b));
    }

    /** 1 where {@code a <= b}, else 0, broadcast. Not differentiable. */
    public static Tensor lessEqual(Tensor a, Tensor b) {
        return Comparison.lessEqual(a, b);
    }

    /** 1 where {@code a <= b}, else 0. Not differentiable. */
    public static Tensor lessEqual(Tensor a, float b) {
        return Comparison.lessEqual(a, Tensor.scalar(b));
    }

    /**
     * The same values, never recorded by a {@link dev.strata.autodiff.GradientTape}: gradients do not flow
     * through the result.
     */
    public static Tensor stopGradient(Tensor x) {
        return StopGradient.apply(x);
    }

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

    /** {@code min(max(x, 0), 6)}. */
    public static Tensor relu6(Tensor x) {
        return Relu6.apply(x);
    }

    /** Leaky ReLU with keras.ops's default slope 0.2: {@code x} for {@code x >= 0}, else {@code 0.2·x}. */
    public static Tensor leakyRelu(Tensor x) {
        return LeakyRelu.apply(x, 0.2f);
    }

    /** Leaky ReLU: {@code x} for {@code x >= 0}, else {@code negativeSlope·x}. */
    public static Tensor leakyRelu(Tensor x, float negativeSlope) {
        return LeakyRelu.apply(x, negativeSlope);
    }

    /** ELU with {@code alpha = 1}: {@code x} for {@code x > 0}, else {@code e^x - 1}. */
    public static Tensor elu(Tensor x) {
        return Elu.apply(x, 1f);
    }

    /** ELU: {@code x} for {@code x > 0}, else {@code alpha·(e^x - 1)}. */
    public static Tensor elu(Tensor x, float alpha) {
        return Elu.apply(x, alpha);
    }

    /** SELU: {@code scale·elu(x, alpha)} with Keras's constants (alpha ≈ 1.67326, scale ≈ 1.05070). */
    public static Tensor selu(Tensor x) {
        return Selu.apply(x);
    }

    /** GELU with keras.ops's default, the tanh approximation ({@code approximate = true}). */
    public static Tensor gelu(Tensor x) {
        return Gelu.apply(x, true);
    }

    /**
     * GELU, {@code x·Φ(x)} with Φ the standard normal CDF (exact, through erf); with {@code approximate}, the
     * tanh approximation {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}.
     */
    public static Tensor gelu(Tensor x, boolean approximate) {
        return Gelu.apply(x, approximate);
    }

    /** {@code 1 / (1 + e^-x)}, exact 0 and 1 far out, never NaN for finite x. */
    public static Tensor sigmoid(Tensor x) {
        return Sigmoid.apply(x);
    }

    /** Keras 3's hard sigmoid, {@code relu6(x + 3) / 6}. */
    public static Tensor hardSigmoid(Tensor x) {
        return HardSigmoid.apply(x);
    }

    /** The hyperbolic tangent. */
    public static Tensor tanh(Tensor x) {
        return Tanh.apply(x);
    }

    /** {@code log(1 + e^x)}, stable for large |x|. */
    public static Tensor softplus(Tensor x) {
        return Softplus.apply(x);
    }

    /** {@code x / (1 + |x|)}. */
    public static Tensor softsign(Tensor x) {
        return Softsign.apply(x);
    }

    /** SiLU, {@code x·sigmoid(x)} (the same op as {@link #swish}). */
    public static Tensor silu(Tensor x) {
        return Silu.apply(x);
    }

    /** Swish, {@code x·sigmoid(x)} (the same op as {@link #silu}). */
    public static Tensor swish(Tensor x) {
        return Silu.apply(x);
    }

    /** Softmax over the last axis, {@code e^x / Σ e^x}, computed stably (shifted by the max). */
    public static Tensor softmax(Tensor x) {
        return Softmax.apply(x, -1);
    }

    /** Softmax over {@code axis}, computed stably (shifted by the max). */
    public static Tensor softmax(Tensor x, int axis) {
        return Softmax.apply(x, axis);
    }

    /** Log-softmax over the last axis, {@code x - max - log(Σ e^(x - max))}: finite for finite inputs. */
    public static Tensor logSoftmax(Tensor x) {
        return LogSoftmax.apply(x, -1);
    }

    /** Log-softmax over {@code axis}, {@code x - max - log(Σ e^(x - max))}: finite for finite inputs. */
    public static Tensor logSoftmax(Tensor x, int axis) {
        return LogSoftmax.apply(x, axis);
    }
}
