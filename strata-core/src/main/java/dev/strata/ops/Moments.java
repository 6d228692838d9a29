package dev.strata.ops;

import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * The mean and the (population) variance of x over axes, as {@code keras.ops.moments}: JAX's backend computes
 * {@code jnp.mean} and {@code jnp.var} (two passes: the variance is the mean of the squared deviations), which is
 * what {@link Mean} and {@link Variance} compute, so the gradients are theirs.
 */
final class Moments {
    /** {@code keras.ops.moments(x, axes, keepdims=False, synchronized=False)}: two outputs. */
    static final OpSpec SPEC = OpSpec.op("moments").nn("Moments").config("axes", Type.OPTIONAL_INTS)
            .config("keepdims", Type.BOOL, false)
            .ignored("synchronized", false, "one device: there are no replicas to synchronize statistics across")
            .rebuildAll((in, args) -> apply(in.get(0), args.ints("axes"), args.bool("keepdims")));

    private Moments() {
    }

    static List<Tensor> apply(Tensor x, int[] axes, boolean keepDims) {
        int[] ax = Reductions.axes("moments", x.shape(), axes);
        if (x.isSymbolic()) {
            Shape out = Reductions.shape(x.shape(), ax, keepDims);
            return List.copyOf(Graph.record(new MultiOpNode(SPEC.args(axes == null ? null : axes.clone(), keepDims),
                    in -> apply(in.get(0), ax, keepDims)), List.of(x), List.of(out, out)));
        }
        return List.of(Mean.apply(x, ax, keepDims), Variance.apply(x, ax, keepDims));
    }
}
