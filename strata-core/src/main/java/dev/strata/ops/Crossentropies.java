package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The crossentropies of {@code keras.ops.nn}, per element or per sample (no reduction over the batch), as JAX's
 * backend computes them; the losses of {@code dev.strata.losses} call these (adding label smoothing, the mean and
 * the reduction), so the math lives here once. Probabilities are clipped to {@code [1e-7, 1 - 1e-7]} (Keras's
 * {@code backend.epsilon()}). Composed of differentiable ops, so the gradients with respect to both arguments
 * are JAX's (the sparse one's labels excepted: they are cast to integers).
 */
final class Crossentropies {
    /** Keras's {@code backend.epsilon()}. */
    private static final float EPSILON = 1e-7f;
    private static final float ONE_MINUS_EPSILON = (float) (1.0 - 1e-7);
    private static final Tensor ONE = Tensor.scalar(1f);

    /** {@code keras.ops.binary_crossentropy(target, output, from_logits=False)}. */
    static final OpSpec BINARY = OpSpec.op("binary_crossentropy").nn("BinaryCrossentropy").binary()
            .config("from_logits", Type.BOOL, false)
            .rebuild((in, args) -> binary(in.get(0), in.get(1), args.bool("from_logits")));
    /** {@code keras.ops.categorical_crossentropy(target, output, from_logits=False, axis=-1)}. */
    static final OpSpec CATEGORICAL = OpSpec.op("categorical_crossentropy").nn("CategoricalCrossentropy").binary()
            .config("from_logits", Type.BOOL, false).config("axis", Type.INT, -1)
            .rebuild((in, args) -> categorical(in.get(0), in.get(1), args.bool("from_logits"), args.integer("axis")));
    /** {@code keras.ops.sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1)}. */
    static final OpSpec SPARSE = OpSpec.op("sparse_categorical_crossentropy").nn("SparseCategoricalCrossentropy")
            .binary().config("from_logits", Type.BOOL, false).config("axis", Type.INT, -1)
            .rebuild((in, args) -> sparse(in.get(0), in.get(1), args.bool("from_logits"), args.integer("axis")));

    private Crossentropies() {
    }

    /**
     * Elementwise: from logits {@code t·softplus(-x) + (1 - t)·softplus(x)} (JAX's
     * {@code -t·log_sigmoid(x) - (1 - t)·log_sigmoid(-x)}, the same floats); from probabilities
     * {@code -(t·log(p) + (1 - t)·log(1 - p))}, p clipped.
     */
    static Tensor binary(Tensor target, Tensor output, boolean fromLogits) {
        sameShape("binaryCrossentropy", target, output);
        if (target.isSymbolic() || output.isSymbolic()) {
            return OpSupport.record(BINARY.args(fromLogits), output.shape(),
                    in -> binary(in.get(0), in.get(1), fromLogits), target, output);
        }
        Tensor oneMinusT = Subtract.apply(ONE, target);
        if (fromLogits) {
            return Add.apply(Multiply.apply(target, Softplus.apply(Negative.apply(output))),
                    Multiply.apply(oneMinusT, Softplus.apply(output)));
        }
        Tensor p = Clip.apply(output, EPSILON, ONE_MINUS_EPSILON);
        Tensor ll = Add.apply(Multiply.apply(target, Log.apply(p)),
                Multiply.apply(oneMinusT, Log.apply(Subtract.apply(ONE, p))));
        return Negative.apply(ll);
    }

