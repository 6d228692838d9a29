package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The number of elements of x as a scalar tensor, like {@code keras.ops.size(x)}: a graph node when x is symbolic
 * (its batch size is known only when the graph runs). An integer, so no gradient (as JAX's).
 */
final class Size {
    /** {@code keras.ops.size(x)}. */
    static final OpSpec SPEC = OpSpec.op("size").numpy("Size").rebuild((in, args) -> apply(in.get(0)));

    private Size() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, Shape.scalar(), in -> apply(in.get(0)), x);
        }
        return Tensor.scalar(x.shape().size());
    }
}
