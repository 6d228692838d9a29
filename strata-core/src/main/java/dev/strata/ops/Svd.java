package dev.strata.ops;

import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Module;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The singular value decomposition {@code x = u·diag(s)·vh} of the matrices in the last two axes, like
 * {@code keras.ops.svd(x, full_matrices=True, compute_uv=True)} with the JAX backend: three outputs
 * {@code [u, s, vh]} ({@code u (..., M, M)}, {@code s (..., K)} descending, {@code vh (..., N, N)}; with
 * full_matrices false {@code u (..., M, K)} and {@code vh (..., K, N)}; K = min(M, N)), or only {@code s} when
 * compute_uv is false. One-sided Jacobi rotations in double. Singular vectors are unique only up to sign (and within
 * repeated singular values), and Strata's signs need not be JAX's (LAPACK's gesdd): {@code u·diag(s)·vh} and
 * s are what agree.
 *
 * <p>Gradients (JAX's rule, transposed; F holds {@code 1/(s_j² - s_i²)} off the diagonal): s gives
 * {@code u·diag(gs)·vh}; u and vh the terms of the classical formula, so, as JAX's, they are infinite where two
 * singular values are equal. As JAX, no gradient of u or vh when full_matrices is true and the matrices are not
 * square (differentiating them throws); s always has one.
 */
final class Svd {
    /** {@code keras.ops.svd(x, full_matrices=True, compute_uv=True)}: three outputs, or one. */
    static final OpSpec SPEC = OpSpec.op("svd").keras(Module.LINALG, "SVD")
            .config("full_matrices", Type.BOOL, true).config("compute_uv", Type.BOOL, true)
            .rebuildAll((in, args) -> apply(in.get(0), args.bool("full_matrices"), args.bool("compute_uv")));

    private Svd() {
    }

    static List<Tensor> apply(Tensor x, boolean fullMatrices, boolean computeUv) {
        Shape s = x.shape();
        Linalg.requireMatrices("svd", "x", s);
        int m = s.get(-2);
        int n = s.get(-1);
        int k = m == Shape.UNKNOWN || n == Shape.UNKNOWN ? Shape.UNKNOWN : Math.min(m, n);
        Shape batch = Linalg.batch(s);
        Shape us = batch.append(m, fullMatrices ? m : k);
        Shape ss = batch.append(k);
        Shape vs = batch.append(fullMatrices ? n : k, n);
        if (x.isSymbolic()) {
            List<Shape> shapes = computeUv ? List.of(us, ss, vs) : List.of(ss);
            return List.copyOf(Graph.record(new MultiOpNode(SPEC.args(fullMatrices, computeUv),
                    in -> apply(in.get(0), fullMatrices, computeUv)), List.of(x), shapes));
        }
        // the gradient needs the thin factors; they are the outputs unless full (non-square) or not computed
        boolean thinOut = computeUv && (!fullMatrices || m == n);
        Tensor[] thin = decompose(x, false);
        Tensor[] out = thinOut ? thin : computeUv ? decompose(x, true) : null;
        Tensor u = thin[0];
        Tensor sv = thin[1];
        Tensor vh = thin[2];
        Tensor sOut = out == null ? OpSupport.wrap(OpSupport.data(sv).clone(), ss) : out[1];
        OpSupport.gradient(sOut, x, (g, needed) -> new Tensor[] {
            MatMul.apply(Multiply.apply(u, ExpandDims.apply(g, -2)), vh, false, false)});
        if (!computeUv) {
            return List.of(sOut);
        }
        OpSupport.gradient(out[0], x, (g, needed) -> new Tensor[] {gradU(x, u, sv, vh, g, thinOut)});
        OpSupport.gradient(out[2], x, (g, needed) -> new Tensor[] {gradVh(x, u, sv, vh, g, thinOut)});
        List<Tensor> result = new ArrayList<>(List.of(out));
        return List.copyOf(result);
    }

    /** {u, s, vh} of concrete x, thin or full. */
    static Tensor[] decompose(Tensor x, boolean full) {
        Shape s = x.shape();
        int m = s.get(-2);
        int n = s.get(-1);
        int k = Math.min(m, n);
        Shape batch = Linalg.batch(s);
        Shape us = batch.append(m, full ? m : k);
        Shape ss = batch.append(k);
        Shape vs = batch.append(full ? n : k, n);
        int count = Linalg.count(s);
        float[] in = OpSupport.data(x);
        float[] uv = OpSupport.newArray(us.size());
        float[] sv = OpSupport.newArray(ss.size());
        float[] vv = OpSupport.newArray(vs.size());
        for (int b = 0; b < count; b++) {
            double[][] usv = LinalgKernels.svd(LinalgKernels.read(in, b, m, n), m, n, full);
            LinalgKernels.write(usv[0], uv, b);
            LinalgKernels.write(usv[1], sv, b);
            double[] vt = usv[2];
            if (!full && vt.length != k * n) { // the m >= n path gives n x n = k x n; nothing to cut
                vt = java.util.Arrays.copyOf(vt, k * n);
            }
            LinalgKernels.write(vt, vv, b);
        }
        return new Tensor[] {OpSupport.wrap(uv, us), OpSupport.wrap(sv, ss), OpSupport.wrap(vv, vs)};
    }

    /** F: {@code 1/(s_j² - s_i²)} off the diagonal, 0 on it, of shape (..., K, K). */
    private static Tensor f(Tensor s) {
        Tensor sq = Square.apply(s);
        Tensor diff = Subtract.apply(ExpandDims.apply(sq, -2), ExpandDims.apply(sq, -1));
        Tensor eye = Linalg.eye(s.shape().get(-1));
        return Subtract.apply(Divide.apply(Tensor.scalar(1f), Add.apply(diff, eye)), eye);
    }

    private static void requireThin(Tensor x, boolean thin) {
        if (!thin) {
            throw new UnsupportedOperationException("svd: no gradient of u or vh with full_matrices=true for "
                    + "non-square matrices (x of shape " + x.shape() + "), as in JAX; use full_matrices=false");
        }
    }

    /** {@code u·((J + Jᵀ)·diag(s))·vh + (I - u·uᵀ)·gu·diag(1/s)·vh}, J = F∘(uᵀ·gu). */
    private static Tensor gradU(Tensor x, Tensor u, Tensor s, Tensor vh, Tensor gu, boolean thin) {
        requireThin(x, thin);
        Tensor j = Multiply.apply(f(s), MatMul.apply(u, gu, true, false));
        Tensor inner = Multiply.apply(Add.apply(j, Linalg.mT(j)), ExpandDims.apply(s, -2));
        Tensor ga = MatMul.apply(MatMul.apply(u, inner, false, false), vh, false, false);
        if (x.shape().get(-2) > x.shape().get(-1)) {
            Tensor proj = Subtract.apply(gu, MatMul.apply(u, MatMul.apply(u, gu, true, false), false, false));
            ga = Add.apply(ga, MatMul.apply(Divide.apply(proj, ExpandDims.apply(s, -2)), vh, false, false));
        }
        return ga;
    }

    /** {@code u·(diag(s)·(K + Kᵀ))·vh + u·diag(1/s)·gvh·(I - vᵀ·vh)}, K = F∘(v·gvhᵀ) with v = vhᵀ. */
    private static Tensor gradVh(Tensor x, Tensor u, Tensor s, Tensor vh, Tensor gvh, boolean thin) {
        requireThin(x, thin);
        Tensor kk = Multiply.apply(f(s), MatMul.apply(vh, gvh, false, true));
        Tensor inner = Multiply.apply(ExpandDims.apply(s, -1), Add.apply(kk, Linalg.mT(kk)));
        Tensor ga = MatMul.apply(MatMul.apply(u, inner, false, false), vh, false, false);
        if (x.shape().get(-1) > x.shape().get(-2)) {
            Tensor proj = Subtract.apply(gvh, MatMul.apply(MatMul.apply(gvh, vh, false, true), vh, false, false));
            ga = Add.apply(ga, MatMul.apply(u, Divide.apply(proj, ExpandDims.apply(s, -1)), false, false));
        }
        return ga;
    }
}
