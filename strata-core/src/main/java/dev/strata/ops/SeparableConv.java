package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Separable N-D convolution, like {@code keras.ops.separable_conv(inputs, depthwise_kernel, pointwise_kernel,
 * strides, padding, data_format, dilation_rate)}: a depthwise convolution (kernel (*kernel_size, channels, M)),
 * then a pointwise one (kernel (1, ..., channels·M, filters), stride 1, no padding). On concrete tensors it is those
 * two ops in turn, so its gradients are theirs; on symbolic ones it records one node, as Keras does.
 */
final class SeparableConv {
    /**
     * {@code keras.ops.separable_conv(inputs, depthwise_kernel, pointwise_kernel, strides=1, padding="valid",
     * data_format=None, dilation_rate=1)}; the three tensors are Keras's three positional arguments.
     */
    static final OpSpec SPEC = OpSpec.op("separable_conv").nn("SeparableConv").ternary()
            .config("strides", Type.INTS, new int[] {1})
            .config("padding", Type.STRING, "valid")
            .config("data_format", Type.STRING, ConvSupport.CHANNELS_LAST)
            .config("dilation_rate", Type.INTS, new int[] {1})
            .rebuild((in, a) -> apply(in.get(0), in.get(1), in.get(2), a.ints("strides"), a.string("padding"),
                    a.string("data_format"), a.ints("dilation_rate")));

    private SeparableConv() {
    }

    static Tensor apply(Tensor x, Tensor depthwiseKernel, Tensor pointwiseKernel, int[] strides, String padding,
                        String dataFormat, int[] dilationRate) {
        String op = "separable_conv";
        Conv.Args a = Conv.Args.of(op, x.shape(), depthwiseKernel.shape(), strides, padding, dataFormat,
                dilationRate);
        Shape mid = DepthwiseConv.shape(op, x.shape(), depthwiseKernel.shape(), a);
        Shape pk = pointwiseKernel.shape();
        if (pk.rank() != x.rank()) {
            throw new ShapeException(op + ": the pointwise kernel must have the input's rank (" + x.rank()
                    + "), got input " + x.shape() + " and pointwise kernel " + pk);
        }
        for (int i = 0; i < a.spatial(); i++) {
            if (pk.get(i) != 1) {
                throw new ShapeException(op + ": the pointwise kernel must be 1 on every spatial axis, got " + pk);
            }
        }
        int midChannels = mid.get(a.format().equals(ConvSupport.CHANNELS_LAST) ? -1 : 1);
        if (midChannels != Shape.UNKNOWN && pk.get(-2) != Shape.UNKNOWN && pk.get(-2) != midChannels) {
            throw new ShapeException(op + ": the pointwise kernel's input channels (" + pk.get(-2) + ", kernel " + pk
                    + ") must be the depthwise output's " + midChannels + " (channels x depth_multiplier of input "
                    + x.shape() + " and depthwise kernel " + depthwiseKernel.shape() + ")");
        }
        Conv.Args pointwise = new Conv.Args(a.spatial(), ones(a.spatial()), "valid", a.format(), ones(a.spatial()));
        Shape out = Conv.shape(op, mid, pk, pointwise);
        if (x.isSymbolic() || depthwiseKernel.isSymbolic() || pointwiseKernel.isSymbolic()) {
            return OpSupport.record(SPEC.args(a.strides(), a.padding(), a.format(), a.dilations()), out,
                    in -> apply(in.get(0), in.get(1), in.get(2), a.strides(), a.padding(), a.format(),
                            a.dilations()), x, depthwiseKernel, pointwiseKernel);
        }
        Tensor depthwise = DepthwiseConv.apply(x, depthwiseKernel, a.strides(), a.padding(), a.format(),
                a.dilations());
        return Conv.apply(depthwise, pointwiseKernel, pointwise.strides(), "valid", a.format(), pointwise.dilations());
    }

    private static int[] ones(int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }
}
