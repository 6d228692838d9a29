package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Diagonals, as numpy has them: {@code keras.ops.diagonal(x, offset=0, axis1=0, axis2=1)} (the diagonal of the
 * matrices in two axes, moved to the end; offset > 0 above the main one), {@code trace(x, offset=0, axis1=0,
 * axis2=1)} (its sum), {@code diag(x, k=0)} (of a matrix its k-th diagonal; of a vector the square matrix with
 * the vector on its k-th diagonal and zeros elsewhere) and {@code diagflat(x, k=0)} (diag of x flattened). One
 * file, as all four are one index map: taking a diagonal is a {@link Gather}, building a matrix from one is its
 * adjoint {@link ScatterAdd}, so each one's gradient is the other.
 */
final class Diagonals {
    /** {@code keras.ops.diagonal(x, offset=0, axis1=0, axis2=1)}. */
    static final OpSpec DIAGONAL = OpSpec.op("diagonal").numpy("Diagonal").config("offset", Type.INT, 0)
            .config("axis1", Type.INT, 0).config("axis2", Type.INT, 1)
            .rebuild((in, args) -> diagonal(in.get(0), args.integer("offset"), args.integer("axis1"),
                    args.integer("axis2")));
    /** {@code keras.ops.trace(x, offset=0, axis1=0, axis2=1)}. */
    static final OpSpec TRACE = OpSpec.op("trace").numpy("Trace").config("offset", Type.INT, 0)
            .config("axis1", Type.INT, 0).config("axis2", Type.INT, 1)
            .rebuild((in, args) -> trace(in.get(0), args.integer("offset"), args.integer("axis1"),
                    args.integer("axis2")));
    /** {@code keras.ops.diag(x, k=0)}. */
    static final OpSpec DIAG = OpSpec.op("diag").numpy("Diag").config("k", Type.INT, 0)
            .rebuild((in, args) -> diag(in.get(0), args.integer("k")));
    /** {@code keras.ops.diagflat(x, k=0)}. */
    static final OpSpec DIAGFLAT = OpSpec.op("diagflat").numpy("Diagflat").config("k", Type.INT, 0)
            .rebuild((in, args) -> diagflat(in.get(0), args.integer("k")));

    private Diagonals() {
    }

    static Tensor diagonal(Tensor x, int offset, int axis1, int axis2) {
        return take(DIAGONAL, x, offset, axis1, axis2);
    }

    static Tensor trace(Tensor x, int offset, int axis1, int axis2) {
        return take(TRACE, x, offset, axis1, axis2);
    }

    private static Tensor take(OpSpec spec, Tensor x, int offset, int axis1, int axis2) {
        Shape s = x.shape();
        String op = spec.name();
        if (s.rank() < 2) {
            throw new ShapeException(op + ": x must have at least 2 axes, got shape " + s);
        }
        int a1 = Cumulative.axis(op, s, axis1);
        int a2 = Cumulative.axis(op, s, axis2);
        if (a1 == a2) {
            throw new IllegalArgumentException(op + ": axis1 and axis2 must be different axes, got " + axis1 + " and "
                    + axis2 + " (shape " + s + ")");
        }
        int[] rest = new int[s.rank() - 2];
        for (int i = 0, j = 0; i < s.rank(); i++) {
            if (i != a1 && i != a2) {
                rest[j++] = i;
            }
        }
        int n = length(s.get(a1), s.get(a2), offset);
        int[] outDims = new int[rest.length + 1];
        for (int i = 0; i < rest.length; i++) {
            outDims[i] = s.get(rest[i]);
        }
        outDims[rest.length] = n;
        Shape diagShape = Shape.of(outDims);
        if (x.isSymbolic()) {
            Shape out = spec == TRACE ? Shape.of(java.util.Arrays.copyOf(outDims, rest.length)) : diagShape;
            return OpSupport.record(spec.args(offset, axis1, axis2), out,
                    in -> take(spec, in.get(0), offset, axis1, axis2), x);
        }
        int[] strides = Slice.strides(s);
        int outer = 1;
        for (int i = 0; i < rest.length; i++) {
            outer *= outDims[i];
        }
        int[] map = new int[outer * n];
        int[] counter = new int[rest.length];
        int start = Math.max(0, -offset) * strides[a1] + Math.max(0, offset) * strides[a2];
        for (int o = 0; o < outer; o++) {
            int base = start;
            for (int i = 0; i < rest.length; i++) {
                base += counter[i] * strides[rest[i]];
            }
            for (int i = 0; i < n; i++) {
                map[o * n + i] = base + i * (strides[a1] + strides[a2]);
            }
            for (int i = rest.length - 1; i >= 0; i--) {
                if (++counter[i] < outDims[i]) {
                    break;
                }
                counter[i] = 0;
            }
        }
        Tensor d = Gather.apply(x, map, 1, diagShape);
        return spec == TRACE ? Sum.apply(d, new int[] {-1}, false) : d;
    }

    /** numpy's length of the diagonal at {@code offset} of a d1 x d2 matrix (unknown if either is). */
    private static int length(int d1, int d2, int offset) {
        if (d1 == Shape.UNKNOWN || d2 == Shape.UNKNOWN) {
            return Shape.UNKNOWN;
        }
        long n = offset >= 0 ? Math.min(d1, (long) d2 - offset) : Math.min((long) d1 + offset, d2);
        return (int) Math.max(0, n);
    }

    static Tensor diag(Tensor x, int k) {
        Shape s = x.shape();
        if (s.rank() == 2) {
            if (x.isSymbolic()) {
                return OpSupport.record(DIAG.args(k), Shape.of(length(s.get(0), s.get(1), k)),
                        in -> diag(in.get(0), k), x);
            }
            return diagonal(x, k, 0, 1);
        }
        if (s.rank() != 1) {
            throw new ShapeException("diag: x must be a vector (to make a matrix) or a matrix (to take its diagonal), "
                    + "got shape " + s);
        }
        if (x.isSymbolic()) {
            return OpSupport.record(DIAG.args(k), square(s.get(0), k), in -> diag(in.get(0), k), x);
        }
        return matrix(x, k);
    }

    static Tensor diagflat(Tensor x, int k) {
        Shape s = x.shape();
        if (x.isSymbolic()) {
            return OpSupport.record(DIAGFLAT.args(k), square(s.isFullyDefined() ? s.size() : Shape.UNKNOWN, k),
                    in -> diagflat(in.get(0), k), x);
        }
        return matrix(Cumulative.flatten(x), k);
    }

    private static Shape square(int n, int k) {
        int m = n == Shape.UNKNOWN ? Shape.UNKNOWN : n + Math.abs(k);
        return Shape.of(m, m);
    }

    /** The square matrix with concrete vector v on its k-th diagonal, zeros elsewhere. */
    private static Tensor matrix(Tensor v, int k) {
        int n = v.shape().get(0);
        int m = n + Math.abs(k);
        int[] map = new int[n];
        int start = Math.max(0, -k) * m + Math.max(0, k);
        for (int i = 0; i < n; i++) {
            map[i] = start + i * (m + 1);
        }
        return ScatterAdd.apply(v, map, 1, Shape.of(m, m));
    }
}
