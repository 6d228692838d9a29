package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.ConvGeometry;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * Transposed N-D convolution, like {@code keras.ops.conv_transpose(inputs, kernel, strides, padding,
 * output_padding, data_format, dilation_rate)}: the kernel is (*kernel_size, filters, input channels), and the
 * output has Keras's size ({@code compute_conv_transpose_output_shape}) with JAX's padding. It is computed as the
 * input gradient of the convolution from the output back to the input (the same kernel read as
 * (*kernel_size, filters, channels)), so its gradients are that convolution (for the input) and its kernel gradient.
 */
final class ConvTranspose {
    /**
     * {@code keras.ops.conv_transpose(inputs, kernel, strides=1, padding="valid", output_padding=None,
     * data_format=None, dilation_rate=1)}.
     */
    static final OpSpec SPEC = OpSpec.op("conv_transpose").nn("ConvTranspose").binary()
            .config("strides", Type.INTS, new int[] {1})
            .config("padding", Type.STRING, "valid")
            .config("output_padding", Type.OPTIONAL_INTS)
            .config("data_format", Type.STRING, ConvSupport.CHANNELS_LAST)
            .config("dilation_rate", Type.INTS, new int[] {1})
            .rebuild((in, a) -> apply(in.get(0), in.get(1), a.ints("strides"), a.string("padding"),
                    a.ints("output_padding"), a.string("data_format"), a.ints("dilation_rate")));

    private ConvTranspose() {
    }

    /**
     * The output padding per spatial axis (null entries for Keras's default). The op takes any non-negative value,
     * as JAX does; the layers require it below the stride, as Keras's do.
     */
    static Integer[] outputPadding(String op, int[] outputPadding, int spatial) {
        Integer[] out = new Integer[spatial];
        if (outputPadding == null) {
            return out;
        }
        if (outputPadding.length != 1 && outputPadding.length != spatial) {
            throw new IllegalArgumentException(op + ": output_padding must be None, one integer or " + spatial
                    + " (one per spatial axis), got " + Arrays.toString(outputPadding));
        }
        for (int i = 0; i < spatial; i++) {
            int v = outputPadding[outputPadding.length == 1 ? 0 : i];
            if (v < 0) {
                throw new IllegalArgumentException(op + ": output_padding must be non-negative, got "
                        + Arrays.toString(outputPadding));
            }
            out[i] = v;
        }
        return out;
    }

    static Shape shape(Shape x, Shape kernel, Conv.Args a, Integer[] outputPadding) {
        String op = "conv_transpose";
        Shape xl = ConvSupport.toChannelsLast(x, a.format());
        int r = xl.rank();
        int channels = xl.get(r - 1);
        int kIn = kernel.get(-1);
        if (channels != Shape.UNKNOWN && kIn != Shape.UNKNOWN && channels != kIn) {
            throw new ShapeException(op + ": the input's " + channels + " channels (shape " + x + ", data_format '"
                    + a.format() + "') must equal the kernel's last axis (" + kIn + ", kernel " + kernel
                    + ": kernel_size, filters, input channels)");
        }
        int[] out = new int[r];
        out[0] = xl.get(0);
        for (int i = 0; i < a.spatial(); i++) {
            out[i + 1] = ConvSupport.transposeOutputSize(xl.get(i + 1), kernel.get(i), a.strides()[i],
                    a.dilations()[i], a.padding(), outputPadding[i]);
            if (out[i + 1] != Shape.UNKNOWN && out[i + 1] <= 0) {
                throw new ShapeException(op + ": the output would be empty on spatial axis " + i + " for input " + x
                        + " and kernel " + kernel);
            }
        }
        out[r - 1] = kernel.get(-2);
        return ConvSupport.fromChannelsLast(Shape.of(out), a.format());
    }

    static Tensor apply(Tensor x, Tensor kernel, int[] strides, String padding, int[] outputPadding,
                        String dataFormat, int[] dilationRate) {
        String op = "conv_transpose";
        Conv.Args a = Conv.Args.of(op, x.shape(), kernel.shape(), strides, padding, dataFormat, dilationRate);
        Integer[] opad = outputPadding(op, outputPadding, a.spatial());
        Shape out = shape(x.shape(), kernel.shape(), a, opad);
        if (x.isSymbolic() || kernel.isSymbolic()) {
            int[] op2 = outputPadding == null ? null : Arrays.stream(opad).mapToInt(Integer::intValue).toArray();
            return OpSupport.record(SPEC.args(a.strides(), a.padding(), op2, a.format(), a.dilations()), out,
                    in -> apply(in.get(0), in.get(1), a.strides(), a.padding(), op2, a.format(), a.dilations()),
                    x, kernel);
        }
        Tensor xl = ConvSupport.toChannelsLast(x, a.format());
        Shape yl = ConvSupport.toChannelsLast(out, a.format());
        int spatial = a.spatial();
        int[] k = kernel.shape().subShape(0, spatial).toArray();
        int[] pad = new int[spatial];
        for (int i = 0; i < spatial; i++) {
            pad[i] = ConvSupport.transposePadBefore(k[i], a.strides()[i], a.dilations()[i], a.padding(), opad[i]);
        }
        // the convolution this op is the input gradient of: from our output (yl) back to our input (xl)
        ConvGeometry g = ConvSupport.geometry(yl, xl.shape(), k, a.strides(), a.dilations(), pad, 1);
        return ConvSupport.fromChannelsLast(ConvSupport.inputGradient(xl, kernel, g, yl), a.format());
    }
}
