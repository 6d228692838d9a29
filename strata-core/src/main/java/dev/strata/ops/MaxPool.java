package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.PoolKernels;
import dev.strata.tensor.Tensor;

/**
 * The maximum of each window over the spatial axes, like {@code keras.ops.max_pool(inputs, pool_size, strides=None,
 * padding="valid", data_format=None)} (1-D, 2-D or 3-D by the input's rank; strides default to the pool size; "same"
 * padding never lets a padded element win, as JAX pads with {@code -inf}). NaN propagates.
 *
 * <p>Gradient: as JAX's ({@code select_and_scatter_add} with {@code >=}), each output's gradient goes to the first
 * element of its window, in row-major window order, that equals the maximum; ties after it get nothing, and
 * overlapping windows add up. The kernel finds that element again from the input and the output in the backward pass
 * (no index array is kept); a window whose maximum is infinite or NaN gets a NaN gradient (see PoolKernels). The
 * rule is linear in the upstream gradient and records its own gradient (gathering at the same elements), so gradients
 * of gradients flow through it; its second derivative in x is zero, as it is almost everywhere.
 */
final class MaxPool {
    /**
     * {@code keras.ops.max_pool(inputs, pool_size, strides=None, padding="valid", data_format=None)}.
     * {@code pool_size} and {@code strides} are written as one integer when uniform (Keras's JAX backend reloads
     * only that form); an absent or None {@code strides} reads as 0, taken as the pool size.
     */
    static final OpSpec SPEC = OpSpec.op("max_pool").nn("MaxPool").config("pool_size", Type.INT_OR_INTS)
            .config("strides", Type.INT_OR_INTS, 0).config("padding", Type.STRING, "valid")
            .config("data_format", Type.STRING, "channels_last")
            .rebuild((in, args) -> apply(in.get(0), Pooling.ints(args.value("pool_size")),
                    Pooling.strides(args.value("strides")), args.string("padding"), args.string("data_format")));

    private MaxPool() {
    }

    static Tensor apply(Tensor x, int[] poolSize, int[] strides, String padding, String dataFormat) {
        Pooling.Plan plan = Pooling.plan("max_pool", x.shape(), poolSize, strides, padding, dataFormat);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(plan.poolArg(), plan.stridesArg(), plan.padding(), plan.dataFormat()),
                    plan.out(), in -> apply(in.get(0), plan.pool(), plan.strides(), plan.padding(),
                            plan.dataFormat()), x);
        }
        return Pooling.concrete(x, plan, MaxPool::channelsLast);
    }

    private static Tensor channelsLast(Tensor x, Pooling.Plan plan) {
        PoolKernels.Geometry g = Pooling.geometry(x.shape(), plan);
        float[] y = OpSupport.newArray(g.outSize());
        PoolKernels.maxPool(OpSupport.data(x), g, y);
        Tensor out = OpSupport.wrap(y, Pooling.outShape(x.shape(), g));
        OpSupport.gradient(out, x, (gy, needed) -> new Tensor[] {scatter(x, out, gy, g)});
        return out;
    }

    /** The gradient of x: each output's gradient at the first maximum of its window. */
    private static Tensor scatter(Tensor x, Tensor y, Tensor gy, PoolKernels.Geometry g) {
        float[] gx = OpSupport.newArray(g.inSize());
        PoolKernels.maxPoolBackward(OpSupport.data(x), OpSupport.data(y), OpSupport.data(gy), g, gx,
                new float[g.outSize()]);
        Tensor result = OpSupport.wrap(gx, x.shape());
        OpSupport.gradient(result, gy, (ggx, needed) -> new Tensor[] {gather(x, y, ggx, g)});
        return result;
    }

    /** The transpose of {@link #scatter} in the upstream gradient: gx read back at each window's first maximum. */
    private static Tensor gather(Tensor x, Tensor y, Tensor gx, PoolKernels.Geometry g) {
        float[] out = OpSupport.newArray(g.outSize());
        PoolKernels.maxPoolGather(OpSupport.data(x), OpSupport.data(y), OpSupport.data(gx), g, out,
                new float[g.outSize()]);
        Tensor result = OpSupport.wrap(out, y.shape());
        OpSupport.gradient(result, gx, (gg, needed) -> new Tensor[] {scatter(x, y, gg, g)});
        return result;
    }
}
