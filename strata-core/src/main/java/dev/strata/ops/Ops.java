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

    /**
     * {@code keras.ops.tensordot(x1, x2, axes=2)}: contracts the last {@code axes} axes of x1 with the first
     * {@code axes} of x2; the result has x1's other axes then x2's. Runs on the GEMM kernel.
     */
    public static Tensor tensordot(Tensor x1, Tensor x2, int axes) {
        return Products.tensordot(x1, x2, axes);
    }

    /** {@code keras.ops.tensordot(x1, x2)} with {@code axes=2}. */
    public static Tensor tensordot(Tensor x1, Tensor x2) {
        return Products.tensordot(x1, x2, 2);
    }

    /**
     * {@code keras.ops.tensordot(x1, x2, axes=(axes1, axes2))}: contracts axis {@code axes1[i]} of x1 with
     * {@code axes2[i]} of x2 (recorded as transposes and an integer tensordot when symbolic).
     */
    public static Tensor tensordot(Tensor x1, Tensor x2, int[] axes1, int[] axes2) {
        return Products.tensordot(x1, x2, axes1, axes2);
    }

    /** {@code keras.ops.outer(x1, x2)}: the outer product of x1 and x2 flattened, shape (x1.size, x2.size). */
    public static Tensor outer(Tensor x1, Tensor x2) {
        return Products.outer(x1, x2);
    }

    /**
     * {@code keras.ops.inner(x1, x2)}: sums over the last axes of both, shape {@code x1.shape[:-1] + x2.shape[:-1]}
     * (a scalar operand multiplies).
     */
    public static Tensor inner(Tensor x1, Tensor x2) {
        return Products.inner(x1, x2);
    }

    /** {@code keras.ops.vdot(x1, x2)}: the dot product of x1 and x2 flattened (equal sizes), a scalar. */
    public static Tensor vdot(Tensor x1, Tensor x2) {
        return Products.vdot(x1, x2);
    }

    /** {@code keras.ops.kron(x1, x2)}: the Kronecker product (the lower rank padded with leading 1s). */
    public static Tensor kron(Tensor x1, Tensor x2) {
        return Products.kron(x1, x2);
    }

    /** {@code keras.ops.cross(x1, x2)}: the cross product of 2- or 3-vectors along the last axes, broadcast. */
    public static Tensor cross(Tensor x1, Tensor x2) {
        return Products.cross(x1, x2, -1, -1, -1);
    }

    /**
     * {@code keras.ops.cross(x1, x2, axisa, axisb, axisc)}: the vectors along {@code axisa} of x1 and {@code axisb}
     * of x2 (2 or 3 components; two 2-vectors give the z component alone), the result's vectors along {@code axisc}.
     */
    public static Tensor cross(Tensor x1, Tensor x2, int axisa, int axisb, int axisc) {
        return Products.cross(x1, x2, axisa, axisb, axisc);
    }

    /**
     * {@code keras.ops.correlate(x1, x2, mode)}: the cross-correlation of two 1-D tensors, mode {@code "valid"},
     * {@code "same"} or {@code "full"} (numpy's; when x2 is longer the operands swap and the result is reversed).
     */
    public static Tensor correlate(Tensor x1, Tensor x2, String mode) {
        return Products.correlate(x1, x2, mode);
    }

    /** {@code keras.ops.correlate(x1, x2)}, mode {@code "valid"}. */
    public static Tensor correlate(Tensor x1, Tensor x2) {
        return Products.correlate(x1, x2, "valid");
    }

    /** {@code keras.ops.diff(a, n, axis)}: the n-th discrete difference along an axis (n = 0 gives a). */
    public static Tensor diff(Tensor a, int n, int axis) {
        return Differences.diff(a, n, axis);
    }

    /** {@code keras.ops.diff(a)}: {@code a[..., 1:] - a[..., :-1]}. */
    public static Tensor diff(Tensor a) {
        return Differences.diff(a, 1, -1);
    }

    /** {@code keras.ops.trapezoid(y, dx=dx, axis=axis)}: the trapezoidal rule with constant spacing dx. */
    public static Tensor trapezoid(Tensor y, float dx, int axis) {
        return Differences.trapezoid(y, dx, axis);
    }

    /** {@code keras.ops.trapezoid(y)}: along the last axis, spacing 1. */
    public static Tensor trapezoid(Tensor y) {
        return Differences.trapezoid(y, 1f, -1);
    }

    /**
     * {@code keras.ops.trapezoid(y, x, axis=axis)}: the trapezoidal rule at sample points x (1-D along the axis, or
     * y's shape). Recorded as the ops it is made of, since Keras keeps x in the op's config.
     */
    public static Tensor trapezoid(Tensor y, Tensor x, int axis) {
        return Differences.trapezoid(y, x, axis);
    }

    /** {@code keras.ops.amax(x)}: the maximum, as {@link #max(Tensor)}, saved as Keras's {@code Amax}. */
    public static Tensor amax(Tensor x) {
        return Statistics.amax(x, null, false);
    }

    /** {@code keras.ops.amax(x, axis, keepdims)} ({@code axes} null: all). */
    public static Tensor amax(Tensor x, int[] axes, boolean keepDims) {
        return Statistics.amax(x, axes, keepDims);
    }

    /** {@code keras.ops.amin(x)}: the minimum, as {@link #min(Tensor)}, saved as Keras's {@code Amin}. */
    public static Tensor amin(Tensor x) {
        return Statistics.amin(x, null, false);
    }

    /** {@code keras.ops.amin(x, axis, keepdims)} ({@code axes} null: all). */
    public static Tensor amin(Tensor x, int[] axes, boolean keepDims) {
        return Statistics.amin(x, axes, keepDims);
    }

    /** {@code keras.ops.ptp(x)}: max − min over all elements. */
    public static Tensor ptp(Tensor x) {
        return Statistics.ptp(x, null, false);
    }

    /** {@code keras.ops.ptp(x, axis, keepdims)} ({@code axes} null: all). */
    public static Tensor ptp(Tensor x, int[] axes, boolean keepDims) {
        return Statistics.ptp(x, axes, keepDims);
    }

    /** {@code keras.ops.average(x)}: the mean of all elements. */
    public static Tensor average(Tensor x) {
        return Statistics.average(x, null, null);
    }

    /**
     * {@code keras.ops.average(x, axis, weights)}: {@code sum(x·w) / sum(w)} over the axis (null: all); weights of
     * x's shape or 1-D along the axis, or null for the mean. A weighted average is recorded as the ops it is made of.
     */
    public static Tensor average(Tensor x, Integer axis, Tensor weights) {
        return Statistics.average(x, axis, weights);
    }

    /** {@code keras.ops.count_nonzero(x)}: the number of non-zero elements. A count: not differentiable. */
    public static Tensor countNonzero(Tensor x) {
        return Statistics.countNonzero(x, null);
    }

    /** {@code keras.ops.count_nonzero(x, axis)} (null: all). */
    public static Tensor countNonzero(Tensor x, Integer axis) {
        return Statistics.countNonzero(x, axis);
    }

    /** {@code keras.ops.corrcoef(x)}: Pearson correlation coefficients of the rows of x (1-D x: a scalar). */
    public static Tensor corrcoef(Tensor x) {
        return Statistics.corrcoef(x);
    }

    /** {@code keras.ops.median(x)}: the median of all elements (NaN if any is NaN). */
    public static Tensor median(Tensor x) {
        return Quantiles.median(x, null, false, false);
    }

    /** {@code keras.ops.median(x, axis, keepdims)} ({@code axes} null: all). Gradient to the middle element(s). */
    public static Tensor median(Tensor x, int[] axes, boolean keepDims) {
        return Quantiles.median(x, axes, keepDims, false);
    }

    /** {@code keras.ops.quantile(x, q)}: the q-th quantile (q in [0, 1]) of all elements, linear interpolation. */
    public static Tensor quantile(Tensor x, float q) {
        return Quantiles.apply("quantile", x, new float[] {q}, true, null, "linear", false);
    }

    /**
     * {@code keras.ops.quantile(x, q, axis, method, keepdims)}: axis null for all; method {@code "linear"},
     * {@code "lower"}, {@code "higher"}, {@code "midpoint"} or {@code "nearest"} (JAX's: a fraction of exactly 0.5
     * goes to the lower element). Gradient to the selected elements with their interpolation weights.
     */
    public static Tensor quantile(Tensor x, float q, Integer axis, String method, boolean keepDims) {
        return Quantiles.apply("quantile", x, new float[] {q}, true, axes(axis), method, keepDims);
    }

    /** {@code keras.ops.quantile(x, [q...], axis, method, keepdims)}: a leading axis, one entry per q. */
    public static Tensor quantile(Tensor x, float[] q, Integer axis, String method, boolean keepDims) {
        return Quantiles.apply("quantile", x, q.clone(), false, axes(axis), method, keepDims);
    }

    /** {@code keras.ops.percentile(x, q)}: the q-th percentile (q in [0, 100]) of all elements. */
    public static Tensor percentile(Tensor x, float q) {
        return Quantiles.apply("percentile", x, new float[] {q}, true, null, "linear", false);
    }

    /** {@code keras.ops.percentile(x, q, axis, method, keepdims)}: quantile {@code q / 100}. */
    public static Tensor percentile(Tensor x, float q, Integer axis, String method, boolean keepDims) {
        return Quantiles.apply("percentile", x, new float[] {q}, true, axes(axis), method, keepDims);
    }

    /** {@code keras.ops.percentile(x, [q...], axis, method, keepdims)}: a leading axis, one entry per q. */
    public static Tensor percentile(Tensor x, float[] q, Integer axis, String method, boolean keepDims) {
        return Quantiles.apply("percentile", x, q.clone(), false, axes(axis), method, keepDims);
    }

    /** {@code keras.ops.nanquantile(x, q, axis, method, keepdims)}: quantile ignoring NaNs (all NaN: NaN). */
    public static Tensor nanquantile(Tensor x, float q, Integer axis, String method, boolean keepDims) {
        return Quantiles.apply("nanquantile", x, new float[] {q}, true, axes(axis), method, keepDims);
    }

    /** {@code keras.ops.nanquantile(x, [q...], axis, method, keepdims)}. */
    public static Tensor nanquantile(Tensor x, float[] q, Integer axis, String method, boolean keepDims) {
        return Quantiles.apply("nanquantile", x, q.clone(), false, axes(axis), method, keepDims);
    }

    /** {@code keras.ops.nanpercentile(x, q, axis, method, keepdims)}: percentile ignoring NaNs. */
    public static Tensor nanpercentile(Tensor x, float q, Integer axis, String method, boolean keepDims) {
        return Quantiles.apply("nanpercentile", x, new float[] {q}, true, axes(axis), method, keepDims);
    }

    /** {@code keras.ops.nanpercentile(x, [q...], axis, method, keepdims)}. */
    public static Tensor nanpercentile(Tensor x, float[] q, Integer axis, String method, boolean keepDims) {
        return Quantiles.apply("nanpercentile", x, q.clone(), false, axes(axis), method, keepDims);
    }

    /** {@code keras.ops.nanmedian(x, axis, keepdims)} (axis null: all): the median ignoring NaNs. */
    public static Tensor nanmedian(Tensor x, Integer axis, boolean keepDims) {
        return Quantiles.median(x, axes(axis), keepDims, true);
    }

    /** {@code keras.ops.nanmedian(x)}. */
    public static Tensor nanmedian(Tensor x) {
        return Quantiles.median(x, null, false, true);
    }

    private static int[] axes(Integer axis) {
        return axis == null ? null : new int[] {axis};
    }

    /** {@code keras.ops.nansum(x, axis, keepdims)} (axis null: all): the sum with NaNs as 0 (no gradient to them). */
    public static Tensor nansum(Tensor x, Integer axis, boolean keepDims) {
        return NanReductions.reduce("nansum", x, axis, keepDims);
    }

    /** {@code keras.ops.nansum(x)}. */
    public static Tensor nansum(Tensor x) {
        return NanReductions.reduce("nansum", x, null, false);
    }

    /** {@code keras.ops.nanmean(x, axis, keepdims)}: the mean of the non-NaN values (none: NaN). */
    public static Tensor nanmean(Tensor x, Integer axis, boolean keepDims) {
        return NanReductions.reduce("nanmean", x, axis, keepDims);
    }

    /** {@code keras.ops.nanmean(x)}. */
    public static Tensor nanmean(Tensor x) {
        return NanReductions.reduce("nanmean", x, null, false);
    }

    /** {@code keras.ops.nanmax(x, axis, keepdims)}: the maximum of the non-NaN values (none: NaN). */
    public static Tensor nanmax(Tensor x, Integer axis, boolean keepDims) {
        return NanReductions.reduce("nanmax", x, axis, keepDims);
    }

    /** {@code keras.ops.nanmax(x)}. */
    public static Tensor nanmax(Tensor x) {
        return NanReductions.reduce("nanmax", x, null, false);
    }

    /** {@code keras.ops.nanmin(x, axis, keepdims)}: the minimum of the non-NaN values (none: NaN). */
    public static Tensor nanmin(Tensor x, Integer axis, boolean keepDims) {
        return NanReductions.reduce("nanmin", x, axis, keepDims);
    }

    /** {@code keras.ops.nanmin(x)}. */
    public static Tensor nanmin(Tensor x) {
        return NanReductions.reduce("nanmin", x, null, false);
    }

    /** {@code keras.ops.nanprod(x, axis, keepdims)}: the product with NaNs as 1. */
    public static Tensor nanprod(Tensor x, Integer axis, boolean keepDims) {
        return NanReductions.reduce("nanprod", x, axis, keepDims);
    }

    /** {@code keras.ops.nanprod(x)}. */
    public static Tensor nanprod(Tensor x) {
        return NanReductions.reduce("nanprod", x, null, false);
    }

    /** {@code keras.ops.nanstd(x, axis, keepdims)}: the population standard deviation of the non-NaN values. */
    public static Tensor nanstd(Tensor x, Integer axis, boolean keepDims) {
        return NanReductions.reduce("nanstd", x, axis, keepDims);
    }

    /** {@code keras.ops.nanstd(x)}. */
    public static Tensor nanstd(Tensor x) {
        return NanReductions.reduce("nanstd", x, null, false);
    }

    /** {@code keras.ops.nanvar(x, axis, keepdims)}: the population variance of the non-NaN values (none: NaN). */
    public static Tensor nanvar(Tensor x, Integer axis, boolean keepDims) {
        return NanReductions.reduce("nanvar", x, axis, keepDims);
    }

    /** {@code keras.ops.nanvar(x)}. */
    public static Tensor nanvar(Tensor x) {
        return NanReductions.reduce("nanvar", x, null, false);
    }

    /** {@code keras.ops.nanargmax(x, axis, keepdims)}: argmax ignoring NaNs; -1 for an all-NaN slice. An index. */
    public static Tensor nanargmax(Tensor x, Integer axis, boolean keepDims) {
        return NanReductions.reduce("nanargmax", x, axis, keepDims);
    }

    /** {@code keras.ops.nanargmax(x)}: over x flattened. */
    public static Tensor nanargmax(Tensor x) {
        return NanReductions.reduce("nanargmax", x, null, false);
    }

    /** {@code keras.ops.nanargmin(x, axis, keepdims)}: argmin ignoring NaNs; -1 for an all-NaN slice. An index. */
    public static Tensor nanargmin(Tensor x, Integer axis, boolean keepDims) {
        return NanReductions.reduce("nanargmin", x, axis, keepDims);
    }

    /** {@code keras.ops.nanargmin(x)}: over x flattened. */
    public static Tensor nanargmin(Tensor x) {
        return NanReductions.reduce("nanargmin", x, null, false);
    }

    /** {@code keras.ops.nancumsum(x, axis)} (null: x flattened): the running sum with NaNs as 0. */
    public static Tensor nancumsum(Tensor x, Integer axis) {
        return NanReductions.cumulative("nancumsum", x, axis);
    }

    /** {@code keras.ops.nancumprod(x, axis)} (null: x flattened): the running product with NaNs as 1. */
    public static Tensor nancumprod(Tensor x, Integer axis) {
        return NanReductions.cumulative("nancumprod", x, axis);
    }

    /**
     * {@code keras.ops.searchsorted(sorted_sequence, values, side)}: for each value, the index in the 1-D sorted
     * sequence where it would be inserted ({@code "left"}: before equal elements, {@code "right"}: after). Indices as
     * floats; not differentiable.
     */
    public static Tensor searchsorted(Tensor sortedSequence, Tensor values, String side) {
        return Searching.searchsorted(sortedSequence, values, side);
    }

    /** {@code keras.ops.searchsorted(sorted_sequence, values)}, side {@code "left"}. */
    public static Tensor searchsorted(Tensor sortedSequence, Tensor values) {
        return Searching.searchsorted(sortedSequence, values, "left");
    }

    /**
     * {@code keras.ops.digitize(x, bins)}: the index of the bin of each value for 1-D monotonic bins (numpy's
     * {@code right=False}). Indices as floats; not differentiable.
     */
    public static Tensor digitize(Tensor x, Tensor bins) {
        return Searching.digitize(x, bins);
    }

    /** {@code keras.ops.isin(x1, x2)}: 1 where an element of x1 is in x2, else 0. Not differentiable. */
    public static Tensor isin(Tensor x1, Tensor x2) {
        return Searching.isin(x1, x2, false, false);
    }

    /** {@code keras.ops.isin(x1, x2, assume_unique, invert)}; {@code invert} gives 1 where it is not. */
    public static Tensor isin(Tensor x1, Tensor x2, boolean assumeUnique, boolean invert) {
        return Searching.isin(x1, x2, assumeUnique, invert);
    }

    /**
     * {@code keras.ops.bincount(x)}: the count of each whole number in x (1-D, or 2-D per row), length max(x) + 1.
     */
    public static Tensor bincount(Tensor x) {
        return Searching.bincount(x, null, 0);
    }

    /**
     * {@code keras.ops.bincount(x, weights, minlength)}: the sums of weights (x's shape, or null for counts) per
     * value, at least {@code minlength} long. Differentiable in the weights; weights only eagerly.
     */
    public static Tensor bincount(Tensor x, Tensor weights, int minlength) {
        return Searching.bincount(x, weights, minlength);
    }

    /**
     * {@code keras.ops.histogram(x, bins, range)}: {@code [counts, edges]} of 1-D x in {@code bins} equal bins over
     * {@code range} ({@code {lo, hi}}, or null for x's min and max). Eager only.
     */
    public static java.util.List<Tensor> histogram(Tensor x, int bins, float[] range) {
        return Searching.histogram(x, bins, range == null ? null : range.clone());
    }

    /** {@code keras.ops.histogram(x)}: ten bins over x's range. */
    public static java.util.List<Tensor> histogram(Tensor x) {
        return Searching.histogram(x, 10, null);
    }

    /**
     * {@code keras.ops.unique(x)}: the sorted distinct values of x flattened (each NaN its own value). Eager only:
     * the length depends on the data, so a symbolic x is an error.
     */
    public static Tensor unique(Tensor x) {
        return Searching.unique(x, false, false, false, null, null).getFirst();
    }

    /**
     * {@code keras.ops.unique(x, sorted=True, return_index, return_inverse, return_counts, axis=None, size,
     * fill_value)}: {@code [values, index?, inverse?, counts?]} (only those asked for, in that order). The values
     * are always sorted, as JAX's; {@code axis} must be null (x flattened); {@code size} (null: as many as there are)
     * cuts or pads to that length with {@code fillValue} (null: the smallest value). Eager only.
     */
    public static java.util.List<Tensor> unique(Tensor x, boolean sorted, boolean returnIndex, boolean returnInverse,
                                                boolean returnCounts, Integer axis, Integer size, Float fillValue) {
        if (axis != null) {
            throw new IllegalArgumentException("unique: only axis None (x flattened) is supported, got axis " + axis);
        }
        return Searching.unique(x, returnIndex, returnInverse, returnCounts, size, fillValue);
    }

    /**
     * {@code keras.ops.argpartition(x, kth, axis)}: indices that put the kth smallest element of each slice in its
     * sorted place, the smaller ones before it (ascending, as JAX's) and the others after (in index order); axis
     * null partitions x flattened. Not differentiable.
     */
    public static Tensor argpartition(Tensor x, int kth, Integer axis) {
        return Searching.argpartition(x, kth, axis);
    }

    /** {@code keras.ops.argpartition(x, kth)} along the last axis. */
    public static Tensor argpartition(Tensor x, int kth) {
        return Searching.argpartition(x, kth, -1);
    }

    // =========================================================================================================
    // Segments, transforms and sequences (keras.ops.math)
    // =========================================================================================================

    // =========================================================================================================
    // Linear algebra: decompositions and solvers (keras.ops.linalg)
    // =========================================================================================================

    // =========================================================================================================
    // Neural-network functions (keras.ops.nn)
    // =========================================================================================================

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
