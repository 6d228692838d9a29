package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.PoolKernels;
import dev.strata.tensor.Tensor;

/**
 * The mean of each window over the spatial axes, like {@code keras.ops.average_pool(inputs, pool_size, strides=None,
 * padding="valid", data_format=None)} (1-D, 2-D or 3-D by the input's rank; strides default to the pool size). With
 * "same" padding a window at the border is divided by the number of input elements it covers, not by the pool size,
 * as Keras's JAX backend does (it divides by a pooled window count; padded zeros do not count).
 *
 * <p>Gradient: the transpose, each element of a window getting {@code g / count}; that rule's own gradient is the
 * average pool again, so gradients of gradients flow.
 */
final class AveragePool {
    /**
     * {@code keras.ops.average_pool(inputs, pool_size, strides=None, padding="valid", data_format=None)}.
     * {@code pool_size} and {@code strides} are written as one integer when uniform (Keras's JAX backend reloads
     * only that form); an absent or None {@code strides} reads as 0, taken as the pool size.
     */
    static final OpSpec SPEC = OpSpec.op("average_pool").nn("AveragePool").config("pool_size", Type.INT_OR_INTS)
            .config("strides", Type.INT_OR_INTS, 0).config("padding", Type.STRING, "valid")
            .config("data_format", Type.STRING, "channels_last")
            .rebuild((in, args) -> apply(in.get(0), Pooling.ints(args.value("pool_size")),
                    Pooling.strides(args.value("strides")), args.string("padding"), args.string("data_format")));

    private AveragePool() {
    }

    static Tensor apply(Tensor x, int[] poolSize, int[] strides, String padding, String dataFormat) {
        Pooling.Plan plan = Pooling.plan("average_pool", x.shape(), poolSize, strides, padding, dataFormat);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(plan.poolArg(), plan.stridesArg(), plan.padding(), plan.dataFormat()),
                    plan.out(), in -> apply(in.get(0), plan.pool(), plan.strides(), plan.padding(),
                            plan.dataFormat()), x);
        }
        return Pooling.concrete(x, plan, (t, p) -> pool(t, Pooling.geometry(t.shape(), p)));
    }

    private static Tensor pool(Tensor x, PoolKernels.Geometry g) {
        float[] y = OpSupport.newArray(g.outSize());
        PoolKernels.averagePool(OpSupport.data(x), g, y);
        Tensor out = OpSupport.wrap(y, Pooling.outShape(x.shape(), g));
        OpSupport.gradient(out, x, (gy, needed) -> new Tensor[] {spread(gy, x.shape(), g)});
        return out;
    }

    /** The gradient of x: each output's gradient shared over its window's elements. */
    private static Tensor spread(Tensor gy, dev.strata.tensor.Shape inShape, PoolKernels.Geometry g) {
        float[] gx = OpSupport.newArray(g.inSize());
        PoolKernels.averagePoolBackward(OpSupport.data(gy), g, gx);
        Tensor result = OpSupport.wrap(gx, inShape);
        OpSupport.gradient(result, gy, (gg, needed) -> new Tensor[] {pool(gg, g)});
        return result;
    }
}
