package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Module;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * The least-squares solution of {@code a·x = b} (the one of least norm when there are many), like
 * {@code keras.ops.lstsq(a, b, rcond=None)} with the JAX backend: {@code a (M, N)} (one matrix: Keras allows no
 * batch), {@code b (M,)} or {@code (M, K)}, the result {@code (N,)} or {@code (N, K)}. As JAX: from the thin SVD of a,
 * singular values below {@code rcond·s_max} (and zeros) dropped; rcond None is {@code eps·max(M, N)} (float32's eps),
 * a negative rcond is eps. Made of svd and products, so its gradient is JAX's (through the SVD).
 */
final class Lstsq {
    /** {@code keras.ops.lstsq(a, b, rcond=None)}. */
    static final OpSpec SPEC = OpSpec.op("lstsq").keras(Module.LINALG, "Lstsq").binary()
            .config("rcond", Type.OPTIONAL_FLOAT)
            .rebuild((in, args) -> apply(in.get(0), in.get(1), args.optionalNumber("rcond")));

    private Lstsq() {
    }

    static Tensor apply(Tensor a, Tensor b, Float rcond) {
        Shape as = a.shape();
        Shape bs = b.shape();
        if (as.rank() != 2) {
            throw new ShapeException("lstsq: a must have rank 2 (one M x N matrix), got shape " + as
                    + " (b has shape " + bs + ")");
        }
        if (bs.rank() != 1 && bs.rank() != 2) {
            throw new ShapeException("lstsq: b must have rank 1 or 2, got shape " + bs + " (a has shape " + as + ")");
        }
        if (as.get(0) != bs.get(0) && as.get(0) != Shape.UNKNOWN && bs.get(0) != Shape.UNKNOWN) {
            throw new ShapeException("lstsq: b's first axis (" + bs.get(0) + ") must equal a's rows (" + as.get(0)
                    + "): a has shape " + as + ", b has shape " + bs);
        }
        Shape out = bs.rank() == 1 ? Shape.of(as.get(1)) : Shape.of(as.get(1), bs.get(1));
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(SPEC.args(rcond), out, in -> apply(in.get(0), in.get(1), rcond), a, b);
        }
        int m = as.get(0);
        int n = as.get(1);
        Tensor bm = bs.rank() == 1 ? ExpandDims.apply(b, -1) : b;
        if (m == 0 || n == 0) {
            return OpSupport.wrap(new float[out.size()], out);
        }
        List<Tensor> usv = Svd.apply(a, false, true);
        Tensor s = usv.get(1);
        float[] sv = OpSupport.data(s);
        double cut = rcond == null ? Pinv.FLOAT_EPS * Math.max(m, n) : rcond < 0 ? Pinv.FLOAT_EPS : rcond;
        float threshold = (float) cut * sv[0];
        float[] keep = new float[sv.length];
        float[] safe = new float[sv.length];
        for (int i = 0; i < sv.length; i++) {
            boolean k = sv[i] > 0 && sv[i] >= threshold;
            keep[i] = k ? 1 : 0;
            safe[i] = k ? 0 : 1;
        }
        // where(mask, 1 / s, 0), differentiably: keep / (s·keep + (1 - keep))
        Tensor keepT = Tensor.of(keep, sv.length);
        Tensor sInv = Divide.apply(keepT, Add.apply(Multiply.apply(s, keepT), Tensor.of(safe, sv.length)));
        Tensor utb = MatMul.apply(usv.get(0), bm, true, false);
        Tensor x = MatMul.apply(usv.get(2), Multiply.apply(ExpandDims.apply(sInv, -1), utb), true, false);
        return bs.rank() == 1 ? Squeeze.apply(x, new int[] {-1}) : x;
    }
}
