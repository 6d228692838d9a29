package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.ReduceOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Reductions of {@code keras.ops.numpy} beyond sum/mean/max/min: amax and amin (max and min under their own Keras
 * classes), ptp, average (weighted), count_nonzero and corrcoef. Built on the existing reductions, so the gradients
 * are theirs (ties of a maximum share the gradient, as JAX's); count_nonzero counts and is not differentiable.
 */
final class Statistics {
    /** {@code keras.ops.amax(x, axis=None, keepdims=False)}. */
    static final OpSpec AMAX = OpSpec.op("amax").numpy("Amax")
            .config("axis", Type.OPTIONAL_INTS).config("keepdims", Type.BOOL, false)
            .rebuild((in, args) -> amax(in.get(0), args.ints("axis"), args.bool("keepdims")));
    /** {@code keras.ops.amin(x, axis=None, keepdims=False)}. */
    static final OpSpec AMIN = OpSpec.op("amin").numpy("Amin")
            .config("axis", Type.OPTIONAL_INTS).config("keepdims", Type.BOOL, false)
            .rebuild((in, args) -> amin(in.get(0), args.ints("axis"), args.bool("keepdims")));
    /** {@code keras.ops.ptp(x, axis=None, keepdims=False)}. */
    static final OpSpec PTP = OpSpec.op("ptp").numpy("Ptp")
            .config("axis", Type.OPTIONAL_INTS).config("keepdims", Type.BOOL, false)
            .rebuild((in, args) -> ptp(in.get(0), args.ints("axis"), args.bool("keepdims")));
    /**
     * {@code keras.ops.average(x, axis=None, weights=None)} without weights; a weighted average is recorded as the
     * multiply, sums and divide it is made of (Keras passes weights as a keyword tensor, which Strata's op entries do
     * not take).
     */
    static final OpSpec AVERAGE = OpSpec.op("average").numpy("Average").config("axis", Type.OPTIONAL_INT)
            .keyword("weights", Type.OPTIONAL_FLOAT, null)
            .rebuild((in, args) -> {
                if (args.optionalNumber("weights") != null) {
                    throw OpSpec.unsupported("average with a number as weights is not supported; give a tensor");
                }
                return average(in.get(0), args.optionalInt("axis"), null);
            });
    /** {@code keras.ops.count_nonzero(x, axis=None)}: one axis or all (Keras's JAX backend rejects axis lists). */
    static final OpSpec COUNT_NONZERO = OpSpec.op("count_nonzero").numpy("CountNonzero")
            .config("axis", Type.OPTIONAL_INT)
            .rebuild((in, args) -> countNonzero(in.get(0), args.optionalInt("axis")));
    /** {@code keras.ops.corrcoef(x)}. */
    static final OpSpec CORRCOEF = OpSpec.op("corrcoef").numpy("Corrcoef")
            .rebuild((in, args) -> corrcoef(in.get(0)));

    private Statistics() {
    }

    static Tensor amax(Tensor x, int[] axes, boolean keepDims) {
        return Max.extremum(AMAX, ReduceOp.MAX, x, axes, keepDims);
    }

    static Tensor amin(Tensor x, int[] axes, boolean keepDims) {
        return Max.extremum(AMIN, ReduceOp.MIN, x, axes, keepDims);
    }

    /** max − min, as {@code jnp.ptp}; the gradient is max's minus min's. */
    static Tensor ptp(Tensor x, int[] axes, boolean keepDims) {
        int[] ax = Reductions.axes("ptp", x.shape(), axes);
        if (x.isSymbolic()) {
            // recorded as given (Keras writes axis -1 as -1)
            return OpSupport.record(PTP.args(axes == null ? null : axes.clone(), keepDims),
                    Reductions.shape(x.shape(), ax, keepDims), in -> ptp(in.get(0), ax, keepDims), x);
        }
        return Subtract.apply(Max.apply(x, ax, keepDims), Min.apply(x, ax, keepDims));
    }

    /**
     * The weighted average, as {@code jnp.average}: {@code sum(x·w) / sum(w)} over the axis; weights of x's shape or
     * 1-D along the axis. Without weights, the mean.
     */
    static Tensor average(Tensor x, Integer axis, Tensor weights) {
        Shape s = x.shape();
        int[] ax = axis == null ? null : new int[] {Cumulative.axis("average", s, axis)};
        if (weights == null) {
            int[] all = Reductions.axes("average", s, ax);
            if (x.isSymbolic()) {
                return OpSupport.record(AVERAGE.args(axis, null), Reductions.shape(s, all, false),
                        in -> average(in.get(0), axis, null), x);
            }
            return Mean.apply(x, all, false);
        }
        Tensor w = weights;
        Shape ws = weights.shape();
        if (!ws.equals(s)) {
            if (ax == null) {
                throw new ShapeException("average: without an axis the weights must have x's shape " + s + ", got "
                        + ws);
            }
            if (ws.rank() != 1 || (ws.get(0) != s.get(ax[0]) && ws.get(0) != Shape.UNKNOWN
                    && s.get(ax[0]) != Shape.UNKNOWN)) {
                throw new ShapeException("average: weights of shape " + ws + " must have x's shape " + s
                        + " or be 1-D with the length of axis " + axis + " (" + s.get(ax[0]) + ")");
            }
            int[] shape = new int[s.rank()];
            java.util.Arrays.fill(shape, 1);
            shape[ax[0]] = ws.get(0) == Shape.UNKNOWN ? -1 : ws.get(0);
            w = Reshape.apply(weights, shape);
        }
        return Divide.apply(Sum.apply(Multiply.apply(x, w), ax, false), Sum.apply(BroadcastTo.apply(w, s), ax,
                false));
    }

    /** The number of non-zero elements (NaN counts) over an axis or all; a count, so no gradient. */
    static Tensor countNonzero(Tensor x, Integer axis) {
        Shape s = x.shape();
        int[] ax = Reductions.axes("count_nonzero", s, axis == null ? null : new int[] {axis});
        Shape out = Reductions.shape(s, ax, false);
        if (x.isSymbolic()) {
            return OpSupport.record(COUNT_NONZERO.args(axis), out, in -> countNonzero(in.get(0), axis), x);
        }
        Tensor nonzero = Pointwise.map(x, v -> Pointwise.bool(v != 0f));
        return OpSupport.wrap(Reductions.reduce(ReduceOp.SUM, nonzero, ax), out);
    }

    /**
     * Pearson correlation coefficients of the rows of x (each row a variable), as {@code jnp.corrcoef}: the
     * covariance (ddof 1) divided by the outer product of the standard deviations, clipped to [-1, 1]; a 1-D x (or
     * one row) gives the scalar {@code c / c}.
     */
    static Tensor corrcoef(Tensor x) {
        Shape s = x.shape();
        if (s.rank() > 2) {
            throw new ShapeException("corrcoef: x must be 1-D or 2-D (variables in rows), got shape " + s);
        }
        int rows = s.rank() < 2 ? 1 : s.get(0);
        Shape out = rows == 1 ? Shape.of() : Shape.of(rows, rows);
        if (x.isSymbolic()) {
            return OpSupport.record(CORRCOEF, out, in -> corrcoef(in.get(0)), x);
        }
        Tensor m = s.rank() < 2 ? Reshape.apply(x, 1, s.rank() == 0 ? 1 : s.get(0)) : x;
        int n = m.shape().get(1);
        Tensor centred = Subtract.apply(m, Mean.apply(m, new int[] {1}, true));
        Tensor c = Divide.apply(MatMul.apply(centred, centred, false, true), Tensor.scalar(n - 1));
        if (rows == 1) {
            Tensor c0 = Reshape.apply(c);
            return Divide.apply(c0, c0);
        }
        float[] eye = new float[rows * rows];
        for (int i = 0; i < rows; i++) {
            eye[i * rows + i] = 1f;
        }
        Tensor d = Sum.apply(Multiply.apply(c, Tensor.of(eye, rows, rows)), new int[] {1}, false);
        Tensor std = Sqrt.apply(d);
        Tensor r = Divide.apply(Divide.apply(c, Reshape.apply(std, rows, 1)), Reshape.apply(std, 1, rows));
        return Clip.apply(r, -1f, 1f);
    }
}
