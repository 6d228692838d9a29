package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Differences and the trapezoidal rule along an axis, like {@code keras.ops.diff} and {@code keras.ops.trapezoid}
 * (JAX's formulas, so the same roundings): built from slice, subtract, add, multiply and sum, which give the
 * gradients.
 */
final class Differences {
    /** {@code keras.ops.diff(a, n=1, axis=-1)}. */
    static final OpSpec DIFF = OpSpec.op("diff").numpy("Diff").config("n", Type.INT, 1).config("axis", Type.INT, -1)
            .rebuild((in, args) -> diff(in.get(0), args.integer("n"), args.integer("axis")));
    /** {@code keras.ops.trapezoid(y, x=None, dx=1.0, axis=-1)}; x (sample points) is recorded as ops instead. */
    static final OpSpec TRAPEZOID = OpSpec.op("trapezoid").numpy("Trapezoid")
            .fixed("x", null, "Keras keeps x in the op's config, which cannot hold a tensor; Strata records a "
                    + "trapezoid with sample points as the ops it is made of")
            .config("dx", Type.FLOAT, 1f).config("axis", Type.INT, -1)
            .rebuild((in, args) -> trapezoid(in.get(0), args.number("dx"), args.integer("axis")));

    private Differences() {
    }

    static Tensor diff(Tensor x, int n, int axis) {
        Shape s = x.shape();
        if (n < 0) {
            throw new IllegalArgumentException("diff: the order n must be non-negative, got " + n + " (shape " + s
                    + ")");
        }
        if (s.rank() == 0) {
            throw new ShapeException("diff: x must have at least one axis, got shape " + s);
        }
        int a = Cumulative.axis("diff", s, axis);
        int d = s.get(a);
        Shape out = s.withDim(a, d == Shape.UNKNOWN ? d : Math.max(0, d - n));
        if (x.isSymbolic()) {
            return OpSupport.record(DIFF.args(n, axis), out, in -> diff(in.get(0), n, axis), x);
        }
        Tensor y = x;
        for (int i = 0; i < n && y.shape().get(a) > 0; i++) {
            int m = y.shape().get(a);
            y = Subtract.apply(along(y, a, 1, m - 1), along(y, a, 0, m - 1));
        }
        return n == 0 ? x : y.shape().equals(out) ? y : OpSupport.wrap(new float[0], out);
    }

    /** {@code size} elements of concrete x from {@code start} along axis {@code a}. */
    static Tensor along(Tensor x, int a, int start, int size) {
        int[] st = new int[x.rank()];
        int[] sz = x.shape().toArray();
        st[a] = start;
        sz[a] = size;
        return Slice.apply(x, st, sz);
    }

    static Tensor trapezoid(Tensor y, float dx, int axis) {
        Shape s = y.shape();
        int a = Cumulative.axis("trapezoid", s, axis);
        Shape out = Reductions.shape(s, new int[] {a}, false);
        if (y.isSymbolic()) {
            return OpSupport.record(TRAPEZOID.args(dx, axis), out, in -> trapezoid(in.get(0), dx, axis), y);
        }
        int n = s.get(a);
        if (n == 0) {
            return OpSupport.wrap(new float[out.size()], out);
        }
        // jnp.trapezoid's fast path for a constant spacing: dx * (sum(y) - (y[0] + y[-1]) / 2)
        Tensor ends = Multiply.apply(Tensor.scalar(0.5f), Add.apply(squeezed(y, a, 0), squeezed(y, a, n - 1)));
        return Multiply.apply(Tensor.scalar(dx), Subtract.apply(Sum.apply(y, new int[] {a}, false), ends));
    }

    /**
     * The trapezoidal rule with sample points x (1-D, as long as y's axis, or y's shape): {@code 0.5 * sum(diff(x) *
     * (y[1:] + y[:-1]))}, as jnp (its constant-spacing path when y has two points). Made of recorded ops when
     * symbolic, so it saves as those.
     */
    static Tensor trapezoid(Tensor y, Tensor x, int axis) {
        Shape s = y.shape();
        int a = Cumulative.axis("trapezoid", s, axis);
        int n = s.get(a);
        Tensor dx;
        if (x.rank() == 1) {
            if (x.shape().get(0) != n && n != Shape.UNKNOWN && x.shape().get(0) != Shape.UNKNOWN) {
                throw new ShapeException("trapezoid: x of shape " + x.shape() + " must have one point per element of "
                        + "axis " + axis + " of y " + s);
            }
            Tensor d = diff(x, 1, 0);
            int[] shape = new int[s.rank()];
            java.util.Arrays.fill(shape, 1);
            shape[a] = Math.max(0, n - 1);
            dx = Reshape.apply(d, shape);
        } else {
            if (x.rank() != s.rank()) {
                throw new ShapeException("trapezoid: x of shape " + x.shape() + " must be 1-D or have y's rank ("
                        + s + ")");
            }
            dx = diff(x, 1, a);
        }
        if (n == 2) {
            Tensor ends = Multiply.apply(Tensor.scalar(0.5f), Add.apply(squeezed(y, a, 0), squeezed(y, a, 1)));
            Tensor sum = Sum.apply(y, new int[] {a}, false);
            return Multiply.apply(Squeeze.apply(dx, new int[] {a}), Subtract.apply(sum, ends));
        }
        int m = Math.max(0, n - 1);
        Tensor pairs = Add.apply(sliceOf(y, a, 1, m), sliceOf(y, a, 0, m));
        return Multiply.apply(Tensor.scalar(0.5f), Sum.apply(Multiply.apply(dx, pairs), new int[] {a}, false));
    }

    /** x[..., i, ...] along axis a, the axis removed (symbolic or concrete). */
    private static Tensor squeezed(Tensor x, int a, int i) {
        return Squeeze.apply(sliceOf(x, a, i, 1), new int[] {a});
    }

    private static Tensor sliceOf(Tensor x, int a, int start, int size) {
        int[] st = new int[x.rank()];
        int[] sz = new int[x.rank()];
        java.util.Arrays.fill(sz, -1);
        st[a] = start;
        sz[a] = size;
        return Slice.apply(x, st, sz);
    }
}
