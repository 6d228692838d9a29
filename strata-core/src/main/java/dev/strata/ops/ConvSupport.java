package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.kernels.ConvGeometry;
import dev.strata.internal.kernels.Convolution;
import dev.strata.internal.kernels.KernelProvider;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the convolution ops share: their arguments as Keras reads them (an int for every spatial axis or one per
 * axis, padding and data format names), the output-size rules of Keras's {@code compute_conv_output_shape} and
 * {@code compute_conv_transpose_output_shape} with the padding JAX applies, the boundary transposes of
 * {@code channels_first}, and three differentiable primitives on concrete channels-last tensors: the convolution,
 * its input gradient and its kernel gradient. Each primitive's gradient is made of the other two (all three are
 * bilinear), so gradients of gradients work too.
 */
final class ConvSupport {
    static final String CHANNELS_LAST = "channels_last";
    static final String CHANNELS_FIRST = "channels_first";

    private ConvSupport() {
    }

    // ---- arguments --------------------------------------------------------------------------------------------

    /** One value per spatial axis: {@code values} holds one for all or one each; each must be positive. */
    static int[] perAxis(String op, String what, int[] values, int spatial) {
        if (values == null || (values.length != 1 && values.length != spatial)) {
            throw new IllegalArgumentException(op + ": " + what + " must be one integer or " + spatial
                    + " (one per spatial axis), got " + (values == null ? "None" : Arrays.toString(values)));
        }
        int[] out = new int[spatial];
        for (int i = 0; i < spatial; i++) {
            out[i] = values[values.length == 1 ? 0 : i];
            if (out[i] <= 0) {
                throw new IllegalArgumentException(op + ": " + what + " must be positive, got "
                        + Arrays.toString(values));
            }
        }
        return out;
    }

    /** "valid" or "same" (any case), lower-cased. */
    static String padding(String op, String padding) {
        String p = padding == null ? "" : padding.toLowerCase(Locale.ROOT);
        if (!p.equals("valid") && !p.equals("same")) {
            throw new IllegalArgumentException(op + ": padding must be 'valid' or 'same', got '" + padding + "'");
        }
        return p;
    }

