package dev.strata.ops;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Elementwise maps that have no kernel of their own (the trigonometric functions, trunc, the logical and
 * floating-point class tests): a plain loop over the concrete data, computed in double where a function is, then
 * rounded to float. They are not on a training hot path, so they skip the SIMD kernels.
 */
final class Pointwise {
    /** A float function of one float. */
    @FunctionalInterface
    interface Fn {
        float apply(float x);
    }

    /** A float function of two floats. */
    @FunctionalInterface
    interface Fn2 {
        float apply(float a, float b);
    }

    private Pointwise() {
    }

    /** {@code f} of every element of a concrete {@code x}. */
    static Tensor map(Tensor x, Fn f) {
        float[] in = OpSupport.data(x);
        float[] out = OpSupport.newArray(in.length);
        for (int i = 0; i < in.length; i++) {
            out[i] = f.apply(in[i]);
        }
        return OpSupport.wrap(out, x.shape());
    }

    /** {@code f(a, b)} of concrete {@code a} and {@code b} broadcast to {@code out}. */
    static Tensor map(Tensor a, Tensor b, Shape out, Fn2 f) {
        float[] x = broadcast(a, out);
        float[] y = broadcast(b, out);
        float[] r = OpSupport.newArray(out.size());
        for (int i = 0; i < r.length; i++) {
            r[i] = f.apply(x[i], y[i]);
        }
        return OpSupport.wrap(r, out);
    }

    /** 1 for true, 0 for false: how Strata's float32 tensors hold booleans. */
    static float bool(boolean b) {
        return b ? 1f : 0f;
    }

    private static float[] broadcast(Tensor t, Shape out) {
        float[] data = OpSupport.data(t);
        return t.shape().equals(out) ? data : BroadcastTo.copy(data, t.shape(), out);
    }
}
