package dev.strata.ops;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;

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
        dev.strata.internal.InferenceFolding.install(Add::inferenceClamped);
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

    /**
     * {@code |x|}: Keras's {@code absolute}, the same op as {@link #abs(Tensor)} (Keras saves both as
     * {@code Absolute}).
     */
    public static Tensor absolute(Tensor x) {
        return Abs.apply(x);
    }

    /**
     * {@code |x|} as numpy's {@code fabs}, saved as its own Keras class {@code Fabs}. Gradient as JAX's: g where
     * {@code x >= 0} (±0 included), -g elsewhere.
     */
    public static Tensor fabs(Tensor x) {
        return Fabs.apply(x);
    }

    /** The real cube root (negative for negative x). Its gradient is +inf at 0. */
    public static Tensor cbrt(Tensor x) {
        return Cbrt.apply(x);
    }

    /** {@code 2^x}. */
    public static Tensor exp2(Tensor x) {
        return Exp2.apply(x);
    }

    /** {@code e^x - 1}, accurate for x near 0. */
    public static Tensor expm1(Tensor x) {
        return Expm1.apply(x);
    }

    /** The base-10 logarithm: -inf at 0, NaN for negative x. */
    public static Tensor log10(Tensor x) {
        return Log10.apply(x);
    }

    /** The base-2 logarithm: -inf at 0, NaN for negative x. */
    public static Tensor log2(Tensor x) {
        return Log2.apply(x);
    }

    /**
     * {@code log(e^x1 + e^x2)}, broadcast, without overflow. Gradient as JAX's: {@code g·e^(x - y)} to each, with +inf
     * replaced by 0 first (so NaN where both are -inf).
     */
    public static Tensor logaddexp(Tensor x1, Tensor x2) {
        return Logaddexp.logaddexp(x1, x2);
    }

    /** {@code log2(2^x1 + 2^x2)}, broadcast, without overflow; gradient as {@link #logaddexp}'s, base 2. */
    public static Tensor logaddexp2(Tensor x1, Tensor x2) {
        return Logaddexp.logaddexp2(x1, x2);
    }

    /** Degrees to radians: x times the float32 π/180. */
    public static Tensor deg2rad(Tensor x) {
        return AngleUnits.deg2rad(x);
    }

    /** Radians to degrees: x times the float32 180/π. */
    public static Tensor rad2deg(Tensor x) {
        return AngleUnits.rad2deg(x);
    }

    /** {@code 1/x} (±inf at ±0). */
    public static Tensor reciprocal(Tensor x) {
        return Reciprocal.apply(x);
    }

    /** The normalized sinc {@code sin(πx)/(πx)}, 1 at 0 (gradient 0 there, as JAX's). */
    public static Tensor sinc(Tensor x) {
        return Sinc.apply(x);
    }

    /**
     * {@code √(x1² + x2²)}, broadcast, without overflow; +inf where either is infinite. Gradient as JAX's:
     * {@code g·x/h}, g/2 to each at the origin, NaN where either is infinite.
     */
    public static Tensor hypot(Tensor x1, Tensor x2) {
        return Hypot.apply(x1, x2);
    }

    /**
     * The Heaviside step: 0 where {@code x1 < 0}, 1 where {@code x1 > 0}, {@code x2} where x1 is ±0, NaN where x1 is
     * NaN; broadcast. Gradient (JAX's): g to x2 where x1 is 0, to x1 where x1 is NaN, else 0.
     */
    public static Tensor heaviside(Tensor x1, Tensor x2) {
        return Heaviside.apply(x1, x2);
    }

    /** {@link #heaviside(Tensor, Tensor)} with a constant value at 0. */
    public static Tensor heaviside(Tensor x1, float x2) {
        return Heaviside.apply(x1, Tensor.scalar(x2));
    }

    /**
     * The remainder of truncated division, C's fmod (the sign of x1), broadcast; NaN where x2 is 0. Gradient (JAX's):
     * g to x1, {@code -g·trunc(x1/x2)} to x2.
     */
    public static Tensor fmod(Tensor x1, Tensor x2) {
        return Remainder.fmod(x1, x2);
    }

    /** {@link #fmod(Tensor, Tensor)} by a constant. */
    public static Tensor fmod(Tensor x1, float x2) {
        return Remainder.fmod(x1, Tensor.scalar(x2));
    }

    /**
     * The remainder of floored division, Python's {@code %} (the sign of x2), broadcast; NaN where x2 is 0. Gradient
     * (JAX's): g to x1, {@code -g·trunc(x1/x2)} to x2, plus g where x2 was added to the truncated remainder (none at
     * the discontinuities, where the remainder is 0).
     */
    public static Tensor mod(Tensor x1, Tensor x2) {
        return Remainder.mod(x1, x2);
    }

    /** {@link #mod(Tensor, Tensor)} by a constant. */
    public static Tensor mod(Tensor x1, float x2) {
        return Remainder.mod(x1, Tensor.scalar(x2));
    }

    /**
     * The floored quotient, Python's {@code //}, broadcast, as JAX computes it for floats ({@code x // 0} is ±inf).
     * Its gradient is zero.
     */
    public static Tensor floorDivide(Tensor x1, Tensor x2) {
        return FloorDivide.apply(x1, x2);
    }

    /** {@link #floorDivide(Tensor, Tensor)} by a constant. */
    public static Tensor floorDivide(Tensor x1, float x2) {
        return FloorDivide.apply(x1, Tensor.scalar(x2));
    }

    /** {@code x1 / x2}, broadcast: {@link #divide(Tensor, Tensor)} under Keras's other name (saved as TrueDivide). */
    public static Tensor trueDivide(Tensor x1, Tensor x2) {
        return TrueDivide.apply(x1, x2);
    }

    /** {@code x1 / x2}, broadcast, but 0 where x2 is 0 (whatever x1 is); gradient 0 there. */
    public static Tensor divideNoNan(Tensor x1, Tensor x2) {
        return DivideNoNan.apply(x1, x2);
    }

    /**
     * The larger of x1 and x2, broadcast, ignoring a NaN where the other is a number (a tie goes to x2, as JAX's).
     * Gradient: g to the one selected.
     */
    public static Tensor fmax(Tensor x1, Tensor x2) {
        return FmaxFmin.fmax(x1, x2);
    }

    /** The smaller of x1 and x2, broadcast, ignoring a NaN where the other is a number; as {@link #fmax}. */
    public static Tensor fmin(Tensor x1, Tensor x2) {
        return FmaxFmin.fmin(x1, x2);
    }

    /**
     * The greatest common divisor of |x1| and |x2|, broadcast ({@code gcd(0, 0) = 0}). Integer-only: the values must
     * be whole numbers in int32's range, else an IllegalArgumentException names the argument and the position. Not
     * differentiable.
     */
    public static Tensor gcd(Tensor x1, Tensor x2) {
        return GcdLcm.gcd(x1, x2);
    }

    /** The least common multiple of |x1| and |x2|, broadcast (0 if either is 0); integer-only, as {@link #gcd}. */
    public static Tensor lcm(Tensor x1, Tensor x2) {
        return GcdLcm.lcm(x1, x2);
    }

    /**
     * {@code x1·2^x2} exactly, broadcast, for whole-number exponents x2 in int32's range (Keras requires an integer
     * tensor; otherwise an IllegalArgumentException names x2 and the position). Subnormal values are kept, where
     * XLA on CPU flushes them to 0. Gradient (JAX's): {@code g·2^x2} to x1 (g where x1 is ±0 or ±inf), 0 to x2.
     */
    public static Tensor ldexp(Tensor x1, Tensor x2) {
        return Ldexp.apply(x1, x2);
    }


    /** The next float32 after x1 towards x2, broadcast. Not differentiable (JAX has no rule for it). */
    public static Tensor nextafter(Tensor x1, Tensor x2) {
        return Nextafter.apply(x1, x2);
    }

    /** 1 where the sign bit of x is set (-0 and negative NaN included), else 0. Not differentiable. */
    public static Tensor signbit(Tensor x) {
        return Signbit.apply(x);
    }

    /** 1 where x is -inf, else 0. Not differentiable. */
    public static Tensor isNegInf(Tensor x) {
        return IsSignedInf.isNegInf(x);
    }

    /** 1 where x is +inf, else 0. Not differentiable. */
    public static Tensor isPosInf(Tensor x) {
        return IsSignedInf.isPosInf(x);
    }

    /**
     * 1 where {@code x1 == x2} or x2 is finite and {@code |x1 - x2| <= atol + rtol·|x2|} (in float32, as JAX), else
     * 0; broadcast. With {@code equalNan}, NaN is close to NaN. Not differentiable.
     */
    public static Tensor isclose(Tensor x1, Tensor x2, float rtol, float atol, boolean equalNan) {
        return Isclose.isclose(x1, x2, rtol, atol, equalNan);
    }

    /** {@link #isclose(Tensor, Tensor, float, float, boolean)} with Keras's defaults rtol=1e-5, atol=1e-8. */
    public static Tensor isclose(Tensor x1, Tensor x2) {
        return Isclose.isclose(x1, x2, 1e-5f, 1e-8f, false);
    }

    /**
     * A scalar: 1 if every element pair is close in the sense of
     * {@link #isclose(Tensor, Tensor, float, float, boolean)}, else 0. Not differentiable.
     */
    public static Tensor allclose(Tensor x1, Tensor x2, float rtol, float atol, boolean equalNan) {
        return Isclose.allclose(x1, x2, rtol, atol, equalNan);
    }

    /** {@link #allclose(Tensor, Tensor, float, float, boolean)} with Keras's defaults rtol=1e-5, atol=1e-8. */
    public static Tensor allclose(Tensor x1, Tensor x2) {
        return Isclose.allclose(x1, x2, 1e-5f, 1e-8f, false);
    }

    /**
     * 1 everywhere: Strata has no complex tensors, and a real number's imaginary part is 0 (numpy gives True for real
     * input, NaN included). Not differentiable.
     */
    public static Tensor isreal(Tensor x) {
        return ComplexParts.isreal(x);
    }

    /** The real part: x itself, as Strata has no complex tensors (numpy's {@code real} of real input). */
    public static Tensor real(Tensor x) {
        return ComplexParts.real(x);
    }

    /** The imaginary part: zeros, as Strata has no complex tensors (numpy's {@code imag} of real input). */
    public static Tensor imag(Tensor x) {
        return ComplexParts.imag(x);
    }

    /** The complex conjugate: x itself, as Strata has no complex tensors. Saved as Keras's {@code Conjugate}. */
    public static Tensor conjugate(Tensor x) {
        return ComplexParts.conjugate(x);
    }

    /** {@link #conjugate(Tensor)} under Keras's short name (also saved as {@code Conjugate}). */
    public static Tensor conj(Tensor x) {
        return ComplexParts.conjugate(x);
    }

    /**
     * The complex argument {@code atan2(imag, real)} of real input (Strata has no complex tensors): 0 for x > 0 and
     * +0, π for x < 0 and -0, NaN for NaN. Gradient (JAX's): {@code -0·g/x²}, NaN at ±0.
     */
    public static Tensor angle(Tensor x) {
        return ComplexParts.angle(x);
    }

    /** The modified Bessel function of the first kind, order 0 (+inf beyond |x| ≈ 88.72 and NaN at ±inf, as JAX). */
    public static Tensor i0(Tensor x) {
        return I0.apply(x);
    }

    /**
     * The complementary error function {@code 1 - erf(x)}, accurate where it is tiny (keras.ops.math's
     * {@code erfc}).
     */
    public static Tensor erfc(Tensor x) {
        return Erfc.apply(x);
    }

    /** The inverse error function on [-1, 1]: ±inf at ±1, NaN beyond (keras.ops.math's {@code erfinv}). */
    public static Tensor erfinv(Tensor x) {
        return Erfinv.apply(x);
    }

    /**
     * The bitwise AND of int32 values, broadcast. Integer-only: the values must be whole numbers in int32's range,
     * else an IllegalArgumentException names the op, the argument and the position; results beyond 2²⁴ in magnitude
     * round to float32. Not differentiable. In a saved graph, Python Keras (which rejects float operands here) runs
     * it where its inputs are int32 in Keras: {@code Input.integers}, argsort's or argmax's indices, and the like.
     */
    public static Tensor bitwiseAnd(Tensor x, Tensor y) {
        return Bitwise.and(x, y);
    }

    /** The bitwise OR of int32 values, broadcast; integer-only, as {@link #bitwiseAnd}. */
    public static Tensor bitwiseOr(Tensor x, Tensor y) {
        return Bitwise.or(x, y);
    }

    /** The bitwise XOR of int32 values, broadcast; integer-only, as {@link #bitwiseAnd}. */
    public static Tensor bitwiseXor(Tensor x, Tensor y) {
        return Bitwise.xor(x, y);
    }

    /** The bitwise NOT of int32 values ({@code ~x = -x - 1}); integer-only, as {@link #bitwiseAnd}. */
    public static Tensor bitwiseNot(Tensor x) {
        return Bitwise.not(x);
    }

    /** {@link #bitwiseNot(Tensor)} under Keras's other name (saved as its own class {@code BitwiseInvert}). */
    public static Tensor bitwiseInvert(Tensor x) {
        return Bitwise.invert(x);
    }

    /**
     * {@code x << y} on int32 values, broadcast; 0 for a count outside [0, 32) (XLA's rule, as Keras's JAX backend).
     * Integer-only, as {@link #bitwiseAnd}.
     */
    public static Tensor bitwiseLeftShift(Tensor x, Tensor y) {
        return Bitwise.bitwiseLeftShift(x, y);
    }


    /**
     * {@code x >> y} (arithmetic) on int32 values, broadcast; the sign fill (0 or -1) for a count outside [0, 32).
     * Integer-only, as {@link #bitwiseAnd}.
     */
    public static Tensor bitwiseRightShift(Tensor x, Tensor y) {
        return Bitwise.bitwiseRightShift(x, y);
    }


    /** {@link #bitwiseLeftShift(Tensor, Tensor)} under Keras's other name (saved as its own class LeftShift). */
    public static Tensor leftShift(Tensor x, Tensor y) {
        return Bitwise.leftShift(x, y);
    }


    /** {@link #bitwiseRightShift(Tensor, Tensor)} under Keras's other name (saved as its own class RightShift). */
    public static Tensor rightShift(Tensor x, Tensor y) {
        return Bitwise.rightShift(x, y);
    }


    /**
     * {@code keras.ops.vectorize(pyfunc, signature=...)}: {@code f}, which takes tensors of the core shapes the
     * gufunc {@code signature} names (e.g. {@code "(m,n),(n)->(m)"}), applied over every leading ("loop") dimension
     * of its arguments, the loop dimensions broadcast across them, results stacked. A composition of unstack, the
     * function and stack, so it traces and differentiates; the loop dimensions must be known.
     */
    public static java.util.function.Function<java.util.List<Tensor>, Tensor> vectorize(
            java.util.function.Function<java.util.List<Tensor>, Tensor> f, String signature) {
        return Vectorize.of(f, signature);
    }

    /** {@code keras.ops.vectorize(pyfunc)}: a function of scalars applied to every element (of x's shape). */
    public static java.util.function.UnaryOperator<Tensor> vectorize(java.util.function.UnaryOperator<Tensor> f) {
        java.util.function.Function<java.util.List<Tensor>, Tensor> v = Vectorize.of(in -> f.apply(in.getFirst()), null);
        return x -> v.apply(java.util.List.of(x));
    }

    // =========================================================================================================
    // Array creation and manipulation (keras.ops.numpy)
    // =========================================================================================================

    /** Reverses x along every axis, like {@code keras.ops.flip(x)}. Gradient: g flipped back. */
    public static Tensor flip(Tensor x) {
        return Flip.flip(x, null);
    }

    /** Reverses x along {@code axis}, like {@code keras.ops.flip(x, axis)}. */
    public static Tensor flip(Tensor x, int axis) {
        return Flip.flip(x, axis);
    }

    /** Reverses x along each of {@code axes} (no axis twice), like {@code keras.ops.flip(x, axis=(a, b))}. */
    public static Tensor flip(Tensor x, int[] axes) {
        return Flip.flip(x, axes.clone());
    }

    /** Reverses x along axis 1 (left to right), like {@code keras.ops.fliplr(x)}; x needs 2 axes or more. */
    public static Tensor fliplr(Tensor x) {
        return Flip.fliplr(x);
    }

    /** Reverses x along axis 0 (up to down), like {@code keras.ops.flipud(x)}; x needs an axis. */
    public static Tensor flipud(Tensor x) {
        return Flip.flipud(x);
    }

    /**
     * Rolls x flattened by {@code shift} places (elements leaving the end come back at the start) and gives it its
     * shape back, like {@code keras.ops.roll(x, shift)}. Gradient: g rolled back.
     */
    public static Tensor roll(Tensor x, int shift) {
        return Roll.apply(x, shift, null);
    }

    /** Rolls x by {@code shift} places along {@code axis}, like {@code keras.ops.roll(x, shift, axis)}. */
    public static Tensor roll(Tensor x, int shift, int axis) {
        return Roll.apply(x, shift, axis);
    }

    /**
     * Rolls x by {@code shifts[i]} along {@code axes[i]}, like {@code keras.ops.roll(x, shift=(...), axis=(...))};
     * one of the two may hold a single value, which applies to all (shifts on one axis add up).
     */
    public static Tensor roll(Tensor x, int[] shifts, int[] axes) {
        return Roll.apply(x, shifts.clone(), axes.clone());
    }

    /** Rotates x by 90 degrees in the plane of axes 0 and 1, like {@code keras.ops.rot90(x)}. */
    public static Tensor rot90(Tensor x) {
        return Rot90.apply(x, 1, new int[] {0, 1});
    }

    /**
     * Rotates x by 90 degrees {@code k} times (negative: the other way) in the plane of {@code axes} (two different
     * axes), from the first towards the second, like {@code keras.ops.rot90(x, k, axes)}. Gradient: g rotated back.
     */
    public static Tensor rot90(Tensor x, int k, int[] axes) {
        return Rot90.apply(x, k, axes.clone());
    }

    /**
     * Moves axis {@code source} to position {@code destination}, the other axes keeping their order, like
     * {@code keras.ops.moveaxis(x, source, destination)}.
     */
    public static Tensor moveaxis(Tensor x, int source, int destination) {
        return Moveaxis.apply(x, source, destination);
    }

    /** Moves several axes at once (the lists of the same length, no axis twice), like {@code keras.ops.moveaxis}. */
    public static Tensor moveaxis(Tensor x, int[] source, int[] destination) {
        return Moveaxis.apply(x, source.clone(), destination.clone());
    }

    /** Exchanges two axes, like {@code keras.ops.swapaxes(x, axis1, axis2)}. */
    public static Tensor swapaxes(Tensor x, int axis1, int axis2) {
        return Swapaxes.apply(x, axis1, axis2);
    }

    /** x flattened to a vector (row-major), like {@code keras.ops.ravel(x)}. */
    public static Tensor ravel(Tensor x) {
        return Ravel.apply(x);
    }

    /**
     * The number of axes of x, like {@code keras.ops.ndim(x)}: an int, known for symbolic tensors too, so no graph
     * node (Keras's symbolic ndim is a node whose declared shape {@code (rank,)} does not match its scalar value).
     */
    public static int ndim(Tensor x) {
        return x.rank();
    }

    /**
     * The number of elements of x as a scalar tensor, like {@code keras.ops.size(x)}; for a symbolic x a graph node,
     * as its batch size is known only when the graph runs ({@code x.shape().size()} gives a known size as an int).
     * An integer: not differentiable.
     */
    public static Tensor size(Tensor x) {
        return Size.apply(x);
    }

    /**
     * Joins tensors along axis 1 (axis 0 for vectors; scalars count as vectors of one), like
     * {@code keras.ops.hstack(xs)}.
     */
    public static Tensor hstack(java.util.List<? extends Tensor> xs) {
        return Stacking.hstack(xs);
    }

    /** Joins tensors along axis 0, vectors {@code (n)} taken as rows {@code (1, n)}, like {@code keras.ops.vstack}. */
    public static Tensor vstack(java.util.List<? extends Tensor> xs) {
        return Stacking.vstack(xs);
    }

    /**
     * Joins tensors along axis 2 (depth), {@code (n)} taken as {@code (1, n, 1)} and {@code (m, n)} as
     * {@code (m, n, 1)}, like {@code keras.ops.dstack(xs)}.
     */
    public static Tensor dstack(java.util.List<? extends Tensor> xs) {
        return Stacking.dstack(xs);
    }

    /** x1 and x2 flattened and joined into one vector, like {@code keras.ops.append(x1, x2)}. */
    public static Tensor append(Tensor x1, Tensor x2) {
        return Append.apply(x1, x2, null);
    }

    /** x2 joined to x1 along {@code axis}, like {@code keras.ops.append(x1, x2, axis)}. */
    public static Tensor append(Tensor x1, Tensor x2, int axis) {
        return Append.apply(x1, x2, axis);
    }

    /**
     * Splits x along axis 0 into {@code sections} parts that need not be equal (the first {@code d % sections}
     * have one element more), like {@code keras.ops.array_split(x, sections)}.
     */
    public static java.util.List<Tensor> arraySplit(Tensor x, int sections) {
        return ArraySplit.arraySplit(x, sections, 0);
    }

    /** As {@link #arraySplit(Tensor, int)}, along {@code axis}. */
    public static java.util.List<Tensor> arraySplit(Tensor x, int sections, int axis) {
        return ArraySplit.arraySplit(x, sections, axis);
    }

    /** Splits x into equal parts along axis 1 (0 for a vector), like {@code keras.ops.hsplit(x, sections)}. */
    public static java.util.List<Tensor> hsplit(Tensor x, int sections) {
        return ArraySplit.split(ArraySplit.HSPLIT, x, sections);
    }

    /** Splits x at {@code indices} along axis 1 (0 for a vector), like {@code keras.ops.hsplit(x, indices)}. */
    public static java.util.List<Tensor> hsplit(Tensor x, int[] indices) {
        return ArraySplit.split(ArraySplit.HSPLIT, x, indices.clone());
    }

    /** Splits x (2 axes or more) into equal parts along axis 0, like {@code keras.ops.vsplit(x, sections)}. */
    public static java.util.List<Tensor> vsplit(Tensor x, int sections) {
        return ArraySplit.split(ArraySplit.VSPLIT, x, sections);
    }

    /** Splits x (2 axes or more) at {@code indices} along axis 0, like {@code keras.ops.vsplit(x, indices)}. */
    public static java.util.List<Tensor> vsplit(Tensor x, int[] indices) {
        return ArraySplit.split(ArraySplit.VSPLIT, x, indices.clone());
    }

    /** Splits x (3 axes or more) into equal parts along axis 2, like {@code keras.ops.dsplit(x, sections)}. */
    public static java.util.List<Tensor> dsplit(Tensor x, int sections) {
        return ArraySplit.split(ArraySplit.DSPLIT, x, sections);
    }

    /** Splits x (3 axes or more) at {@code indices} along axis 2, like {@code keras.ops.dsplit(x, indices)}. */
    public static java.util.List<Tensor> dsplit(Tensor x, int[] indices) {
        return ArraySplit.split(ArraySplit.DSPLIT, x, indices.clone());
    }

    /**
     * Of a vector, the square matrix with it on the main diagonal; of a matrix, its main diagonal, like
     * {@code keras.ops.diag(x)}.
     */
    public static Tensor diag(Tensor x) {
        return Diagonals.diag(x, 0);
    }

    /** As {@link #diag(Tensor)} on diagonal {@code k} (k > 0 above the main one), like {@code keras.ops.diag}. */
    public static Tensor diag(Tensor x, int k) {
        return Diagonals.diag(x, k);
    }

    /** The square matrix with x flattened on its main diagonal, like {@code keras.ops.diagflat(x)}. */
    public static Tensor diagflat(Tensor x) {
        return Diagonals.diagflat(x, 0);
    }

    /** The square matrix with x flattened on diagonal {@code k}, like {@code keras.ops.diagflat(x, k)}. */
    public static Tensor diagflat(Tensor x, int k) {
        return Diagonals.diagflat(x, k);
    }

    /**
     * The main diagonal of the matrices in axes 0 and 1, moved to the last axis, like
     * {@code keras.ops.diagonal(x)} (numpy's axes, not the last two).
     */
    public static Tensor diagonal(Tensor x) {
        return Diagonals.diagonal(x, 0, 0, 1);
    }

    /**
     * The diagonal at {@code offset} of the matrices in axes {@code axis1} and {@code axis2}, moved to the last axis,
     * like {@code keras.ops.diagonal(x, offset, axis1, axis2)}.
     */
    public static Tensor diagonal(Tensor x, int offset, int axis1, int axis2) {
        return Diagonals.diagonal(x, offset, axis1, axis2);
    }

    /** The sum of the main diagonal of the matrices in axes 0 and 1, like {@code keras.ops.trace(x)}. */
    public static Tensor trace(Tensor x) {
        return Diagonals.trace(x, 0, 0, 1);
    }

    /** The sum of a diagonal, like {@code keras.ops.trace(x, offset, axis1, axis2)}. */
    public static Tensor trace(Tensor x, int offset, int axis1, int axis2) {
        return Diagonals.trace(x, offset, axis1, axis2);
    }

    /** The n x n matrix of ones on and below the main diagonal, like {@code keras.ops.tri(N)}. */
    public static Tensor tri(int n) {
        return Creation.tri(n, n, 0);
    }

    /** The n x m matrix of ones on and below diagonal {@code k}, zeros above, like {@code keras.ops.tri(N, M, k)}. */
    public static Tensor tri(int n, int m, int k) {
        return Creation.tri(n, m, k);
    }

    /** The n x n identity matrix, like {@code keras.ops.eye(N)}. */
    public static Tensor eye(int n) {
        return Tensor.eye(n);
    }

    /** The n x m matrix with ones on the main diagonal, like {@code keras.ops.eye(N, M)}. */
    public static Tensor eye(int n, int m) {
        return Tensor.eye(n, m);
    }

    /** The n x m matrix with ones on diagonal {@code k} (k > 0 above the main one), like {@code keras.ops.eye}. */
    public static Tensor eye(int n, int m, int k) {
        return Tensor.eye(n, m, k);
    }

    /** The n x n identity matrix, like {@code keras.ops.identity(n)}. */
    public static Tensor identity(int n) {
        return Tensor.eye(n);
    }

    /** The vector {@code 0, 1, ..., } below {@code stop}, like {@code keras.ops.arange(stop)}. */
    public static Tensor arange(float stop) {
        return Tensor.arange(0, stop, 1);
    }

    /** The vector {@code start, start + 1, ...} below {@code stop}, like {@code keras.ops.arange(start, stop)}. */
    public static Tensor arange(float start, float stop) {
        return Tensor.arange(start, stop, 1);
    }

    /**
     * The vector {@code start, start + step, ...} short of {@code stop} (a negative step counts down), like
     * {@code keras.ops.arange(start, stop, step)}.
     */
    public static Tensor arange(float start, float stop, float step) {
        return Tensor.arange(start, stop, step);
    }

    /**
     * {@code keras.ops.arange(start, stop, step, dtype)}: as {@link #arange(float, float, float)} in {@code dtype}
     * (null: float32, where Keras infers int32 from integer arguments, which gives the same whole numbers; a Keras
     * dtype as {@link #cast} takes it). An integer dtype truncates start and step toward zero first and then counts,
     * wrapping at the type's width, as JAX's: {@code arange(0.5f, 5, 1.5f, "int32")} is {@code [0, 1, 2]} (the
     * length still {@code ceil((stop - start) / step)}), {@code arange(250, 260, 1, "int8")} starts at -6. float16
     * and bfloat16 round the values. The result is a constant held in float32, as Strata holds integers.
     *
     * @throws IllegalArgumentException for a zero or non-finite step, non-finite bounds, {@code bool} (JAX refuses
     *     it) or an unknown dtype
     */
    public static Tensor arange(float start, float stop, float step, String dtype) {
        return Creation.arange(start, stop, step, dtype);
    }

    /** 50 evenly spaced values from start to stop inclusive, like {@code keras.ops.linspace(start, stop)}. */
    public static Tensor linspace(float start, float stop) {
        return linspace(start, stop, 50, true);
    }

    /** {@code num} evenly spaced values from start to stop inclusive, like {@code keras.ops.linspace}. */
    public static Tensor linspace(float start, float stop, int num) {
        return linspace(start, stop, num, true);
    }

    /**
     * {@code num} evenly spaced values from start to stop, stop included only with {@code endpoint}, like
     * {@code keras.ops.linspace(start, stop, num, endpoint)}; for tensor bounds, {@code axis}, {@code dtype} and
     * {@code retstep}, see {@link #linspace(Tensor, Tensor, int, boolean, boolean, String, int)}.
     */
    public static Tensor linspace(float start, float stop, int num, boolean endpoint) {
        return Spaced.linspace(Tensor.scalar(start), Tensor.scalar(stop), num, endpoint, null, 0);
    }

    /** {@code keras.ops.linspace(start, stop, num)} of tensor bounds (broadcast), the samples along axis 0. */
    public static Tensor linspace(Tensor start, Tensor stop, int num) {
        return Spaced.linspace(start, stop, num, true, null, 0);
    }

    /**
     * {@code keras.ops.linspace(start, stop, num, endpoint, dtype=dtype, axis=axis)}: {@code num} evenly spaced
     * samples from {@code start} to {@code stop} (tensors, broadcast against each other; stop is the last sample
     * only with {@code endpoint}), along a new axis {@code axis} of the result, whose shape is the broadcast bounds'
     * with {@code num} inserted at {@code axis}. Values are JAX's float32 {@code start·(1 - t) + stop·t},
     * {@code t = i / (num - 1)} (or {@code i / num} without the endpoint). {@code dtype}: null for float32, or a Keras
     * dtype as {@link #cast} takes it (an integer type floors the samples, as JAX's, and then they have no gradient).
     * Differentiable in start and stop; traces (saved as Keras's {@code Linspace}).
     *
     * @throws IllegalArgumentException for a negative num or an unknown dtype
     * @throws dev.strata.ShapeException if start and stop do not broadcast or axis is out of range
     */
    public static Tensor linspace(Tensor start, Tensor stop, int num, boolean endpoint, String dtype, int axis) {
        return Spaced.linspace(start, stop, num, endpoint, dtype, axis);
    }

    /**
     * {@code keras.ops.linspace(start, stop, num, endpoint, retstep, dtype, axis)}: {@code [samples]}, or with
     * {@code retstep} {@code [samples, step]}, the step of the broadcast bounds' shape, {@code (stop - start) / (num
     * - 1)} (or {@code / num} without the endpoint; {@code stop - start} for one sample without the endpoint, a NaN
     * scalar for one with it or for none), as JAX's; the step is not cast to {@code dtype}, as JAX's. Symbolically the
     * step is made of subtract and divide nodes (Keras's symbolic linspace gives None for it).
     */
    public static java.util.List<Tensor> linspace(Tensor start, Tensor stop, int num, boolean endpoint,
                                                  boolean retstep, String dtype, int axis) {
        Tensor samples = Spaced.linspace(start, stop, num, endpoint, dtype, axis);
        return retstep ? java.util.List.of(samples, Spaced.step(start, stop, num, endpoint))
                : java.util.List.of(samples);
    }

    /** 50 values {@code 10^e}, e evenly spaced from start to stop, like {@code keras.ops.logspace(start, stop)}. */
    public static Tensor logspace(float start, float stop) {
        return logspace(start, stop, 50, true, 10);
    }

    /** {@code num} values {@code 10^e}, e evenly spaced from start to stop, like {@code keras.ops.logspace}. */
    public static Tensor logspace(float start, float stop, int num) {
        return logspace(start, stop, num, true, 10);
    }

    /**
     * {@code num} values {@code base^e}, e evenly spaced from start to stop (included with {@code endpoint}), like
     * {@code keras.ops.logspace(start, stop, num, endpoint, base)}.
     */
    public static Tensor logspace(float start, float stop, int num, boolean endpoint, float base) {
        return Spaced.logspace(Tensor.scalar(start), Tensor.scalar(stop), num, endpoint, Spaced.base(base), null, 0);
    }

    /**
     * {@code keras.ops.logspace(start, stop, num, endpoint, base, dtype, axis)}: {@code base ** linspace(start, stop,
     * num, endpoint, axis=axis)} of tensor bounds (broadcast; {@code base} a number, as Keras's op keeps it in its
     * config), then in {@code dtype} (null: float32; an integer type floors). Differentiable in start and stop;
     * traces (saved as Keras's {@code Logspace}).
     *
     * @throws IllegalArgumentException for a negative num or an unknown dtype
     * @throws dev.strata.ShapeException if start and stop do not broadcast or axis is out of range
     */
    public static Tensor logspace(Tensor start, Tensor stop, int num, boolean endpoint, float base, String dtype,
                                  int axis) {
        return Spaced.logspace(start, stop, num, endpoint, Spaced.base(base), dtype, axis);
    }

    /** 50 values in geometric progression from start to stop, like {@code keras.ops.geomspace(start, stop)}. */
    public static Tensor geomspace(float start, float stop) {
        return geomspace(start, stop, 50, true);
    }

    /**
     * {@code num} values in geometric progression from start to stop (non-zero; stop included with
     * {@code endpoint}), like {@code keras.ops.geomspace(start, stop, num, endpoint)}.
     */
    public static Tensor geomspace(float start, float stop, int num, boolean endpoint) {
        return Spaced.geomspace(Tensor.scalar(start), Tensor.scalar(stop), num, endpoint, null, 0);
    }

    /**
     * {@code keras.ops.geomspace(start, stop, num, endpoint, dtype, axis)}: a geometric progression from each start
     * to its stop (tensors, broadcast), JAX's {@code sign(start) · 10 ** linspace(log10(start / sign), log10(stop /
     * sign))} along a new axis {@code axis} (endpoints within rounding, as JAX's; bounds of opposite signs give NaN,
     * as JAX's), then in {@code dtype} (null: float32). Differentiable in start and stop; traces (saved as Keras's
     * {@code Geomspace}).
     *
     * @throws IllegalArgumentException for a zero in start or stop (numpy raises; JAX would give NaN), a negative
     *     num or an unknown dtype
     * @throws dev.strata.ShapeException if start and stop do not broadcast or axis is out of range
     */
    public static Tensor geomspace(Tensor start, Tensor stop, int num, boolean endpoint, String dtype, int axis) {
        return Spaced.geomspace(start, stop, num, endpoint, dtype, axis);
    }

    /** A tensor of zeros, like {@code keras.ops.zeros(shape)}. */
    public static Tensor zeros(int... shape) {
        return Tensor.zeros(shape);
    }

    /** A tensor of ones, like {@code keras.ops.ones(shape)}. */
    public static Tensor ones(int... shape) {
        return Tensor.ones(shape);
    }

    /** A tensor of {@code fillValue}, like {@code keras.ops.full(shape, fill_value)}. */
    public static Tensor full(int[] shape, float fillValue) {
        return Tensor.full(Shape.of(shape), fillValue);
    }

    /**
     * A tensor of the shape with unspecified contents, like {@code keras.ops.empty(shape)}: Strata gives zeros.
     */
    public static Tensor empty(int... shape) {
        return Tensor.zeros(shape);
    }

    /** Zeros of x's shape, like {@code keras.ops.zeros_like(x)}. No gradient reaches x (JAX's is zero). */
    public static Tensor zerosLike(Tensor x) {
        return FillLike.apply(FillLike.ZEROS_LIKE, x, 0f);
    }

    /** Ones of x's shape, like {@code keras.ops.ones_like(x)}. No gradient reaches x (JAX's is zero). */
    public static Tensor onesLike(Tensor x) {
        return FillLike.apply(FillLike.ONES_LIKE, x, 1f);
    }

    /** {@code fillValue} in x's shape, like {@code keras.ops.full_like(x, fill_value)}. No gradient reaches x. */
    public static Tensor fullLike(Tensor x, float fillValue) {
        return FillLike.apply(FillLike.FULL_LIKE, x, fillValue);
    }

    /** A tensor of x's shape, like {@code keras.ops.empty_like(x)}: Strata gives zeros. No gradient reaches x. */
    public static Tensor emptyLike(Tensor x) {
        return FillLike.apply(FillLike.EMPTY_LIKE, x, 0f);
    }

    /** A tensor over a copy of {@code values} in the given shape (a vector if none), like {@code keras.ops.array}. */
    public static Tensor array(float[] values, int... shape) {
        return Tensor.of(values, shape);
    }

    /** A matrix from rows of one length, like {@code keras.ops.array([[...], ...])}. */
    public static Tensor array(float[][] rows) {
        return Tensor.of(rows);
    }

    /** A copy of x in new storage, like {@code keras.ops.copy(x)}. Gradient: g. */
    public static Tensor copy(Tensor x) {
        return Copy.apply(x);
    }

    /**
     * Coordinate grids from vectors, like {@code keras.ops.meshgrid(*x)} (Cartesian "xy" indexing: with two or more
     * inputs the first two output axes are swapped).
     */
    public static java.util.List<Tensor> meshgrid(Tensor... xs) {
        return Meshgrid.apply(java.util.List.of(xs), "xy");
    }

    /** Coordinate grids with {@code indexing} "xy" or "ij" (matrix), like {@code keras.ops.meshgrid(*x, indexing)}. */
    public static java.util.List<Tensor> meshgrid(java.util.List<? extends Tensor> xs, String indexing) {
        return Meshgrid.apply(xs, indexing);
    }

    /** The square Vandermonde matrix of vector x (decreasing powers), like {@code keras.ops.vander(x)}. */
    public static Tensor vander(Tensor x) {
        return Vander.apply(x, null, false);
    }

    /**
     * The Vandermonde matrix of vector x with {@code n} columns (null: x's length), powers increasing left to right
     * with {@code increasing}, like {@code keras.ops.vander(x, N, increasing)}. Gradient: power's.
     */
    public static Tensor vander(Tensor x, Integer n, boolean increasing) {
        return Vander.apply(x, n, increasing);
    }

    /**
     * At each position the value of the first choice whose condition holds, else 0, like
     * {@code keras.ops.select(condlist, choicelist)}; conditions and choices broadcast together. Gradient: to the
     * chosen values.
     */
    public static Tensor select(java.util.List<? extends Tensor> condlist, java.util.List<? extends Tensor> choicelist) {
        return Select.apply(condlist, choicelist, 0f);
    }

    /** As {@link #select(java.util.List, java.util.List)}, with {@code defaultValue} where no condition holds. */
    public static Tensor select(java.util.List<? extends Tensor> condlist, java.util.List<? extends Tensor> choicelist,
                                float defaultValue) {
        return Select.apply(condlist, choicelist, defaultValue);
    }

    /**
     * The coordinates of x's non-zero elements, one vector per axis, like {@code keras.ops.nonzero(x)}. Eager only
     * (how many there are depends on the values): a symbolic x is an error.
     */
    public static java.util.List<Tensor> nonzero(Tensor x) {
        return Nonzero.apply(x, "nonzero");
    }

    /** With one argument, {@code keras.ops.where(condition)} is {@link #nonzero}: eager only. */
    public static java.util.List<Tensor> where(Tensor condition) {
        return Nonzero.apply(condition, "where");
    }

    /**
     * Flat indices as coordinates in {@code shape}, one tensor per axis, like
     * {@code keras.ops.unravel_index(indices, shape)}; negative indices count from the end, others outside the
     * shape's size are an error. Not differentiable.
     */
    public static java.util.List<Tensor> unravelIndex(Tensor indices, int... shape) {
        return UnravelIndex.apply(indices, shape.clone());
    }

    /**
     * numpy's basic indexing {@code x[key]} with the key written as in Python: {@code getItem(x, "1:3, None, ...")}
     * is {@code x[1:3, None, ...]}. Items: integers (the axis is removed; negative counts from the end), slices
     * {@code start:stop:step} (clamped as Python's), {@code None} (a new axis) and one {@code ...}. Saved as Keras's
     * GetItem op, which is what Python slicing of a Keras tensor records. Gradient: g scattered back.
     */
    public static Tensor getItem(Tensor x, String key) {
        return GetItem.apply(x, GetItem.parse(key));
    }

    /** The Bartlett (triangular) window of length m, like {@code keras.ops.bartlett(m)}. */
    public static Tensor bartlett(int m) {
        return Creation.window("bartlett", m);
    }

    /** The Blackman window of length m, like {@code keras.ops.blackman(m)}. */
    public static Tensor blackman(int m) {
        return Creation.window("blackman", m);
    }

    /** The Hamming window of length m, like {@code keras.ops.hamming(m)}. */
    public static Tensor hamming(int m) {
        return Creation.window("hamming", m);
    }

    /** The Hann window of length m, like {@code keras.ops.hanning(m)}. */
    public static Tensor hanning(int m) {
        return Creation.window("hanning", m);
    }

    /** The Kaiser window of length m with shape parameter {@code beta}, like {@code keras.ops.kaiser(m, beta)}. */
    public static Tensor kaiser(int m, float beta) {
        return Creation.kaiser(m, beta);
    }

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
        return Quantiles.apply("quantile", x, new float[] {q}, true, axis, method, keepDims);
    }

    /**
     * {@code keras.ops.quantile(x, q, axis=(a, b, ...), method, keepdims)}: over several axes at once (their elements
     * pooled); keepdims keeps each as size 1. Saved with the axis list.
     */
    public static Tensor quantile(Tensor x, float q, int[] axes, String method, boolean keepDims) {
        return Quantiles.apply("quantile", x, new float[] {q}, true, axes, method, keepDims);
    }

    /** {@code keras.ops.quantile(x, [q...], axis, method, keepdims)}: a leading axis, one entry per q. */
    public static Tensor quantile(Tensor x, float[] q, Integer axis, String method, boolean keepDims) {
        return Quantiles.apply("quantile", x, q.clone(), false, axis, method, keepDims);
    }

    /** {@code keras.ops.quantile(x, [q...], axis=(a, b, ...), method, keepdims)}: several q over several axes. */
    public static Tensor quantile(Tensor x, float[] q, int[] axes, String method, boolean keepDims) {
        return Quantiles.apply("quantile", x, q.clone(), false, axes, method, keepDims);
    }

    /** {@code keras.ops.percentile(x, q)}: the q-th percentile (q in [0, 100]) of all elements. */
    public static Tensor percentile(Tensor x, float q) {
        return Quantiles.apply("percentile", x, new float[] {q}, true, null, "linear", false);
    }

    /** {@code keras.ops.percentile(x, q, axis, method, keepdims)}: quantile {@code q / 100}. */
    public static Tensor percentile(Tensor x, float q, Integer axis, String method, boolean keepDims) {
        return Quantiles.apply("percentile", x, new float[] {q}, true, axis, method, keepDims);
    }

    /**
     * {@code keras.ops.percentile(x, q, axis=(a, b, ...), method, keepdims)}: over several axes at once (their elements
     * pooled); keepdims keeps each as size 1. Saved with the axis list.
     */
    public static Tensor percentile(Tensor x, float q, int[] axes, String method, boolean keepDims) {
        return Quantiles.apply("percentile", x, new float[] {q}, true, axes, method, keepDims);
    }

    /** {@code keras.ops.percentile(x, [q...], axis, method, keepdims)}: a leading axis, one entry per q. */
    public static Tensor percentile(Tensor x, float[] q, Integer axis, String method, boolean keepDims) {
        return Quantiles.apply("percentile", x, q.clone(), false, axis, method, keepDims);
    }

    /** {@code keras.ops.percentile(x, [q...], axis=(a, b, ...), method, keepdims)}: several q over several axes. */
    public static Tensor percentile(Tensor x, float[] q, int[] axes, String method, boolean keepDims) {
        return Quantiles.apply("percentile", x, q.clone(), false, axes, method, keepDims);
    }

    /** {@code keras.ops.nanquantile(x, q, axis, method, keepdims)}: quantile ignoring NaNs (all NaN: NaN). */
    public static Tensor nanquantile(Tensor x, float q, Integer axis, String method, boolean keepDims) {
        return Quantiles.apply("nanquantile", x, new float[] {q}, true, axis, method, keepDims);
    }

    /**
     * {@code keras.ops.nanquantile(x, q, axis=(a, b, ...), method, keepdims)}: over several axes at once (their elements
     * pooled); keepdims keeps each as size 1. Saved with the axis list.
     */
    public static Tensor nanquantile(Tensor x, float q, int[] axes, String method, boolean keepDims) {
        return Quantiles.apply("nanquantile", x, new float[] {q}, true, axes, method, keepDims);
    }

    /** {@code keras.ops.nanquantile(x, [q...], axis, method, keepdims)}. */
    public static Tensor nanquantile(Tensor x, float[] q, Integer axis, String method, boolean keepDims) {
        return Quantiles.apply("nanquantile", x, q.clone(), false, axis, method, keepDims);
    }

    /** {@code keras.ops.nanquantile(x, [q...], axis=(a, b, ...), method, keepdims)}: several q over several axes. */
    public static Tensor nanquantile(Tensor x, float[] q, int[] axes, String method, boolean keepDims) {
        return Quantiles.apply("nanquantile", x, q.clone(), false, axes, method, keepDims);
    }

    /** {@code keras.ops.nanpercentile(x, q, axis, method, keepdims)}: percentile ignoring NaNs. */
    public static Tensor nanpercentile(Tensor x, float q, Integer axis, String method, boolean keepDims) {
        return Quantiles.apply("nanpercentile", x, new float[] {q}, true, axis, method, keepDims);
    }

    /**
     * {@code keras.ops.nanpercentile(x, q, axis=(a, b, ...), method, keepdims)}: over several axes at once (their elements
     * pooled); keepdims keeps each as size 1. Saved with the axis list.
     */
    public static Tensor nanpercentile(Tensor x, float q, int[] axes, String method, boolean keepDims) {
        return Quantiles.apply("nanpercentile", x, new float[] {q}, true, axes, method, keepDims);
    }

    /** {@code keras.ops.nanpercentile(x, [q...], axis, method, keepdims)}. */
    public static Tensor nanpercentile(Tensor x, float[] q, Integer axis, String method, boolean keepDims) {
        return Quantiles.apply("nanpercentile", x, q.clone(), false, axis, method, keepDims);
    }

    /** {@code keras.ops.nanpercentile(x, [q...], axis=(a, b, ...), method, keepdims)}: several q over several axes. */
    public static Tensor nanpercentile(Tensor x, float[] q, int[] axes, String method, boolean keepDims) {
        return Quantiles.apply("nanpercentile", x, q.clone(), false, axes, method, keepDims);
    }

    /** {@code keras.ops.nanmedian(x, axis, keepdims)} (axis null: all): the median ignoring NaNs. */
    public static Tensor nanmedian(Tensor x, Integer axis, boolean keepDims) {
        return Quantiles.median(x, axis, keepDims, true);
    }

    /** {@code keras.ops.nanmedian(x, axis=(a, b, ...), keepdims)}: the median ignoring NaNs over several axes. */
    public static Tensor nanmedian(Tensor x, int[] axes, boolean keepDims) {
        return Quantiles.median(x, axes, keepDims, true);
    }

    /** {@code keras.ops.nanmedian(x)}. */
    public static Tensor nanmedian(Tensor x) {
        return Quantiles.median(x, null, false, true);
    }

    /** {@code keras.ops.nansum(x, axis, keepdims)} (axis null: all): the sum with NaNs as 0 (no gradient to them). */
    public static Tensor nansum(Tensor x, Integer axis, boolean keepDims) {
        return NanReductions.reduce("nansum", x, axis, keepDims);
    }

    /** {@code keras.ops.nansum(x, axis=(a, b, ...), keepdims)}: over several axes at once. */
    public static Tensor nansum(Tensor x, int[] axes, boolean keepDims) {
        return NanReductions.reduce("nansum", x, axes, keepDims);
    }

    /** {@code keras.ops.nansum(x)}. */
    public static Tensor nansum(Tensor x) {
        return NanReductions.reduce("nansum", x, null, false);
    }

    /** {@code keras.ops.nanmean(x, axis, keepdims)}: the mean of the non-NaN values (none: NaN). */
    public static Tensor nanmean(Tensor x, Integer axis, boolean keepDims) {
        return NanReductions.reduce("nanmean", x, axis, keepDims);
    }

    /** {@code keras.ops.nanmean(x, axis=(a, b, ...), keepdims)}: over several axes at once. */
    public static Tensor nanmean(Tensor x, int[] axes, boolean keepDims) {
        return NanReductions.reduce("nanmean", x, axes, keepDims);
    }

    /** {@code keras.ops.nanmean(x)}. */
    public static Tensor nanmean(Tensor x) {
        return NanReductions.reduce("nanmean", x, null, false);
    }

    /** {@code keras.ops.nanmax(x, axis, keepdims)}: the maximum of the non-NaN values (none: NaN). */
    public static Tensor nanmax(Tensor x, Integer axis, boolean keepDims) {
        return NanReductions.reduce("nanmax", x, axis, keepDims);
    }

    /** {@code keras.ops.nanmax(x, axis=(a, b, ...), keepdims)}: over several axes at once. */
    public static Tensor nanmax(Tensor x, int[] axes, boolean keepDims) {
        return NanReductions.reduce("nanmax", x, axes, keepDims);
    }

    /** {@code keras.ops.nanmax(x)}. */
    public static Tensor nanmax(Tensor x) {
        return NanReductions.reduce("nanmax", x, null, false);
    }

    /** {@code keras.ops.nanmin(x, axis, keepdims)}: the minimum of the non-NaN values (none: NaN). */
    public static Tensor nanmin(Tensor x, Integer axis, boolean keepDims) {
        return NanReductions.reduce("nanmin", x, axis, keepDims);
    }

    /** {@code keras.ops.nanmin(x, axis=(a, b, ...), keepdims)}: over several axes at once. */
    public static Tensor nanmin(Tensor x, int[] axes, boolean keepDims) {
        return NanReductions.reduce("nanmin", x, axes, keepDims);
    }

    /** {@code keras.ops.nanmin(x)}. */
    public static Tensor nanmin(Tensor x) {
        return NanReductions.reduce("nanmin", x, null, false);
    }

    /** {@code keras.ops.nanprod(x, axis, keepdims)}: the product with NaNs as 1. */
    public static Tensor nanprod(Tensor x, Integer axis, boolean keepDims) {
        return NanReductions.reduce("nanprod", x, axis, keepDims);
    }

    /** {@code keras.ops.nanprod(x, axis=(a, b, ...), keepdims)}: over several axes at once. */
    public static Tensor nanprod(Tensor x, int[] axes, boolean keepDims) {
        return NanReductions.reduce("nanprod", x, axes, keepDims);
    }

    /** {@code keras.ops.nanprod(x)}. */
    public static Tensor nanprod(Tensor x) {
        return NanReductions.reduce("nanprod", x, null, false);
    }

    /** {@code keras.ops.nanstd(x, axis, keepdims)}: the population standard deviation of the non-NaN values. */
    public static Tensor nanstd(Tensor x, Integer axis, boolean keepDims) {
        return NanReductions.reduce("nanstd", x, axis, keepDims);
    }

    /** {@code keras.ops.nanstd(x, axis=(a, b, ...), keepdims)}: over several axes at once. */
    public static Tensor nanstd(Tensor x, int[] axes, boolean keepDims) {
        return NanReductions.reduce("nanstd", x, axes, keepDims);
    }

    /** {@code keras.ops.nanstd(x)}. */
    public static Tensor nanstd(Tensor x) {
        return NanReductions.reduce("nanstd", x, null, false);
    }

    /** {@code keras.ops.nanvar(x, axis, keepdims)}: the population variance of the non-NaN values (none: NaN). */
    public static Tensor nanvar(Tensor x, Integer axis, boolean keepDims) {
        return NanReductions.reduce("nanvar", x, axis, keepDims);
    }

    /** {@code keras.ops.nanvar(x, axis=(a, b, ...), keepdims)}: over several axes at once. */
    public static Tensor nanvar(Tensor x, int[] axes, boolean keepDims) {
        return NanReductions.reduce("nanvar", x, axes, keepDims);
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
     * value, {@code max(max(x) + 1, minlength)} long. Differentiable in the weights. Traced, x and weights alike, with
     * Keras's symbolic shape {@code x.shape[:-1] + (None,)}: the length is the data's, known when the graph runs.
     * Saved as Keras's Bincount ({@code weights=None, minlength, sparse=False}) when unweighted; Keras 3.15 cannot
     * save one with weights, so a graph holding a weighted bincount fails to save, saying so. Keras runs a saved
     * bincount only on integers: give it {@code cast(x, "int32")}.
     */
    public static Tensor bincount(Tensor x, Tensor weights, int minlength) {
        return Searching.bincount(x, weights, minlength);
    }

    /**
     * {@code keras.ops.bincount(x, weights, minlength, sparse)}: {@code sparse=true} (a sparse result) is refused, as
     * Strata has no sparse tensors; {@code false} is {@link #bincount(Tensor, Tensor, int)}.
     *
     * @throws IllegalArgumentException for {@code sparse=true}
     */
    public static Tensor bincount(Tensor x, Tensor weights, int minlength, boolean sparse) {
        if (sparse) {
            throw new IllegalArgumentException("bincount: sparse=True asks for a sparse tensor, which Strata does not "
                    + "have; use sparse=False (the dense result holds the same values)");
        }
        return Searching.bincount(x, weights, minlength);
    }

    /**
     * {@code keras.ops.histogram(x, bins, range)}: {@code [counts, edges]} of 1-D x in {@code bins} equal bins over
     * {@code range} ({@code {lo, hi}}, or null for x's min and max), as {@code jnp.histogram}. Traced with Keras's
     * symbolic shapes {@code (bins,)} and {@code (bins + 1,)} for an x of any length (the range and counts come from
     * the data when it runs), and saved with {@code bins} and {@code range}. Counts are not differentiable; edges
     * computed from x are, through its min and max (JAX's gradient, split evenly among ties).
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
     * are always sorted, as JAX's ({@code sorted} is unused there too). {@code axis} null: the distinct values of x
     * flattened (inverse of x's shape); else the distinct slices along {@code axis} (compared whole, ordered
     * lexicographically; a slice holding NaN equals no other, as Keras's {@code equal_nan=False}), values of x's shape
     * with that axis cut to their count, inverse of length {@code x.shape[axis]}. {@code size} (null: as many as
     * there are) cuts or pads to that length with {@code fillValue} (null: the first distinct value or slice; padded
     * index: the first index, count 0). Eager only; no gradient, as JAX's integer outputs and data-dependent shape.
     *
     * @throws IllegalArgumentException for a symbolic x or a negative size
     * @throws dev.strata.ShapeException for an axis out of range
     */
    public static java.util.List<Tensor> unique(Tensor x, boolean sorted, boolean returnIndex, boolean returnInverse,
                                                boolean returnCounts, Integer axis, Integer size, Float fillValue) {
        if (axis != null) {
            return Searching.uniqueAlong(x, axis, returnIndex, returnInverse, returnCounts, size, fillValue);
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

    /**
     * The sum of each segment of data's rows, like {@code keras.ops.segment_sum(data, segment_ids, num_segments)}:
     * row i of data (its first axis) is added into row {@code segment_ids[i]} of the result, of shape
     * {@code (numSegments,) + data.shape[1:]}. The ids are whole numbers (a fraction is an error); rows whose id is
     * outside {@code [0, numSegments)} are dropped and empty segments are 0, as with Keras's JAX backend (which
     * requires num_segments, as here). Gradient: each row gets its segment's gradient.
     */
    public static Tensor segmentSum(Tensor data, Tensor segmentIds, int numSegments) {
        return Segment.apply(Segment.Kind.SUM, data, segmentIds, numSegments, false);
    }

    /**
     * {@link #segmentSum(Tensor, Tensor, int)} with Keras's {@code sorted} hint (the ids are sorted), which is saved;
     * the result does not depend on it.
     */
    public static Tensor segmentSum(Tensor data, Tensor segmentIds, int numSegments, boolean sorted) {
        return Segment.apply(Segment.Kind.SUM, data, segmentIds, numSegments, sorted);
    }

    /**
     * The maximum of each segment of data's rows, like {@code keras.ops.segment_max(data, segment_ids,
     * num_segments)} (see {@link #segmentSum(Tensor, Tensor, int)} for ids and shapes); an empty segment is -inf,
     * and NaN in a segment makes it NaN. Gradient: to the rows equal to their segment's maximum, split equally
     * among ties, as JAX's.
     */
    public static Tensor segmentMax(Tensor data, Tensor segmentIds, int numSegments) {
        return Segment.apply(Segment.Kind.MAX, data, segmentIds, numSegments, false);
    }

    /** {@link #segmentMax(Tensor, Tensor, int)} with Keras's {@code sorted} hint, which is saved. */
    public static Tensor segmentMax(Tensor data, Tensor segmentIds, int numSegments, boolean sorted) {
        return Segment.apply(Segment.Kind.MAX, data, segmentIds, numSegments, sorted);
    }

    /**
     * The minimum of each segment of data's rows, like {@code keras.ops.segment_min(data, segment_ids,
     * num_segments)}; an empty segment is +inf. Gradient as {@link #segmentMax(Tensor, Tensor, int)}'s.
     */
    public static Tensor segmentMin(Tensor data, Tensor segmentIds, int numSegments) {
        return Segment.apply(Segment.Kind.MIN, data, segmentIds, numSegments, false);
    }

    /** {@link #segmentMin(Tensor, Tensor, int)} with Keras's {@code sorted} hint, which is saved. */
    public static Tensor segmentMin(Tensor data, Tensor segmentIds, int numSegments, boolean sorted) {
        return Segment.apply(Segment.Kind.MIN, data, segmentIds, numSegments, sorted);
    }

    /**
     * The product of each segment of data's rows, like {@code keras.ops.segment_prod(data, segment_ids,
     * num_segments)}; an empty segment is 1. Not differentiable: Keras's JAX backend cannot differentiate it
     * ({@code scatter_mul} gradients need unique indices), so a gradient through it is an error.
     */
    public static Tensor segmentProd(Tensor data, Tensor segmentIds, int numSegments) {
        return Segment.apply(Segment.Kind.PROD, data, segmentIds, numSegments, false);
    }

    /** {@link #segmentProd(Tensor, Tensor, int)} with Keras's {@code sorted} hint, which is saved. */
    public static Tensor segmentProd(Tensor data, Tensor segmentIds, int numSegments, boolean sorted) {
        return Segment.apply(Segment.Kind.PROD, data, segmentIds, numSegments, sorted);
    }

    /**
     * Whether each target class is among the {@code k} largest predictions, like {@code keras.ops.in_top_k(targets,
     * predictions, k)}: targets {@code (...)} (class indices, whole numbers; negative ones count from the end) and
     * predictions {@code (..., classes)} give 1 (true) or 0 of targets' shape. Ties with the target's prediction
     * count in its favour; a NaN prediction at the target is never above another. No gradient (a boolean result).
     */
    public static Tensor inTopK(Tensor targets, Tensor predictions, int k) {
        return InTopK.apply(targets, predictions, k);
    }

    /**
     * Pairwise Euclidean distances, like {@code keras.ops.cdist(x, y)}: x {@code (..., m, d)} and y
     * {@code (..., n, d)} give {@code (..., m, n)}, the batch axes broadcast. The gradient at a zero distance is NaN,
     * as JAX's.
     */
    public static Tensor cdist(Tensor x, Tensor y) {
        return CDist.apply(x, y);
    }

    /**
     * Frames of the last axis, like {@code keras.ops.extract_sequences(x, sequence_length, sequence_stride)}: x
     * {@code (..., n)} gives {@code (..., 1 + (n - sequenceLength) / sequenceStride, sequenceLength)} (no frames if n
     * is shorter than one), frame f starting at {@code f * sequenceStride}. Gradient: the overlap-add of g.
     */
    public static Tensor extractSequences(Tensor x, int sequenceLength, int sequenceStride) {
        return ExtractSequences.apply(x, sequenceLength, sequenceStride);
    }

    /**
     * The discrete Fourier transform along the last axis, like {@code keras.ops.fft(x)}: x and the result are
     * complex values as Keras gives them, {@code List.of(real, imag)} of one shape (Strata has no complex dtype).
     * Any length (radix-2, or Bluestein's algorithm otherwise), computed in double. Linear; differentiable in both
     * parts.
     */
    public static java.util.List<Tensor> fft(java.util.List<Tensor> x) {
        return Fft.fft(x);
    }

    /** The 2-D Fourier transform of the last two axes, like {@code keras.ops.fft2(x)}; x is {@code (real, imag)}. */
    public static java.util.List<Tensor> fft2(java.util.List<Tensor> x) {
        return Fft.fft2(x, false);
    }

    /**
     * The inverse 2-D Fourier transform of the last two axes (divided by their sizes), like
     * {@code keras.ops.ifft2(x)}; x is {@code (real, imag)}.
     */
    public static java.util.List<Tensor> ifft2(java.util.List<Tensor> x) {
        return Fft.fft2(x, true);
    }

    /**
     * The one-sided Fourier transform of real x along the last axis, like {@code keras.ops.rfft(x)}:
     * {@code List.of(real, imag)} of {@code n/2 + 1} bins for a last axis of n.
     */
    public static java.util.List<Tensor> rfft(Tensor x) {
        return Rfft.rfft(x, null);
    }

    /**
     * {@link #rfft(Tensor)} of x cut or zero-padded to {@code fftLength} along the last axis, like
     * {@code keras.ops.rfft(x, fft_length)}: {@code fftLength/2 + 1} bins.
     */
    public static java.util.List<Tensor> rfft(Tensor x, int fftLength) {
        return Rfft.rfft(x, fftLength);
    }

    /**
     * The real signal of a one-sided spectrum {@code (real, imag)} of m bins, like {@code keras.ops.irfft(x)}:
     * length {@code 2(m - 1)}. The imaginary parts of bin 0 and of the last bin are ignored, as numpy's.
     */
    public static Tensor irfft(java.util.List<Tensor> x) {
        return Rfft.irfft(x, null);
    }

    /**
     * {@link #irfft(java.util.List)} of length {@code fftLength} (the spectrum cut or zero-padded to
     * {@code fftLength/2 + 1} bins), like {@code keras.ops.irfft(x, fft_length)}; needed for odd lengths.
     */
    public static Tensor irfft(java.util.List<Tensor> x, int fftLength) {
        return Rfft.irfft(x, fftLength);
    }

    /**
     * The short-time Fourier transform along the last axis, like {@code keras.ops.stft(x, sequence_length,
     * sequence_stride, fft_length)} with a Hann window and centring: {@code List.of(real, imag)} of shape
     * {@code (..., frames, fftLength/2 + 1)}, frames {@code 1 + (n + 2*(fftLength/2) - fftLength) / sequenceStride}
     * for a signal of n samples (padded by reflection).
     */
    public static java.util.List<Tensor> stft(Tensor x, int sequenceLength, int sequenceStride, int fftLength) {
        return Stft.stft(x, sequenceLength, sequenceStride, fftLength, "hann", true);
    }

    /**
     * {@link #stft(Tensor, int, int, int)} with Keras's {@code window} ({@code "hann"}, {@code "hamming"}, or null
     * for none) and {@code center} (pad by {@code fftLength/2} on both sides by reflection, so frame t is centred at
     * {@code t * sequenceStride}; without it frame t starts there). The window may also be a tensor:
     * {@link #stft(Tensor, int, int, int, Tensor, boolean)}.
     */
    public static java.util.List<Tensor> stft(Tensor x, int sequenceLength, int sequenceStride, int fftLength,
                                              String window, boolean center) {
        return Stft.stft(x, sequenceLength, sequenceStride, fftLength, window, center);
    }

    /**
     * {@link #stft(Tensor, int, int, int, String, boolean)} with the window given as a tensor of shape
     * {@code (sequenceLength)}, as Keras's {@code window} array (centred in {@code fftLength} with zeros); a
     * ShapeException names any other shape. Differentiable in x and in the window. As in Keras, a model using a
     * tensor window cannot be saved (Keras's STFT keeps the window in its config): saving raises an error saying so.
     */
    public static java.util.List<Tensor> stft(Tensor x, int sequenceLength, int sequenceStride, int fftLength,
                                              Tensor window, boolean center) {
        return Stft.stft(x, sequenceLength, sequenceStride, fftLength, window, center);
    }

    /**
     * The inverse short-time Fourier transform, like {@code keras.ops.istft(x, sequence_length, sequence_stride,
     * fft_length)} with a Hann window and centring: x is the {@code (real, imag)} pair of shape
     * {@code (..., frames, bins)} that {@link #stft(Tensor, int, int, int)} gives with the same arguments.
     */
    public static Tensor istft(java.util.List<Tensor> x, int sequenceLength, int sequenceStride, int fftLength) {
        return Stft.istft(x, sequenceLength, sequenceStride, fftLength, null, "hann", true);
    }

    /**
     * {@link #istft(java.util.List, int, int, int)} with Keras's {@code length} (the output cut to that many samples;
     * null: no cut), {@code window} and {@code center}. The window may also be a tensor:
     * {@link #istft(java.util.List, int, int, int, Integer, Tensor, boolean)}.
     */
    public static Tensor istft(java.util.List<Tensor> x, int sequenceLength, int sequenceStride, int fftLength,
                               Integer length, String window, boolean center) {
        return Stft.istft(x, sequenceLength, sequenceStride, fftLength, length, window, center);
    }

    /**
     * {@link #istft(java.util.List, int, int, int, Integer, String, boolean)} with the window given as a tensor of
     * shape {@code (sequenceLength)}, as Keras's {@code window} array; a ShapeException names any other shape.
     * Differentiable in x and in the window (through the division by the overlap-added squared window, where that
     * is above 1e-10, and by the window's sum, as in JAX). As in Keras, a model using a tensor window cannot be
     * saved: saving raises an error saying so.
     */
    public static Tensor istft(java.util.List<Tensor> x, int sequenceLength, int sequenceStride, int fftLength,
                               Integer length, Tensor window, boolean center) {
        return Stft.istft(x, sequenceLength, sequenceStride, fftLength, length, window, center);
    }

    /**
     * The axes of x rearranged by an einops pattern, like {@code keras.ops.rearrange(tensor, pattern)}:
     * {@code "b h w c -> b c h w"} (a transpose), {@code "b h w c -> b (h w c)"} (a merge); {@code ...} stands for the
     * axes the names leave out and {@code ()} for an axis of length 1 (einops syntax Keras 3.15's parser lacks).
     * Gradient: a reshape and transpose's.
     */
    public static Tensor rearrange(Tensor x, String pattern) {
        return Rearrange.apply(x, pattern, java.util.Map.of());
    }

    /**
     * {@link #rearrange(Tensor, String)} with the lengths of the axes a group on the input side splits into, like
     * {@code keras.ops.rearrange(tensor, "b (h h1) w -> b h (h1 w)", h1=2)}: {@code Map.of("h1", 2)}; in each group
     * every length but one must be given.
     */
    public static Tensor rearrange(Tensor x, String pattern, java.util.Map<String, Integer> axesLengths) {
        return Rearrange.apply(x, pattern, axesLengths);
    }

    // =========================================================================================================
    // Linear algebra: decompositions and solvers (keras.ops.linalg)
    // =========================================================================================================

    /**
     * The inverse of each square matrix in the last two axes of {@code x (..., M, M)}, like
     * {@code keras.ops.inv(x)}; computed in double by LU with partial pivoting. A singular matrix is not an error, as
     * with Keras's JAX backend: the result holds infinities and NaN. Differentiable.
     */
    public static Tensor inv(Tensor x) {
        return Inv.apply(x);
    }

    /**
     * The solution of {@code a·x = b}, like {@code keras.ops.solve(a, b)}: {@code a (..., M, M)}, {@code b} a vector
     * {@code (M,)} or matrices {@code (..., M, K)}, batch axes broadcast; the result has b's shape (with the
     * broadcast batch). A singular a is not an error, as with Keras's JAX backend: infinities and NaN.
     * Differentiable in a and b.
     */
    public static Tensor solve(Tensor a, Tensor b) {
        return Solve.solve(a, b);
    }

    /** The determinant of each square matrix in the last two axes, like {@code keras.ops.det(x)}. Differentiable. */
    public static Tensor det(Tensor x) {
        return Determinant.det(x);
    }

    /**
     * The sign and the natural log of the absolute determinant, like {@code keras.ops.slogdet(x)}: two tensors of
     * x's batch shape, {@code [sign, logabsdet]}; a singular matrix gives sign 0 and -inf. The log is
     * differentiable ({@code inv(x)ᵀ}); the sign has a zero gradient.
     */
    public static java.util.List<Tensor> slogdet(Tensor x) {
        return Determinant.slogdet(x);
    }

    /**
     * The natural log of the determinant, like {@code keras.ops.logdet(x)}, meant for positive-definite matrices;
     * with Keras's JAX backend (and here) it is slogdet's {@code log|det|}, so a negative determinant gives the log
     * of its absolute value. Differentiable.
     */
    public static Tensor logdet(Tensor x) {
        return Determinant.logdet(x);
    }

    /** The lower Cholesky factor, {@link #cholesky(Tensor, boolean) cholesky(x, false)}. */
    public static Tensor cholesky(Tensor x) {
        return Cholesky.cholesky(x, false);
    }

    /**
     * The Cholesky factor of the symmetric positive-definite matrices in the last two axes, like
     * {@code keras.ops.cholesky(x, upper=False)}: L with {@code x = L·Lᵀ}, or {@code U = Lᵀ} when {@code upper}.
     * The symmetric part {@code (x + xᵀ)/2} is factored, as JAX does. A matrix that is not positive definite gives
     * NaN in the factor's triangle, as Keras does inside a traced function (fit, predict); Keras's eager call raises
     * a ValueError there instead. Differentiable.
     */
    public static Tensor cholesky(Tensor x, boolean upper) {
        return Cholesky.cholesky(x, upper);
    }

    /** {@link #choleskyInverse(Tensor, boolean) choleskyInverse(x, false)}: x is a lower Cholesky factor. */
    public static Tensor choleskyInverse(Tensor x) {
        return Cholesky.choleskyInverse(x, false);
    }

    /**
     * The inverse of the matrix whose Cholesky factor is {@code x}, like
     * {@code keras.ops.cholesky_inverse(x, upper=False)}: {@code (L·Lᵀ)⁻¹} for a lower factor L, {@code (Uᵀ·U)⁻¹}
     * for an upper factor U ({@code upper}); only that triangle of x is read. (Keras's docstring speaks of the
     * matrix, but its backends, and so Strata, take the factor.) Differentiable.
     */
    public static Tensor choleskyInverse(Tensor x, boolean upper) {
        return Cholesky.choleskyInverse(x, upper);
    }

    /** {@link #solveTriangular(Tensor, Tensor, boolean) solveTriangular(a, b, false)}: a upper triangular. */
    public static Tensor solveTriangular(Tensor a, Tensor b) {
        return Solve.solveTriangular(a, b, false);
    }

    /**
     * The solution of {@code a·x = b} for triangular a, like {@code keras.ops.solve_triangular(a, b, lower=False)}:
     * only a's lower ({@code lower}) or upper triangle is read. Shapes as {@link #solve}, and, as JAX, a b with one
     * axis fewer than a whose last axis matches a's size is a batch of vectors. Differentiable in a (its triangle)
     * and b.
     */
    public static Tensor solveTriangular(Tensor a, Tensor b, boolean lower) {
        return Solve.solveTriangular(a, b, lower);
    }

    /** The reduced QR decomposition, {@link #qr(Tensor, String) qr(x, "reduced")}. */
    public static java.util.List<Tensor> qr(Tensor x) {
        return Qr.apply(x, "reduced");
    }

    /**
     * The QR decomposition of the matrices {@code (..., M, N)}, like {@code keras.ops.qr(x, mode)}: {@code [q, r]},
     * q with orthonormal columns and r upper triangular, {@code (..., M, K)} and {@code (..., K, N)} for "reduced",
     * {@code (..., M, M)} and {@code (..., M, N)} for "complete" (K = min(M, N)); Householder reflections with
     * LAPACK's (and so JAX's) signs. Differentiable, except "complete" with M > N (differentiating it throws).
     */
    public static java.util.List<Tensor> qr(Tensor x, String mode) {
        return Qr.apply(x, mode);
    }

    /** The full SVD, {@link #svd(Tensor, boolean, boolean) svd(x, true, true)}: {@code [u, s, vh]}. */
    public static java.util.List<Tensor> svd(Tensor x) {
        return Svd.apply(x, true, true);
    }

    /**
     * The singular value decomposition {@code x = u·diag(s)·vh}, like
     * {@code keras.ops.svd(x, full_matrices=True, compute_uv=True)}: {@code [u, s, vh]} (s descending), or
     * {@code [s]} alone without {@code computeUv}. Singular vectors are unique only up to sign, and Strata's signs
     * need not be JAX's. s is always differentiable; u and vh are, except with {@code fullMatrices} for non-square
     * matrices (as JAX: differentiating them throws).
     */
    public static java.util.List<Tensor> svd(Tensor x, boolean fullMatrices, boolean computeUv) {
        return Svd.apply(x, fullMatrices, computeUv);
    }

    /**
     * Eigenvalues (ascending) and eigenvectors (columns) of the symmetric matrices in the last two axes, like
     * {@code keras.ops.eigh(x)}: {@code [w (..., M), v (..., M, M)]}, of the symmetric part {@code (x + xᵀ)/2} as JAX.
     * Eigenvector signs need not be JAX's. Differentiable (infinite for repeated eigenvalues, as JAX's).
     */
    public static java.util.List<Tensor> eigh(Tensor x) {
        return Eigh.apply(x);
    }

    /** {@link #lstsq(Tensor, Tensor, Float) lstsq(a, b, null)}. */
    public static Tensor lstsq(Tensor a, Tensor b) {
        return Lstsq.apply(a, b, null);
    }

    /**
     * The least-squares (least-norm) solution of {@code a·x = b}, like {@code keras.ops.lstsq(a, b, rcond=None)}:
     * a one {@code (M, N)} matrix, b {@code (M,)} or {@code (M, K)}; singular values below {@code rcond·s_max} count
     * as zero (null: JAX's {@code eps·max(M, N)}). Differentiable (through the SVD, as JAX).
     */
    public static Tensor lstsq(Tensor a, Tensor b, Float rcond) {
        return Lstsq.apply(a, b, rcond);
    }

    /**
     * The LU factorisation with partial pivoting, like {@code keras.ops.lu_factor(x)}: {@code [lu, piv]}, lu
     * {@code (..., M, N)} holding both factors (L's unit diagonal implied) and piv {@code (..., min(M, N))} the
     * 0-based row swaps as whole numbers. Not differentiable in Strata (differentiating it throws).
     */
    public static java.util.List<Tensor> luFactor(Tensor x) {
        return LuFactor.apply(x);
    }

    /** The 2-norm of all of x (any rank), like {@code keras.ops.norm(x)}. Differentiable. */
    public static Tensor norm(Tensor x) {
        return Norm.apply(x, null, null, false);
    }

    /**
     * A norm with Keras's default order over {@code axis}, like {@code keras.ops.norm(x, axis=axis,
     * keepdims=keepdims)}: the 2-norm of vectors (one axis), Frobenius of matrices (two), of all of x (null).
     */
    public static Tensor norm(Tensor x, int[] axis, boolean keepdims) {
        return Norm.apply(x, null, axis, keepdims);
    }

    /**
     * A vector or matrix norm of order {@code ord}, like {@code keras.ops.norm(x, ord, axis, keepdims)}: one axis
     * gives vector norms (inf, -inf, 0 (non-zero count), 1, 2, any p), two give matrix norms (1, -1, inf, -inf, 2 and
     * -2 (largest and smallest singular value)); axis null means all axes, of which there must be one or two.
     * Differentiable (except ord 0).
     */
    public static Tensor norm(Tensor x, float ord, int[] axis, boolean keepdims) {
        return Norm.apply(x, ord, axis, keepdims);
    }

    /**
     * A matrix norm named by {@code ord}: "fro" (Frobenius) or "nuc" (the sum of the singular values), like
     * {@code keras.ops.norm(x, ord, axis, keepdims)}; axis gives the two axes (null: x must have two).
     */
    public static Tensor norm(Tensor x, String ord, int[] axis, boolean keepdims) {
        return Norm.apply(x, ord, axis, keepdims);
    }

    /** {@link #pinv(Tensor, Float) pinv(x, null)}. */
    public static Tensor pinv(Tensor x) {
        return Pinv.apply(x, null);
    }

    /**
     * The Moore-Penrose pseudo-inverse of the matrices {@code (..., M, N)}, giving {@code (..., N, M)}, like
     * {@code keras.ops.pinv(x, rcond=None)}: singular values not above {@code rcond·s_max} count as zero (null:
     * JAX's {@code 10·max(M, N)·eps}). Differentiable (JAX's formula).
     */
    public static Tensor pinv(Tensor x, Float rcond) {
        return Pinv.apply(x, rcond);
    }

    /** {@link #matrixRank(Tensor, Float) matrixRank(x, null)}. */
    public static Tensor matrixRank(Tensor x) {
        return MatrixRank.apply(x, null);
    }

    /**
     * The rank of the matrices in the last two axes, like {@code keras.ops.matrix_rank(x, tol=None)}: the count of
     * singular values above {@code tol} (an absolute threshold; null: JAX's {@code s_max·max(M, N)·eps}), as whole
     * numbers of x's batch shape. Not differentiable (no gradient, as JAX's).
     */
    public static Tensor matrixRank(Tensor x, Float tol) {
        return MatrixRank.apply(x, tol);
    }

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

    /**
     * Extracts sliding local blocks (im2col), as {@code keras.ops.unfold(x, kernel_size, dilation, padding, stride)}:
     * x {@code (N, C, H, W)}, channels first, becomes {@code (N, C·kH·kW, L)} with {@code L = outH·outW} blocks,
     * {@code out = (size + 2·padding - dilation·(kernel - 1) - 1) // stride + 1} per axis (0 blocks when the kernel
     * just overhangs, an error when it overhangs further); the block axis is ordered (channel, kernel row, kernel
     * column); zero padding. Each argument is one integer or one per axis (height, width). Linear: its gradient is
     * {@link #fold}. An infinity or NaN makes the other entries of its block NaN, as on Keras's JAX backend (which
     * computes unfold as a convolution with an identity kernel, multiplying it by 0).
     */
    public static Tensor unfold(Tensor x, int[] kernelSize, int[] dilation, int[] padding, int[] stride) {
        return SlidingBlocks.unfold(x, kernelSize, dilation, padding, stride);
    }

    /** {@link #unfold(Tensor, int[], int[], int[], int[])} with one value for both axes of each argument. */
    public static Tensor unfold(Tensor x, int kernelSize, int dilation, int padding, int stride) {
        return SlidingBlocks.unfold(x, new int[] {kernelSize}, new int[] {dilation}, new int[] {padding},
                new int[] {stride});
    }

    /** {@link #unfold(Tensor, int[], int[], int[], int[])} with dilation 1, padding 0, stride 1. */
    public static Tensor unfold(Tensor x, int kernelSize) {
        return unfold(x, kernelSize, 1, 0, 1);
    }

    /**
     * Sums sliding local blocks into an image (col2im, the adjoint of {@link #unfold}), as {@code
     * keras.ops.fold(x, output_size, kernel_size, dilation, padding, stride)}: x {@code (N, C·kH·kW, L)} becomes
     * {@code (N, C, oH, oW)}; L must be the number of blocks {@link #unfold} makes of an {@code (oH, oW)} image with
     * these arguments, and {@code C·kH·kW} divisible by {@code kH·kW}. Where the blocks do not reach the last rows or
     * columns (a stride that does not divide the span), they are 0 and the shape is Keras's declared {@code (N, C,
     * oH, oW)} (PyTorch's); Keras's JAX backend then returns eagerly only the rows and columns the blocks reach.
     * Linear: its gradient is {@link #unfold}. As on Keras's JAX backend (a transposed convolution), an infinity or
     * NaN in a block makes NaN of the block's other entries' contributions.
     */
    public static Tensor fold(Tensor x, int[] outputSize, int[] kernelSize, int[] dilation, int[] padding,
            int[] stride) {
        return SlidingBlocks.fold(x, outputSize, kernelSize, dilation, padding, stride);
    }

    /** {@link #fold(Tensor, int[], int[], int[], int[], int[])} with one value for both axes of each argument. */
    public static Tensor fold(Tensor x, int outputSize, int kernelSize, int dilation, int padding, int stride) {
        return SlidingBlocks.fold(x, new int[] {outputSize}, new int[] {kernelSize}, new int[] {dilation},
                new int[] {padding}, new int[] {stride});
    }

    /** {@link #fold(Tensor, int[], int[], int[], int[], int[])} with dilation 1, padding 0, stride 1. */
    public static Tensor fold(Tensor x, int[] outputSize, int[] kernelSize) {
        return SlidingBlocks.fold(x, outputSize, kernelSize, new int[] {1}, new int[] {0}, new int[] {1});
    }

    /**
     * Decodes CTC outputs, as {@code keras.ops.ctc_decode(inputs, sequence_lengths, strategy, beam_width, top_paths,
     * merge_repeated, mask_index)} on JAX, with the {@code "greedy"} strategy: inputs {@code (batch, time, classes)},
     * sequence_lengths {@code (batch,)} whole numbers; per step the best class (the first on ties), steps from a
     * sample's length on as the blank {@code maskIndex} (null: the last class), with {@code mergeRepeated} a step equal
     * to the previous one as blank; the remaining labels packed to the front, the rest -1. Returns {@code [decoded
     * (1, batch, time), score (batch, 1)]}, the score minus the sum of the valid steps' best values (differentiable,
     * as JAX's; the labels are not). {@code "beam_search"} is Keras's JAX beam search: {@code [paths (top_paths,
     * batch, time), scores (batch, top_paths)]}, the scores' log-probabilities differentiable as JAX differentiates
     * them, NaN where JAX's are: every valid step of a sample of length 2 or more (Keras's merge of path scores takes
     * log(0) for a group of -inf scores), so only length-1 samples get a finite gradient.
     */
    public static java.util.List<Tensor> ctcDecode(Tensor inputs, Tensor sequenceLengths, String strategy, int beamWidth,
            int topPaths, boolean mergeRepeated, Integer maskIndex) {
        return CtcDecode.apply(inputs, sequenceLengths, strategy, beamWidth, topPaths, mergeRepeated, maskIndex);
    }

    /** {@link #ctcDecode(Tensor, Tensor, String, int, int, boolean, Integer)}: greedy, repeats merged, blank 0. */
    public static java.util.List<Tensor> ctcDecode(Tensor inputs, Tensor sequenceLengths) {
        return CtcDecode.apply(inputs, sequenceLengths, "greedy", 100, 1, true, 0);
    }

    // =========================================================================================================
    // More image ops (keras.ops.image)
    // =========================================================================================================

    /**
     * RGB images to grayscale, like {@code keras.ops.image.rgb_to_grayscale(images, data_format=None)}: images
     * {@code (batch, height, width, 3)} or one image {@code (height, width, 3)} (channels first with
     * {@code dataFormat} "channels_first"; null is channels last) to one channel, {@code 0.2989·r + 0.587·g +
     * 0.114·b}; a one-channel image is returned as it is. Linear, so differentiable.
     */
    public static Tensor rgbToGrayscale(Tensor images, String dataFormat) {
        return ColorSpace.rgbToGrayscale(images, dataFormat);
    }

    /** {@link #rgbToGrayscale(Tensor, String)}, channels last. */
    public static Tensor rgbToGrayscale(Tensor images) {
        return ColorSpace.rgbToGrayscale(images, null);
    }

    /**
     * RGB images (3 channels, values in [0, 1]) to HSV, like {@code keras.ops.image.rgb_to_hsv(images,
     * data_format=None)}: hue, saturation and value in [0, 1] (hue 0 red, 1/3 green, 2/3 blue), dm_pix's formulas
     * as Keras's JAX backend. Differentiable as JAX's except at ties of two channels (see the op's class).
     */
    public static Tensor rgbToHsv(Tensor images, String dataFormat) {
        return ColorSpace.rgbToHsv(images, dataFormat);
    }

    /** {@link #rgbToHsv(Tensor, String)}, channels last. */
    public static Tensor rgbToHsv(Tensor images) {
        return ColorSpace.rgbToHsv(images, null);
    }

    /**
     * HSV images (3 channels) to RGB, like {@code keras.ops.image.hsv_to_rgb(images, data_format=None)}, the
     * inverse of {@link #rgbToHsv(Tensor, String)} (hue taken modulo 1). Differentiable.
     */
    public static Tensor hsvToRgb(Tensor images, String dataFormat) {
        return ColorSpace.hsvToRgb(images, dataFormat);
    }

    /** {@link #hsvToRgb(Tensor, String)}, channels last. */
    public static Tensor hsvToRgb(Tensor images) {
        return ColorSpace.hsvToRgb(images, null);
    }

    /**
     * Crops the height and width of images, like {@code keras.ops.image.crop_images(images, top_cropping=None,
     * left_cropping=None, bottom_cropping=None, right_cropping=None, target_height=None, target_width=None,
     * data_format=None)}: give exactly two of (top, bottom, target height) and two of (left, right, target width),
     * each {@code >= 0} (null for not given); the third follows and must be {@code >= 0} too, else an
     * {@link IllegalArgumentException} naming it. Differentiable (a slice).
     */
    public static Tensor cropImages(Tensor images, Integer topCropping, Integer leftCropping, Integer bottomCropping,
            Integer rightCropping, Integer targetHeight, Integer targetWidth, String dataFormat) {
        return CropPadImages.crop(images, topCropping, leftCropping, bottomCropping, rightCropping, targetHeight,
                targetWidth, dataFormat);
    }

    /** {@link #cropImages(Tensor, Integer, Integer, Integer, Integer, Integer, Integer, String)}: the box of
     * {@code targetHeight x targetWidth} from ({@code top}, {@code left}), channels last. */
    public static Tensor cropImages(Tensor images, int top, int left, int targetHeight, int targetWidth) {
        return CropPadImages.crop(images, top, left, null, null, targetHeight, targetWidth, null);
    }

    /**
     * Zero-pads the height and width of images, like {@code keras.ops.image.pad_images(images, top_padding=None,
     * left_padding=None, bottom_padding=None, right_padding=None, target_height=None, target_width=None,
     * data_format=None)}: give exactly two of (top, bottom, target height) and two of (left, right, target width),
     * each {@code >= 0} (null for not given); the third follows and must be {@code >= 0} too, else an
     * {@link IllegalArgumentException} naming it. Differentiable (a pad).
     */
    public static Tensor padImages(Tensor images, Integer topPadding, Integer leftPadding, Integer bottomPadding,
            Integer rightPadding, Integer targetHeight, Integer targetWidth, String dataFormat) {
        return CropPadImages.pad(images, topPadding, leftPadding, bottomPadding, rightPadding, targetHeight,
                targetWidth, dataFormat);
    }

    /** {@link #padImages(Tensor, Integer, Integer, Integer, Integer, Integer, Integer, String)}: {@code top} rows and
     * {@code left} columns of zeros before, to {@code targetHeight x targetWidth}, channels last. */
    public static Tensor padImages(Tensor images, int top, int left, int targetHeight, int targetWidth) {
        return CropPadImages.pad(images, top, left, null, null, targetHeight, targetWidth, null);
    }

    /**
     * Patches of images into the channel axis, like {@code keras.ops.image.extract_patches(images, size,
     * strides=None, dilation_rate=1, padding="valid", data_format=None)}: images {@code (batch, height, width,
     * channels)} or one image, {@code size} one value or (height, width), {@code strides} null for {@code size},
     * {@code dilationRate} one value or two, {@code padding} "valid" or "same"; the result {@code (batch, rows,
     * columns, size_h·size_w·channels)}, each patch ordered (row, column, channel). A {@code size} of three values
     * means volumes, as {@link #extractPatches3d}. Differentiable.
     */
    public static Tensor extractPatches(Tensor images, int[] size, int[] strides, int[] dilationRate, String padding,
            String dataFormat) {
        return ExtractPatches.apply(images, size, strides, dilationRate, padding, dataFormat,
                size != null && size.length == 3);
    }

    /** {@link #extractPatches(Tensor, int[], int[], int[], String, String)}: {@code size x size} patches, strides
     * {@code size}, "valid", channels last. */
    public static Tensor extractPatches(Tensor images, int size) {
        return ExtractPatches.apply(images, new int[] {size}, null, null, "valid", null, false);
    }

    /**
     * Patches of volumes into the channel axis, like {@code keras.ops.image.extract_patches_3d(volumes, size,
     * strides=None, dilation_rate=1, padding="valid", data_format=None)}: volumes {@code (batch, depth, height,
     * width, channels)} or one volume, {@code size} one value or three; otherwise as
     * {@link #extractPatches(Tensor, int[], int[], int[], String, String)}. Differentiable.
     */
    public static Tensor extractPatches3d(Tensor volumes, int[] size, int[] strides, int[] dilationRate,
            String padding, String dataFormat) {
        return ExtractPatches.apply(volumes, size, strides, dilationRate, padding, dataFormat, true);
    }

    /**
     * Samples {@code inputs} at {@code coordinates} {@code (rank(inputs), ...)}, like
     * {@code keras.ops.image.map_coordinates(inputs, coordinates, order, fill_mode="constant", fill_value=0)}:
     * {@code order} 0 (nearest, half away from zero) or 1 (linear); outside the array {@code fillMode} "constant"
     * (reads {@code fillValue}), "nearest", "wrap", "mirror" or "reflect". The result has shape
     * {@code coordinates.shape[1:]}. Differentiable in the inputs, and with order 1 in the coordinates (JAX's
     * gradients).
     */
    public static Tensor mapCoordinates(Tensor inputs, Tensor coordinates, int order, String fillMode,
            float fillValue) {
        return MapCoordinates.apply(inputs, coordinates, order, fillMode, fillValue);
    }

    /** {@link #mapCoordinates(Tensor, Tensor, int, String, float)} with a constant fill of 0. */
    public static Tensor mapCoordinates(Tensor inputs, Tensor coordinates, int order) {
        return MapCoordinates.apply(inputs, coordinates, order, "constant", 0f);
    }

    /**
     * Blurs images with a Gaussian kernel, like {@code keras.ops.image.gaussian_blur(images, kernel_size=(3, 3),
     * sigma=(1.0, 1.0), data_format=None)}: a depthwise "same" convolution (zero padding). As Keras's JAX code has
     * it, {@code kernelSize[0]} and {@code sigma[0]} apply along the width, the second values along the height.
     * Differentiable in the images.
     */
    public static Tensor gaussianBlur(Tensor images, int[] kernelSize, float[] sigma, String dataFormat) {
        return ImageFilters.gaussianBlur(images, kernelSize, sigma, dataFormat);
    }

    /** {@link #gaussianBlur(Tensor, int[], float[], String)} with a 3x3 kernel, sigma 1, channels last. */
    public static Tensor gaussianBlur(Tensor images) {
        return ImageFilters.gaussianBlur(images, new int[] {3, 3}, new float[] {1f, 1f}, null);
    }

    /**
     * Sobel edges of a batch of images, like {@code keras.ops.image.sobel_edges(images, data_format=None)}: the
     * result has a last axis of 2 more, {@code [dy, dx]} (zero-padded "same" 3x3 Sobel convolutions of each
     * channel). Differentiable.
     */
    public static Tensor sobelEdges(Tensor images, String dataFormat) {
        return ImageFilters.sobelEdges(images, dataFormat);
    }

    /** {@link #sobelEdges(Tensor, String)}, channels last. */
    public static Tensor sobelEdges(Tensor images) {
        return ImageFilters.sobelEdges(images, null);
    }

    /**
     * Applies perspective transforms, like {@code keras.ops.image.perspective_transform(images, start_points,
     * end_points, interpolation="bilinear", fill_value=0, data_format=None)}: the points {@code (4, 2)} or
     * {@code (batch, 4, 2)}, (x, y) corners; the output at an end point reads the input at its start point;
     * {@code interpolation} "nearest" or "bilinear", {@code fillValue} outside. Differentiable in the images (the
     * points are taken as constants).
     */
    public static Tensor perspectiveTransform(Tensor images, Tensor startPoints, Tensor endPoints,
            String interpolation, float fillValue, String dataFormat) {
        return PerspectiveTransform.apply(images, startPoints, endPoints, interpolation, fillValue, dataFormat);
    }

    /** {@link #perspectiveTransform(Tensor, Tensor, Tensor, String, float, String)}: bilinear, fill 0. */
    public static Tensor perspectiveTransform(Tensor images, Tensor startPoints, Tensor endPoints) {
        return PerspectiveTransform.apply(images, startPoints, endPoints, "bilinear", 0f, null);
    }

    /**
     * Scales and translates the {@code spatialDims} axes of {@code images}, like
     * {@code keras.ops.image.scale_and_translate(images, output_shape, scale, translation, spatial_dims, method,
     * antialias=True)} ({@code jax.image.scale_and_translate}): {@code outputShape} gives every axis (only the
     * spatial ones may change; Keras's op needs the batch size in it too), {@code scale} and {@code translation}
     * one number per spatial axis (output o reads input {@code (o + 0.5 - translation) / scale - 0.5}),
     * {@code method} "linear", "bilinear", "trilinear", "cubic", "bicubic", "tricubic", "lanczos3" or "lanczos5".
     * Differentiable in the images.
     */
    public static Tensor scaleAndTranslate(Tensor images, int[] outputShape, float[] scale, float[] translation,
            int[] spatialDims, String method, boolean antialias) {
        return ScaleAndTranslate.apply(images, outputShape, scale, translation, spatialDims, method, antialias);
    }

    /** {@link #scaleAndTranslate(Tensor, int[], float[], float[], int[], String, boolean)} with antialias. */
    public static Tensor scaleAndTranslate(Tensor images, int[] outputShape, float[] scale, float[] translation,
            int[] spatialDims, String method) {
        return ScaleAndTranslate.apply(images, outputShape, scale, translation, spatialDims, method, true);
    }

    /**
     * {@link #scaleAndTranslate(Tensor, int[], float[], float[], int[], String, boolean)} with {@code scale} and
     * {@code translation} as tensors of shape {@code (K,)}, one number per spatial axis (as Keras's JAX backend takes
     * them; there is no batched form), eager or symbolic (a graph saves them as Keras does, as tensor arguments).
     * Differentiable in the images, the scale and the translation, as {@code jax.grad}, to first order: a second
     * derivative through scale or translation is an {@link UnsupportedOperationException}.
     *
     * @throws dev.strata.ShapeException if scale or translation is not of shape (K,)
     */
    public static Tensor scaleAndTranslate(Tensor images, int[] outputShape, Tensor scale, Tensor translation,
            int[] spatialDims, String method, boolean antialias) {
        return ScaleAndTranslate.apply(images, outputShape, scale, translation, spatialDims, method, antialias);
    }

    /** {@link #scaleAndTranslate(Tensor, int[], Tensor, Tensor, int[], String, boolean)} with antialias. */
    public static Tensor scaleAndTranslate(Tensor images, int[] outputShape, Tensor scale, Tensor translation,
            int[] spatialDims, String method) {
        return ScaleAndTranslate.apply(images, outputShape, scale, translation, spatialDims, method, true);
    }

    /**
     * Elastic deformation, like {@code keras.ops.image.elastic_transform(images, alpha=20.0, sigma=5.0,
     * interpolation="bilinear", fill_mode="reflect", fill_value=0.0, seed=None, data_format=None)}: a Gaussian
     * noise field (standard deviation {@code sigma}) blurred with {@code sigma}, scaled by {@code alpha}, moves each
     * pixel's sampling position. With an integer {@code seed} the field is Keras's (JAX's threefry generator with
     * Keras's key {@code [seed, 0]}; like Keras, the row and column displacements are the same field); a null seed
     * draws from Strata's global generator. Differentiable in the images.
     */
    public static Tensor elasticTransform(Tensor images, float alpha, float sigma, String interpolation,
            String fillMode, float fillValue, Integer seed, String dataFormat) {
        return ElasticTransform.apply(images, alpha, sigma, interpolation, fillMode, fillValue, seed, dataFormat);
    }

    /** {@link #elasticTransform(Tensor, float, float, String, String, float, Integer, String)}: bilinear, reflect. */
    public static Tensor elasticTransform(Tensor images, float alpha, float sigma, Integer seed) {
        return ElasticTransform.apply(images, alpha, sigma, "bilinear", "reflect", 0f, seed, null);
    }

    /**
     * The structural similarity index, like {@code keras.ops.image.ssim(image1, image2, max_val=1.0,
     * filter_size=11, filter_sigma=1.5, k1=0.01, k2=0.03, data_format=None)}: a scalar for two images, one value
     * per image for two batches. Differentiable in both images. Images smaller than the filter give NaN.
     */
    public static Tensor ssim(Tensor image1, Tensor image2, float maxVal, int filterSize, float filterSigma, float k1,
            float k2, String dataFormat) {
        return Ssim.apply(image1, image2, maxVal, filterSize, filterSigma, k1, k2, dataFormat);
    }

    /** {@link #ssim(Tensor, Tensor, float, int, float, float, float, String)} with Keras's defaults. */
    public static Tensor ssim(Tensor image1, Tensor image2) {
        return Ssim.apply(image1, image2, 1f, 11, 1.5f, 0.01f, 0.03f, null);
    }

    // =========================================================================================================
    // Core: casts, scatter, unstack, custom gradients, vectorized map (keras.ops.core)
    // =========================================================================================================

    /**
     * The tensors along axis 0, {@code keras.ops.unstack(x)}: {@code x[0], x[1], ...}, each of rank one less. One op
     * with several outputs whose gradient writes each output's gradient into its slice of one buffer, so taking a
     * sequence apart step by step is linear in its length (forward and backward).
     *
     * @throws dev.strata.ShapeException for a scalar, or an unknown (symbolic) axis 0
     */
    public static java.util.List<Tensor> unstack(Tensor x) {
        return Unstack.apply(x, null, 0);
    }

    /**
     * The tensors along {@code axis}, {@code keras.ops.unstack(x, num, axis)}: {@code num} (null: the axis's
     * length, which must then be known) of them, each x without that axis. See {@link #unstack(Tensor)}.
     *
     * @throws dev.strata.ShapeException for a bad axis, a {@code num} other than the axis's length, or an unknown
     *     axis without {@code num}
     */
    public static java.util.List<Tensor> unstack(Tensor x, Integer num, int axis) {
        return Unstack.apply(x, num, axis);
    }

    /**
     * {@code keras.ops.cast(x, dtype)}, with the JAX backend's numbers but every result held in float32: to an
     * integer dtype ({@code int8}, {@code int16}, {@code int32}, {@code uint8}, {@code uint16}, {@code uint32};
     * {@code int64}/{@code uint64} are JAX's 32-bit ones, as JAX runs without 64-bit types by default) x is
     * truncated toward zero and saturates at the type's range (XLA never wraps), NaN giving 0; to {@code bool}, 1
     * where x is not zero (NaN included) else 0; to {@code float16} or {@code bfloat16}, rounded to that precision
     * (to nearest, ties to even) and back; {@code float32} and {@code float64} leave the values. Integers above 2^24
     * are the nearest float32. Gradient, as JAX's: a float cast passes it on rounded to that precision; an integer
     * or bool cast gives zero.
     *
     * @throws IllegalArgumentException for another dtype (complex, string, float8)
     */
    public static Tensor cast(Tensor x, String dtype) {
        return Cast.apply(x, dtype);
    }

    /**
     * {@code keras.ops.saturate_cast(x, dtype)}: x clipped to the finite range of {@code dtype} (as float32: int32's
     * upper limit reads 2147483648), then {@link #cast}: the same as cast for integer types (JAX's casts already
     * saturate), 0 for a negative number cast to {@code bool}, and the largest finite value rather than infinity
     * for {@code float16}/{@code bfloat16}/{@code float32}. Gradient: the clip's (zero outside the range), then the
     * cast's.
     */
    public static Tensor saturateCast(Tensor x, String dtype) {
        return Cast.saturate(x, dtype);
    }

    /**
     * {@code keras.ops.convert_to_tensor(x)} of a tensor: a tensor with the same values (a variable's value is
     * copied, so later assignments do not show), differentiable as the identity.
     */
    public static Tensor convertToTensor(Tensor x) {
        return Cast.convertToTensor(x, null);
    }

    /** {@code keras.ops.convert_to_tensor(x, dtype)} of a tensor: {@link #cast}{@code (x, dtype)}. */
    public static Tensor convertToTensor(Tensor x, String dtype) {
        return Cast.convertToTensor(x, dtype);
    }

    /**
     * {@code keras.ops.convert_to_tensor} of a Java array: a tensor of {@code shape} over a copy of {@code values}
     * (row-major). Strata's tensors hold float32; {@code Tensor.of} without the copy is the same for arrays you
     * give away.
     *
     * @throws dev.strata.ShapeException if the number of values is not the shape's size
     */
    public static Tensor convertToTensor(float[] values, int... shape) {
        return Tensor.of(values.clone(), shape);
    }

    /**
     * {@code keras.ops.convert_to_numpy(x)}: the values of a concrete tensor as a new row-major {@code float[]}
     * (Java's counterpart of a NumPy array; the shape is {@code x.shape()}).
     *
     * @throws IllegalArgumentException for a symbolic tensor, which has no values
     */
    public static float[] convertToNumpy(Tensor x) {
        if (x.isSymbolic()) {
            throw new IllegalArgumentException("convertToNumpy: a symbolic tensor " + x + " has no values");
        }
        return x.toFloatArray();
    }

    /**
     * {@code keras.ops.is_tensor(x)}: whether x is a Strata tensor of values. Unlike the JAX backend (where a
     * {@code KerasVariable} is not a JAX array), a {@link dev.strata.tensor.Variable} is one, since it is a
     * {@code Tensor} here; a symbolic tensor is not (as Keras's KerasTensor is not a backend tensor).
     */
    public static boolean isTensor(Object x) {
        return x instanceof Tensor t && !t.isSymbolic();
    }

    /**
     * {@code keras.ops.shape(x)}: the shape, with {@link Shape#UNKNOWN} where a symbolic tensor's dimension is
     * unknown (Keras's None).
     */
    public static Shape shape(Tensor x) {
        return x.shape();
    }

    /**
     * {@code keras.ops.dtype(x)}: always {@code "float32"}, truthfully: Strata holds every tensor in float32 (integer
     * and bool values as whole numbers and 1/0 in float32, see {@link #cast}); a saved graph's declared input dtype
     * is the model's ({@code Input.integers}), not the tensor's.
     */
    public static String dtype(Tensor x) {
        java.util.Objects.requireNonNull(x, "dtype: x");
        return "float32";
    }

    /**
     * {@code keras.ops.scatter(indices, values, shape)}: zeros of {@code shape} with {@code values} added at
     * {@code indices} (duplicates add), as JAX's {@code zeros.at[idx].add(values)}. {@code indices} holds whole
     * numbers, shape {@code (..., k)}, each index tuple naming the first {@code k} axes (a block {@code shape[k:]});
     * values have shape {@code indices.shape[:-1] + shape[k:]} or one that broadcasts to it (a scalar, a row), as
     * JAX broadcasts them. Negative indices count from the end; an index tuple still out of bounds is dropped, as
     * JAX drops it. Gradient: to values, the gradient at their indices (summed over broadcast axes); none to indices.
     *
     * @throws dev.strata.ShapeException for values that do not broadcast to the blocks, or indices whose last axis
     *     is not 1 to the rank of shape
     * @throws IllegalArgumentException for fractional or NaN indices
     */
    public static Tensor scatter(Tensor indices, Tensor values, int... shape) {
        return Scatter.scatter(indices, values, shape);
    }

    /**
     * {@code keras.ops.scatter_update(inputs, indices, updates)}: inputs with the blocks at {@code indices}
     * ({@code (n, k)}, whole numbers) replaced by {@code updates} ({@code (n,) + inputs.shape[k:]}, or a shape that
     * broadcasts to it); of duplicate indices the last write wins, as JAX's {@code .at[idx].set}; out-of-bounds rows
     * are dropped. Gradient, as JAX's: to inputs, zero where overwritten; to each update, the gradient at its block
     * if its write won, else zero.
     */
    public static Tensor scatterUpdate(Tensor inputs, Tensor indices, Tensor updates) {
        return Scatter.update(inputs, indices, updates, null);
    }

    /**
     * {@code keras.ops.scatter_update(inputs, indices, updates, reduction)}, every Keras 3.15 reduction (the name
     * lower-cased, as Keras does): null overwrites (as {@link #scatterUpdate(Tensor, Tensor, Tensor)}); {@code "add"}
     * adds every update to the input, {@code "max"}/{@code "min"} keep the largest/smallest of the input and its
     * updates, {@code "mul"} multiplies them in (JAX's {@code .at[idx].add/max/min/multiply}). Gradients: add, all of
     * it to inputs and the gradient at their block to updates; max/min, each element's gradient shared equally by
     * the input and the updates equal to the result (JAX's rule for ties); mul, the product rule (input: g times the
     * product of its updates; an update: g times the input and the other updates), which JAX itself computes only
     * for indices declared unique (Keras's JAX backend raises for this gradient). None to the indices.
     *
     * @throws IllegalArgumentException for another reduction, naming the supported ones
     */
    public static Tensor scatterUpdate(Tensor inputs, Tensor indices, Tensor updates, String reduction) {
        return Scatter.update(inputs, indices, updates, reduction);
    }

    /**
     * {@code keras.ops.slice_update(inputs, start_indices, updates)}: inputs with the box of updates' shape at
     * {@code startIndices} replaced by updates, as JAX's {@code dynamic_update_slice}: updates has the rank of inputs
     * and fits in it, and each start counts from the end if negative, then is clamped into {@code [0, dim -
     * update_dim]} (JAX moves the box rather than failing). Gradient: to inputs, zero in the box; to updates, the
     * box of the gradient.
     *
     * @throws dev.strata.ShapeException if updates does not fit or the start has the wrong length
     */
    public static Tensor sliceUpdate(Tensor inputs, int[] startIndices, Tensor updates) {
        float[] start = new float[startIndices.length];
        for (int i = 0; i < start.length; i++) {
            start[i] = startIndices[i];
        }
        return SliceUpdate.apply(inputs, Tensor.of(start, start.length), updates);
    }

    /**
     * {@code keras.ops.slice_update} with the start indices as a tensor (a vector of whole numbers, which may be
     * computed); see {@link #sliceUpdate(Tensor, int[], Tensor)}.
     */
    public static Tensor sliceUpdate(Tensor inputs, Tensor startIndices, Tensor updates) {
        return SliceUpdate.apply(inputs, startIndices, updates);
    }

    /**
     * {@code keras.ops.custom_gradient(f)}: a function with {@code f}'s value whose gradient under a
     * {@link dev.strata.autodiff.GradientTape} is the gradient function {@code f} returns (as JAX's
     * {@code custom_gradient}; what {@code f} computes inside is not differentiated). Given symbolic arguments it
     * records one {@code custom_gradient} node that applies {@code f} again when the graph runs, so a model keeps the
     * custom gradient; saving such a graph fails naming the op, since a {@code .keras} file cannot hold a Java
     * function (nor can Keras save its Python one). See {@link CustomGradient} for an example.
     */
    public static CustomGradient.Function customGradient(CustomGradient f) {
        return CustomGradientOp.wrap(f);
    }

    /**
     * {@code keras.ops.vectorized_map(function, elements)}: {@code function} applied to each {@code elements[i]}
     * along axis 0, the results stacked on a new axis 0 (computed as {@code stack(map(function, unstack(elements)))},
     * so gradients flow; JAX's {@code vmap} gives the same values). Given a symbolic tensor, it records one
     * {@code vectorized_map} node (the function run once on a symbolic element gives its shape), which a
     * {@code .keras} file cannot hold.
     *
     * @throws dev.strata.ShapeException for a scalar, or a function whose results differ in shape
     */
    public static Tensor vectorizedMap(java.util.function.Function<Tensor, Tensor> function, Tensor elements) {
        return VectorizedMap.apply(args -> function.apply(args.getFirst()), java.util.List.of(elements));
    }

    /**
     * {@code keras.ops.vectorized_map(function, [e1, e2, ...])}: several elements tensors of one leading length, the
     * function given {@code [e1[i], e2[i], ...]} for each i; see {@link #vectorizedMap(java.util.function.Function,
     * Tensor)}.
     */
    public static Tensor vectorizedMap(java.util.function.Function<java.util.List<Tensor>, Tensor> function,
                                       java.util.List<? extends Tensor> elements) {
        return VectorizedMap.apply(function, elements);
    }

    // =========================================================================================================
    // Control flow that traces (keras.ops.core)
    // =========================================================================================================

    /**
     * {@code keras.ops.cond}: {@code trueFn()} if the scalar {@code pred} is non-zero, else {@code falseFn()}. With a
     * concrete {@code pred} only the chosen branch runs. With a symbolic one (a value-dependent branch in a traced
     * {@code call()}), both branches are traced once, must return the same shapes (else a
     * {@link dev.strata.ShapeException} naming both branches and shapes), and one {@code cond} node is recorded that
     * runs the chosen branch when the graph runs; gradients flow through the branch that ran.
     *
     * <pre>{@code
     * Tensor y = Ops.cond(Ops.greater(Ops.mean(x), 0f), () -> dense1.apply(x), () -> dense2.apply(x));
     * }</pre>
     */
    public static Tensor cond(Tensor pred, java.util.function.Supplier<Tensor> trueFn,
                              java.util.function.Supplier<Tensor> falseFn) {
        return Cond.apply(pred, () -> java.util.Collections.singletonList(trueFn.get()),
                () -> java.util.Collections.singletonList(falseFn.get())).getFirst();
    }

    /** {@link #cond(Tensor, java.util.function.Supplier, java.util.function.Supplier)} for branches of several tensors. */
    public static Tensors condAll(Tensor pred, java.util.function.Supplier<? extends java.util.List<? extends Tensor>> trueFn,
                                  java.util.function.Supplier<? extends java.util.List<? extends Tensor>> falseFn) {
        return Tensors.of(Cond.apply(pred, trueFn, falseFn));
    }

    /**
     * {@code keras.ops.switch} ({@code switch} is a Java keyword): {@code branches[index](operands)}, the index
     * truncated to an integer and clamped into {@code [0, branches.size() - 1]} as Keras's switch clamps it. A symbolic
     * index traces every branch on the operands (they must return the same shapes) and records one node.
     */
    public static Tensors switchCase(Tensor index,
                                     java.util.List<? extends java.util.function.Function<Tensors, ? extends java.util.List<? extends Tensor>>> branches,
                                     Tensor... operands) {
        java.util.List<java.util.function.Function<java.util.List<Tensor>, ? extends java.util.List<? extends Tensor>>> fs =
                new java.util.ArrayList<>();
        for (var b : branches) {
            fs.add(in -> b.apply(Tensors.of(in)));
        }
        return Tensors.of(Switch.apply(index, fs, java.util.List.of(operands)));
    }

    /**
     * {@code keras.ops.while_loop}: while {@code cond(vars)} is non-zero (and fewer than {@code maximumIterations}
     * iterations ran, if not null), {@code vars = body(vars)}; returns the final loop variables. The body must give
     * back every loop variable with its shape. Concrete loop variables run a plain loop; symbolic ones trace the
     * condition and the body once and record one {@code while_loop} node (shape errors come before data, naming the
     * loop variable and both shapes). Reverse-mode gradients run back through the iterations that ran.
     */
    public static Tensors whileLoop(java.util.function.Function<Tensors, Tensor> cond,
                                    java.util.function.Function<Tensors, ? extends java.util.List<? extends Tensor>> body,
                                    java.util.List<? extends Tensor> loopVars, Integer maximumIterations) {
        return Tensors.of(WhileLoop.apply(v -> cond.apply(Tensors.of(v)), v -> body.apply(Tensors.of(v)), loopVars,
                maximumIterations));
    }

    /** {@link #whileLoop(java.util.function.Function, java.util.function.Function, java.util.List, Integer)} without an iteration limit. */
    public static Tensors whileLoop(java.util.function.Function<Tensors, Tensor> cond,
                                    java.util.function.Function<Tensors, ? extends java.util.List<? extends Tensor>> body,
                                    java.util.List<? extends Tensor> loopVars) {
        return whileLoop(cond, body, loopVars, null);
    }

    /** {@link #whileLoop(java.util.function.Function, java.util.function.Function, java.util.List, Integer)} of one loop variable. */
    public static Tensor whileLoop(java.util.function.UnaryOperator<Tensor> cond, java.util.function.UnaryOperator<Tensor> body,
                                   Tensor loopVar, Integer maximumIterations) {
        return WhileLoop.apply(v -> cond.apply(v.getFirst()), v -> java.util.List.of(body.apply(v.getFirst())),
                java.util.List.of(loopVar), maximumIterations).getFirst();
    }

    /** {@link #whileLoop(java.util.function.UnaryOperator, java.util.function.UnaryOperator, Tensor, Integer)} without an iteration limit. */
    public static Tensor whileLoop(java.util.function.UnaryOperator<Tensor> cond, java.util.function.UnaryOperator<Tensor> body,
                                   Tensor loopVar) {
        return whileLoop(cond, body, loopVar, null);
    }

    /**
     * {@code keras.ops.fori_loop}: {@code for i in [lower, upper): vals = body(i, vals)}, {@code i} a scalar tensor.
     * A {@link #whileLoop} over {@code i} and the values (so it traces and differentiates as that does).
     */
    public static Tensors forILoop(int lower, int upper,
                                   java.util.function.BiFunction<Tensor, Tensors, ? extends java.util.List<? extends Tensor>> body,
                                   java.util.List<? extends Tensor> initVals) {
        java.util.List<Tensor> vars = new java.util.ArrayList<>();
        vars.add(Tensor.scalar(lower));
        vars.addAll(initVals);
        Tensor bound = Tensor.scalar(upper);
        java.util.List<Tensor> out = WhileLoop.apply(v -> Ops.less(v.getFirst(), bound), v -> {
            java.util.List<Tensor> next = new java.util.ArrayList<>();
            next.add(Ops.add(v.getFirst(), 1f));
            next.addAll(body.apply(v.getFirst(), Tensors.of(v.subList(1, v.size()))));
            return next;
        }, vars, null);
        return Tensors.of(out.subList(1, out.size()));
    }

    /** {@link #forILoop(int, int, java.util.function.BiFunction, java.util.List)} of one value. */
    public static Tensor forILoop(int lower, int upper, java.util.function.BinaryOperator<Tensor> body, Tensor initVal) {
        return forILoop(lower, upper, (i, v) -> java.util.List.of(body.apply(i, v.getFirst())), java.util.List.of(initVal))
                .getFirst();
    }

    /**
     * {@code keras.ops.scan}: {@code f(carry, x) -> (carry, y)} over the leading axis of every {@code xs} tensor,
     * returning the last carry and the stacked {@code y}s ({@code reverse}: from the last slice to the first, each
     * {@code y} still at its slice's position). Symbolic inputs trace {@code f} once (it must give back the carry with
     * its shapes) and record one {@code scan} node.
     */
    public static ScanResult scan(java.util.function.BiFunction<Tensors, Tensors, ScanResult> f,
                                  java.util.List<? extends Tensor> init, java.util.List<? extends Tensor> xs,
                                  boolean reverse) {
        return Scan.apply(f, init, xs, null, reverse);
    }

    /**
     * {@code keras.ops.scan(f, init, xs, length, reverse)} in full: {@code length}, if not null, must equal the
     * leading dimension of every {@code xs} tensor, and gives the number of steps when {@code xs} is empty.
     */
    public static ScanResult scan(java.util.function.BiFunction<Tensors, Tensors, ScanResult> f,
                                  java.util.List<? extends Tensor> init, java.util.List<? extends Tensor> xs,
                                  Integer length, boolean reverse) {
        return Scan.apply(f, init, xs, length, reverse);
    }

    /** {@link #scan(java.util.function.BiFunction, java.util.List, java.util.List, boolean)} forwards. */
    public static ScanResult scan(java.util.function.BiFunction<Tensors, Tensors, ScanResult> f,
                                  java.util.List<? extends Tensor> init, java.util.List<? extends Tensor> xs) {
        return Scan.apply(f, init, xs, null, false);
    }

    /** A scan of {@code length} steps over no {@code xs} ({@code f} gets an empty list), as Keras's {@code xs=None}. */
    public static ScanResult scan(java.util.function.BiFunction<Tensors, Tensors, ScanResult> f,
                                  java.util.List<? extends Tensor> init, int length) {
        return Scan.apply(f, init, java.util.List.of(), length, false);
    }

    /** A scan of one carried tensor over one tensor's leading axis. */
    public static ScanResult scan(java.util.function.BiFunction<Tensor, Tensor, ScanResult> f, Tensor init, Tensor xs) {
        return Scan.apply((c, x) -> f.apply(c.getFirst(), x.getFirst()), java.util.List.of(init), java.util.List.of(xs),
                null, false);
    }

    /**
     * {@code keras.ops.map}: {@code f} applied to each slice of {@code xs} along its leading axis, the results
     * stacked (a {@link #scan} without a carry, so it traces as one node).
     */
    public static Tensor map(java.util.function.UnaryOperator<Tensor> f, Tensor xs) {
        return Scan.apply((c, x) -> ScanResult.of(java.util.List.of(), java.util.List.of(f.apply(x.getFirst()))),
                java.util.List.of(), java.util.List.of(xs), null, false).outputs().getFirst();
    }

    /**
     * {@code keras.ops.associative_scan}: the inclusive scan of {@code elems} along {@code axis} by the associative
     * {@code f(earlier, later)}, in ⌈log₂ n⌉ rounds of {@code f} on whole tensors (a composition of ops: it traces,
     * differentiates and saves as they do). {@code reverse}: from the end of the axis.
     */
    public static Tensor associativeScan(java.util.function.BinaryOperator<Tensor> f, Tensor elems, boolean reverse,
                                         int axis) {
        return AssociativeScan.apply(f, elems, reverse, axis);
    }

    /** {@link #associativeScan(java.util.function.BinaryOperator, Tensor, boolean, int)} forwards along axis 0. */
    public static Tensor associativeScan(java.util.function.BinaryOperator<Tensor> f, Tensor elems) {
        return AssociativeScan.apply(f, elems, false, 0);
    }


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
     * {@link #lstmSequence(Tensor, Tensor, Tensor, Tensor, Tensor, boolean)} on {@code x · kernel + bias}: x (batch,
     * time, features), the kernel (features, 4 units), the bias (4 units) or null. The same values as projecting
     * first with {@link #dense}; in inference (no tape) the projection runs inside the steps, without writing the
     * projected sequence to memory.
     */
    public static Tensor lstmSequence(Tensor x, Tensor kernel, Tensor bias, Tensor recurrentKernel, Tensor h0,
                                      Tensor c0, Tensor mask, boolean goBackwards) {
        return LstmSequence.applyProjecting(x, kernel, bias, recurrentKernel, h0, c0, mask, goBackwards);
    }

    /**
     * The same values, never recorded by a {@link dev.strata.autodiff.GradientTape}: gradients do not flow
     * through the result.
     */
    public static Tensor stopGradient(Tensor x) {
        return StopGradient.apply(x);
    }
}
