package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Module;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Solutions of linear systems, like {@code keras.ops.solve(a, b)} and {@code keras.ops.solve_triangular(a, b,
 * lower=False)} with the JAX backend. {@code a} is {@code (..., M, M)}; {@code b} is {@code (..., M, K)}, or a vector
 * {@code (M,)} (for solve_triangular also {@code (..., M)} when it has one axis fewer than a, JAX's batched vector
 * form); batch axes broadcast. solve factors a by LU with partial pivoting, solve_triangular reads only a's lower (or
 * upper) triangle; both in double. A singular a is not an error, as in Keras: a zero pivot is divided by (infinities
 * and NaN in the result). Gradients (as JAX's): {@code gb = solve(aᵀ, g)}, {@code ga = -gb·xᵀ} (for
 * solve_triangular with the transposed triangle, and ga kept to a's triangle, the only part read).
 */
final class Solve {
    /** {@code keras.ops.solve(a, b)}. */
    static final OpSpec SOLVE = OpSpec.op("solve").keras(Module.LINALG, "Solve").binary()
            .rebuild((in, args) -> solve(in.get(0), in.get(1)));
    /** {@code keras.ops.solve_triangular(a, b, lower=False)}. */
    static final OpSpec SOLVE_TRIANGULAR = OpSpec.op("solve_triangular").keras(Module.LINALG, "SolveTriangular")
            .binary().config("lower", Type.BOOL, false)
            .rebuild((in, args) -> solveTriangular(in.get(0), in.get(1), args.bool("lower")));

    private Solve() {
    }

    static Tensor solve(Tensor a, Tensor b) {
        boolean vector = b.rank() == 1;
        Shape out = Linalg.solveShape("solve", a.shape(), b.shape(), vector);
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(SOLVE, out, in -> solve(in.get(0), in.get(1)), a, b);
        }
        return apply(a, b, vector, 0);
    }

    static Tensor solveTriangular(Tensor a, Tensor b, boolean lower) {
        Shape as = a.shape();
        Shape bs = b.shape();
        // JAX's rule (jax.scipy.linalg.solve_triangular): one axis fewer than a, matching a's size, is vectors
        boolean vector = bs.rank() == 1 || as.rank() == bs.rank() + 1 && as.rank() >= 2 && bs.get(-1) == as.get(-1);
        Shape out = Linalg.solveShape("solveTriangular", as, bs, vector);
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(SOLVE_TRIANGULAR.args(lower), out,
                    in -> solveTriangular(in.get(0), in.get(1), lower), a, b);
        }
        return apply(a, b, vector, lower ? 1 : 2);
    }

    /** kind 0: general (LU); 1: lower triangular; 2: upper triangular. */
    private static Tensor apply(Tensor a, Tensor b, boolean vector, int kind) {
        Tensor bm = vector ? ExpandDims.apply(b, -1) : b;
        Shape batch = Broadcasting.shape("solve", Linalg.batch(a.shape()), Linalg.batch(bm.shape()));
        Tensor x = matrices(Linalg.toBatch(a, batch), Linalg.toBatch(bm, batch), kind);
        return vector ? Squeeze.apply(x, new int[] {-1}) : x;
    }

    /**
     * The solution for concrete a {@code (..., M, M)} and b {@code (..., M, K)} of the same batch, with its
     * gradient. Also the gradient rules' own solves (so they are differentiable again).
     */
    static Tensor matrices(Tensor a, Tensor b, int kind) {
        Shape s = b.shape();
        int n = s.get(-2);
        int k = s.get(-1);
        float[] av = OpSupport.data(a);
        float[] bv = OpSupport.data(b);
        float[] out = OpSupport.newArray(bv.length);
        int[] piv = new int[n];
        for (int i = 0, count = Linalg.count(s); i < count; i++) {
            double[] m = LinalgKernels.read(av, i, n, n);
            double[] rhs = LinalgKernels.read(bv, i, n, k);
            if (kind == 0) {
                LinalgKernels.lu(m, n, n, piv);
                LinalgKernels.luSolve(m, piv, n, rhs, k);
            } else {
                LinalgKernels.triangularSolve(m, n, kind == 1, false, rhs, k);
            }
            LinalgKernels.write(rhs, out, i);
        }
        Tensor x = OpSupport.wrap(out, s);
        OpSupport.gradient(x, a, b, (g, needed) -> {
            // aᵀ's triangle is the other one
            Tensor gb = matrices(Linalg.mT(a), g, kind == 0 ? 0 : 3 - kind);
            Tensor ga = null;
            if (needed[0]) {
                ga = Negative.apply(MatMul.apply(gb, x, false, true));
                if (kind != 0) {
                    ga = kind == 1 ? Triangular.tril(ga, 0) : Triangular.triu(ga, 0);
                }
            }
            return new Tensor[] {ga, gb};
        });
        return x;
    }
}
