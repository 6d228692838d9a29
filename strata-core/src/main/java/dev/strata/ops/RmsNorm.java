package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Tensor;

/**
 * Root-mean-square normalization, as {@code keras.ops.rms_normalization} on JAX:
 * {@code x·rsqrt(mean(x², axis) + epsilon)}, times {@code scale} (broadcast) when given; epsilon None is Keras's
 * {@code backend.epsilon()}, 1e-7. A scalar x is taken as a vector of one, as Keras's does. Composed of
 * differentiable ops.
 */
final class RmsNorm {
    /** {@code keras.ops.rms_normalization(x, scale=None, axis=-1, epsilon=None)}; Keras passes scale by keyword. */
    static final OpSpec SPEC = OpSpec.op("rms_normalization").nn("RMSNorm").variadic(2)
            .tensorKeywords(1, "scale").config("axis", Type.INT_OR_INTS, -1).config("epsilon", Type.OPTIONAL_FLOAT)
            .rebuild((in, args) -> apply(in.get(0), BatchNorm.at(in, 1), LayerNorm.axes(args.value("axis")),
                    args.optionalNumber("epsilon")));

    private RmsNorm() {
    }

    static Tensor apply(Tensor x, Tensor scale, int[] axes, Float epsilon) {
        if (x.rank() == 0) {
            x = Reshape.apply(x, 1);
        }
        int[] ax = Reductions.axes("rmsNormalization", x.shape(), axes);
        if (x.isSymbolic() || (scale != null && scale.isSymbolic())) {
            Tensor[] in = scale == null ? new Tensor[] {x} : new Tensor[] {x, scale};
            return OpSupport.record(SPEC.args(LayerNorm.axisArg(axes), epsilon),
                    Broadcasting.shape("rmsNormalization", x.shape(), scale == null ? x.shape() : scale.shape()),
                    t -> apply(t.get(0), BatchNorm.at(t, 1), axes, epsilon), in);
        }
        float eps = epsilon == null ? LayerNorm.BACKEND_EPSILON : epsilon;
        Tensor rrms = Rsqrt.apply(Add.apply(Mean.apply(Square.apply(x), ax, true), Tensor.scalar(eps)));
        Tensor out = Multiply.apply(x, rrms);
        return scale == null ? out : Multiply.apply(out, scale);
    }
}
