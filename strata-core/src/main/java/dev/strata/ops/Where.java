package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * {@code condition ? x1 : x2} elementwise, the three broadcast together; a non-zero (or NaN) condition is
 * true. Gradient: {@code g} to x1 where the condition holds and to x2 elsewhere (selected, not multiplied by a
 * mask, so an infinite g elsewhere does not become NaN); none to the condition.
 */
final class Where {
    /** {@code keras.ops.where(condition, x1, x2)}. */
    static final OpSpec SPEC = OpSpec.op("where").numpy("Where").ternary()
            .rebuild((in, args) -> apply(in.get(0), in.get(1), in.get(2)));

    private static final Tensor ZERO = Tensor.scalar(0f);

    private Where() {
    }

    static Tensor apply(Tensor condition, Tensor x1, Tensor x2) {
        Shape out = shape(condition.shape(), x1.shape(), x2.shape());
        if (condition.isSymbolic() || x1.isSymbolic() || x2.isSymbolic()) {
            return OpSupport.record(SPEC, out, in -> apply(in.get(0), in.get(1), in.get(2)), condition, x1, x2);
        }
        Tensor y = OpSupport.wrap(select(condition, x1, x2, out), out);
        OpSupport.gradient(y, new Tensor[] {condition, x1, x2}, (g, needed) -> new Tensor[] {
            null,
            needed[1] ? Broadcasting.unbroadcast(apply(condition, g, ZERO), x1.shape()) : null,
            needed[2] ? Broadcasting.unbroadcast(apply(condition, ZERO, g), x2.shape()) : null});
        return y;
    }

    /**
     * The gradients of a two-input op that passes {@code g} to its first input where {@code toFirst} is true
     * and to its second elsewhere (maximum, minimum), each summed back to its input's shape.
     */
    static Tensor[] routeGradient(Tensor g, Tensor toFirst, Shape first, Shape second, boolean[] needed) {
        return new Tensor[] {
            needed[0] ? Broadcasting.unbroadcast(apply(toFirst, g, ZERO), first) : null,
            needed[1] ? Broadcasting.unbroadcast(apply(toFirst, ZERO, g), second) : null};
    }

    /** The broadcast shape of the three, with a message naming all three when they are incompatible. */
    private static Shape shape(Shape c, Shape a, Shape b) {
        try {
            return Broadcasting.shape("where", c, a, b);
        } catch (ShapeException e) {
            int rank = Math.max(c.rank(), Math.max(a.rank(), b.rank()));
            for (int i = 1; i <= rank; i++) {
                int dc = fromRight(c, i);
                int da = fromRight(a, i);
                int db = fromRight(b, i);
                if (clash(dc, da) || clash(dc, db) || clash(da, db)) {
                    throw new ShapeException("where: condition " + c + ", x1 " + a + " and x2 " + b
                            + " cannot be broadcast together: at axis " + (-i) + " (counted from the end) the "
                            + "dimensions are " + dim(dc) + ", " + dim(da) + " and " + dim(db)
                            + "; each must be 1 or equal the others (dimensions are aligned from the right)");
                }
            }
            throw e;
        }
    }

    private static String dim(int d) {
        return d == Shape.UNKNOWN ? "None" : Integer.toString(d);
    }

    private static int fromRight(Shape s, int i) {
        return i <= s.rank() ? s.get(s.rank() - i) : 1;
    }

    private static boolean clash(int p, int q) {
        return p != q && p != 1 && q != 1 && p != Shape.UNKNOWN && q != Shape.UNKNOWN;
    }

    private static float[] select(Tensor condition, Tensor x1, Tensor x2, Shape out) {
        float[] c = OpSupport.data(condition);
        float[] a = OpSupport.data(x1);
        float[] b = OpSupport.data(x2);
        int n = out.size();
        float[] r = new float[n];
        if (n == 0) {
            return r;
        }
        if ((c.length == n || c.length == 1) && (a.length == n || a.length == 1) && (b.length == n || b.length == 1)) {
            // Each operand is full-size or a single value (an operand whose size equals the output's has its
            // shape, up to leading 1s), so one flat loop with per-operand steps of 1 or 0 does it.
            int sc = c.length == n ? 1 : 0;
            int sa = a.length == n ? 1 : 0;
            int sb = b.length == n ? 1 : 0;
            for (int i = 0; i < n; i++) {
                r[i] = c[i * sc] != 0f ? a[i * sa] : b[i * sb];
            }
            return r;
        }
        int rank = out.rank();
        int[] stc = Elementwise.stridesFor(condition.shape(), out);
        int[] sta = Elementwise.stridesFor(x1.shape(), out);
        int[] stb = Elementwise.stridesFor(x2.shape(), out);
        int inner = out.get(rank - 1);
        int ic = stc[rank - 1];
        int ia = sta[rank - 1];
        int ib = stb[rank - 1];
        int[] counter = new int[rank];
        int pc = 0;
        int pa = 0;
        int pb = 0;
        for (int o = 0; o < n; o += inner) {
            for (int j = 0; j < inner; j++) {
                r[o + j] = c[pc + j * ic] != 0f ? a[pa + j * ia] : b[pb + j * ib];
            }
            // Advance the outer axes like an odometer.
            for (int ax = rank - 2; ax >= 0; ax--) {
                counter[ax]++;
                pc += stc[ax];
                pa += sta[ax];
                pb += stb[ax];
                if (counter[ax] < out.get(ax)) {
                    break;
                }
                pc -= stc[ax] * out.get(ax);
                pa -= sta[ax] * out.get(ax);
                pb -= stb[ax] * out.get(ax);
                counter[ax] = 0;
            }
        }
        return r;
    }
}
