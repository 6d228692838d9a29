package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * What the linear-algebra ops share: Keras's checks on matrix arguments (rank at least 2, square), the batch (all
 * but the last two axes) and its size, the solvers' right-hand-side rule with broadcast batches, and small
 * differentiable helpers for the gradient rules (matrix transpose, identity, symmetric part).
 */
final class Linalg {
    private Linalg() {
    }

    /**
     * Checks that {@code s} holds matrices in its last two axes, as Keras's {@code _assert_2d}.
     *
     * @throws ShapeException naming the op, the argument and the shape
     */
    static void requireMatrices(String op, String arg, Shape s) {
        if (s.rank() < 2) {
            throw new ShapeException(op + ": " + arg + " must have rank >= 2 (the last two axes are the matrices), "
                    + "got shape " + s);
        }
    }

    /**
     * Checks that {@code s} holds square matrices, as Keras's {@code _assert_2d} and {@code _assert_square} (an
     * unknown dimension passes).
     *
     * @throws ShapeException naming the op, the argument and the shape
     */
    static void requireSquare(String op, String arg, Shape s) {
        requireMatrices(op, arg, s);
        int m = s.get(-2);
        int n = s.get(-1);
        if (m != n && m != Shape.UNKNOWN && n != Shape.UNKNOWN) {
            throw new ShapeException(op + ": " + arg + " must hold square matrices in its last two axes, got shape "
                    + s + " (" + m + " x " + n + ")");
        }
    }

    /** The batch of matrices {@code s} holds: all but its last two axes. */
    static Shape batch(Shape s) {
        return s.subShape(0, s.rank() - 2);
    }

    /** How many matrices a concrete tensor of shape {@code s} holds. */
    static int count(Shape s) {
        int c = 1;
        for (int i = 0; i < s.rank() - 2; i++) {
            c *= s.get(i);
        }
        return c;
    }

    /**
     * The shape of the solution of {@code a x = b}, checked: {@code a} square matrices {@code (..., M, M)}; {@code b}
     * vectors (when {@code vector}; {@code (..., M)}) or matrices {@code (..., M, K)}; batches broadcast.
     *
     * @throws ShapeException naming the op and both shapes
     */
    static Shape solveShape(String op, Shape a, Shape b, boolean vector) {
        requireSquare(op, "a", a);
        if (b.rank() < 1) {
            throw new ShapeException(op + ": b must have rank >= 1, got a scalar (a has shape " + a + ")");
        }
        // Keras's _assert_a_b_compat: a with one axis fewer than b must match b's last axis (so a (3, 3) does not
        // solve b (2, 3, 2), though JAX would broadcast it)
        if (a.rank() == b.rank() - 1 && a.get(-1) != b.get(-1) && a.get(-1) != Shape.UNKNOWN
                && b.get(-1) != Shape.UNKNOWN) {
            throw new ShapeException(op + ": a of shape " + a + " and b of shape " + b + " are incompatible: with "
                    + "one axis fewer than b, a's last axis must equal b's (Keras's rule)");
        }
        Shape bm = vector ? b.append(1) : b;
        int m = a.get(-1);
        int mb = bm.get(-2);
        if (m != mb && m != Shape.UNKNOWN && mb != Shape.UNKNOWN) {
            throw new ShapeException(op + ": a of shape " + a + " and b of shape " + b + " do not match: b's "
                    + (vector ? "last axis" : "second-to-last axis") + " (" + mb + ") must equal a's size (" + m
                    + ")");
        }
        Shape batch;
        try {
            batch = Broadcasting.shape(op, batch(a), batch(bm));
        } catch (ShapeException e) {
            throw new ShapeException(op + ": a of shape " + a + " and b of shape " + b + " have batch dimensions "
                    + batch(a) + " and " + batch(bm) + " that cannot be broadcast together");
        }
        return vector ? batch.append(bm.get(-2)) : batch.append(bm.get(-2), bm.get(-1));
    }

    /** Concrete {@code x} broadcast to {@code batch + x's last two axes} (differentiably; itself if it has them). */
    static Tensor toBatch(Tensor x, Shape batch) {
        Shape target = batch.append(x.shape().get(-2), x.shape().get(-1));
        return x.shape().equals(target) ? x : BroadcastTo.apply(x, target);
    }

    /** The matrices of {@code x} transposed (its last two axes swapped), differentiably. */
    static Tensor mT(Tensor x) {
        int r = x.rank();
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) {
            perm[i] = i;
        }
        perm[r - 2] = r - 1;
        perm[r - 1] = r - 2;
        return Transpose.apply(x, perm);
    }

    /** The symmetric part {@code (x + xᵀ)/2} of x's matrices. */
    static Tensor sym(Tensor x) {
        return Multiply.apply(Add.apply(x, mT(x)), Tensor.scalar(0.5f));
    }

    /** The {@code n x n} identity. */
    static Tensor eye(int n) {
        float[] v = new float[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        return Tensor.of(v, n, n);
    }

    /** A vector as the diagonal matrices of {@code v (..., k)}: {@code (..., k, k)}, differentiably. */
    static Tensor diag(Tensor v) {
        int k = v.shape().get(-1);
        return Multiply.apply(ExpandDims.apply(v, -1), eye(k));
    }

    /** The diagonals {@code (..., k)} of the square matrices {@code x (..., k, k)}, differentiably. */
    static Tensor diagonal(Tensor x) {
        return Sum.apply(Multiply.apply(x, eye(x.shape().get(-1))), new int[] {-1}, false);
    }
}
