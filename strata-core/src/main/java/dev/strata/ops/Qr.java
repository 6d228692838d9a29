package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Module;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * The QR decomposition of the matrices in the last two axes, like {@code keras.ops.qr(x, mode="reduced")} with the
 * JAX backend: two outputs {@code [q, r]}, with k = min(M, N), {@code q (..., M, K)} and {@code r (..., K, N)}
 * ("reduced") or {@code q (..., M, M)} and {@code r (..., M, N)} ("complete"). Householder reflections in double with
 * LAPACK's signs (a reflector makes the diagonal entry {@code -sign(a_jj)·norm}; a column already zero below the
 * diagonal is left as is), so q and r agree with JAX's, signs included.
 *
 * <p>Gradients (JAX's rule, transposed): for M >= N {@code gx = (gq + q·copyltu(M))·r⁻ᵀ} with
 * {@code M = r·grᵀ - qᵀ·gq}; for M < N the square left block is differentiated so and the rest of r is
 * {@code qᵀ·x₂}. "complete" with M > N has no gradient in Strata (JAX's uses a further construction): differentiating
 * it throws.
 */
final class Qr {
    /** {@code keras.ops.qr(x, mode="reduced")}: two outputs. */
    static final OpSpec SPEC = OpSpec.op("qr").keras(Module.LINALG, "Qr").config("mode", Type.STRING, "reduced")
            .rebuildAll((in, args) -> apply(in.get(0), args.string("mode")));

    private Qr() {
    }

    static List<Tensor> apply(Tensor x, String mode) {
        if (!"reduced".equals(mode) && !"complete".equals(mode)) {
            throw new IllegalArgumentException("qr: mode must be \"reduced\" or \"complete\", got \"" + mode + "\"");
        }
        boolean complete = "complete".equals(mode);
        Shape s = x.shape();
        Linalg.requireMatrices("qr", "x", s);
        int m = s.get(-2);
        int n = s.get(-1);
        if (m == Shape.UNKNOWN || n == Shape.UNKNOWN) {
            throw new ShapeException("qr: x's last two dimensions must be known, got shape " + s);
        }
        int k = Math.min(m, n);
        Shape batch = Linalg.batch(s);
        Shape qs = batch.append(m, complete ? m : k);
        Shape rs = batch.append(complete ? m : k, n);
        if (x.isSymbolic()) {
            return List.copyOf(Graph.record(new MultiOpNode(SPEC.args(mode), in -> apply(in.get(0), mode)),
                    List.of(x), List.of(qs, rs)));
        }
        float[] in = OpSupport.data(x);
        int count = Linalg.count(s);
        float[] qv = OpSupport.newArray(count * qs.get(-2) * qs.get(-1));
        float[] rv = OpSupport.newArray(count * rs.get(-2) * rs.get(-1));
        for (int b = 0; b < count; b++) {
            double[][] qr = LinalgKernels.qr(LinalgKernels.read(in, b, m, n), m, n, complete);
            LinalgKernels.write(qr[0], qv, b);
            LinalgKernels.write(qr[1], rv, b);
        }
        Tensor q = OpSupport.wrap(qv, qs);
        Tensor r = OpSupport.wrap(rv, rs);
        boolean differentiable = !complete || m <= n;
        OpSupport.gradient(q, x, (g, needed) -> new Tensor[] {gradient(x, q, r, g, null, differentiable)});
        OpSupport.gradient(r, x, (g, needed) -> new Tensor[] {gradient(x, q, r, null, g, differentiable)});
        return List.of(q, r);
    }

    /** The gradient for upstream gq and gr (either may be null: zero). */
    private static Tensor gradient(Tensor x, Tensor q, Tensor r, Tensor gq, Tensor gr, boolean differentiable) {
        if (!differentiable) {
            throw new UnsupportedOperationException("qr: no gradient for mode \"complete\" with more rows than "
                    + "columns (x of shape " + x.shape() + "); use mode \"reduced\" (JAX's gradient here is not "
                    + "implemented in Strata)");
        }
        int m = x.shape().get(-2);
        int n = x.shape().get(-1);
        if (m >= n) {
            return thin(q, r, gq, gr);
        }
        // wide: x = [x1 x2], q·r1 = x1 (square), r2 = qᵀ·x2
        int rank = x.rank();
        Tensor x2 = Slice.apply(x, start(rank, 0, m), size(rank, -1, n - m));
        Tensor r1 = Slice.apply(r, start(rank, 0, 0), size(rank, -1, m));
        Tensor gr1 = gr == null ? null : Slice.apply(gr, start(rank, 0, 0), size(rank, -1, m));
        Tensor gr2 = gr == null ? null : Slice.apply(gr, start(rank, 0, m), size(rank, -1, n - m));
        Tensor gqAll = gq;
        if (gr2 != null) {
            Tensor extra = MatMul.apply(x2, gr2, false, true);
            gqAll = gqAll == null ? extra : Add.apply(gqAll, extra);
        }
        Tensor gx1 = thin(q, r1, gqAll, gr1);
        Tensor gx2 = gr2 == null ? Multiply.apply(x2, Tensor.scalar(0f)) : MatMul.apply(q, gr2, false, false);
        return Concatenate.apply(List.of(gx1, gx2), -1);
    }

    /** The gradient of a thin (M >= N) or square factorisation: {@code (gq + q·copyltu(M))·r⁻ᵀ}. */
    private static Tensor thin(Tensor q, Tensor r, Tensor gq, Tensor gr) {
        Tensor mm = null;
        if (gr != null) {
            mm = MatMul.apply(gr, r, false, true); // gr·rᵀ
        }
        if (gq != null) {
            Tensor qtgq = MatMul.apply(q, gq, true, false);
            mm = mm == null ? Negative.apply(qtgq) : Subtract.apply(mm, qtgq);
        }
        // copyltu(M) = triu(M) + triu(M, 1)ᵀ: M's upper triangle mirrored below the diagonal
        Tensor copy = Add.apply(Triangular.triu(mm, 0), Linalg.mT(Triangular.triu(mm, 1)));
        Tensor h = MatMul.apply(q, copy, false, false);
        if (gq != null) {
            h = Add.apply(h, gq);
        }
        // h·r⁻ᵀ = (r⁻¹·hᵀ)ᵀ, r upper triangular
        return Linalg.mT(Solve.matrices(r, Linalg.mT(h), 2));
    }

    private static int[] start(int rank, int row, int col) {
        int[] s = new int[rank];
        s[rank - 2] = row;
        s[rank - 1] = col;
        return s;
    }

    private static int[] size(int rank, int rows, int cols) {
        int[] s = new int[rank];
        java.util.Arrays.fill(s, -1);
        s[rank - 2] = rows;
        s[rank - 1] = cols;
        return s;
    }
}
