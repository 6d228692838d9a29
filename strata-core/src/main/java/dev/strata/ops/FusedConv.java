package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.TensorAccess;
import dev.strata.internal.autodiff.Tape;
import dev.strata.internal.kernels.BinaryOp;
import dev.strata.internal.kernels.ConvEpilogue;
import dev.strata.internal.kernels.ConvGeometry;
import dev.strata.internal.kernels.Convolution;
import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Kernels;
import dev.strata.internal.kernels.PackedKernel;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * The fused computation of a channels-last convolution layer, {@code activation(conv(x, kernel) + bias)} with
 * activation linear or relu: the convolution with bias and relu applied as the GEMM writes its output, and one
 * gradient rule instead of three ops' (the separate bias add and relu, with their broadcast and reduction, cost as
 * much as the convolution itself on a first layer). The relu's derivative is taken from the output. As in {@link Dense}, the
 * backward pass runs on raw kernels unless a tape records it (a second derivative), when it is built from
 * differentiable ops.
 */
final class FusedConv {
    /** No Keras form: keras.ops has no fused convolution. */
    static final OpSpec SPEC = OpSpec.op("fused_conv").config("strides", Type.INTS).config("padding", Type.STRING)
            .config("dilation_rate", Type.INTS).config("activation", Type.STRING)
            .noKerasForm("keras.ops has no fused convolution; apply the convolution layer (saved as its "
                    + "keras.layers class), or Ops.conv and Ops.add, in a model to save");

    private FusedConv() {
    }

    static boolean fuses(String activation) {
        return activation == null || switch (activation.toLowerCase(Locale.ROOT)) {
            case "linear", "relu" -> true;
            default -> false;
        };
    }

    /**
     * For predict's folding ({@link dev.strata.internal.InferenceFolding}): the concrete channels-last convolution
     * (depthwise if asked) with the epilogue applied as its output is written; no gradient is recorded.
     */
    static Tensor inference(Tensor x, Tensor kernel, boolean depthwise, int[] strides, String padding,
                            int[] dilationRate, ConvEpilogue epilogue) {
        String op = depthwise ? "depthwise_conv" : "fused_conv";
        Conv.Args a = Conv.Args.of(op, x.shape(), kernel.shape(), strides, padding, ConvSupport.CHANNELS_LAST,
                dilationRate);
        Shape out = depthwise ? DepthwiseConv.shape(op, x.shape(), kernel.shape(), a)
                : Conv.shape(op, x.shape(), kernel.shape(), a);
        ConvGeometry g = depthwise ? Conv.geometry(x.shape(), out, kernel.shape(), a, x.shape().get(-1))
                : Conv.geometry(x.shape(), out, kernel.shape(), a);
        Kernels k = KernelProvider.get();
        PackedKernel packed = depthwise ? null : packed(k, kernel, g);
        float[] y = OpSupport.newArray(g.outputSize());
        Convolution.forward(k, g, OpSupport.data(x), packed != null ? packed.source() : OpSupport.data(kernel),
                packed, epilogue, y);
        return OpSupport.wrap(y, out);
    }

    /**
     * A kernel variable packed for the GEMM of g ({@link Convolution#pack}), kept with the variable until its values
     * may change (so a model's inference packs each kernel once, not once per chunk of rows per call); null for a
     * kernel that is not a variable or a convolution that takes no packed kernel. Its {@code source()} is the
     * kernel's storage, read without marking the variable as written.
     */
    private static PackedKernel packed(Kernels k, Tensor kernel, ConvGeometry g) {
        if (!Convolution.takesPacked(g) || TensorAccess.isImmutable(kernel)) {
            return null;
        }
        return TensorAccess.derived(kernel, w -> Convolution.pack(k, g, w));
    }

