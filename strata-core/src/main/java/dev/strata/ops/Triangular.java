package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The lower (tril) or upper (triu) triangle of the matrices in the last two axes of x, like
 * {@code keras.ops.tril(x, k=0)} and {@code keras.ops.triu(x, k=0)}: tril keeps {@code x[..., i, j]} where
 * {@code j <= i + k} and triu where {@code j >= i + k} (k > 0 above the main diagonal, k < 0 below), the rest set to
 * 0 (selected, so a NaN there becomes 0 too, as JAX's). One class for both, as they differ only in the kept side.
 * Gradient: g masked the same way.
 */
final class Triangular {
    /** {@code keras.ops.tril(x, k=0)}. */
    static final OpSpec TRIL = OpSpec.op("tril").numpy("Tril").config("k", Type.INT, 0)
            .rebuild((in, args) -> tril(in.get(0), args.integer("k")));
    /** {@code keras.ops.triu(x, k=0)}. */
    static final OpSpec TRIU = OpSpec.op("triu").numpy("Triu").config("k", Type.INT, 0)
            .rebuild((in, args) -> triu(in.get(0), args.integer("k")));

    private Triangular() {
    }

    static Tensor tril(Tensor x, int k) {
        return apply(x, k, true);
    }

    static Tensor triu(Tensor x, int k) {
        return apply(x, k, false);
    }

    private static Tensor apply(Tensor x, int k, boolean lower) {
        Shape s = x.shape();
        if (s.rank() < 2) {
            throw new ShapeException((lower ? "tril" : "triu") + ": x must have at least 2 axes (the last two are "
                    + "the matrices), got shape " + s);
        }
        if (x.isSymbolic()) {
            return OpSupport.record((lower ? TRIL : TRIU).args(k), s, in -> apply(in.get(0), k, lower), x);
        }
        int rows = s.get(-2);
        int cols = s.get(-1);
        float[] in = OpSupport.data(x);
        float[] out = OpSupport.newArray(in.length);
        for (int base = 0; base < in.length; base += rows * cols) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    int p = base + i * cols + j;
                    boolean keep = lower ? j - i <= k : j - i >= k;
                    out[p] = keep ? in[p] : 0f;
                }
            }
        }
        Tensor y = OpSupport.wrap(out, s);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {apply(g, k, lower)});
        return y;
    }
}
