package dev.strata.ops;

import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Module;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * Eigenvalues and eigenvectors of symmetric matrices, like {@code keras.ops.eigh(x)} with the JAX backend: two outputs
 * {@code [w, v]}, the eigenvalues {@code (..., M)} ascending and the eigenvectors as the columns of
 * {@code v (..., M, M)}, of the symmetric part {@code (x + xᵀ)/2} (JAX symmetrizes its input too). Householder
 * tridiagonalization and implicit QL in double. Eigenvectors are unique only up to sign (and within repeated
 * eigenvalues), and Strata's signs need not be JAX's. Gradients (JAX's rule, transposed): {@code sym(v·(diag(gw) + F∘(vᵀ·gv))·vᵀ)}, F holding
 * {@code 1/(w_j - w_i)} off the diagonal (infinite for repeated eigenvalues, as JAX's).
 */
final class Eigh {
    /** {@code keras.ops.eigh(x)}: two outputs. */
    static final OpSpec SPEC = OpSpec.op("eigh").keras(Module.LINALG, "Eigh")
            .rebuildAll((in, args) -> apply(in.get(0)));

    private Eigh() {
    }

    static List<Tensor> apply(Tensor x) {
        Shape s = x.shape();
        Linalg.requireSquare("eigh", "x", s);
        Shape ws = s.subShape(0, s.rank() - 1);
        if (x.isSymbolic()) {
            return List.copyOf(Graph.record(new MultiOpNode(SPEC.args(), in -> apply(in.get(0))), List.of(x),
                    List.of(ws, s)));
        }
        int n = s.get(-1);
        float[] in = OpSupport.data(x);
        int count = Linalg.count(s);
        float[] wv = OpSupport.newArray(count * n);
        float[] vv = OpSupport.newArray(in.length);
        double[] w = new double[n];
        double[] vec = new double[n * n];
        for (int b = 0; b < count; b++) {
            LinalgKernels.eigh(LinalgKernels.read(in, b, n, n), n, w, vec);
            for (int i = 0; i < n; i++) {
                wv[b * n + i] = (float) w[i];
            }
            LinalgKernels.write(vec, vv, b);
        }
        Tensor wt = OpSupport.wrap(wv, ws);
        Tensor v = OpSupport.wrap(vv, s);
        OpSupport.gradient(wt, x, (g, needed) -> new Tensor[] {
            Linalg.sym(MatMul.apply(MatMul.apply(v, Linalg.diag(g), false, false), v, false, true))});
        OpSupport.gradient(v, x, (g, needed) -> {
            Tensor diff = Subtract.apply(ExpandDims.apply(wt, -2), ExpandDims.apply(wt, -1));
            Tensor eye = Linalg.eye(n);
            Tensor f = Subtract.apply(Divide.apply(Tensor.scalar(1f), Add.apply(diff, eye)), eye);
            Tensor inner = Multiply.apply(f, MatMul.apply(v, g, true, false));
            return new Tensor[] {Linalg.sym(MatMul.apply(MatMul.apply(v, inner, false, false), v, false, true))};
        });
        return List.of(wt, v);
    }
}
