package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.BinaryOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/** {@code a + b}, broadcast. Gradient: the upstream gradient to both, summed back over broadcast axes. */
final class Add {
    /** {@code keras.ops.add(x1, x2)}. */
    static final OpSpec SPEC = OpSpec.op("add").numpy("Add").binary()
            .rebuild((in, args) -> apply(in.get(0), in.get(1)));

    private Add() {
    }

    /**
     * For predict's folding ({@link dev.strata.internal.InferenceFolding}): {@code min(max(a + b, lo), hi)} of two
     * concrete tensors of one shape in one pass, the float operations of this op and then relu or relu6 (their
     * kernels' maximum and minimum are {@link Math#max} and {@link Math#min}), so the same bits; no gradient.
     */
    static Tensor inferenceClamped(Tensor a, Tensor b, float lo, float hi) {
        float[] x = OpSupport.data(a);
        float[] y = OpSupport.data(b);
        float[] r = OpSupport.newArray(x.length);
        if (hi == Float.POSITIVE_INFINITY) {
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.max(x[i] + y[i], lo);
            }
        } else {
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.min(Math.max(x[i] + y[i], lo), hi);
            }
        }
        return OpSupport.wrap(r, a.shape());
    }

    static Tensor apply(Tensor a, Tensor b) {
        Shape out = Broadcasting.shape("add", a.shape(), b.shape());
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(SPEC, out, in -> apply(in.get(0), in.get(1)), a, b);
        }
        Tensor y = Elementwise.binary(BinaryOp.ADD, a, b, out);
        OpSupport.gradient(y, a, b, (g, needed) -> new Tensor[] {
            needed[0] ? Broadcasting.unbroadcast(g, a.shape()) : null,
            needed[1] ? Broadcasting.unbroadcast(g, b.shape()) : null});
        return y;
    }
}
