package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * The {@code k} largest values along the last axis and their indices, like {@code keras.ops.top_k(x, k,
 * sorted=True)} with the JAX backend ({@code jax.lax.top_k}): largest first, ties to the lower index, NaN above
 * every number. Two outputs, {@code [values, indices]}, of shape {@code x.shape[:-1] + (k,)}; the indices are
 * float values (Keras gives int32). {@code sorted} is recorded for saving, but the result is always sorted, as
 * JAX's (unsorted order is unspecified). The values are x gathered at the indices, so their gradient goes back to
 * the selected positions (as JAX's); the indices have none.
 */
final class TopK {
    /** {@code keras.ops.top_k(x, k, sorted=True)}: two outputs. */
    static final OpSpec SPEC = OpSpec.op("top_k").math("TopK").config("k", Type.INT).config("sorted", Type.BOOL, true)
            .rebuildAll((in, args) -> apply(in.get(0), args.integer("k"), args.bool("sorted")));

    private TopK() {
    }

    static List<Tensor> apply(Tensor x, int k, boolean sorted) {
        Shape s = x.shape();
        if (s.rank() == 0) {
            throw new ShapeException("topK: x must have at least one axis (top_k works along the last), got shape "
                    + s);
        }
        int n = s.get(-1);
        if (k < 0) {
            throw new IllegalArgumentException("topK: k must be non-negative, got " + k + " (shape " + s + ")");
        }
        if (n != Shape.UNKNOWN && k > n) {
            throw new ShapeException("topK: k = " + k + " is larger than the last axis of x, of shape " + s);
        }
        Shape out = s.withDim(-1, k);
        if (x.isSymbolic()) {
            return List.copyOf(Graph.record(new MultiOpNode(SPEC.args(k, sorted), in -> apply(in.get(0), k, sorted)),
                    List.of(x), List.of(out, out)));
        }
        Tensor indices = Sorting.top(x, k);
        return List.of(TakeAlongAxis.apply(x, indices, -1), indices);
    }
}
