package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.autodiff.Tape;
import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Kernels;
import dev.strata.internal.kernels.ReduceOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * {@code mean(square(yTrue - yPred), axis=-1)} as one op with one gradient rule: the per-sample loss of a
 * regression head, which as four ops cost a training step four tensors and six gradient ops. The values and the
 * gradients are bit for bit those of the four ops (the same roundings in the same order): the difference, its
 * square, the row sums by the reduction kernel, times {@code 1/d}; the gradient {@code g/d · 2(t - p)}, negated
 * for the prediction. Inputs of different shapes (broadcasting) take the four ops.
 */
final class MeanSquaredError {
    /** No Keras form: keras.ops has no mean_squared_error op. */
    static final OpSpec SPEC = OpSpec.op("mean_squared_error")
            .noKerasForm("keras.ops has no mean_squared_error op (keras.losses.mean_squared_error is a function); "
                    + "write Ops.mean(Ops.square(Ops.subtract(yTrue, yPred)), -1) in a model to save");

    private MeanSquaredError() {
    }

    static Tensor apply(Tensor yTrue, Tensor yPred) {
        if (!yTrue.shape().equals(yPred.shape()) || yPred.rank() == 0) {
            return composed(yTrue, yPred);
        }
        Shape x = yPred.shape();
        Shape out = Reductions.shape(x, new int[] {x.rank() - 1}, false);
        if (yTrue.isSymbolic() || yPred.isSymbolic()) {
            return OpSupport.record(SPEC, out, in -> apply(in.get(0), in.get(1)), yTrue, yPred);
        }
        int d = x.get(-1);
        if (d == 0) {
            return composed(yTrue, yPred);
        }
        float[] t = OpSupport.data(yTrue);
        float[] p = OpSupport.data(yPred);
        float[] diff = new float[p.length];
        float[] square = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            float v = t[i] - p[i];
            diff[i] = v;
            square[i] = v * v;
        }
        float scale = 1f / d;
        float[] loss = new float[p.length / d];
        Kernels kernels = KernelProvider.get();
        for (int r = 0; r < loss.length; r++) {
            loss[r] = kernels.reduce(ReduceOp.SUM, square, r * d, d) * scale;
        }
        Tensor y = OpSupport.wrap(loss, out);
        OpSupport.gradient(y, yTrue, yPred, (g, needed) -> Tape.isRecordingNow()
                ? composedGradient(g, needed, yTrue, yPred, scale)
                : rawGradient(OpSupport.data(g), needed, diff, d, scale, x));
        return y;
    }

    private static Tensor[] rawGradient(float[] g, boolean[] needed, float[] diff, int d, float scale, Shape x) {
        float[] dTrue = needed[0] ? OpSupport.newArray(diff.length) : null;
        float[] dPred = needed[1] ? OpSupport.newArray(diff.length) : null;
        for (int r = 0, i = 0; r < g.length; r++) {
            float gr = g[r] * scale;
            for (int j = 0; j < d; j++, i++) {
                float v = gr * (diff[i] * 2f);
                if (dTrue != null) {
                    dTrue[i] = v;
                }
                if (dPred != null) {
                    dPred[i] = -v;
                }
            }
        }
        return new Tensor[] {dTrue == null ? null : OpSupport.wrap(dTrue, x),
            dPred == null ? null : OpSupport.wrap(dPred, x)};
    }

    /** The same rule from differentiable ops, for when a tape records the backward pass. */
    private static Tensor[] composedGradient(Tensor g, boolean[] needed, Tensor yTrue, Tensor yPred, float scale) {
        Shape x = yPred.shape();
        Tensor perRow = Reshape.apply(Multiply.apply(g, Tensor.scalar(scale)), x.withDim(-1, 1));
        Tensor v = Multiply.apply(BroadcastTo.apply(perRow, x),
                Multiply.apply(Subtract.apply(yTrue, yPred), Tensor.scalar(2f)));
        return new Tensor[] {needed[0] ? v : null, needed[1] ? Negative.apply(v) : null};
    }

    private static Tensor composed(Tensor yTrue, Tensor yPred) {
        if (yPred.rank() == 0 && yTrue.rank() == 0) {
            throw new ShapeException("mean_squared_error: needs at least one axis to average over, got scalars");
        }
        return Mean.apply(Square.apply(Subtract.apply(yTrue, yPred)), new int[] {-1}, false);
    }
}