    /** {@code -Σ t·log p} along axis; log p is log-softmax of logits, or the log of p normalized and clipped. */
    static Tensor categorical(Tensor target, Tensor output, boolean fromLogits, int axis) {
        sameShape("categoricalCrossentropy", target, output);
        if (output.rank() < 1) {
            throw new ShapeException("categoricalCrossentropy: target and output must have rank 1 or more, got "
                    + output.shape());
        }
        int ax = Reductions.axes("categoricalCrossentropy", output.shape(), new int[] {axis})[0];
        if (target.isSymbolic() || output.isSymbolic()) {
            return OpSupport.record(CATEGORICAL.args(fromLogits, axis),
                    Reductions.shape(output.shape(), new int[] {ax}, false),
                    in -> categorical(in.get(0), in.get(1), fromLogits, axis), target, output);
        }
        return Negative.apply(Sum.apply(Multiply.apply(target, logProbabilities(output, fromLogits, ax)),
                new int[] {ax}, false));
    }

    /**
     * {@code -log p[label]} over the last axis: labels (cast to int32: truncated toward zero) of output's shape
     * without its class axis (or with a last axis of 1); a label outside {@code [0, classes)} selects nothing, so
     * its loss is 0, as JAX's one_hot. Only the last axis holds the classes (JAX's backend compares the labels with
     * {@code output.shape[:-1]} whatever the axis).
     */
    static Tensor sparse(Tensor target, Tensor output, boolean fromLogits, int axis) {
        Shape o = output.shape();
        if (o.rank() < 1) {
            throw new ShapeException("sparseCategoricalCrossentropy: output must have rank 1 or more, got " + o);
        }
        if (axis != -1 && axis != o.rank() - 1) {
            throw new IllegalArgumentException("sparseCategoricalCrossentropy: the classes must be on the last "
                    + "axis (axis -1), got axis " + axis + " for output of shape " + o);
        }
        Tensor labels = target;
        if (labels.rank() == o.rank() && labels.shape().get(-1) == 1) {
            labels = Reshape.apply(labels, labels.shape().subShape(0, labels.rank() - 1));
        }
        Shape expected = o.subShape(0, o.rank() - 1);
        if (!labels.shape().isCompatibleWith(expected)) {
            throw new ShapeException("sparseCategoricalCrossentropy: target " + target.shape() + " must have "
                    + "output's shape " + o + " without its last (class) axis, i.e. " + expected + " or "
                    + expected.append(1));
        }
        if (o.get(-1) == Shape.UNKNOWN) {
            throw new ShapeException("sparseCategoricalCrossentropy: the number of classes (output's last "
                    + "dimension) must be known, got output " + o);
        }
        if (target.isSymbolic() || output.isSymbolic()) {
            return OpSupport.record(SPARSE.args(fromLogits, axis), expected,
                    in -> sparse(in.get(0), in.get(1), fromLogits, axis), target, output);
        }
        Tensor oneHot = oneHot(labels, o.get(-1));
        return Negative.apply(Sum.apply(Multiply.apply(oneHot, logProbabilities(output, fromLogits, o.rank() - 1)),
                new int[] {-1}, false));
    }

    /** log p along {@code axis}: log-softmax of logits, or the log of normalised, clipped probabilities. */
    private static Tensor logProbabilities(Tensor output, boolean fromLogits, int axis) {
        if (fromLogits) {
            return LogSoftmax.apply(output, axis);
        }
        Tensor p = Divide.apply(output, Sum.apply(output, new int[] {axis}, true));
        return Log.apply(Clip.apply(p, EPSILON, ONE_MINUS_EPSILON));
    }

    /** The one-hot rows of labels truncated toward zero (the int32 cast); not differentiable. */
    private static Tensor oneHot(Tensor labels, int classes) {
        float[] v = OpSupport.data(labels);
        float[] r = new float[v.length * classes];
        for (int i = 0; i < v.length; i++) {
            long c = (long) v[i];
            if (c >= 0 && c < classes) {
                r[i * classes + (int) c] = 1f;
            }
        }
        return OpSupport.wrap(r, labels.shape().append(classes));
    }

    private static void sameShape(String op, Tensor target, Tensor output) {
        if (!target.shape().isCompatibleWith(output.shape())) {
            throw new ShapeException(op + ": target " + target.shape() + " and output " + output.shape()
                    + " must have the same shape");
        }
    }
}
