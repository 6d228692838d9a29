package dev.strata.ops;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * For each element along the last axis, the product of the other elements of its row:
 * {@code out[..., i] = Π_{k≠i} x[..., k]}, computed with prefix and suffix products (no division, so zeros are
 * fine). It is prod's gradient factor. Its own gradient, for second derivatives, is
 * {@code dx[j] = Σ_{i≠j} u[i] · Π_{k≠i,j} x[k]}: this op applied to copies of the row with {@code x[j]} set to
 * 1 (an (n, n) block per row), masked off the diagonal. That costs n² per row, but only when a second
 * derivative is asked for.
 */
final class ExclusiveProd {
    private ExclusiveProd() {
    }

    static Tensor apply(Tensor x) {
        Shape s = x.shape();
        int n = s.get(-1);
        float[] in = OpSupport.data(x);
        float[] out = new float[in.length];
        for (int base = 0; base < in.length; base += n) {
            float p = 1f;
            for (int i = 0; i < n; i++) {
                out[base + i] = p;
                p *= in[base + i];
            }
            p = 1f;
            for (int i = n - 1; i >= 0; i--) {
                out[base + i] *= p;
                p *= in[base + i];
            }
        }
        Tensor y = OpSupport.wrap(out, s);
        OpSupport.gradient(y, x, (u, needed) -> {
            int[] lead = s.subShape(0, s.rank() - 1).toArray();
            int[] blockShape = Shape.of(lead).append(1, n).toArray();
            Tensor eye = Tensor.eye(n);
            float[] off = new float[n * n];
            java.util.Arrays.fill(off, 1f);
            for (int i = 0; i < n; i++) {
                off[i * n + i] = 0f;
            }
            Tensor offDiagonal = OpSupport.wrap(off, Shape.of(n, n));
            // rows[..., j, k] = x[..., k] for k != j, and 1 for k == j
            Tensor rows = Add.apply(Multiply.apply(Reshape.apply(x, blockShape), offDiagonal), eye);
            Tensor z = apply(rows); // z[..., j, i] = Π_{k≠i} rows[..., j, k]
            Tensor weights = Multiply.apply(Reshape.apply(u, blockShape), offDiagonal); // u[..., i], i != j
            return new Tensor[] {Sum.apply(Multiply.apply(z, weights), new int[] {-1}, false)};
        });
        return y;
    }
}