    /** "channels_last" (also for null, Keras's default image data format) or "channels_first". */
    static String dataFormat(String op, String format) {
        if (format == null) {
            return CHANNELS_LAST;
        }
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals(CHANNELS_LAST) && !f.equals(CHANNELS_FIRST)) {
            throw new IllegalArgumentException(op + ": data_format must be 'channels_last' or 'channels_first', got '"
                    + format + "'");
        }
        return f;
    }

    /** The number of spatial axes of an input: its rank minus batch and channels, checked to be 1 to 3. */
    static int spatialRank(String op, Shape x, Shape kernel) {
        int spatial = x.rank() - 2;
        if (spatial < 1 || spatial > 3) {
            throw new ShapeException(op + ": inputs must have rank 3, 4 or 5 (batch, 1 to 3 spatial axes, channels), "
                    + "got shape " + x);
        }
        if (kernel.rank() != x.rank()) {
            throw new ShapeException(op + ": the kernel must have the input's rank (" + x.rank() + ": "
                    + spatial + " spatial axes, then 2 channel axes), got input " + x + " and kernel " + kernel);
        }
        return spatial;
    }

    /** The channels-last form of a shape (the shape itself for channels_last). */
    static Shape toChannelsLast(Shape s, String format) {
        return format.equals(CHANNELS_LAST) ? s : Transpose.shape(s, toLastPerm(s.rank()));
    }

    /** A channels-last shape in {@code format}. */
    static Shape fromChannelsLast(Shape s, String format) {
        return format.equals(CHANNELS_LAST) ? s : Transpose.shape(s, toFirstPerm(s.rank()));
    }

    /** (N, C, ...) to (N, ..., C). */
    static Tensor toChannelsLast(Tensor x, String format) {
        return format.equals(CHANNELS_LAST) ? x : Transpose.apply(x, toLastPerm(x.rank()));
    }

    /** (N, ..., C) to (N, C, ...). */
    static Tensor fromChannelsLast(Tensor x, String format) {
        return format.equals(CHANNELS_LAST) ? x : Transpose.apply(x, toFirstPerm(x.rank()));
    }

    private static int[] toLastPerm(int rank) {
        int[] p = new int[rank];
        for (int i = 1; i < rank - 1; i++) {
            p[i] = i + 1;
        }
        p[rank - 1] = 1;
        return p;
    }

    private static int[] toFirstPerm(int rank) {
        int[] p = new int[rank];
        p[1] = rank - 1;
        for (int i = 2; i < rank; i++) {
            p[i] = i - 1;
        }
        return p;
    }

    // ---- output sizes -----------------------------------------------------------------------------------------

    /**
     * Keras's convolution output size of one spatial axis ({@code compute_conv_output_shape}), or UNKNOWN for an
     * unknown input size.
     *
     * @throws ShapeException if "valid" padding leaves no output (the kernel is larger than the input)
     */
    static int outputSize(String op, int in, int k, int stride, int dilation, String padding, Shape x, Shape kernel) {
        if (in == Shape.UNKNOWN) {
            return Shape.UNKNOWN;
        }
        int effective = (k - 1) * dilation + 1;
        if (padding.equals("valid")) {
            int out = Math.floorDiv(in - effective, stride) + 1;
            if (out <= 0) {
                throw new ShapeException(op + ": the kernel (spatial size " + k
                        + (dilation > 1 ? ", dilated to " + effective : "") + ") is larger than the input's spatial "
                        + "size " + in + " with padding 'valid', so the output would be empty; input " + x
                        + ", kernel " + kernel + " (use padding 'same' or a smaller kernel)");
            }
            return out;
        }
        return Math.floorDiv(in - 1, stride) + 1;
    }

    /** The padding before the input JAX applies for "same" (the larger half after); 0 for "valid". */
    static int padBefore(int in, int out, int k, int stride, int dilation, String padding) {
        if (padding.equals("valid")) {
            return 0;
        }
        int total = Math.max((out - 1) * stride + (k - 1) * dilation + 1 - in, 0);
        return total / 2;
    }

    /**
     * Keras's transposed-convolution output size of one spatial axis ({@code _get_output_shape_given_tf_padding}),
     * or UNKNOWN for an unknown input size; {@code outputPadding} is null for Keras's default.
     */
    static int transposeOutputSize(int in, int k, int stride, int dilation, String padding, Integer outputPadding) {
        if (in == Shape.UNKNOWN) {
            return Shape.UNKNOWN;
        }
        int effective = (k - 1) * dilation + 1;
        if (padding.equals("valid")) {
            int op = outputPadding == null ? Math.max(effective, stride) - effective : outputPadding;
            return (in - 1) * stride + effective + op;
        }
        return outputPadding == null ? in * stride : (in - 1) * stride + effective % 2 + outputPadding;
    }

    /**
     * How far before the transposed convolution's output its first tap lands (as a convolution run backwards: the
     * padding of the convolution whose input gradient it is), from the left padding JAX gives it
     * ({@code _convert_conv_transpose_padding_args_from_keras_to_jax}).
     */
    static int transposePadBefore(int k, int stride, int dilation, String padding, Integer outputPadding) {
        int effective = (k - 1) * dilation + 1;
        int left;
        if (padding.equals("valid")) {
            left = effective - 1;
        } else {
            int padLen = outputPadding == null ? stride + effective - 2 : effective + effective % 2 - 2 + outputPadding;
            left = Math.min(padLen / 2 + padLen % 2, effective - 1);
        }
        return effective - 1 - left;
    }

    // ---- the primitives ---------------------------------------------------------------------------------------

    /** The geometry of a channels-last convolution from x (N, *in, C) to y (N, *out, F). */
    static ConvGeometry geometry(Shape x, Shape y, int[] kernel, int[] strides, int[] dilations, int[] padBefore,
                                 int groups) {
        int r = x.rank();
        return ConvGeometry.of(x.get(0), x.subShape(1, r - 1).toArray(), x.get(r - 1),
                y.subShape(1, r - 1).toArray(), y.get(r - 1), kernel, strides, dilations, padBefore, groups);
    }

    /** y = conv(x, w), concrete, channels last, y of shape {@code yShape}. */
    static Tensor conv(Tensor x, Tensor w, ConvGeometry g, Shape yShape) {
        float[] y = OpSupport.newArray(g.outputSize());
        Convolution.forward(KernelProvider.get(), g, OpSupport.data(x), OpSupport.data(w), y);
        Tensor out = OpSupport.wrap(y, yShape);
        Shape xShape = x.shape();
        Shape wShape = w.shape();
        OpSupport.gradient(out, x, w, (gy, needed) -> new Tensor[] {
            needed[0] ? inputGradient(gy, w, g, xShape) : null,
            needed[1] ? kernelGradient(x, gy, g, wShape) : null});
        return out;
    }

    /** The input gradient of {@link #conv}: the transposed convolution of dy, of shape {@code xShape}. */
    static Tensor inputGradient(Tensor dy, Tensor w, ConvGeometry g, Shape xShape) {
        float[] dx = OpSupport.newArray(g.inputSize());
        Convolution.backwardInput(KernelProvider.get(), g, OpSupport.data(dy), OpSupport.data(w), dx);
        Tensor out = OpSupport.wrap(dx, xShape);
        Shape yShape = dy.shape();
        Shape wShape = w.shape();
        OpSupport.gradient(out, dy, w, (gx, needed) -> new Tensor[] {
            needed[0] ? conv(gx, w, g, yShape) : null,
            needed[1] ? kernelGradient(gx, dy, g, wShape) : null});
        return out;
    }

    /** The kernel gradient of {@link #conv}, of shape {@code wShape}. */
    static Tensor kernelGradient(Tensor x, Tensor dy, ConvGeometry g, Shape wShape) {
        float[] dw = OpSupport.newArray(g.kernelSize());
        Convolution.backwardKernel(KernelProvider.get(), g, OpSupport.data(x), OpSupport.data(dy), dw);
        Tensor out = OpSupport.wrap(dw, wShape);
        Shape xShape = x.shape();
        Shape yShape = dy.shape();
        OpSupport.gradient(out, x, dy, (gw, needed) -> new Tensor[] {
            needed[0] ? inputGradient(dy, gw, g, xShape) : null,
            needed[1] ? conv(x, gw, g, yShape) : null});
        return out;
    }
}
