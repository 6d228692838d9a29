package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.ConvGeometry;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * N-D convolution (cross-correlation), like {@code keras.ops.conv(inputs, kernel, strides, padding, data_format,
 * dilation_rate)}: 1 to 3 spatial axes, the kernel (*kernel_size, channels / groups, filters). As with JAX's
 * {@code feature_group_count}, an input with a multiple of the kernel's input channels is a grouped convolution:
 * each of the {@code channels / kernel_in} groups of channels is convolved with its share of the filters. "same"
 * pads as JAX does (the smaller half before). {@code channels_first} is transposed to channels last at the op's
 * boundary. Gradients: the transposed convolution for the input, patches times output gradient for the kernel.
 */
final class Conv {
    /** {@code keras.ops.conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1)}. */
    static final OpSpec SPEC = OpSpec.op("conv").nn("Conv").binary()
            .config("strides", Type.INTS, new int[] {1})
            .config("padding", Type.STRING, "valid")
            .config("data_format", Type.STRING, ConvSupport.CHANNELS_LAST)
            .config("dilation_rate", Type.INTS, new int[] {1})
            .rebuild((in, a) -> apply(in.get(0), in.get(1), a.ints("strides"), a.string("padding"),
                    a.string("data_format"), a.ints("dilation_rate")));

    private Conv() {
    }

    /** The arguments checked and expanded to one value per spatial axis. */
    record Args(int spatial, int[] strides, String padding, String format, int[] dilations) {
        static Args of(String op, Shape x, Shape kernel, int[] strides, String padding, String format,
                       int[] dilations) {
            int spatial = ConvSupport.spatialRank(op, x, kernel);
            return new Args(spatial, ConvSupport.perAxis(op, "strides", strides, spatial),
                    ConvSupport.padding(op, padding), ConvSupport.dataFormat(op, format),
                    ConvSupport.perAxis(op, "dilation_rate", dilations, spatial));
        }
    }

    /**
     * The output shape for inputs {@code x} (in {@code a.format}) and a kernel whose last two axes are the input
     * channels per group and the filters.
     */
    static Shape shape(String op, Shape x, Shape kernel, Args a) {
        Shape xl = ConvSupport.toChannelsLast(x, a.format());
        int r = xl.rank();
        int channels = xl.get(r - 1);
        int kIn = kernel.get(-2);
        int filters = kernel.get(-1);
        if (channels != Shape.UNKNOWN && kIn != Shape.UNKNOWN && (kIn <= 0 || channels % kIn != 0)) {
            throw new ShapeException(op + ": the input's " + channels + " channels (shape " + x + ", data_format '"
                    + a.format() + "') must be the kernel's input channels (" + kIn + ", kernel " + kernel
                    + ") or a multiple of them (grouped convolution)");
        }
        if (channels != Shape.UNKNOWN && kIn > 0 && filters != Shape.UNKNOWN && filters % (channels / kIn) != 0) {
            throw new ShapeException(op + ": the kernel's " + filters + " filters (kernel " + kernel + ") do not "
                    + "divide into the " + (channels / kIn) + " groups of the input " + x);
        }
        int[] out = new int[r];
        out[0] = xl.get(0);
        for (int i = 0; i < a.spatial(); i++) {
            out[i + 1] = ConvSupport.outputSize(op, xl.get(i + 1), kernel.get(i), a.strides()[i], a.dilations()[i],
                    a.padding(), x, kernel);
        }
        out[r - 1] = filters;
        return ConvSupport.fromChannelsLast(Shape.of(out), a.format());
    }

    static Tensor apply(Tensor x, Tensor kernel, int[] strides, String padding, String dataFormat,
                        int[] dilationRate) {
        Args a = Args.of("conv", x.shape(), kernel.shape(), strides, padding, dataFormat, dilationRate);
        Shape out = shape("conv", x.shape(), kernel.shape(), a);
        if (x.isSymbolic() || kernel.isSymbolic()) {
            return OpSupport.record(SPEC.args(a.strides(), a.padding(), a.format(), a.dilations()), out,
                    in -> apply(in.get(0), in.get(1), a.strides(), a.padding(), a.format(), a.dilations()), x, kernel);
        }
        Tensor xl = ConvSupport.toChannelsLast(x, a.format());
        Shape yl = ConvSupport.toChannelsLast(out, a.format());
        ConvGeometry g = geometry(xl.shape(), yl, kernel.shape(), a);
        return ConvSupport.fromChannelsLast(ConvSupport.conv(xl, kernel, g, yl), a.format());
    }

    /** The geometry of a channels-last convolution from x to y with this kernel (groups from the channel counts). */
    static ConvGeometry geometry(Shape xl, Shape yl, Shape kernel, Args a) {
        return geometry(xl, yl, kernel, a, xl.get(-1) / kernel.get(-2));
    }

    /** The same, for {@code groups} groups (a depthwise convolution has one per input channel). */
    static ConvGeometry geometry(Shape xl, Shape yl, Shape kernel, Args a, int groups) {
        int spatial = a.spatial();
        int[] k = kernel.subShape(0, spatial).toArray();
        int[] pad = new int[spatial];
        for (int i = 0; i < spatial; i++) {
            pad[i] = ConvSupport.padBefore(xl.get(i + 1), yl.get(i + 1), k[i], a.strides()[i], a.dilations()[i],
                    a.padding());
        }
        return ConvSupport.geometry(xl, yl, k, a.strides(), a.dilations(), pad, groups);
    }
}
