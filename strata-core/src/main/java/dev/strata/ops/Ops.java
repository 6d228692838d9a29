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
    static {
        dev.strata.internal.InferenceFolding.install(FusedConv::inference);
    }

    private Ops() {
    }

    // =========================================================================================================
    // Elementwise math
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

    /** {@code a} raised to the power {@code b} elementwise, broadcast (as {@code Math.pow}, rounded to float). */
    public static Tensor power(Tensor a, Tensor b) {
        return Power.apply(a, b);
    }

    /** {@code a} raised to the power {@code b}. */
    public static Tensor power(Tensor a, float b) {
        return Power.apply(a, Tensor.scalar(b));
    }

    /** {@code x²}. */
    public static Tensor square(Tensor x) {
        return Square.apply(x);
    }

    /** {@code √x} (NaN for negative x). */
    public static Tensor sqrt(Tensor x) {
        return Sqrt.apply(x);
    }

    /** {@code 1/√x}. */
    public static Tensor rsqrt(Tensor x) {
        return Rsqrt.apply(x);
    }

    /** {@code e^x}. */
    public static Tensor exp(Tensor x) {
        return Exp.apply(x);
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

    // =========================================================================================================
    // Comparisons and selection
    // =========================================================================================================

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
     * {@code x1} where {@code condition} is non-zero, else {@code x2}; the three broadcast together. The
     * condition gets no gradient.
     */
    public static Tensor where(Tensor condition, Tensor x1, Tensor x2) {
        return Where.apply(condition, x1, x2);
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

    /** The maximum of all elements, as a scalar (NaN if any element is NaN; an error for an empty tensor). */
    public static Tensor max(Tensor x) {
        return Max.apply(x, null, false);
    }

    /** The maximum over one axis. The gradient is split equally among tied maxima. */
    public static Tensor max(Tensor x, int axis) {
        return Max.apply(x, new int[] {axis}, false);
    }

    /** The maximum over axes; with {@code keepDims} the reduced axes stay, with size 1. */
    public static Tensor max(Tensor x, int[] axes, boolean keepDims) {
        return Max.apply(x, axes, keepDims);
    }

    /**
     * Whether any element is true (non-zero, NaN included): 1 or 0, like {@code keras.ops.any}. Not differentiable.
     */
    public static Tensor any(Tensor x) {
        return AnyAll.any(x, null, false);
    }

    /** Whether any element along {@code axis} is true, as 1 or 0. */
    public static Tensor any(Tensor x, int axis) {
        return AnyAll.any(x, new int[] {axis}, false);
    }

    /** Whether any element over the axes is true, as 1 or 0; with {@code keepDims} the reduced axes stay. */
    public static Tensor any(Tensor x, int[] axes, boolean keepDims) {
        return AnyAll.any(x, axes, keepDims);
    }

    /**
     * Whether every element is true (non-zero, NaN included): 1 or 0, like {@code keras.ops.all}. Not
     * differentiable.
     */
    public static Tensor all(Tensor x) {
        return AnyAll.all(x, null, false);
    }

    /** Whether every element along {@code axis} is true, as 1 or 0. */
    public static Tensor all(Tensor x, int axis) {
        return AnyAll.all(x, new int[] {axis}, false);
    }

    /** Whether every element over the axes is true, as 1 or 0; with {@code keepDims} the reduced axes stay. */
    public static Tensor all(Tensor x, int[] axes, boolean keepDims) {
        return AnyAll.all(x, axes, keepDims);
    }

    /** The minimum of all elements, as a scalar (NaN if any element is NaN; an error for an empty tensor). */
    public static Tensor min(Tensor x) {
        return Min.apply(x, null, false);
    }

    /** The minimum over one axis. The gradient is split equally among tied minima. */
    public static Tensor min(Tensor x, int axis) {
        return Min.apply(x, new int[] {axis}, false);
    }

    /** The minimum over axes; with {@code keepDims} the reduced axes stay, with size 1. */
    public static Tensor min(Tensor x, int[] axes, boolean keepDims) {
        return Min.apply(x, axes, keepDims);
    }

    /** The product of all elements, as a scalar (1 for an empty tensor). */
    public static Tensor prod(Tensor x) {
        return Prod.apply(x, null, false);
    }

    /** The product over one axis. Its gradient is exact where elements are zero. */
    public static Tensor prod(Tensor x, int axis) {
        return Prod.apply(x, new int[] {axis}, false);
    }

    /** The product over axes; with {@code keepDims} the reduced axes stay, with size 1. */
    public static Tensor prod(Tensor x, int[] axes, boolean keepDims) {
        return Prod.apply(x, axes, keepDims);
    }

    /** The population variance (ddof 0) of all elements, as a scalar, like {@code keras.ops.var}. */
    public static Tensor variance(Tensor x) {
        return Variance.apply(x, null, false);
    }

    /** The population variance over one axis. */
    public static Tensor variance(Tensor x, int axis) {
        return Variance.apply(x, new int[] {axis}, false);
    }

    /** The population variance over axes; with {@code keepDims} the reduced axes stay, with size 1. */
    public static Tensor variance(Tensor x, int[] axes, boolean keepDims) {
        return Variance.apply(x, axes, keepDims);
    }

    /** The population standard deviation of all elements, as a scalar. */
    public static Tensor std(Tensor x) {
        return Std.apply(x, null, false);
    }

    /** The population standard deviation over one axis. */
    public static Tensor std(Tensor x, int axis) {
        return Std.apply(x, new int[] {axis}, false);
    }

    /** The population standard deviation over axes; with {@code keepDims} the reduced axes stay, with size 1. */
    public static Tensor std(Tensor x, int[] axes, boolean keepDims) {
        return Std.apply(x, axes, keepDims);
    }

    /** {@code log(sum(exp(x)))} over all elements, computed without overflow (shifted by the maximum). */
    public static Tensor logsumexp(Tensor x) {
        return LogSumExp.apply(x, null, false);
    }

    /** {@code log(sum(exp(x)))} over one axis, computed without overflow. */
    public static Tensor logsumexp(Tensor x, int axis) {
        return LogSumExp.apply(x, new int[] {axis}, false);
    }

    /** {@code log(sum(exp(x)))} over axes; with {@code keepDims} the reduced axes stay, with size 1. */
    public static Tensor logsumexp(Tensor x, int[] axes, boolean keepDims) {
        return LogSumExp.apply(x, axes, keepDims);
    }

    /**
     * The index of the maximum of the flattened tensor, as a scalar float. Ties give the first occurrence, as in
     * numpy. Not differentiable.
     */
    public static Tensor argmax(Tensor x) {
        return ArgMax.apply(x, null, false);
    }

    /** The indices of the maxima along an axis (first occurrence on ties), as floats. Not differentiable. */
    public static Tensor argmax(Tensor x, int axis) {
        return ArgMax.apply(x, axis, false);
    }

    /** The indices of the maxima along an axis; with {@code keepDims} the axis stays, with size 1. */
    public static Tensor argmax(Tensor x, int axis, boolean keepDims) {
        return ArgMax.apply(x, axis, keepDims);
    }

    /**
     * The index of the minimum of the flattened tensor, as a scalar float. Ties give the first occurrence, as in
     * numpy. Not differentiable.
     */
    public static Tensor argmin(Tensor x) {
        return ArgMin.apply(x, null, false);
    }

    /** The indices of the minima along an axis (first occurrence on ties), as floats. Not differentiable. */
    public static Tensor argmin(Tensor x, int axis) {
        return ArgMin.apply(x, axis, false);
    }

    /** The indices of the minima along an axis; with {@code keepDims} the axis stays, with size 1. */
    public static Tensor argmin(Tensor x, int axis, boolean keepDims) {
        return ArgMin.apply(x, axis, keepDims);
    }

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

    /**
     * numpy's {@code dot}: the inner product of vectors, the matrix product of matrices, and for N-D operands a
     * contraction of a's last axis with b's second-to-last (shape {@code a.shape[:-1] + b.shape[:-2] +
     * b.shape[-1:]}); a scalar operand multiplies.
     */
    public static Tensor dot(Tensor a, Tensor b) {
        return Dot.apply(a, b);
    }

    /**
     * Einstein summation, like {@code keras.ops.einsum("abc,cd->abd", x, w)}: labelled axes, {@code ...} for
     * broadcast leading axes, numpy's implicit output without {@code ->}; computed as batched matrix products.
     */
    public static Tensor einsum(String subscripts, Tensor... operands) {
        return Einsum.apply(subscripts, java.util.Arrays.asList(operands));
    }

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

    /** Reverses the axes (a matrix transpose for 2-D tensors). */
    public static Tensor transpose(Tensor x) {
        return Transpose.apply(x, null);
    }

    /** Permutes the axes: output axis {@code i} is input axis {@code axes[i]}. */
    public static Tensor transpose(Tensor x, int... axes) {
        return Transpose.apply(x, axes);
    }

    /** Inserts an axis of size 1 at {@code axis} (negative counts from the end of the result: -1 appends). */
    public static Tensor expandDims(Tensor x, int axis) {
        return ExpandDims.apply(x, axis);
    }

    /**
     * Removes every axis of size 1. Unknown dimensions of symbolic tensors are kept (name the axis to remove
     * one).
     */
    public static Tensor squeeze(Tensor x) {
        return Squeeze.apply(x, null);
    }

    /** Removes the given axes, which must have size 1 (an unknown dimension is taken to be 1). */
    public static Tensor squeeze(Tensor x, int... axes) {
        return Squeeze.apply(x, axes);
    }

    /**
     * Joins tensors along an existing axis. They must have the same rank and agree on every other axis.
     */
    public static Tensor concatenate(java.util.List<? extends Tensor> xs, int axis) {
        return Concatenate.apply(xs, axis);
    }

    /**
     * Joins tensors along axis 0, as {@code keras.ops.concatenate} does by default. To join features (the last
     * axis), as {@code keras.layers.concatenate} does, pass axis -1 or use {@code Layers.concatenate}.
     */
    public static Tensor concatenate(java.util.List<? extends Tensor> xs) {
        return Concatenate.apply(xs, 0);
    }

    /** Joins tensors of one shape along a new axis at {@code axis}. */
    public static Tensor stack(java.util.List<? extends Tensor> xs, int axis) {
        return Stack.apply(xs, axis);
    }

    /** Joins tensors of one shape along a new first axis. */
    public static Tensor stack(java.util.List<? extends Tensor> xs) {
        return Stack.apply(xs, 0);
    }

    /** Splits x into {@code sections} equal parts along {@code axis}, whose size they must divide. */
    public static java.util.List<Tensor> split(Tensor x, int sections, int axis) {
        return Split.apply(x, sections, axis);
    }

    /**
     * Splits x along {@code axis} at the given indices, numpy style: {@code [2, 5]} gives {@code x[:2]},
     * {@code x[2:5]} and {@code x[5:]} (bounds clamped like Python slices).
     */
    public static java.util.List<Tensor> split(Tensor x, int[] indices, int axis) {
        return Split.apply(x, indices, axis);
    }

    /**
     * The box of x starting at {@code start} with extent {@code size} ({@code -1}: to the end of the axis), like
     * {@code keras.ops.slice(inputs, start_indices, shape)}. The box must fit inside x.
     */
    public static Tensor slice(Tensor x, int[] start, int[] size) {
        return Slice.apply(x, start, size);
    }

    /**
     * Python slicing {@code x[b0:e0:s0, ...]}, one begin, end and non-zero stride per axis: negative bounds
     * count from the end, out-of-range ones are clamped, negative strides walk backwards. Use
     * {@code Integer.MAX_VALUE} and {@code Integer.MIN_VALUE} for open ends (e.g. {@code x[::-1]} is begin
     * {@code MAX_VALUE}, end {@code MIN_VALUE}, stride -1).
     */
    public static Tensor stridedSlice(Tensor x, int[] begin, int[] end, int[] strides) {
        return StridedSlice.apply(x, begin, end, strides);
    }

    /**
     * Gathers along {@code axis} at integer-valued {@code indices}: the result has shape
     * {@code x.shape[:axis] + indices.shape + x.shape[axis+1:]}. Negative indices count from the end; an index
     * out of range throws {@link IndexOutOfBoundsException}. Differentiable with respect to x.
     */
    public static Tensor take(Tensor x, Tensor indices, int axis) {
        return Take.apply(x, indices, axis);
    }

    /** {@link #take(Tensor, Tensor, int)} with a vector of indices. */
    public static Tensor take(Tensor x, int[] indices, int axis) {
        float[] values = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            values[i] = indices[i];
        }
        return Take.apply(x, Tensor.of(values), axis);
    }

    /**
     * Picks elements along {@code axis} with indices of x's rank: {@code out[..., i, ...] =
     * x[..., indices[..., i, ...], ...]}; the other axes broadcast. Differentiable with respect to x.
     */
    public static Tensor takeAlongAxis(Tensor x, Tensor indices, int axis) {
        return TakeAlongAxis.apply(x, indices, axis);
    }

    /**
     * One-hot encoding: a new last axis of {@code numClasses} with 1 at each index; indices that are not a
     * class give zeros. Not differentiable.
     */
    public static Tensor oneHot(Tensor indices, int numClasses) {
        return OneHot.apply(indices, numClasses);
    }

    /**
     * Pads with zeros: {@code padWidth[i] = {before, after}} on axis i, or a single pair for every axis.
     */
    public static Tensor pad(Tensor x, int[][] padWidth) {
        return Pad.apply(x, padWidth, 0f);
    }

    /** Pads with {@code constantValue} (Keras's {@code mode="constant"}). */
    public static Tensor pad(Tensor x, int[][] padWidth, float constantValue) {
        return Pad.apply(x, padWidth, constantValue);
    }

    /** Repeats the whole tensor {@code repeats[i]} times along axis i (numpy's {@code tile}). */
    public static Tensor tile(Tensor x, int... repeats) {
        return Tile.apply(x, repeats);
    }

    /** Repeats each element {@code repeats} times along {@code axis}. */
    public static Tensor repeat(Tensor x, int repeats, int axis) {
        return Repeat.apply(x, repeats, axis);
    }

    /** Repeats each element of the flattened tensor {@code repeats} times, giving a vector. */
    public static Tensor repeat(Tensor x, int repeats) {
        return Repeat.apply(x, repeats, null);
    }

    // =========================================================================================================
    // Activations
    // =========================================================================================================

    /** {@code max(x, 0)}. */
    public static Tensor relu(Tensor x) {
        return Relu.apply(x);
    }

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

    /**
     * The CTC loss per sample, like {@code keras.ops.ctc_loss}: integer labels {@code target} (batch,
     * max_label_length), logits {@code output} (batch, max_time, num_classes), the lengths that count of each
     * (batch,), and the blank class {@code maskIndex}. Keras's JAX recursion (impossible transitions weigh
     * {@code e^-100000}); differentiable with respect to {@code output}.
     */
    public static Tensor ctcLoss(Tensor target, Tensor output, Tensor targetLength, Tensor outputLength,
                                 int maskIndex) {
        return CtcLoss.apply(target, output, targetLength, outputLength, maskIndex);
    }

    /**
     * Max pooling over the 1 to 3 spatial axes of {@code x} (rank 3 to 5), like {@code keras.ops.max_pool}:
     * {@code poolSize} and {@code strides} give one value for every spatial axis or one each ({@code strides} null:
     * the pool size), {@code padding} "valid" or "same", {@code dataFormat} "channels_last" (null) or
     * "channels_first". The gradient goes to the first maximum of each window, as JAX's.
     */
    public static Tensor maxPool(Tensor x, int[] poolSize, int[] strides, String padding, String dataFormat) {
        return MaxPool.apply(x, poolSize, strides, padding, dataFormat);
    }

    /**
     * Average pooling over the 1 to 3 spatial axes of {@code x}, like {@code keras.ops.average_pool} (arguments as
     * {@link #maxPool}); with "same" padding a border window is divided by the count of input elements it covers.
     */
    public static Tensor averagePool(Tensor x, int[] poolSize, int[] strides, String padding, String dataFormat) {
        return AveragePool.apply(x, poolSize, strides, padding, dataFormat);
    }

    // =========================================================================================================
    // Images (keras.ops.image)
    // =========================================================================================================

    /** {@link #resize(Tensor, int[], String, boolean, boolean, boolean, String, float, String)}, bilinear. */
    public static Tensor resize(Tensor images, int height, int width) {
        return Resize.apply(images, new int[] {height, width}, "bilinear", false, false, false, "constant", 0f, null);
    }

    /** {@link #resize(Tensor, int[], String, boolean, boolean, boolean, String, float, String)}, channels last. */
    public static Tensor resize(Tensor images, int height, int width, String interpolation) {
        return Resize.apply(images, new int[] {height, width}, interpolation, false, false, false, "constant", 0f,
                null);
    }

    /**
     * Resizes images {@code (batch, height, width, channels)} or one image {@code (height, width, channels)} (or
     * channels first) to {@code size = {height, width}}, like {@code keras.ops.image.resize} with the JAX backend
     * ({@code jax.image.resize}'s numerics): {@code interpolation} "bilinear", "nearest", "bicubic", "lanczos3" or
     * "lanczos5"; {@code antialias} widens the kernel when downsampling; {@code cropToAspectRatio} first crops the
     * centred box of the target aspect ratio, {@code padToAspectRatio} first pads to it with {@code fillValue}
     * ({@code fillMode} must be "constant"); {@code dataFormat} "channels_last" (null) or "channels_first".
     * Differentiable in the images for every interpolation.
     */
    public static Tensor resize(Tensor images, int[] size, String interpolation, boolean antialias,
            boolean cropToAspectRatio, boolean padToAspectRatio, String fillMode, float fillValue, String dataFormat) {
        return Resize.apply(images, size, interpolation, antialias, cropToAspectRatio, padToAspectRatio, fillMode,
                fillValue, dataFormat);
    }

    /**
     * Applies one affine transform per image (or one for all), like {@code keras.ops.image.affine_transform}:
     * {@code transform} is {@code (8,)} or {@code (batch, 8)}, {@code [a0, a1, a2, b0, b1, b2, 0, 0]}, mapping output
     * (x, y) to input {@code (a0·x + a1·y + a2, b0·x + b1·y + b2)}; {@code interpolation} "nearest" or "bilinear";
     * {@code fillMode} "constant" (with {@code fillValue}), "nearest", "wrap", "mirror" or "reflect". Differentiable
     * in the images (the transform is taken as a constant).
     */
    public static Tensor affineTransform(Tensor images, Tensor transform, String interpolation, String fillMode,
            float fillValue, String dataFormat) {
        return AffineTransform.apply(images, transform, interpolation, fillMode, fillValue, dataFormat);
    }

    // =========================================================================================================
    // Fused ops (one op, one gradient rule, for the hot paths of training)
    // =========================================================================================================

    /**
     * {@code mean(square(yTrue - yPred), axis=-1)}: the per-sample mean squared error, with the values and
     * gradients of those ops but as one op (the loss of every regression head, so worth fusing).
     */
    public static Tensor meanSquaredError(Tensor yTrue, Tensor yPred) {
        return MeanSquaredError.apply(yTrue, yPred);
    }

    /**
     * The fused computation of a Dense layer: {@code activation(x · kernel + bias)} for {@code x} of shape
     * (..., k), a (k, n) kernel and an (n,) bias (or null), in one pass and with one gradient rule. The activation
     * is one of {@code "linear"} (or null), {@code "relu"}, {@code "sigmoid"}, {@code "tanh"}; apply others to the
     * linear result.
     *
     * @throws IllegalArgumentException for another activation
     */
    public static Tensor dense(Tensor x, Tensor kernel, Tensor bias, String activation) {
        return Dense.apply(x, kernel, bias, activation);
    }

    /** Whether {@link #dense} fuses this activation. */
    public static boolean isFusedDenseActivation(String activation) {
        return activation == null || switch (activation) {
            case "linear", "relu", "sigmoid", "tanh" -> true;
            default -> false;
        };
    }

    // =========================================================================================================
    // Convolution (keras.ops.nn)
    // =========================================================================================================

    /**
     * N-D convolution with stride 1, "valid" padding, channels last: {@code x} is (batch, *spatial, channels) with 1
     * to 3 spatial axes and {@code kernel} (*kernel_size, channels / groups, filters).
     */
    public static Tensor conv(Tensor x, Tensor kernel) {
        return Conv.apply(x, kernel, new int[] {1}, "valid", null, new int[] {1});
    }

    /**
     * {@code keras.ops.conv}: N-D convolution (cross-correlation) of {@code x}, (batch, *spatial, channels) or with
     * {@code dataFormat} "channels_first" (batch, channels, *spatial), by {@code kernel} (*kernel_size,
     * channels / groups, filters); an input with a multiple of the kernel's input channels is a grouped convolution.
     * {@code strides} and {@code dilationRate} hold one value for every spatial axis or one each; {@code padding}
     * is "valid" or "same"; a null {@code dataFormat} is "channels_last".
     */
    public static Tensor conv(Tensor x, Tensor kernel, int[] strides, String padding, String dataFormat,
                              int[] dilationRate) {
        return Conv.apply(x, kernel, strides, padding, dataFormat, dilationRate);
    }

    /**
     * {@code keras.ops.conv_transpose}: the transposed N-D convolution of {@code x} by {@code kernel}
     * (*kernel_size, filters, channels), with Keras's output size; {@code outputPadding} (one value or one per
     * spatial axis) may be null for Keras's default. Other arguments as {@link #conv(Tensor, Tensor, int[], String,
     * String, int[])}.
     */
    public static Tensor convTranspose(Tensor x, Tensor kernel, int[] strides, String padding, int[] outputPadding,
                                       String dataFormat, int[] dilationRate) {
        return ConvTranspose.apply(x, kernel, strides, padding, outputPadding, dataFormat, dilationRate);
    }

    /**
     * {@code keras.ops.depthwise_conv}: each input channel convolved on its own by {@code kernel} (*kernel_size,
     * channels, depth_multiplier), giving channels · depth_multiplier outputs. Other arguments as
     * {@link #conv(Tensor, Tensor, int[], String, String, int[])}.
     */
    public static Tensor depthwiseConv(Tensor x, Tensor kernel, int[] strides, String padding, String dataFormat,
                                       int[] dilationRate) {
        return DepthwiseConv.apply(x, kernel, strides, padding, dataFormat, dilationRate);
    }

    /**
     * {@code keras.ops.separable_conv}: {@link #depthwiseConv} by {@code depthwiseKernel}, then a 1x1 convolution by
     * {@code pointwiseKernel} (1, ..., channels · depth_multiplier, filters).
     */
    public static Tensor separableConv(Tensor x, Tensor depthwiseKernel, Tensor pointwiseKernel, int[] strides,
                                       String padding, String dataFormat, int[] dilationRate) {
        return SeparableConv.apply(x, depthwiseKernel, pointwiseKernel, strides, padding, dataFormat, dilationRate);
    }

    /**
     * The fused computation of a channels-last convolution layer: {@code activation(conv(x, kernel) + bias)} with
     * {@code bias} of shape (filters,) or null, in one op with one gradient rule (as {@link #dense} is for Dense).
     * The activation is {@code "linear"} (or null) or {@code "relu"}; apply others to the linear result. Other
     * arguments as {@link #conv(Tensor, Tensor, int[], String, String, int[])}.
     *
     * @throws IllegalArgumentException for another activation
     */
    public static Tensor fusedConv(Tensor x, Tensor kernel, Tensor bias, int[] strides, String padding,
                                   int[] dilationRate, String activation) {
        return FusedConv.apply(x, kernel, bias, strides, padding, dilationRate, activation);
    }

    /** Whether {@link #fusedConv} fuses this activation. */
    public static boolean isFusedConvActivation(String activation) {
        return FusedConv.fuses(activation);
    }

    // =========================================================================================================
    // Trigonometric and hyperbolic functions (angles in radians)
    // =========================================================================================================

    /** The sine. */
    public static Tensor sin(Tensor x) {
        return Sin.apply(x);
    }

    /** The cosine. */
    public static Tensor cos(Tensor x) {
        return Cos.apply(x);
    }

    /** The tangent. */
    public static Tensor tan(Tensor x) {
        return Tan.apply(x);
    }

    /** The inverse sine, in [-π/2, π/2]; NaN outside [-1, 1]. */
    public static Tensor arcsin(Tensor x) {
        return Arcsin.apply(x);
    }

    /** The inverse cosine, in [0, π]; NaN outside [-1, 1]. */
    public static Tensor arccos(Tensor x) {
        return Arccos.apply(x);
    }

    /** The inverse tangent, in [-π/2, π/2]. */
    public static Tensor arctan(Tensor x) {
        return Arctan.apply(x);
    }

    /** The angle of the point {@code (x2, x1)}, {@code atan2(x1, x2)}, in [-π, π], broadcast. */
    public static Tensor arctan2(Tensor x1, Tensor x2) {
        return Arctan2.apply(x1, x2);
    }

    /** The hyperbolic sine. */
    public static Tensor sinh(Tensor x) {
        return Sinh.apply(x);
    }

    /** The hyperbolic cosine. */
    public static Tensor cosh(Tensor x) {
        return Cosh.apply(x);
    }

    /** The inverse hyperbolic sine. */
    public static Tensor arcsinh(Tensor x) {
        return Arcsinh.apply(x);
    }

    /** The inverse hyperbolic cosine; NaN below 1. */
    public static Tensor arccosh(Tensor x) {
        return Arccosh.apply(x);
    }

    /** The inverse hyperbolic tangent: ±inf at ±1, NaN beyond. */
    public static Tensor arctanh(Tensor x) {
        return Arctanh.apply(x);
    }

    // =========================================================================================================
    // Rounding (zero gradients, as JAX's)
    // =========================================================================================================

    /** Rounds down to an integer. Its gradient is zero. */
    public static Tensor floor(Tensor x) {
        return Floor.apply(x);
    }

    /** Rounds up to an integer. Its gradient is zero. */
    public static Tensor ceil(Tensor x) {
        return Ceil.apply(x);
    }

    /** Rounds to the nearest integer, halves to even (2.5 gives 2). Its gradient is zero. */
    public static Tensor round(Tensor x) {
        return Round.apply(x, 0);
    }

    /**
     * Rounds to {@code decimals} decimal places (negative: to tens, hundreds, ...), halves to even, as
     * {@code keras.ops.round(x, decimals)}: {@code rint(x·10^d) / 10^d} in float32, as JAX computes it. Its
     * gradient is zero.
     */
    public static Tensor round(Tensor x, int decimals) {
        return Round.apply(x, decimals);
    }

    /** Rounds towards zero. Its gradient is zero. */
    public static Tensor trunc(Tensor x) {
        return Trunc.apply(x);
    }

    // =========================================================================================================
    // Cumulative ops, sorting
    // =========================================================================================================

    /** The cumulative sum of x flattened, as a vector ({@code keras.ops.cumsum}'s default, axis None). */
    public static Tensor cumsum(Tensor x) {
        return Cumsum.apply(x, null);
    }

    /** The cumulative sum along {@code axis}: {@code out[..., i, ...] = Σ_{j≤i} x[..., j, ...]}. */
    public static Tensor cumsum(Tensor x, int axis) {
        return Cumsum.apply(x, axis);
    }

    /** The cumulative product of x flattened, as a vector ({@code keras.ops.cumprod}'s default, axis None). */
    public static Tensor cumprod(Tensor x) {
        return Cumprod.apply(x, null);
    }

    /**
     * The cumulative product along {@code axis}: {@code out[..., i, ...] = Π_{j≤i} x[..., j, ...]}. Its gradient is
     * exact where x has zeros.
     */
    public static Tensor cumprod(Tensor x, int axis) {
        return Cumprod.apply(x, axis);
    }

    /**
     * Sorts along the last axis, ascending (NaNs last). The gradient goes back to each element's original
     * position.
     */
    public static Tensor sort(Tensor x) {
        return Sort.apply(x, -1);
    }

    /** Sorts along {@code axis}, ascending (NaNs last). To sort all elements, sort {@code reshape(x, -1)}. */
    public static Tensor sort(Tensor x, int axis) {
        return Sort.apply(x, axis);
    }

    /**
     * The indices that sort x along the last axis (a stable sort, NaNs last), as float values. Not
     * differentiable.
     */
    public static Tensor argsort(Tensor x) {
        return Argsort.apply(x, -1);
    }

    /** The indices that sort x along {@code axis} (a stable sort, NaNs last), as float values. */
    public static Tensor argsort(Tensor x, int axis) {
        return Argsort.apply(x, axis);
    }

    /**
     * The {@code k} largest values along the last axis, largest first (ties: the lower index first), and their
     * indices as float values, as {@code [values, indices]}, each of shape {@code x.shape[:-1] + (k,)}, like
     * {@code keras.ops.top_k(x, k)}. The values' gradient goes back to the selected positions.
     */
    public static java.util.List<Tensor> topK(Tensor x, int k) {
        return TopK.apply(x, k, true);
    }

    /**
     * {@link #topK(Tensor, int)} with Keras's {@code sorted} flag, which is saved; the result is sorted either way
     * (as with Keras's JAX backend, since unsorted order is unspecified).
     */
    public static java.util.List<Tensor> topK(Tensor x, int k, boolean sorted) {
        return TopK.apply(x, k, sorted);
    }

    // =========================================================================================================
    // Logical ops and floating-point classes (1 for true, 0 for false; not differentiable)
    // =========================================================================================================

    /** 1 where both are true (non-zero; NaN is true), else 0, broadcast. */
    public static Tensor logicalAnd(Tensor a, Tensor b) {
        return Logical.and(a, b);
    }

    /** 1 where either is true (non-zero; NaN is true), else 0, broadcast. */
    public static Tensor logicalOr(Tensor a, Tensor b) {
        return Logical.or(a, b);
    }

    /** 1 where exactly one is true (non-zero; NaN is true), else 0, broadcast. */
    public static Tensor logicalXor(Tensor a, Tensor b) {
        return Logical.xor(a, b);
    }

    /** 1 where x is 0, else 0 (NaN is true, so gives 0). */
    public static Tensor logicalNot(Tensor x) {
        return Logical.not(x);
    }

    /** 1 where x is NaN, else 0 ({@code keras.ops.isnan}). */
    public static Tensor isNan(Tensor x) {
        return IsNan.apply(x);
    }

    /** 1 where x is +inf or -inf, else 0 ({@code keras.ops.isinf}). */
    public static Tensor isInf(Tensor x) {
        return IsInf.apply(x);
    }

    /** 1 where x is finite, else 0 ({@code keras.ops.isfinite}). */
    public static Tensor isFinite(Tensor x) {
        return IsFinite.apply(x);
    }

    /**
     * Replaces NaN with 0, +inf with the largest float and -inf with the most negative, as
     * {@code keras.ops.nan_to_num(x)}. The gradient passes where x is finite.
     */
    public static Tensor nanToNum(Tensor x) {
        return NanToNum.apply(x, 0f, null, null);
    }

    /**
     * Replaces NaN with {@code nan}, +inf with {@code posinf} and -inf with {@code neginf}; a null
     * {@code posinf} or {@code neginf} is the largest float or its negative. The gradient passes where x is finite.
     */
    public static Tensor nanToNum(Tensor x, float nan, Float posinf, Float neginf) {
        return NanToNum.apply(x, nan, posinf, neginf);
    }

    // =========================================================================================================
    // Triangles
    // =========================================================================================================

    /** The lower triangle of the matrices in the last two axes (zeros above the main diagonal). */
    public static Tensor tril(Tensor x) {
        return Triangular.tril(x, 0);
    }

    /**
     * The lower triangle of the matrices in the last two axes: keeps {@code x[..., i, j]} where {@code j <= i + k}
     * (k > 0: above the main diagonal too, k < 0: below it only), zeros elsewhere.
     */
    public static Tensor tril(Tensor x, int k) {
        return Triangular.tril(x, k);
    }

    /** The upper triangle of the matrices in the last two axes (zeros below the main diagonal). */
    public static Tensor triu(Tensor x) {
        return Triangular.triu(x, 0);
    }

    /** The upper triangle: keeps {@code x[..., i, j]} where {@code j >= i + k}, zeros elsewhere. */
    public static Tensor triu(Tensor x, int k) {
        return Triangular.triu(x, k);
    }

    // =========================================================================================================
    // More elementwise math, bitwise and integer ops (keras.ops.numpy)
    // =========================================================================================================

    // =========================================================================================================
    // Array creation and manipulation (keras.ops.numpy)
    // =========================================================================================================

    // =========================================================================================================
    // Statistics, products, searching and counting (keras.ops.numpy)
    // =========================================================================================================

    // =========================================================================================================
    // Segments, transforms and sequences (keras.ops.math)
    // =========================================================================================================

    // =========================================================================================================
    // Linear algebra: decompositions and solvers (keras.ops.linalg)
    // =========================================================================================================

    // =========================================================================================================
    // Neural-network functions (keras.ops.nn)
    // =========================================================================================================

    /**
     * The mean and variance of x over {@code axes} (null: all), as {@code keras.ops.moments(x, axes, keepdims)}:
     * two tensors, {@code [mean, variance]} (population variance, two passes). Keras's {@code synchronized} is for
     * replicas and has no meaning on one device.
     */
    public static java.util.List<Tensor> moments(Tensor x, int[] axes, boolean keepDims) {
        return Moments.apply(x, axes, keepDims);
    }

    /** {@link #moments(Tensor, int[], boolean)} without kept dimensions. */
    public static java.util.List<Tensor> moments(Tensor x, int... axes) {
        return Moments.apply(x, axes, false);
    }

    /**
     * x normalized by a given mean and variance (vectors of length {@code x.shape[axis]}), as
     * {@code keras.ops.batch_normalization}: {@code x·inv + (offset - mean·inv)} with
     * {@code inv = scale / √(variance + epsilon)}; {@code offset} and {@code scale} may be null.
     *
     * @throws dev.strata.ShapeException if a vector's length is not {@code x.shape[axis]}
     */
    public static Tensor batchNormalization(Tensor x, Tensor mean, Tensor variance, int axis, Tensor offset,
                                            Tensor scale, float epsilon) {
        return BatchNorm.apply(x, mean, variance, axis, offset, scale, epsilon);
    }

    /** {@link #batchNormalization(Tensor, Tensor, Tensor, int, Tensor, Tensor, float)} with Keras's epsilon, 1e-3. */
    public static Tensor batchNormalization(Tensor x, Tensor mean, Tensor variance, int axis, Tensor offset,
                                            Tensor scale) {
        return BatchNorm.apply(x, mean, variance, axis, offset, scale, 1e-3f);
    }

    /** {@link #batchNormalization(Tensor, Tensor, Tensor, int, Tensor, Tensor, float)} without offset and scale. */
    public static Tensor batchNormalization(Tensor x, Tensor mean, Tensor variance, int axis) {
        return BatchNorm.apply(x, mean, variance, axis, null, null, 1e-3f);
    }

    /**
     * Layer normalization over {@code axes}, as {@code keras.ops.layer_normalization}: x minus its mean over the
     * axes, divided by {@code √(variance + epsilon)}, times {@code gamma}, plus {@code beta} (either may be null;
     * shaped as x's normalized dimensions). {@code epsilon} null is Keras's {@code backend.epsilon()}, 1e-7.
     */
    public static Tensor layerNormalization(Tensor x, Tensor gamma, Tensor beta, int[] axes, Float epsilon) {
        return LayerNorm.apply(x, gamma, beta, axes, epsilon);
    }

    /** {@link #layerNormalization(Tensor, Tensor, Tensor, int[], Float)} over the last axis, epsilon 1e-7. */
    public static Tensor layerNormalization(Tensor x, Tensor gamma, Tensor beta) {
        return LayerNorm.apply(x, gamma, beta, new int[] {-1}, null);
    }

    /** {@link #layerNormalization(Tensor, Tensor, Tensor, int[], Float)} over the last axis, without gamma and beta. */
    public static Tensor layerNormalization(Tensor x) {
        return LayerNorm.apply(x, null, null, new int[] {-1}, null);
    }

    /**
     * Root-mean-square normalization, as {@code keras.ops.rms_normalization}:
     * {@code x / √(mean(x², axes) + epsilon)}, times {@code scale} (broadcast; may be null). {@code epsilon} null is
     * 1e-7.
     */
    public static Tensor rmsNormalization(Tensor x, Tensor scale, int[] axes, Float epsilon) {
        return RmsNorm.apply(x, scale, axes, epsilon);
    }

    /** {@link #rmsNormalization(Tensor, Tensor, int[], Float)} over the last axis, epsilon 1e-7. */
    public static Tensor rmsNormalization(Tensor x, Tensor scale) {
        return RmsNorm.apply(x, scale, new int[] {-1}, null);
    }

    /** {@link #rmsNormalization(Tensor, Tensor, int[], Float)} over the last axis, without a scale. */
    public static Tensor rmsNormalization(Tensor x) {
        return RmsNorm.apply(x, null, new int[] {-1}, null);
    }

    /**
     * x divided by its {@code order}-norm over {@code axes}, as {@code keras.ops.normalize}; for order 2 the inverse
     * norm is capped at {@code 1/epsilon}, for other orders the norm is floored at {@code epsilon} (null: 1e-7).
     * Orders other than 2 take exactly one axis.
     *
     * @throws IllegalArgumentException if order is below 1, or not 2 with several axes
     */
    public static Tensor normalize(Tensor x, int[] axes, int order, Float epsilon) {
        return Normalize.apply(x, axes, order, epsilon);
    }

    /** The L2 normalization of x along {@code axis}: {@code normalize(x, axis, order=2)}. */
    public static Tensor normalize(Tensor x, int axis) {
        return Normalize.apply(x, new int[] {axis}, 2, null);
    }

    /** The L2 normalization of x along its last axis. */
    public static Tensor normalize(Tensor x) {
        return Normalize.apply(x, new int[] {-1}, 2, null);
    }

    /**
     * Multi-hot encoding of integer labels, as {@code keras.ops.multi_hot(inputs, num_classes, axis)}: labels of
     * shape (batch, n) give (batch, numClasses) with 1 at each label of the row; a vector gives (numClasses).
     * Labels are truncated toward zero (Keras's int32 cast) and those outside {@code [0, numClasses)} set nothing.
     * Not differentiable.
     */
    public static Tensor multiHot(Tensor inputs, int numClasses, int axis) {
        return MultiHot.apply(inputs, numClasses, axis);
    }

    /** {@link #multiHot(Tensor, int, int)} with the class axis last. */
    public static Tensor multiHot(Tensor inputs, int numClasses) {
        return MultiHot.apply(inputs, numClasses, -1);
    }

    /**
     * The binary crossentropy of each element, as {@code keras.ops.binary_crossentropy(target, output,
     * from_logits)}: not averaged (the loss {@code BinaryCrossentropy} averages it over the last axis).
     */
    public static Tensor binaryCrossentropy(Tensor target, Tensor output, boolean fromLogits) {
        return Crossentropies.binary(target, output, fromLogits);
    }

    /**
     * The categorical crossentropy of each sample along {@code axis}, as {@code keras.ops.categorical_crossentropy}:
     * {@code -Σ target·log p}, p the softmax of logits or the normalized, clipped probabilities.
     */
    public static Tensor categoricalCrossentropy(Tensor target, Tensor output, boolean fromLogits, int axis) {
        return Crossentropies.categorical(target, output, fromLogits, axis);
    }

    /** {@link #categoricalCrossentropy(Tensor, Tensor, boolean, int)} over the last axis. */
    public static Tensor categoricalCrossentropy(Tensor target, Tensor output, boolean fromLogits) {
        return Crossentropies.categorical(target, output, fromLogits, -1);
    }

    /**
     * The sparse categorical crossentropy of each sample, as {@code keras.ops.sparse_categorical_crossentropy}:
     * integer labels (truncated toward zero) of output's shape without its last axis; a label outside the classes
     * gives 0. The classes must be on the last axis ({@code axis} -1).
     */
    public static Tensor sparseCategoricalCrossentropy(Tensor target, Tensor output, boolean fromLogits, int axis) {
        return Crossentropies.sparse(target, output, fromLogits, axis);
    }

    /** {@link #sparseCategoricalCrossentropy(Tensor, Tensor, boolean, int)} over the last axis. */
    public static Tensor sparseCategoricalCrossentropy(Tensor target, Tensor output, boolean fromLogits) {
        return Crossentropies.sparse(target, output, fromLogits, -1);
    }

    /**
     * Scaled dot-product attention, as {@code keras.ops.dot_product_attention} on JAX: query (batch, T, heads,
     * depth), key and value (batch, S, kvHeads, depth), heads a multiple of kvHeads; {@code bias} (added to the
     * logits) and {@code mask} (non-zero: attend) broadcast to (batch, heads, T, S) and may be null; {@code scale}
     * null is {@code 1/√depth}; {@code isCausal} lets step t attend only to steps up to t. The result has query's
     * shape.
     */
    public static Tensor dotProductAttention(Tensor query, Tensor key, Tensor value, Tensor bias, Tensor mask,
                                             Float scale, boolean isCausal) {
        return DotProductAttention.apply(query, key, value, bias, mask, scale, isCausal);
    }

    /** {@link #dotProductAttention(Tensor, Tensor, Tensor, Tensor, Tensor, Float, boolean)} without bias or mask. */
    public static Tensor dotProductAttention(Tensor query, Tensor key, Tensor value) {
        return DotProductAttention.apply(query, key, value, null, null, null, false);
    }

    /** CELU, {@code max(x, 0) + alpha·expm1(min(x, 0) / alpha)}, as {@code keras.ops.celu}. */
    public static Tensor celu(Tensor x, float alpha) {
        return NnActivations.celu(x, alpha);
    }

    /** {@link #celu(Tensor, float)} with alpha 1. */
    public static Tensor celu(Tensor x) {
        return NnActivations.celu(x, 1f);
    }

    /**
     * The gated linear unit, as {@code keras.ops.glu}: x split in halves a, b along {@code axis} (of even size),
     * {@code a·sigmoid(b)}.
     */
    public static Tensor glu(Tensor x, int axis) {
        return NnActivations.glu(x, axis);
    }

    /** {@link #glu(Tensor, int)} along the last axis. */
    public static Tensor glu(Tensor x) {
        return NnActivations.glu(x, -1);
    }

    /** x where {@code |x| > threshold}, else 0, as {@code keras.ops.hard_shrink}. */
    public static Tensor hardShrink(Tensor x, float threshold) {
        return NnActivations.hardShrink(x, threshold);
    }

    /** {@link #hardShrink(Tensor, float)} with threshold 0.5. */
    public static Tensor hardShrink(Tensor x) {
        return NnActivations.hardShrink(x, 0.5f);
    }

    /** Hard SiLU, {@code x·hard_sigmoid(x)}, as {@code keras.ops.hard_silu}. */
    public static Tensor hardSilu(Tensor x) {
        return NnActivations.hardSilu(x);
    }

    /** Keras's alias of {@link #hardSilu} ({@code keras.ops.hard_swish}). */
    public static Tensor hardSwish(Tensor x) {
        return NnActivations.hardSilu(x);
    }

    /** x limited to {@code [-1, 1]}, as {@code keras.ops.hard_tanh} (its gradient at ±1 is 1, as JAX's). */
    public static Tensor hardTanh(Tensor x) {
        return NnActivations.hardTanh(x);
    }

    /** {@code log(sigmoid(x)) = -softplus(-x)}, as {@code keras.ops.log_sigmoid}. */
    public static Tensor logSigmoid(Tensor x) {
        return NnActivations.logSigmoid(x);
    }

    /** {@code x ∓ threshold} outside {@code [-threshold, threshold]}, else 0, as {@code keras.ops.soft_shrink}. */
    public static Tensor softShrink(Tensor x, float threshold) {
        return NnActivations.softShrink(x, threshold);
    }

    /** {@link #softShrink(Tensor, float)} with threshold 0.5. */
    public static Tensor softShrink(Tensor x) {
        return NnActivations.softShrink(x, 0.5f);
    }

    /** 0 for {@code x <= -1}, x for {@code x >= 1}, else {@code (x + 1)²/4}, as {@code keras.ops.sparse_plus}. */
    public static Tensor sparsePlus(Tensor x) {
        return NnActivations.sparsePlus(x);
    }

    /** {@code clip((x + 1) / 2, 0, 1)}, as {@code keras.ops.sparse_sigmoid}. */
    public static Tensor sparseSigmoid(Tensor x) {
        return NnActivations.sparseSigmoid(x);
    }

    /** Sparsemax along {@code axis}, as {@code keras.ops.sparsemax}: a softmax whose small entries are exactly 0. */
    public static Tensor sparsemax(Tensor x, int axis) {
        return NnActivations.sparsemax(x, axis);
    }

    /** {@link #sparsemax(Tensor, int)} along the last axis. */
    public static Tensor sparsemax(Tensor x) {
        return NnActivations.sparsemax(x, -1);
    }

    /** {@code (x + √(x² + b)) / 2}, as {@code keras.ops.squareplus}. */
    public static Tensor squareplus(Tensor x, float b) {
        return NnActivations.squareplus(x, b);
    }

    /** {@link #squareplus(Tensor, float)} with b = 4. */
    public static Tensor squareplus(Tensor x) {
        return NnActivations.squareplus(x, 4f);
    }

    /** {@code x - tanh(x)}, as {@code keras.ops.tanh_shrink}. */
    public static Tensor tanhShrink(Tensor x) {
        return NnActivations.tanhShrink(x);
    }

    /** x where {@code x > threshold}, else {@code defaultValue}, as {@code keras.ops.threshold}. */
    public static Tensor threshold(Tensor x, float threshold, float defaultValue) {
        return NnActivations.threshold(x, threshold, defaultValue);
    }

    /**
     * The peak signal-to-noise ratio of x1 against x2 (same shape), as {@code keras.ops.psnr}:
     * {@code 20·log10(maxVal) - 10·log10(mse)}, the mean squared error over all elements; a scalar.
     */
    public static Tensor psnr(Tensor x1, Tensor x2, float maxVal) {
        return Psnr.apply(x1, x2, maxVal);
    }

    /**
     * Pixel shuffle, as {@code keras.ops.depth_to_space}: a 4D tensor's channels (divisible by
     * {@code blockSize²}) become {@code blockSize × blockSize} spatial blocks; {@code dataFormat}
     * {@code "channels_last"} or {@code "channels_first"}.
     */
    public static Tensor depthToSpace(Tensor x, int blockSize, String dataFormat) {
        return DepthSpace.depthToSpace(x, blockSize, dataFormat);
    }

    /** {@link #depthToSpace(Tensor, int, String)}, channels last. */
    public static Tensor depthToSpace(Tensor x, int blockSize) {
        return DepthSpace.depthToSpace(x, blockSize, "channels_last");
    }

    /**
     * Pixel unshuffle, as {@code keras.ops.space_to_depth}: {@code blockSize × blockSize} spatial blocks of a 4D
     * tensor (height and width divisible by blockSize) become channels.
     */
    public static Tensor spaceToDepth(Tensor x, int blockSize, String dataFormat) {
        return DepthSpace.spaceToDepth(x, blockSize, dataFormat);
    }

    /** {@link #spaceToDepth(Tensor, int, String)}, channels last. */
    public static Tensor spaceToDepth(Tensor x, int blockSize) {
        return DepthSpace.spaceToDepth(x, blockSize, "channels_last");
    }

    /**
     * Adaptive average pooling, as {@code keras.ops.adaptive_average_pool}: a 3D, 4D or 5D input pooled to
     * {@code outputSize} (one size for every spatial axis, or one per axis), position i of an axis of length L
     * averaging the window {@code [floor(i·L/O), ceil((i+1)·L/O))}; {@code dataFormat} {@code "channels_last"} or
     * {@code "channels_first"}.
     */
    public static Tensor adaptiveAveragePool(Tensor inputs, int[] outputSize, String dataFormat) {
        return AdaptivePool.apply(inputs, outputSize, dataFormat, false);
    }

    /** {@link #adaptiveAveragePool(Tensor, int[], String)} to the same size on every spatial axis, channels last. */
    public static Tensor adaptiveAveragePool(Tensor inputs, int outputSize) {
        return AdaptivePool.apply(inputs, new int[] {outputSize}, "channels_last", false);
    }

    /** Adaptive max pooling, as {@code keras.ops.adaptive_max_pool}: the windows of {@link #adaptiveAveragePool}. */
    public static Tensor adaptiveMaxPool(Tensor inputs, int[] outputSize, String dataFormat) {
        return AdaptivePool.apply(inputs, outputSize, dataFormat, true);
    }

    /** {@link #adaptiveMaxPool(Tensor, int[], String)} to the same size on every spatial axis, channels last. */
    public static Tensor adaptiveMaxPool(Tensor inputs, int outputSize) {
        return AdaptivePool.apply(inputs, new int[] {outputSize}, "channels_last", true);
    }

    // =========================================================================================================
    // More image ops (keras.ops.image)
    // =========================================================================================================

    // =========================================================================================================
    // Core: casts, scatter, unstack, custom gradients, vectorized map (keras.ops.core)
    // =========================================================================================================

    // =========================================================================================================
    // Control flow that traces (keras.ops.core)
    // =========================================================================================================

    // =========================================================================================================
    // Gradients
    // =========================================================================================================

    /**
     * Strata's fused GRU recurrence (Keras 3's {@code reset_after=True}, sigmoid gates, tanh; not a {@code keras.ops}
     * function; concrete tensors only): from the projected inputs with the input bias {@code zx} (batch, time,
     * 3 units; gates z, r, h), the recurrent kernel (units, 3 units), the recurrent bias (3 units, or null), the
     * initial state (batch, units) and an optional mask (batch, time), the new state of every step in the order run,
     * as (batch, time, units). What the GRU layer runs.
     */
    public static Tensor gruSequence(Tensor zx, Tensor recurrentKernel, Tensor recurrentBias, Tensor h0, Tensor mask,
                                     boolean goBackwards) {
        return GruSequence.apply(zx, recurrentKernel, recurrentBias, h0, mask, goBackwards);
    }

    /**
     * Strata's fused LSTM recurrence (not a {@code keras.ops} function; concrete tensors only): from the projected
     * inputs {@code zx} (batch, time, 4 units; gates i, f, c, o), the recurrent kernel (units, 4 units), the initial
     * states (batch, units) and an optional mask (batch, time), the new {@code h} and {@code c} of every step in the
     * order run, as (batch, time, 2 units). Sigmoid gates and tanh, as Keras's LSTM defaults; what the LSTM layer
     * runs.
     */
    public static Tensor lstmSequence(Tensor zx, Tensor recurrentKernel, Tensor h0, Tensor c0, Tensor mask,
                                      boolean goBackwards) {
        return LstmSequence.apply(zx, recurrentKernel, h0, c0, mask, goBackwards);
    }

    /**
     * The same values, never recorded by a {@link dev.strata.autodiff.GradientTape}: gradients do not flow
     * through the result.
     */
    public static Tensor stopGradient(Tensor x) {
        return StopGradient.apply(x);
    }
}
