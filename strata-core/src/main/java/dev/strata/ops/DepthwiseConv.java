package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.ConvGeometry;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Depthwise N-D convolution, like {@code keras.ops.depthwise_conv(inputs, kernel, strides, padding, data_format,
 * dilation_rate)}: the kernel is (*kernel_size, channels, depth_multiplier) and input channel c makes output channels
 * c·M .. c·M + M - 1. That is a grouped convolution with one input channel per group, whose kernel layout
 * (*kernel_size, 1, channels·M) holds the same numbers, so it is computed (and differentiated) as one; the kernels
 * run it with direct loops over the channels.
 */
final class DepthwiseConv {
    /**
     * {@code keras.ops.depthwise_conv(inputs, kernel, strides=1, padding="valid", data_format=None,
     * dilation_rate=1)}.
     */
    static final OpSpec SPEC = OpSpec.op("depthwise_conv").nn("DepthwiseConv").binary()
            .config("strides", Type.INTS, new int[] {1})
            .config("padding", Type.STRING, "valid")
            .config("data_format", Type.STRING, ConvSupport.CHANNELS_LAST)
            .config("dilation_rate", Type.INTS, new int[] {1})
            .rebuild((in, a) -> apply(in.get(0), in.get(1), a.ints("strides"), a.string("padding"),
                    a.string("data_format"), a.ints("dilation_rate")));

    private DepthwiseConv() {
    }

    static Shape shape(String op, Shape x, Shape kernel, Conv.Args a) {
        Shape xl = ConvSupport.toChannelsLast(x, a.format());
        int r = xl.rank();
        int channels = xl.get(r - 1);
        int kIn = kernel.get(-2);
        if (channels != Shape.UNKNOWN && kIn != Shape.UNKNOWN && channels != kIn) {
            throw new ShapeException(op + ": the input's " + channels + " channels (shape " + x + ", data_format '"
                    + a.format() + "') must equal the kernel's input channels (" + kIn + ", kernel " + kernel
                    + ": kernel_size, channels, depth_multiplier)");
        }
        int[] out = new int[r];
        out[0] = xl.get(0);
        for (int i = 0; i < a.spatial(); i++) {
            out[i + 1] = ConvSupport.outputSize(op, xl.get(i + 1), kernel.get(i), a.strides()[i], a.dilations()[i],
                    a.padding(), x, kernel);
        }
        int m = kernel.get(-1);
        out[r - 1] = kIn == Shape.UNKNOWN || m == Shape.UNKNOWN ? Shape.UNKNOWN : kIn * m;
        return ConvSupport.fromChannelsLast(Shape.of(out), a.format());
    }

    static Tensor apply(Tensor x, Tensor kernel, int[] strides, String padding, String dataFormat,
                        int[] dilationRate) {
        String op = "depthwise_conv";
        Conv.Args a = Conv.Args.of(op, x.shape(), kernel.shape(), strides, padding, dataFormat, dilationRate);
        Shape out = shape(op, x.shape(), kernel.shape(), a);
        if (x.isSymbolic() || kernel.isSymbolic()) {
            return OpSupport.record(SPEC.args(a.strides(), a.padding(), a.format(), a.dilations()), out,
                    in -> apply(in.get(0), in.get(1), a.strides(), a.padding(), a.format(), a.dilations()), x, kernel);
        }
        Tensor xl = ConvSupport.toChannelsLast(x, a.format());
        Shape yl = ConvSupport.toChannelsLast(out, a.format());
        ConvGeometry g = Conv.geometry(xl.shape(), yl, kernel.shape(), a, xl.shape().get(-1));
        return ConvSupport.fromChannelsLast(ConvSupport.conv(xl, kernel, g, yl), a.format());
    }
}
