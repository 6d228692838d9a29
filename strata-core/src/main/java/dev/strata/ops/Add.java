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
