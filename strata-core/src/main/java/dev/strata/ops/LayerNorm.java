package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Layer normalization over axes, as {@code keras.ops.layer_normalization} on JAX: the mean and variance over the
 * axes ({@link Moments}, kept dimensions), then {@link BatchNorm#normalize}'s {@code x·inv + (-mean·inv + beta)}
 * with {@code inv = rsqrt(variance + epsilon)·gamma}. gamma and beta have the shape of x's normalized dimensions
 * (as a vector when one axis is normalized); epsilon None is Keras's {@code backend.epsilon()}, 1e-7. The
 * LayerNormalization layer computes the same. Keras's deprecated {@code rms_scaling} is not supported (use
 * {@code rms_normalization}).
 */
final class LayerNorm {
    /** Keras's {@code backend.epsilon()}, what an epsilon of None means. */
    static final float BACKEND_EPSILON = 1e-7f;

    /** {@code keras.ops.layer_normalization(x, gamma=None, beta=None, axis=-1, epsilon=None)}. */
    static final OpSpec SPEC = OpSpec.op("layer_normalization").nn("LayerNorm").variadic(3)
            .config("axis", Type.INT_OR_INTS, -1).config("epsilon", Type.OPTIONAL_FLOAT)
            .fixed("rms_scaling", false, "Keras deprecated it (it scales by the variance); use rms_normalization")
            .rebuild((in, args) -> apply(in.get(0), BatchNorm.at(in, 1), BatchNorm.at(in, 2),
                    axes(args.value("axis")), args.optionalNumber("epsilon")));

    private LayerNorm() {
    }

    /** An {@link Type#INT_OR_INTS} value as axes. */
    static int[] axes(Object axis) {
        return axis instanceof Integer i ? new int[] {i} : ((int[]) axis).clone();
    }

    /** How an axis argument is recorded: a lone axis as Keras's int, several as a list. */
    static Object axisArg(int[] axes) {
        return axes.length == 1 ? (Object) axes[0] : axes.clone();
    }

    static Tensor apply(Tensor x, Tensor gamma, Tensor beta, int[] axes, Float epsilon) {
        Shape s = x.shape();
        int[] ax = Reductions.axes("layerNormalization", s, axes);
        if (ax.length == 0) {
            throw new ShapeException("layerNormalization: axis must name at least one axis of x, of shape " + s);
        }
        int[] b = new int[s.rank()];
        java.util.Arrays.fill(b, 1);
        for (int a : ax) {
            b[a] = s.get(a);
        }
        Shape normalized = Shape.of(java.util.Arrays.stream(ax).map(s::get).toArray());
        check("gamma", gamma, normalized, s);
        check("beta", beta, normalized, s);
        boolean symbolic = x.isSymbolic() || (gamma != null && gamma.isSymbolic())
                || (beta != null && beta.isSymbolic());
        if (symbolic) {
            Tensor[] in = gamma == null && beta == null ? new Tensor[] {x}
                    : new Tensor[] {x, gamma != null ? gamma : Tensor.ones(normalized),
                        beta != null ? beta : Tensor.zeros(normalized)};
            return OpSupport.record(SPEC.args(axisArg(axes), epsilon), s,
                    t -> apply(t.get(0), BatchNorm.at(t, 1), BatchNorm.at(t, 2), axes, epsilon), in);
        }
        float eps = epsilon == null ? BACKEND_EPSILON : epsilon;
        Tensor mean = Mean.apply(x, ax, true);
        Tensor variance = Variance.apply(x, ax, true);
        boolean last = ax.length == 1 && ax[0] == s.rank() - 1;
        return BatchNorm.normalize(x, mean, variance, eps, broadcast(gamma, b, s, last),
                broadcast(beta, b, s, last));
    }

    /** Keras's {@code _broadcast}: a parameter not of x's rank is reshaped, unless only the last axis is normalized. */
    private static Tensor broadcast(Tensor v, int[] b, Shape x, boolean last) {
        return v == null || v.rank() == x.rank() || last ? v : Reshape.apply(v, b);
    }

    private static void check(String what, Tensor t, Shape normalized, Shape x) {
        if (t != null && t.rank() != x.rank() && !t.shape().isCompatibleWith(normalized)) {
            throw new ShapeException("layerNormalization: " + what + " must have the shape of x's normalized "
                    + "dimensions " + normalized + " (x of shape " + x + "), got shape " + t.shape());
        }
    }
}
