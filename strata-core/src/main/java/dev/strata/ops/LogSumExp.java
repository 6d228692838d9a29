package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.BinaryOp;
import dev.strata.internal.kernels.ReduceOp;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * {@code log(sum(exp(x)))} over axes ({@code null}: all), like {@code keras.ops.logsumexp}, computed stably as
 * {@code m + log(sum(exp(x - m)))} with m the maximum (0 where the maximum is infinite, so all -inf gives -inf
 * and +inf gives +inf, not NaN). Gradient: the softmax {@code exp(x - m) / sum(exp(x - m))} times the upstream
 * gradient, written with differentiable ops (m is a constant, which the softmax does not depend on), so second
 * derivatives work.
 */
final class LogSumExp {
    /** {@code keras.ops.logsumexp(x, axis=None, keepdims=False)}. */
    static final OpSpec SPEC = OpSpec.op("logsumexp").math("Logsumexp")
            .config("axis", Type.OPTIONAL_INTS).config("keepdims", Type.BOOL, false)
            .rebuild((in, args) -> apply(in.get(0), args.ints("axis"), args.bool("keepdims")));

    private LogSumExp() {
    }

    static Tensor apply(Tensor x, int[] axes, boolean keepDims) {
        Shape s = x.shape();
        int[] ax = Reductions.axes("logsumexp", s, axes);
        Shape kept = Reductions.shape(s, ax, true);
        Shape out = keepDims ? kept : Reductions.shape(s, ax, false);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(ax, keepDims), out, in -> apply(in.get(0), ax, keepDims), x);
        }
        float[] shift = Reductions.reduce(ReduceOp.MAX, x, ax);
        for (int i = 0; i < shift.length; i++) {
            if (Float.isInfinite(shift[i])) {
                shift[i] = 0f;
            }
        }
        Tensor shifted = Elementwise.binary(BinaryOp.SUBTRACT, x, OpSupport.wrap(shift, kept), s);
        float[] sums = Reductions.reduce(ReduceOp.SUM, Elementwise.unary(UnaryOp.EXP, shifted), ax);
        float[] r = new float[sums.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) (Math.log(sums[i]) + shift[i]);
        }
        Tensor y = OpSupport.wrap(r, out);
        Tensor m = OpSupport.wrap(shift, kept);
        OpSupport.gradient(y, x, (g, needed) -> {
            // softmax as exp(x - m) / sum(exp(x - m)): exact for any constant m, and unlike exp(x - y) it does
            // not inherit the rounding of a large y (float32 spacing near 1000 is 6e-5)
            Tensor e = Exp.apply(Subtract.apply(x, m));
            Tensor softmax = Divide.apply(e, Sum.apply(e, ax, true));
            return new Tensor[] {Multiply.apply(softmax, Reshape.apply(g, kept))};
        });
        return y;
    }
}
