package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Whether each target class is among the k largest predictions, like {@code keras.ops.in_top_k(targets, predictions,
 * k)} with the JAX backend: with v the prediction at the target (NaN counted as -inf), true (1) when
 * {@code 1 + #(predictions > v) <= k}, so ties with v count in its favour. targets {@code (...)} are class indices
 * (whole numbers in float32; a negative one counts from the end, as JAX's indexing; one outside
 * {@code [-classes, classes)} has no prediction, NaN, so it is in the top k only if k exceeds every prediction
 * above -inf, as JAX's fill) against predictions {@code (..., classes)}. A boolean result (1/0): no gradient, as
 * JAX's.
 */
final class InTopK {
    /** {@code keras.ops.in_top_k(targets, predictions, k)}. */
    static final OpSpec SPEC = OpSpec.op("in_top_k").math("InTopK").binary().config("k", Type.INT)
            .rebuild((in, args) -> apply(in.get(0), in.get(1), args.integer("k")));

    private InTopK() {
    }

    static Tensor apply(Tensor targets, Tensor predictions, int k) {
        Shape t = targets.shape();
        Shape p = predictions.shape();
        if (p.rank() != t.rank() + 1 || !t.isCompatibleWith(dropLast(p))) {
            throw new ShapeException("inTopK: predictions must have the shape of targets plus a class axis, got "
                    + "targets " + t + " and predictions " + p);
        }
        if (targets.isSymbolic() || predictions.isSymbolic()) {
            return OpSupport.record(SPEC.args(k), t, in -> apply(in.get(0), in.get(1), k), targets, predictions);
        }
        int classes = p.get(-1);
        float[] ids = OpSupport.data(targets);
        float[] x = OpSupport.data(predictions);
        float[] r = OpSupport.newArray(ids.length);
        for (int i = 0; i < ids.length; i++) {
            float id = ids[i];
            if (id != Math.rint(id)) {
                throw new IllegalArgumentException("inTopK: targets must be whole numbers (class indices), got " + id
                        + " at index " + i);
            }
            int c = id < 0 ? (int) id + classes : (int) id;
            int base = i * classes;
            float v = c >= 0 && c < classes ? x[base + c] : Float.NaN;
            if (Float.isNaN(v)) {
                v = Float.NEGATIVE_INFINITY;
            }
            int above = 0;
            for (int j = 0; j < classes; j++) {
                if (x[base + j] > v) {
                    above++;
                }
            }
            r[i] = 1 + above <= k ? 1f : 0f;
        }
        return OpSupport.wrap(r, t);
    }

    private static Shape dropLast(Shape p) {
        return Shape.of(java.util.Arrays.copyOf(p.toArray(), p.rank() - 1));
    }
}
