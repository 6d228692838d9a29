package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * One-hot encodes class indices, like {@code keras.ops.one_hot(x, num_classes)}: a new last axis of size
 * {@code numClasses} holds 1 at the index and 0 elsewhere. As with Keras's backends, an index that is not a
 * class (negative, {@code >= numClasses}, or not an integer) gives a row of zeros. Not differentiable.
 */
final class OneHot {
    /** {@code keras.ops.one_hot(x, num_classes, axis=-1, dtype=None, sparse=False)}. */
    static final OpSpec SPEC = OpSpec.op("one_hot").nn("OneHot").config("num_classes", Type.INT)
            .fixed("axis", -1, "Strata's one_hot adds the last axis")
            .ignored("dtype", "float32", "Strata computes in float32")
            .fixed("sparse", false, "Strata has no sparse tensors")
            .rebuild((in, args) -> apply(in.get(0), args.integer("num_classes")));

    private OneHot() {
    }

    static Tensor apply(Tensor indices, int numClasses) {
        if (numClasses < 0) {
            throw new IllegalArgumentException("oneHot: numClasses must be >= 0, got " + numClasses
                    + " (indices of shape " + indices.shape() + ")");
        }
        Shape out = indices.shape().append(numClasses);
        if (indices.isSymbolic()) {
            return OpSupport.record(SPEC.args(numClasses), out, in -> apply(in.get(0), numClasses), indices);
        }
        float[] idx = OpSupport.data(indices);
        float[] r = new float[out.size()];
        for (int i = 0; i < idx.length; i++) {
            float v = idx[i];
            if (v >= 0 && v < numClasses && v == Math.rint(v)) {
                r[i * numClasses + (int) v] = 1f;
            }
        }
        return OpSupport.wrap(r, out);
    }
}
