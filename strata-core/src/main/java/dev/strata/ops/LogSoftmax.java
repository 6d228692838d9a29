package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Tensor;

/**
 * {@code log(softmax(x))} along one axis, computed as {@code x - max - log(Σ e^(x - max))}: finite wherever
 * the inputs are, even where softmax itself underflows to 0. Gradient: {@code g - e^y·Σg}, the sum along the
 * axis.
 */
final class LogSoftmax {
    /** {@code keras.ops.log_softmax(x, axis=-1)}. */
    static final OpSpec SPEC = OpSpec.op("log_softmax").nn("LogSoftmax").config("axis", Type.INT, -1)
            .rebuild((in, args) -> apply(in.get(0), args.integer("axis")));

    private LogSoftmax() {
    }

    static Tensor apply(Tensor x, int axis) {
        int ax = Reductions.axes("logSoftmax", x.shape(), new int[] {axis})[0];
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(ax), x.shape(), in -> apply(in.get(0), ax), x);
        }
        Tensor y = OpSupport.wrap(Softmax.alongAxis(x, ax, true), x.shape());
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Subtract.apply(g, Multiply.apply(Exp.apply(y), Sum.apply(g, new int[] {ax}, true)))});
        return y;
    }
}
