package dev.strata.ops;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * The orderings sort, argsort and top_k share, as index tensors (float values, as argmax gives). Each row is sorted
 * as longs {@code key << 32 | index}, so ties keep their index order (a stable sort) without boxing.
 */
final class Sorting {
    private Sorting() {
    }

    /**
     * The indices that sort concrete x ascending along axis {@code a}, as {@code jnp.argsort}: stable, -0 equal to
     * 0, every NaN after +inf.
     */
    static Tensor ascending(Tensor x, int a) {
        Shape s = x.shape();
        float[] in = OpSupport.data(x);
        float[] out = new float[in.length];
        int n = s.get(a);
        int inner = Cumulative.inner(s, a);
        long[] row = new long[n];
        for (int base = 0; base < in.length; base += n * inner) {
            for (int q = 0; q < inner; q++) {
                for (int i = 0; i < n; i++) {
                    row[i] = (long) sortKey(in[base + q + i * inner]) << 32 | i;
                }
                Arrays.sort(row);
                for (int i = 0; i < n; i++) {
                    out[base + q + i * inner] = (int) row[i];
                }
            }
        }
        return OpSupport.wrap(out, s);
    }

    /**
     * The indices of the {@code k} largest values of each row of concrete x along its last axis, largest first,
     * as {@code jax.lax.top_k}: IEEE total order (-NaN lowest, then -inf ... -0 below +0 ... +inf, +NaN highest),
     * ties to the lower index.
     */
    static Tensor top(Tensor x, int k) {
        Shape s = x.shape();
        float[] in = OpSupport.data(x);
        int n = s.get(-1);
        int rows = n == 0 ? 0 : in.length / n;
        float[] out = new float[rows * k];
        long[] row = new long[n];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                int bits = Float.floatToRawIntBits(in[r * n + i]);
                int key = bits ^ ((bits >> 31) & 0x7fffffff); // total order as a signed int
                row[i] = (long) ~key << 32 | i; // ~key: descending
            }
            Arrays.sort(row);
            for (int i = 0; i < k; i++) {
                out[r * k + i] = (int) row[i];
            }
        }
        return OpSupport.wrap(out, s.withDim(-1, k));
    }

    /** A signed int ordered as numpy sorts floats: -0 as 0, every NaN the largest. */
    private static int sortKey(float v) {
        if (Float.isNaN(v)) {
            return Integer.MAX_VALUE;
        }
        int bits = Float.floatToRawIntBits(v == 0f ? 0f : v);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }
}
