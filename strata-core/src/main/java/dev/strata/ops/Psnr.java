package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The peak signal-to-noise ratio of two signals of the same shape, as {@code keras.ops.psnr} on JAX:
 * {@code 20·log10(maxVal) - 10·log10(mean((x1 - x2)²))} over all elements (the batch included), a scalar.
 * Identical signals give infinity. Composed of differentiable ops (the logarithm as {@code ln(·)/ln 10}).
 */
final class Psnr {
    /** {@code keras.ops.psnr(x1, x2, max_val)}. */
    static final OpSpec SPEC = OpSpec.op("psnr").nn("PSNR").binary().config("max_val", Type.FLOAT)
            .rebuild((in, args) -> apply(in.get(0), in.get(1), args.number("max_val")));

    private Psnr() {
    }

    static Tensor apply(Tensor x1, Tensor x2, float maxVal) {
        if (!x1.shape().isCompatibleWith(x2.shape())) {
            throw new ShapeException("psnr: x1 " + x1.shape() + " and x2 " + x2.shape() + " must have the same shape");
        }
        if (x1.isSymbolic() || x2.isSymbolic()) {
            return OpSupport.record(SPEC.args(maxVal), Shape.scalar(), in -> apply(in.get(0), in.get(1), maxVal),
                    x1, x2);
        }
        Tensor mse = Mean.apply(Square.apply(Subtract.apply(x1, x2)), null, false);
        float peak = (float) (20 * Math.log10(maxVal));
        return Subtract.apply(Tensor.scalar(peak),
                Multiply.apply(Log.apply(mse), Tensor.scalar((float) (10 / Math.log(10)))));
    }
}
