package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Normalizes x by a given mean and variance along one axis, as {@code keras.ops.batch_normalization}, in the order
 * of JAX's backend: {@code inv = rsqrt(variance + epsilon)·scale}, {@code res = -mean·inv + offset},
 * {@code x·inv + res}. Composed of differentiable ops, so every input has JAX's gradient. {@link LayerNorm} shares
 * the same tail ({@link #normalize}).
 */
final class BatchNorm {
    /** {@code keras.ops.batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3)}. */
    static final OpSpec SPEC = OpSpec.op("batch_normalization").nn("BatchNorm").variadic(5).config("axis", Type.INT)
            .config("epsilon", Type.FLOAT, 1e-3f)
            .rebuild((in, args) -> apply(in.get(0), in.get(1), in.get(2), args.integer("axis"), at(in, 3),
                    at(in, 4), args.number("epsilon")));

    private BatchNorm() {
    }

    /** The optional input at {@code i} of a rebuilt op (absent or None: null). */
    static Tensor at(List<Tensor> in, int i) {
        return i < in.size() ? in.get(i) : null;
    }

    static Tensor apply(Tensor x, Tensor mean, Tensor variance, int axis, Tensor offset, Tensor scale, float epsilon) {
        Shape s = x.shape();
        if (axis < -s.rank() || axis >= s.rank()) {
            throw new ShapeException("batchNormalization: axis " + axis + " is out of bounds for x of shape " + s);
        }
        int ax = axis < 0 ? axis + s.rank() : axis;
        int n = s.get(ax);
        check("mean", mean, n, s, axis);
        check("variance", variance, n, s, axis);
        check("offset", offset, n, s, axis);
        check("scale", scale, n, s, axis);
        boolean symbolic = x.isSymbolic() || mean.isSymbolic() || variance.isSymbolic()
                || (offset != null && offset.isSymbolic()) || (scale != null && scale.isSymbolic());
        if (symbolic) {
            // Keras writes absent tensors as None arguments, which a graph node cannot hold: with one of offset and
            // scale given, the other is recorded as its neutral constant (0 or 1), which changes no value.
            Tensor[] in = offset == null && scale == null ? new Tensor[] {x, mean, variance}
                    : new Tensor[] {x, mean, variance, offset != null ? offset : filled(mean, 0f),
                        scale != null ? scale : filled(mean, 1f)};
            return OpSupport.record(SPEC.args(axis, epsilon), s,
                    t -> apply(t.get(0), t.get(1), t.get(2), axis, at(t, 3), at(t, 4), epsilon), in);
        }
        int[] b = new int[s.rank()];
        Arrays.fill(b, 1);
        b[ax] = mean.shape().get(0);
        return normalize(x, Reshape.apply(mean, b), Reshape.apply(variance, b), epsilon,
                scale == null ? null : Reshape.apply(scale, b), offset == null ? null : Reshape.apply(offset, b));
    }

    /**
     * {@code x·inv + (-mean·inv + offset)} with {@code inv = rsqrt(variance + epsilon)·scale}: JAX's order of
     * operations (scale and offset may be null), with every operand already broadcastable to x.
     */
    static Tensor normalize(Tensor x, Tensor mean, Tensor variance, float epsilon, Tensor scale, Tensor offset) {
        Tensor inv = Rsqrt.apply(Add.apply(variance, Tensor.scalar(epsilon)));
        if (scale != null) {
            inv = Multiply.apply(inv, scale);
        }
        Tensor res = Multiply.apply(Negative.apply(mean), inv);
        if (offset != null) {
            res = Add.apply(res, offset);
        }
        return Add.apply(Multiply.apply(x, inv), res);
    }

    private static Tensor filled(Tensor like, float v) {
        float[] a = new float[like.shape().get(0)];
        Arrays.fill(a, v);
        return Tensor.of(a, a.length);
    }

    private static void check(String what, Tensor t, int n, Shape x, int axis) {
        if (t == null) {
            return;
        }
        Shape s = t.shape();
        if (s.rank() != 1 || (n != Shape.UNKNOWN && s.get(0) != Shape.UNKNOWN && s.get(0) != n)) {
            throw new ShapeException("batchNormalization: " + what + " must be a vector of length x.shape[axis] = "
                    + (n == Shape.UNKNOWN ? "?" : n) + " (x of shape " + x + ", axis " + axis + "), got shape " + s);
        }
    }
}
