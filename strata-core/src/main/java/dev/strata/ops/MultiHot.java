package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Multi-hot encoding, as {@code keras.ops.multi_hot} on JAX: the one-hot encoding of x (labels cast to int32, so
 * truncated toward zero; a label outside {@code [0, numClasses)} sets nothing), the class axis inserted at
 * {@code axis}, then the maximum over axis 1 of that (axis 0 for a vector x): so labels of shape (batch, n) give
 * (batch, numClasses). Not differentiable (JAX's gradient through the integer cast is zero): no gradient is recorded.
 */
final class MultiHot {
    /** {@code keras.ops.multi_hot(inputs, num_classes, axis=-1, dtype=None, sparse=False)}. */
    static final OpSpec SPEC = OpSpec.op("multi_hot").nn("MultiHot").config("num_classes", Type.INT)
            .config("axis", Type.INT, -1)
            .ignored("dtype", "float32", "Strata computes in float32")
            .fixed("sparse", false, "Strata has no sparse tensors")
            .rebuild((in, args) -> apply(in.get(0), args.integer("num_classes"), args.integer("axis")));

    private MultiHot() {
    }

    static Tensor apply(Tensor x, int numClasses, int axis) {
        Shape s = x.shape();
        int d = s.rank();
        if (numClasses < 0) {
            throw new IllegalArgumentException("multiHot: numClasses must be >= 0, got " + numClasses
                    + " (inputs of shape " + s + ")");
        }
        if (d == 0) {
            throw new ShapeException("multiHot: inputs must have rank 1 or more (the labels of a sample are reduced "
                    + "over axis " + "1, or 0 for a vector), got a scalar");
        }
        if (axis != -1 && (axis < 0 || axis >= d)) {
            throw new ShapeException("multiHot: axis must be -1 or in [0, " + d + ") for inputs of shape " + s
                    + ", got " + axis);
        }
        int ax = axis == -1 ? d : axis; // where the class axis goes in the one-hot shape (rank d + 1)
        int[] full = new int[d + 1];
        for (int i = 0, j = 0; i <= d; i++) {
            full[i] = i == ax ? numClasses : s.get(j++);
        }
        int reduced = d > 1 ? 1 : 0;
        if (full[reduced] == 0) {
            throw new ShapeException("multiHot: the reduced axis " + reduced + " of the one-hot encoding "
                    + Shape.of(full) + " is empty (inputs of shape " + s + "): its maximum is undefined");
        }
        int[] outDims = new int[d];
        for (int i = 0, j = 0; i <= d; i++) {
            if (i != reduced) {
                outDims[j++] = full[i];
            }
        }
        Shape out = Shape.of(outDims);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(numClasses, axis), out, in -> apply(in.get(0), numClasses, axis), x);
        }
        // strides of the output in terms of the one-hot index (the reduced axis has stride 0)
        long[] stride = new long[d + 1];
        long acc = 1;
        for (int i = d; i >= 0; i--) {
            if (i != reduced) {
                stride[i] = acc;
                acc *= full[i];
            }
        }
        float[] v = OpSupport.data(x);
        float[] r = new float[out.size()];
        int[] idx = new int[d];
        for (int e = 0; e < v.length; e++) {
            float f = v[e];
            // a cast to int32: NaN gives 0, out-of-range values saturate, as XLA's conversion on CPU
            long c = Float.isNaN(f) ? 0 : (long) f;
            if (c >= 0 && c < numClasses) {
                long pos = stride[ax] * c;
                for (int i = 0, j = 0; i <= d; i++) {
                    if (i != ax) {
                        pos += stride[i] * idx[j++];
                    }
                }
                r[(int) pos] = 1f;
            }
            for (int i = d - 1; i >= 0 && ++idx[i] == s.get(i); i--) {
                idx[i] = 0;
            }
        }
        return OpSupport.wrap(r, out);
    }
}
