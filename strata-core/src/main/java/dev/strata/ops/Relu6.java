package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/** {@code min(max(x, 0), 6)}. Gradient: {@code g} where {@code 0 < x < 6}, else 0 (as TensorFlow and JAX). */
final class Relu6 {
    /** {@code keras.ops.relu6(x)}. */
    static final OpSpec SPEC = OpSpec.op("relu6").nn("Relu6").rebuild((in, args) -> apply(in.get(0)));

    private Relu6() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        float[] in = OpSupport.data(x);
        float[] out = OpSupport.newArray(in.length);
        for (int i = 0; i < in.length; i++) {
            out[i] = Math.min(Math.max(in[i], 0f), 6f);
        }
        Tensor y = OpSupport.wrap(out, x.shape());
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Multiply.apply(g, window(x, 0f, 6f, 1f))});
        return y;
    }

    /** A constant: {@code value} where {@code lo < x < hi}, else 0 (the slope of a clamp). */
    static Tensor window(Tensor x, float lo, float hi, float value) {
        float[] in = OpSupport.data(x);
        float[] w = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            w[i] = in[i] > lo && in[i] < hi ? value : 0f;
        }
        return OpSupport.wrap(w, x.shape());
    }
}
