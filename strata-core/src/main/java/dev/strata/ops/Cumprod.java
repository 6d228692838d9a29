package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.autodiff.Tape;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The cumulative product along an axis, like {@code keras.ops.cumprod(x, axis=None)}: {@code out[..., i, ...] =
 * Π_{j≤i} x[..., j, ...]}; with no axis, of x flattened. Products are accumulated in double.
 *
 * <p>Gradient, exact where x has zeros (no division), as JAX's: {@code dx[i] = Σ_{j≥i} g[j]·Π_{k≤j, k≠i} x[k]},
 * computed in one pass per row as {@code P[i-1]·S[i]} with the exclusive prefix product {@code P} and
 * {@code S[i] = g[i] + x[i+1]·S[i+1]}. When a tape records the gradient itself (a second derivative is wanted), the
 * same sum is built from differentiable ops instead: an (n, n) block per row whose row i is x with {@code x[i]} set
 * to 1, cumprod'ed, weighted by g and summed over {@code j ≥ i}. That costs n² per row, but only then.
 */
final class Cumprod {
    /** {@code keras.ops.cumprod(x, axis=None, dtype=None)}. */
    static final OpSpec SPEC = OpSpec.op("cumprod").numpy("Cumprod").config("axis", Type.OPTIONAL_INT)
            .fixed("dtype", null, "Strata computes in float32")
            .rebuild((in, args) -> apply(in.get(0), args.optionalInt("axis")));

    private Cumprod() {
    }

    static Tensor apply(Tensor x, Integer axis) {
        Shape s = x.shape();
        Integer a = axis == null ? null : Cumulative.axis("cumprod", s, axis);
        if (x.isSymbolic()) {
            // recorded as given (Keras writes axis -1 as -1)
            return OpSupport.record(SPEC.args(axis), a == null ? Cumulative.flat(s) : s, in -> apply(in.get(0), axis),
                    x);
        }
        return a == null ? scan(Cumulative.flatten(x), 0) : scan(x, a);
    }

    private static Tensor scan(Tensor x, int a) {
        Tensor y = Cumulative.scan(x, a, true, false);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Tape.shouldRecord(x, g) ? differentiableGradient(x, g, a) : gradient(x, g, a)});
        return y;
    }

    /** The gradient in one pass per row (not differentiable itself). */
    private static Tensor gradient(Tensor x, Tensor g, int a) {
        Shape s = x.shape();
        float[] xs = OpSupport.data(x);
        float[] gs = OpSupport.data(g);
        float[] out = OpSupport.newArray(xs.length);
        int n = s.get(a);
        int inner = 1;
        for (int i = a + 1; i < s.rank(); i++) {
            inner *= s.get(i);
        }
        int block = n * inner;
        double[] suffix = new double[n];
        for (int base = 0; base < xs.length; base += block) {
            for (int q = 0; q < inner; q++) {
                int p0 = base + q;
                double sum = 0; // S[i] = g[i] + x[i+1]·S[i+1], from the end
                for (int i = n - 1; i >= 0; i--) {
                    int p = p0 + i * inner;
                    sum = gs[p] + (i + 1 < n ? xs[p + inner] * sum : 0);
                    suffix[i] = sum;
                }
                double prefix = 1; // P[i-1]
                for (int i = 0; i < n; i++) {
                    int p = p0 + i * inner;
                    out[p] = (float) (prefix * suffix[i]);
                    prefix *= xs[p];
                }
            }
        }
        return OpSupport.wrap(out, s);
    }

    /** The same gradient from differentiable ops (n² per row), for when the tape records the backward pass. */
    private static Tensor differentiableGradient(Tensor x, Tensor g, int a) {
        Shape s = x.shape();
        int last = s.rank() - 1;
        int[] perm = new int[s.rank()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        perm[a] = last;
        perm[last] = a;
        Tensor xt = a == last ? x : Transpose.apply(x, perm);
        Tensor gt = a == last ? g : Transpose.apply(g, perm);
        int n = s.get(a);
        int[] block = xt.shape().subShape(0, last).append(1, n).toArray();
        float[] off = new float[n * n];
        float[] upper = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                off[i * n + j] = i == j ? 0f : 1f;
                upper[i * n + j] = j >= i ? 1f : 0f;
            }
        }
        // rows[..., i, k] = x[..., k] for k != i, and 1 for k == i; their cumprod is Π_{k≤j, k≠i} x[k] at [i, j]
        Tensor rows = Add.apply(Multiply.apply(Reshape.apply(xt, block), Tensor.of(off, n, n)), Tensor.eye(n));
        Tensor partial = scan(rows, last + 1);
        Tensor weighted = Multiply.apply(Multiply.apply(partial, Reshape.apply(gt, block)), Tensor.of(upper, n, n));
        Tensor dx = Sum.apply(weighted, new int[] {-1}, false);
        return a == last ? dx : Transpose.apply(dx, perm);
    }
}
