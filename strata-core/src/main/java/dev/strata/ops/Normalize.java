package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Tensor;

/**
 * x divided by its p-norm along axes, as {@code keras.ops.normalize}: for order 2,
 * {@code x·min(rsqrt(Σx²), 1/epsilon)}; for another order p, {@code x / max(‖x‖_p, epsilon)} with
 * {@code ‖x‖_p = (Σ|x|^p)^(1/p)} (jnp.linalg.norm's vector norm; order 1 is {@code Σ|x|}). epsilon None is
 * Keras's {@code backend.epsilon()}, 1e-7. Keras's axis None (all axes) is given as the list of all axes. A scalar x is taken as a vector of one, as Keras's does. Composed of
 * differentiable ops, so its gradient is JAX's.
 */
final class Normalize {
    /** {@code keras.ops.normalize(x, axis=-1, order=2, epsilon=None)}. */
    static final OpSpec SPEC = OpSpec.op("normalize").nn("Normalize").config("axis", Type.INT_OR_INTS, -1)
            .config("order", Type.INT, 2).config("epsilon", Type.OPTIONAL_FLOAT)
            .rebuild((in, args) -> apply(in.get(0), LayerNorm.axes(args.value("axis")), args.integer("order"),
                    args.optionalNumber("epsilon")));

    private Normalize() {
    }

    static Tensor apply(Tensor x, int[] axes, int order, Float epsilon) {
        if (order < 1) {
            throw new IllegalArgumentException("normalize: order must be an integer >= 1, got " + order
                    + " (x of shape " + x.shape() + ")");
        }
        if (x.rank() == 0) {
            x = Reshape.apply(x, 1);
        }
        int[] ax = Reductions.axes("normalize", x.shape(), axes);
        if (order != 2 && ax.length != 1) {
            // jnp.linalg.norm takes two axes as a matrix norm, and more (or None on a matrix) not at all
            throw new IllegalArgumentException("normalize: order " + order + " needs exactly one axis, got "
                    + java.util.Arrays.toString(axes) + " for x of shape " + x.shape());
        }
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(LayerNorm.axisArg(axes), order, epsilon), x.shape(),
                    in -> apply(in.get(0), axes, order, epsilon), x);
        }
        float eps = epsilon == null ? LayerNorm.BACKEND_EPSILON : epsilon;
        if (order == 2) {
            Tensor inverse = Rsqrt.apply(Sum.apply(Square.apply(x), ax, true));
            // 1 / epsilon in double, then float32, as Python computes Keras's 1.0 / epsilon
            double inv = 1.0 / (epsilon == null ? 1e-7 : Double.parseDouble(Float.toString(epsilon)));
            return Multiply.apply(x, Minimum.apply(inverse, Tensor.scalar((float) inv)));
        }
        Tensor norm = order == 1 ? Sum.apply(Abs.apply(x), ax, true)
                : Power.apply(Sum.apply(Power.apply(Abs.apply(x), Tensor.scalar(order)), ax, true),
                        Tensor.scalar(1f / order));
        return Divide.apply(x, Maximum.apply(norm, Tensor.scalar(eps)));
    }
}
