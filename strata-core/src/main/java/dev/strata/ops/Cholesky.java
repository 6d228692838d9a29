package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Module;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The Cholesky factor and the inverse from it, like {@code keras.ops.cholesky(x, upper=False)} and
 * {@code keras.ops.cholesky_inverse(x, upper=False)} with the JAX backend.
 *
 * <p>cholesky factors the symmetric part {@code (x + xᵀ)/2} (as JAX does) into {@code L·Lᵀ} and gives L, or
 * {@code U = Lᵀ} with upper. A matrix that is not positive definite gives NaN in the factor's triangle (0 in the
 * other), which is what JAX computes and what Keras returns inside a traced (jit) function such as {@code fit} or
 * {@code predict}; Keras's eager call raises a ValueError instead. Gradient (JAX's): {@code sym(L⁻ᵀ·Φ(Lᵀ·g)·L⁻¹)}, Φ
 * the lower triangle with the diagonal halved.
 *
 * <p>cholesky_inverse takes the factor (as Keras's backends do, though its docstring speaks of the matrix): lower
 * {@code L} (or upper {@code U}) and gives {@code (L·Lᵀ)⁻¹} (or {@code (Uᵀ·U)⁻¹}), by a triangular solve against the
 * identity; only that triangle of x is read. Differentiable through those ops.
 */
final class Cholesky {
    /** {@code keras.ops.cholesky(x, upper=False)}. */
    static final OpSpec CHOLESKY = OpSpec.op("cholesky").keras(Module.LINALG, "Cholesky")
            .config("upper", Type.BOOL, false).rebuild((in, args) -> cholesky(in.get(0), args.bool("upper")));
    /** {@code keras.ops.cholesky_inverse(x, upper=False)}. */
    static final OpSpec CHOLESKY_INVERSE = OpSpec.op("cholesky_inverse").keras(Module.LINALG, "CholeskyInverse")
            .config("upper", Type.BOOL, false)
            .rebuild((in, args) -> choleskyInverse(in.get(0), args.bool("upper")));

    private Cholesky() {
    }

    static Tensor cholesky(Tensor x, boolean upper) {
        Linalg.requireSquare("cholesky", "x", x.shape());
        if (x.isSymbolic()) {
            return OpSupport.record(CHOLESKY.args(upper), x.shape(), in -> cholesky(in.get(0), upper), x);
        }
        Tensor l = lower(x);
        return upper ? Linalg.mT(l) : l;
    }

    static Tensor choleskyInverse(Tensor x, boolean upper) {
        Linalg.requireSquare("choleskyInverse", "x", x.shape());
        if (x.isSymbolic()) {
            return OpSupport.record(CHOLESKY_INVERSE.args(upper), x.shape(),
                    in -> choleskyInverse(in.get(0), upper), x);
        }
        Shape s = x.shape();
        Tensor id = BroadcastTo.apply(Linalg.eye(s.get(-1)), s);
        Tensor invFactor = Solve.matrices(x, id, upper ? 2 : 1);
        return upper ? MatMul.apply(invFactor, invFactor, false, true) : MatMul.apply(invFactor, invFactor, true,
                false);
    }

    /** The lower factor of concrete x, with its gradient. */
    private static Tensor lower(Tensor x) {
        Shape s = x.shape();
        int n = s.get(-1);
        float[] in = OpSupport.data(x);
        float[] out = OpSupport.newArray(in.length);
        for (int b = 0, count = Linalg.count(s); b < count; b++) {
            double[] a = LinalgKernels.read(in, b, n, n);
            LinalgKernels.cholesky(a, n);
            LinalgKernels.write(a, out, b);
        }
        Tensor l = OpSupport.wrap(out, s);
        OpSupport.gradient(l, x, (g, needed) -> {
            float[] half = new float[n * n];
            java.util.Arrays.fill(half, 1f);
            for (int i = 0; i < n; i++) {
                half[i * n + i] = 0.5f;
            }
            Tensor p = Multiply.apply(Triangular.tril(MatMul.apply(l, g, true, false), 0), Tensor.of(half, n, n));
            Tensor lt = Linalg.mT(l);
            Tensor t1 = Solve.matrices(lt, p, 2); // L⁻ᵀ·P
            Tensor z = Linalg.mT(Solve.matrices(lt, Linalg.mT(t1), 2)); // L⁻ᵀ·P·L⁻¹
            return new Tensor[] {Linalg.sym(z)};
        });
        return l;
    }
}