    static Tensor apply(Tensor x, Tensor kernel, Tensor bias, int[] strides, String padding, int[] dilationRate,
                        String activation) {
        if (!fuses(activation)) {
            throw new IllegalArgumentException("fused_conv: activation '" + activation + "' is not fused; fuse "
                    + "linear or relu and apply others afterwards");
        }
        boolean relu = activation != null && activation.equalsIgnoreCase("relu");
        String op = "fused_conv";
        Conv.Args a = Conv.Args.of(op, x.shape(), kernel.shape(), strides, padding, ConvSupport.CHANNELS_LAST,
                dilationRate);
        Shape out = Conv.shape(op, x.shape(), kernel.shape(), a);
        int filters = kernel.shape().get(-1);
        if (bias != null && (bias.rank() != 1 || bias.shape().get(0) != filters)) {
            throw new ShapeException(op + ": bias of shape " + bias.shape() + " does not match the kernel "
                    + kernel.shape() + " (expected (" + filters + ",))");
        }
        if (x.isSymbolic() || kernel.isSymbolic() || (bias != null && bias.isSymbolic())) {
            String act = relu ? "relu" : "linear";
            OpSpec.Args args = SPEC.args(a.strides(), a.padding(), a.dilations(), act);
            return bias == null
                    ? OpSupport.record(args, out, in -> apply(in.get(0), in.get(1), null, a.strides(), a.padding(),
                    a.dilations(), act), x, kernel)
                    : OpSupport.record(args, out, in -> apply(in.get(0), in.get(1), in.get(2), a.strides(),
                    a.padding(), a.dilations(), act), x, kernel, bias);
        }
        ConvGeometry g = Conv.geometry(x.shape(), out, kernel.shape(), a);
        Kernels k = KernelProvider.get();
        // outside training a kernel variable is packed once and kept (training changes it every step)
        PackedKernel packed = Tape.isRecording() ? null : packed(k, kernel, g);
        float[] y = OpSupport.newArray(g.outputSize());
        Convolution.forward(k, g, OpSupport.data(x), packed != null ? packed.source() : OpSupport.data(kernel), packed,
                bias == null ? null : OpSupport.data(bias), relu, y);
        int rows = g.outputSize() / Math.max(1, filters);
        Tensor result = OpSupport.wrap(y, out);
        if (Tape.isRecording()) {
            Tensor[] inputs = bias == null ? new Tensor[] {x, kernel} : new Tensor[] {x, kernel, bias};
            Shape xShape = x.shape();
            Shape wShape = kernel.shape();
            OpSupport.gradient(result, inputs, (up, needed) -> {
                Tensor gz;
                Tensor gb = null;
                boolean wantBias = bias != null && needed[2];
                if (Tape.isRecordingNow()) {
                    gz = relu ? Multiply.apply(up, Comparison.greater(result, Tensor.scalar(0f))) : up;
                    if (wantBias) {
                        int[] axes = new int[out.rank() - 1];
                        Arrays.setAll(axes, i -> i);
                        gb = Sum.apply(gz, axes, false);
                    }
                } else {
                    float[] u = OpSupport.data(up);
                    if (relu) {
                        float[] m = OpSupport.newArray(u.length);
                        k.binaryScalarRight(BinaryOp.GREATER, y, 0, 0f, m, 0, u.length);
                        k.binary(BinaryOp.MULTIPLY, m, 0, u, 0, m, 0, u.length);
                        gz = OpSupport.wrap(m, out);
                    } else {
                        gz = up;
                    }
                    if (wantBias) {
                        float[] db = OpSupport.newArray(filters);
                        Arrays.fill(db, 0f); // the kernel adds into it
                        k.sumRowsInto(OpSupport.data(gz), 0, rows, filters, db, 0);
                        gb = OpSupport.wrap(db, bias.shape());
                    }
                }
                Tensor[] grads = new Tensor[inputs.length];
                grads[0] = needed[0] ? ConvSupport.inputGradient(gz, kernel, g, xShape) : null;
                grads[1] = needed[1] ? ConvSupport.kernelGradient(x, gz, g, wShape) : null;
                if (bias != null) {
                    grads[2] = gb;
                }
                return grads;
            });
        }
        return result;
    }
}
