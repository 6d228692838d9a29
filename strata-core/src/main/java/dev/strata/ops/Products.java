package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The tensor products of {@code keras.ops.numpy}: tensordot, outer, inner, vdot, kron, cross and correlate. Each is
 * built from reshape, transpose, matmul, multiply, take and concatenate on concrete tensors, so the contractions run
 * on the GEMM kernel and the gradients (as JAX's: these are linear in each operand) come from those ops. Given a
 * symbolic operand each records one node of its own Keras class.
 */
final class Products {
    /** {@code keras.ops.tensordot(x1, x2, axes=2)}; Strata's Keras form takes an integer {@code axes}. */
    static final OpSpec TENSORDOT = OpSpec.op("tensordot").numpy("Tensordot").binary().config("axes", Type.INT, 2)
            .rebuild((in, args) -> tensordot(in.get(0), in.get(1), args.integer("axes")));
    /** {@code keras.ops.outer(x1, x2)}. */
    static final OpSpec OUTER = OpSpec.op("outer").numpy("Outer").binary()
            .rebuild((in, args) -> outer(in.get(0), in.get(1)));
    /** {@code keras.ops.inner(x1, x2)}. */
    static final OpSpec INNER = OpSpec.op("inner").numpy("Inner").binary()
            .rebuild((in, args) -> inner(in.get(0), in.get(1)));
    /** {@code keras.ops.vdot(x1, x2)}. */
    static final OpSpec VDOT = OpSpec.op("vdot").numpy("Vdot").binary()
            .rebuild((in, args) -> vdot(in.get(0), in.get(1)));
    /** {@code keras.ops.kron(x1, x2)}. */
    static final OpSpec KRON = OpSpec.op("kron").numpy("Kron").binary()
            .rebuild((in, args) -> kron(in.get(0), in.get(1)));
    /** {@code keras.ops.cross(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None)}. */
    static final OpSpec CROSS = OpSpec.op("cross").numpy("Cross").binary().config("axisa", Type.INT, -1)
            .config("axisb", Type.INT, -1).config("axisc", Type.INT, -1).config("axis", Type.OPTIONAL_INT)
            .rebuild((in, args) -> {
                Integer axis = args.optionalInt("axis");
                return axis != null ? cross(in.get(0), in.get(1), axis, axis, axis)
                        : cross(in.get(0), in.get(1), args.integer("axisa"), args.integer("axisb"),
                                args.integer("axisc"));
            });
    /** {@code keras.ops.correlate(x1, x2, mode="valid")}. */
    static final OpSpec CORRELATE = OpSpec.op("correlate").numpy("Correlate").binary()
            .config("mode", Type.STRING, "valid")
            .rebuild((in, args) -> correlate(in.get(0), in.get(1), args.string("mode")));

    private Products() {
    }

    // ---- tensordot -----------------------------------------------------------------------------------------------

    static Tensor tensordot(Tensor a, Tensor b, int axes) {
        Shape as = a.shape();
        Shape bs = b.shape();
        if (axes < 0 || axes > as.rank() || axes > bs.rank()) {
            throw new ShapeException("tensordot: axes = " + axes + " must be between 0 and the rank of both operands,"
                    + " got shapes " + as + " and " + bs);
        }
        for (int i = 0; i < axes; i++) {
            int da = as.get(as.rank() - axes + i);
            int db = bs.get(i);
            if (da != db && da != Shape.UNKNOWN && db != Shape.UNKNOWN) {
                throw new ShapeException("tensordot: shapes " + as + " and " + bs + " do not match on the " + axes
                        + " contracted axes (the last " + axes + " of x1 against the first " + axes + " of x2): "
                        + da + " against " + db);
            }
        }
        Shape out = as.subShape(0, as.rank() - axes).append(bs.subShape(axes, bs.rank()).toArray());
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(TENSORDOT.args(axes), out, in -> tensordot(in.get(0), in.get(1), axes), a, b);
        }
        int k = as.subShape(as.rank() - axes, as.rank()).size();
        int m = as.size() / Math.max(k, 1);
        int n = bs.size() / Math.max(k, 1);
        if (k == 0) { // nothing to contract: zeros (the matmul kernel needs a non-empty inner dimension)
            return OpSupport.wrap(new float[out.size()], out);
        }
        Tensor y = MatMul.apply(Reshape.apply(a, m, k), Reshape.apply(b, k, n), false, false);
        return Reshape.apply(y, out);
    }

    /**
     * tensordot over explicit axes: {@code axesA[i]} of x1 against {@code axesB[i]} of x2. The operands are
     * transposed so those axes are last in x1 and first in x2 (recorded as transposes when symbolic), then
     * contracted as {@code tensordot(x1, x2, n)}.
     */
    static Tensor tensordot(Tensor a, Tensor b, int[] axesA, int[] axesB) {
        if (axesA.length != axesB.length) {
            throw new ShapeException("tensordot: the axes lists must be as long as each other, got "
                    + Arrays.toString(axesA) + " and " + Arrays.toString(axesB) + " (shapes " + a.shape() + " and "
                    + b.shape() + ")");
        }
        int[] pa = Reductions.axes("tensordot", a.shape(), axesA);
        int[] pb = Reductions.axes("tensordot", b.shape(), axesB);
        // Reductions.axes sorts; keep the pairing in the caller's order
        int[] ca = Arrays.stream(axesA).map(a.shape()::normalizeAxis).toArray();
        int[] cb = Arrays.stream(axesB).map(b.shape()::normalizeAxis).toArray();
        int[] permA = new int[a.rank()];
        int j = 0;
        for (int i = 0; i < a.rank(); i++) {
            if (Arrays.binarySearch(pa, i) < 0) {
                permA[j++] = i;
            }
        }
        for (int c : ca) {
            permA[j++] = c;
        }
        int[] permB = new int[b.rank()];
        j = 0;
        for (int c : cb) {
            permB[j++] = c;
        }
        for (int i = 0; i < b.rank(); i++) {
            if (Arrays.binarySearch(pb, i) < 0) {
                permB[j++] = i;
            }
        }
        return tensordot(Transpose.apply(a, permA), Transpose.apply(b, permB), ca.length);
    }

    // ---- outer, inner, vdot, kron --------------------------------------------------------------------------------

    static Tensor outer(Tensor a, Tensor b) {
        Shape out = Shape.of(flatSize(a.shape()), flatSize(b.shape()));
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(OUTER, out, in -> outer(in.get(0), in.get(1)), a, b);
        }
        return Multiply.apply(Reshape.apply(a, a.size(), 1), Reshape.apply(b, 1, b.size()));
    }

    static Tensor inner(Tensor a, Tensor b) {
        if (a.rank() == 0 || b.rank() == 0) {
            Shape out = Broadcasting.shape("inner", a.shape(), b.shape());
            if (a.isSymbolic() || b.isSymbolic()) {
                return OpSupport.record(INNER, out, in -> inner(in.get(0), in.get(1)), a, b);
            }
            return Multiply.apply(a, b);
        }
        Shape as = a.shape();
        Shape bs = b.shape();
        int ka = as.get(-1);
        int kb = bs.get(-1);
        if (ka != kb && ka != Shape.UNKNOWN && kb != Shape.UNKNOWN) {
            throw new ShapeException("inner: the last axes of x1 " + as + " and x2 " + bs + " must match, got " + ka
                    + " and " + kb);
        }
        Shape out = as.subShape(0, as.rank() - 1).append(bs.subShape(0, bs.rank() - 1).toArray());
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(INNER, out, in -> inner(in.get(0), in.get(1)), a, b);
        }
        return tensordot(a, b, new int[] {-1}, new int[] {-1});
    }

    static Tensor vdot(Tensor a, Tensor b) {
        int na = flatSize(a.shape());
        int nb = flatSize(b.shape());
        if (na != nb && na != Shape.UNKNOWN && nb != Shape.UNKNOWN) {
            throw new ShapeException("vdot: x1 " + a.shape() + " and x2 " + b.shape() + " must have the same number "
                    + "of elements, got " + na + " and " + nb);
        }
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(VDOT, Shape.of(), in -> vdot(in.get(0), in.get(1)), a, b);
        }
        if (na == 0) {
            return Tensor.scalar(0f);
        }
        return Reshape.apply(MatMul.apply(Reshape.apply(a, 1, na), Reshape.apply(b, na, 1), false, false));
    }

    static Tensor kron(Tensor a, Tensor b) {
        int r = Math.max(a.rank(), b.rank());
        int[] da = padded(a.shape(), r);
        int[] db = padded(b.shape(), r);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            out[i] = da[i] == Shape.UNKNOWN || db[i] == Shape.UNKNOWN ? Shape.UNKNOWN : da[i] * db[i];
        }
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(KRON, Shape.of(out), in -> kron(in.get(0), in.get(1)), a, b);
        }
        // a as (a0, 1, a1, 1, ...) times b as (1, b0, 1, b1, ...), then merge each pair of axes
        int[] sa = new int[2 * r];
        int[] sb = new int[2 * r];
        for (int i = 0; i < r; i++) {
            sa[2 * i] = da[i];
            sa[2 * i + 1] = 1;
            sb[2 * i] = 1;
            sb[2 * i + 1] = db[i];
        }
        return Reshape.apply(Multiply.apply(Reshape.apply(a, sa), Reshape.apply(b, sb)), out);
    }

    private static int[] padded(Shape s, int r) {
        int[] d = new int[r];
        Arrays.fill(d, 1);
        for (int i = 0; i < s.rank(); i++) {
            d[r - s.rank() + i] = s.get(i);
        }
        return d;
    }

    private static int flatSize(Shape s) {
        return s.isFullyDefined() ? s.size() : Shape.UNKNOWN;
    }

    // ---- cross ---------------------------------------------------------------------------------------------------

    static Tensor cross(Tensor a, Tensor b, int axisa, int axisb, int axisc) {
        int aa = Cumulative.axis("cross (axisa)", a.shape(), axisa);
        int ab = Cumulative.axis("cross (axisb)", b.shape(), axisb);
        int ca = a.shape().get(aa);
        int cb = b.shape().get(ab);
        if ((ca != 2 && ca != 3) || (cb != 2 && cb != 3)) {
            throw new ShapeException("cross: the vectors must have 2 or 3 components, got " + dim(ca) + " on axis "
                    + axisa + " of x1 " + a.shape() + " and " + dim(cb) + " on axis " + axisb + " of x2 "
                    + b.shape());
        }
        Shape batch = Broadcasting.shape("cross", moveLast(a.shape(), aa).subShape(0, a.rank() - 1),
                moveLast(b.shape(), ab).subShape(0, b.rank() - 1));
        boolean vector = ca == 3 || cb == 3;
        int c = 0;
        Shape out = batch;
        if (vector) {
            c = Cumulative.axis("cross (axisc)", batch.append(3), axisc);
            out = moveFrom(batch.append(3), batch.rank(), c);
        }
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(CROSS.args(axisa, axisb, axisc, null), out,
                    in -> cross(in.get(0), in.get(1), axisa, axisb, axisc), a, b);
        }
        List<Tensor> u = components(a, aa);
        List<Tensor> v = components(b, ab);
        Tensor z = Subtract.apply(Multiply.apply(u.get(0), v.get(1)), Multiply.apply(u.get(1), v.get(0)));
        if (!vector) {
            return Squeeze.apply(z, new int[] {-1});
        }
        Tensor x = Subtract.apply(Multiply.apply(u.get(1), v.get(2)), Multiply.apply(u.get(2), v.get(1)));
        Tensor y = Subtract.apply(Multiply.apply(u.get(2), v.get(0)), Multiply.apply(u.get(0), v.get(2)));
        List<Tensor> parts = List.of(x, y, z);
        Shape full = batch.append(1);
        Tensor stacked = Concatenate.apply(parts.stream().map(p -> BroadcastTo.apply(p, full)).toList(), -1);
        int[] perm = moveFromPerm(batch.rank() + 1, batch.rank(), c);
        return Transpose.apply(stacked, perm);
    }

    /** The components of x along axis {@code a}, each of shape (rest..., 1); a missing third component is 0. */
    private static List<Tensor> components(Tensor x, int a) {
        Tensor last = a == x.rank() - 1 ? x : Transpose.apply(x, moveFromPerm(x.rank(), a, x.rank() - 1));
        List<Tensor> parts = Split.apply(last, last.shape().get(-1), -1);
        if (parts.size() == 3) {
            return parts;
        }
        return List.of(parts.get(0), parts.get(1), Tensor.scalar(0f));
    }

    private static Shape moveLast(Shape s, int a) {
        return moveFrom(s, a, s.rank() - 1);
    }

    /** {@code s} with its axis {@code from} moved to position {@code to}. */
    private static Shape moveFrom(Shape s, int from, int to) {
        return Transpose.shape(s, moveFromPerm(s.rank(), from, to));
    }

    /** The permutation that moves axis {@code from} to position {@code to} (numpy's moveaxis). */
    private static int[] moveFromPerm(int rank, int from, int to) {
        int[] rest = new int[rank - 1];
        for (int i = 0, j = 0; i < rank; i++) {
            if (i != from) {
                rest[j++] = i;
            }
        }
        int[] perm = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            perm[i] = i == to ? from : rest[j++];
        }
        return perm;
    }

    private static String dim(int d) {
        return d == Shape.UNKNOWN ? "an unknown number of" : String.valueOf(d);
    }

    // ---- correlate -----------------------------------------------------------------------------------------------

    /**
     * numpy's 1-D cross-correlation, as {@code jnp.correlate}: {@code c[k] = Σ_j x1p[k + j]·x2[j]} for x1 padded by
     * the mode; when x2 is the longer, the operands swap and the result is reversed.
     */
    static Tensor correlate(Tensor a, Tensor b, String mode) {
        if (a.rank() != 1 || b.rank() != 1) {
            throw new ShapeException("correlate: x1 and x2 must be 1-D, got shapes " + a.shape() + " and "
                    + b.shape());
        }
        if (!mode.equals("valid") && !mode.equals("same") && !mode.equals("full")) {
            throw new IllegalArgumentException("correlate: mode must be 'valid', 'same' or 'full', got '" + mode
                    + "'");
        }
        int n = a.shape().get(0);
        int m = b.shape().get(0);
        if (n == 0 || m == 0) {
            throw new ShapeException("correlate: inputs cannot be empty, got shapes " + a.shape() + " and "
                    + b.shape());
        }
        int len = Shape.UNKNOWN;
        if (n != Shape.UNKNOWN && m != Shape.UNKNOWN) {
            int big = Math.max(n, m);
            int small = Math.min(n, m);
            len = switch (mode) {
                case "valid" -> big - small + 1;
                case "same" -> big;
                default -> big + small - 1;
            };
        }
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(CORRELATE.args(mode), Shape.of(len), in -> correlate(in.get(0), in.get(1), mode),
                    a, b);
        }
        boolean swap = n < m;
        Tensor x = swap ? b : a;
        Tensor y = swap ? a : b;
        int small = Math.min(n, m);
        int before = switch (mode) {
            case "valid" -> 0;
            case "same" -> small / 2;
            default -> small - 1;
        };
        int after = switch (mode) {
            case "valid" -> 0;
            case "same" -> small - small / 2 - 1;
            default -> small - 1;
        };
        Tensor xp = Pad.apply(x, new int[][] {{before, after}}, 0f);
        // windows[k, j] = xp[k + j]: a gather whose gradient adds back, then one matrix-vector product
        float[] idx = new float[len * small];
        for (int k = 0; k < len; k++) {
            for (int j = 0; j < small; j++) {
                idx[k * small + j] = k + j;
            }
        }
        Tensor windows = Take.apply(xp, Tensor.of(idx, len, small), 0);
        Tensor c = Reshape.apply(MatMul.apply(windows, Reshape.apply(y, small, 1), false, false), len);
        if (!swap) {
            return c;
        }
        float[] rev = new float[len];
        for (int k = 0; k < len; k++) {
            rev[k] = len - 1 - k;
        }
        return Take.apply(c, Tensor.of(rev, len), 0);
    }
}
