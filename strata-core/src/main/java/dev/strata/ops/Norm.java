package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Module;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Vector and matrix norms, like {@code keras.ops.norm(x, ord=None, axis=None, keepdims=False)} with the JAX backend
 * ({@code jnp.linalg.norm}). With axis None and ord None, the 2-norm of all of x (any rank); axis None with an ord
 * means all axes, which must then be one (a vector norm) or two (a matrix norm). One axis: vector norms, ord None or
 * 2 {@code sqrt(Σx²)}, inf {@code max|x|}, -inf {@code min|x|}, 0 the count of non-zeros, 1 {@code Σ|x|}, any other
 * p {@code (Σ|x|^p)^(1/p)}. Two axes (rows, columns): None or "fro" Frobenius, 1 / -1 the largest / smallest column
 * sum of |x|, inf / -inf the largest / smallest row sum, 2 / -2 the largest / smallest singular value, "nuc" their
 * sum. Made of the differentiable ops (svd's singular values for 2, -2 and nuc), so gradients are JAX's (also NaN at
 * a zero vector for the 2-norm, as JAX's); ord 0 counts and has no gradient.
 */
final class Norm {
    /** {@code keras.ops.norm(x, ord=None, axis=None, keepdims=False)}. */
    static final OpSpec SPEC = OpSpec.op("norm").keras(Module.LINALG, "Norm")
            .config("ord", Type.NUMBER_OR_STRING).config("axis", Type.OPTIONAL_INTS)
            .config("keepdims", Type.BOOL, false)
            .rebuild((in, args) -> apply(in.get(0), ord(args.value("ord")), args.ints("axis"), args.bool("keepdims")));

    private Norm() {
    }

    /** ord as recorded (null, Integer, Float or String) to what apply takes (null, Float or String). */
    private static Object ord(Object recorded) {
        return recorded instanceof Integer i ? (Object) i.floatValue() : recorded;
    }

    /**
     * The norm; {@code ord} is null (Keras's None), a Float (infinities included) or the String "fro" or "nuc".
     */
    static Tensor apply(Tensor x, Object ord, int[] axis, boolean keepdims) {
        Shape s = x.shape();
        if (ord instanceof String str && !str.equals("fro") && !str.equals("nuc")) {
            throw new IllegalArgumentException("norm: ord must be a number, \"fro\", \"nuc\" or None, got \"" + str
                    + "\"");
        }
        int[] axes;
        if (axis == null) {
            axes = new int[s.rank()];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i;
            }
        } else {
            axes = new int[axis.length];
            for (int i = 0; i < axis.length; i++) {
                if (axis[i] < -s.rank() || axis[i] >= s.rank()) {
                    throw new ShapeException("norm: axis " + axis[i] + " is out of bounds for x of shape " + s);
                }
                axes[i] = axis[i] < 0 ? axis[i] + s.rank() : axis[i];
            }
            if (axes.length == 2 && axes[0] == axes[1]) {
                throw new ShapeException("norm: the two axes must differ, got " + java.util.Arrays.toString(axis)
                        + " for x of shape " + s);
            }
        }
        boolean all = axis == null && ord == null;
        if (!all) {
            if (axes.length == 1 && ord instanceof String) {
                throw new IllegalArgumentException("norm: ord \"" + ord + "\" is a matrix norm, but one axis was "
                        + "given (a vector norm) for x of shape " + s);
            }
            if (axes.length != 1 && axes.length != 2) {
                throw new ShapeException("norm: give one axis (a vector norm) or two (a matrix norm), got "
                        + (axis == null ? "None with ord " + ord + ", so all " + s.rank() + " axes of x of shape " + s
                        : java.util.Arrays.toString(axis) + " for x of shape " + s));
            }
            if (axes.length == 2 && ord instanceof Float f && !(f == 1 || f == -1 || f == 2 || f == -2
                    || Float.isInfinite(f))) {
                throw new IllegalArgumentException("norm: ord " + f + " is not a matrix norm (None, \"fro\", "
                        + "\"nuc\", inf, -inf, 1, -1, 2 or -2), for axes " + java.util.Arrays.toString(axes)
                        + " of x of shape " + s);
            }
        }
        Shape out = Reductions.shape(s, axes, keepdims);
        if (x.isSymbolic()) {
            Object recorded = ord instanceof Float f && f == Math.rint(f) && !Float.isInfinite(f)
                    ? (Object) (int) (float) f : ord;
            return OpSupport.record(SPEC.args(recorded, axis, keepdims), out, in -> apply(in.get(0), ord, axis,
                    keepdims), x);
        }
        if (ord == null || "fro".equals(ord) || ord instanceof Float f2 && f2 == 2 && axes.length == 1) {
            return Sqrt.apply(Sum.apply(Multiply.apply(x, x), axes, keepdims));
        }
        if (axes.length == 1) {
            return vector(x, (Float) ord, axes, keepdims);
        }
        return matrix(x, ord, axes[0], axes[1], keepdims);
    }

    private static Tensor vector(Tensor x, float ord, int[] axes, boolean keepdims) {
        if (ord == Float.POSITIVE_INFINITY) {
            return Max.apply(Abs.apply(x), axes, keepdims);
        }
        if (ord == Float.NEGATIVE_INFINITY) {
            return Min.apply(Abs.apply(x), axes, keepdims);
        }
        if (ord == 0) {
            return Sum.apply(Comparison.notEqual(StopGradient.apply(x), Tensor.scalar(0f)), axes, keepdims);
        }
        if (ord == 1) {
            return Sum.apply(Abs.apply(x), axes, keepdims);
        }
        return Power.apply(Sum.apply(Power.apply(Abs.apply(x), Tensor.scalar(ord)), axes, keepdims),
                Tensor.scalar(1f / ord));
    }

    private static Tensor matrix(Tensor x, Object ord, int row, int col, boolean keepdims) {
        if (ord instanceof Float f && Math.abs(f) == 1) { // column sums (over rows), then over columns
            int c = !keepdims && col > row ? col - 1 : col;
            Tensor sums = Sum.apply(Abs.apply(x), new int[] {row}, keepdims);
            return f > 0 ? Max.apply(sums, new int[] {c}, keepdims) : Min.apply(sums, new int[] {c}, keepdims);
        }
        if (ord instanceof Float f && Float.isInfinite(f)) { // row sums (over columns), then over rows
            int r = !keepdims && row > col ? row - 1 : row;
            Tensor sums = Sum.apply(Abs.apply(x), new int[] {col}, keepdims);
            return f > 0 ? Max.apply(sums, new int[] {r}, keepdims) : Min.apply(sums, new int[] {r}, keepdims);
        }
        // 2, -2, nuc: the singular values of the matrices moved to the last two axes
        int rank = x.rank();
        int[] perm = new int[rank];
        int p = 0;
        for (int i = 0; i < rank; i++) {
            if (i != row && i != col) {
                perm[p++] = i;
            }
        }
        perm[p++] = row;
        perm[p] = col;
        Tensor sv = Svd.apply(Transpose.apply(x, perm), false, false).get(0);
        Tensor y = "nuc".equals(ord) ? Sum.apply(sv, new int[] {-1}, false)
                : (Float) ord > 0 ? Max.apply(sv, new int[] {-1}, false) : Min.apply(sv, new int[] {-1}, false);
        if (keepdims) {
            int lo = Math.min(row, col);
            int hi = Math.max(row, col);
            y = ExpandDims.apply(ExpandDims.apply(y, lo), hi);
        }
        return y;
    }
}
