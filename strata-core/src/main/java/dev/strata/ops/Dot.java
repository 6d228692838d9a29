package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * numpy's {@code dot}, like {@code keras.ops.dot}: a scalar operand multiplies; 1-D·1-D is the inner product;
 * 2-D·2-D the matrix product; N-D·1-D contracts a's last axis with b; N-D·M-D (M >= 2) contracts a's last axis
 * with b's second-to-last, giving shape {@code a.shape[:-1] + b.shape[:-2] + b.shape[-1:]} (no broadcasting of
 * leading axes, unlike matmul). Built on matmul, reshape and transpose, which give the gradient.
 */
final class Dot {
    /** {@code keras.ops.dot(x1, x2)}. */
    static final OpSpec SPEC = OpSpec.op("dot").numpy("Dot").binary()
            .rebuild((in, args) -> apply(in.get(0), in.get(1)));

    private Dot() {
    }

    static Tensor apply(Tensor a, Tensor b) {
        if (a.rank() == 0 || b.rank() == 0) {
            return Multiply.apply(a, b);
        }
        Shape as = a.shape();
        Shape bs = b.shape();
        int ka = as.get(-1);
        int kb = bs.rank() == 1 ? bs.get(0) : bs.get(-2);
        if (ka != kb && ka != Shape.UNKNOWN && kb != Shape.UNKNOWN) {
            throw new ShapeException("dot: shapes " + as + " and " + bs + " are not aligned: the last axis of a ("
                    + ka + ") must equal the " + (bs.rank() == 1 ? "only axis" : "second-to-last axis") + " of b ("
                    + kb + ")");
        }
        Shape out = as.subShape(0, as.rank() - 1);
        if (bs.rank() >= 2) {
            out = out.append(bs.subShape(0, bs.rank() - 2).toArray()).append(bs.get(-1));
        }
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(SPEC, out, in -> apply(in.get(0), in.get(1)), a, b);
        }
        if (bs.rank() == 1 || (as.rank() <= 2 && bs.rank() == 2)) {
            return MatMul.apply(a, b, false, false); // the same as numpy's dot in these cases
        }
        // General case: a as (P, K), b with its contracted axis moved first as (K, Q), one matrix product.
        int k = ka;
        int p = product(as.toArray(), 0, as.rank() - 1);
        int[] perm = new int[bs.rank()];
        perm[0] = bs.rank() - 2;
        for (int i = 1; i < bs.rank() - 1; i++) {
            perm[i] = i - 1;
        }
        perm[bs.rank() - 1] = bs.rank() - 1;
        int q = product(bs.toArray(), 0, bs.rank() - 2) * bs.get(-1);
        Tensor a2 = Reshape.apply(a, p, k);
        Tensor b2 = Reshape.apply(Transpose.apply(b, perm), k, q);
        return Reshape.apply(MatMul.apply(a2, b2, false, false), out);
    }

    private static int product(int[] dims, int from, int to) {
        return Arrays.stream(dims, from, to).reduce(1, (x, y) -> x * y);
    }
}
