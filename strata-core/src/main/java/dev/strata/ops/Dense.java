package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.autodiff.Tape;
import dev.strata.internal.kernels.BinaryOp;
import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Kernels;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * The fused computation of a Dense layer, {@code activation(x · kernel + bias)}: one GEMM, then bias and
 * activation in the same pass over the output, and one gradient rule instead of three. The activation's
 * derivative is taken from the output (relu: y &gt; 0, sigmoid: y(1-y), tanh: 1-y²), so no pre-activation is kept.
 *
 * <p>The backward pass runs on raw kernels (xᵀ·g for the kernel, column sums for the bias, g·Wᵀ for the input,
 * each only if needed), unless a tape is recording it, i.e. a second derivative is being taken: then it is built
 * from differentiable ops.
 */
final class Dense {
    /** No Keras form: keras.ops has no fused dense op. */
    static final OpSpec SPEC = OpSpec.op("dense").config("activation", Type.STRING)
            .noKerasForm("keras.ops has no fused dense op; apply the Dense layer (saved as keras.layers.Dense), or "
                    + "Ops.matmul and Ops.add, in a model to save");

    /** The activations fused into the op. */
    enum Activation {
        LINEAR, RELU, SIGMOID, TANH;

        static Activation of(String name) {
            return switch (name == null ? "linear" : name.toLowerCase(Locale.ROOT)) {
                case "linear" -> LINEAR;
                case "relu" -> RELU;
                case "sigmoid" -> SIGMOID;
                case "tanh" -> TANH;
                default -> throw new IllegalArgumentException("dense: activation '" + name + "' is not fused; fuse "
                        + "one of linear, relu, sigmoid, tanh and apply others afterwards");
            };
        }
    }

    private Dense() {
    }

    static Shape shape(Shape x, Shape kernel, Shape bias) {
        if (kernel.rank() != 2 || x.rank() < 1) {
            throw new ShapeException("dense: kernel must be 2-D and x at least 1-D, got x " + x + " and kernel " + kernel);
        }
        int k = x.get(-1);
        if (k != Shape.UNKNOWN && kernel.get(0) != Shape.UNKNOWN && k != kernel.get(0)) {
            throw new ShapeException("dense: shapes " + x + " and " + kernel + " are incompatible: the last dimension "
                    + "of x (" + k + ") must equal the kernel's first (" + kernel.get(0) + ")");
        }
        if (bias != null && (bias.rank() != 1 || bias.get(0) != kernel.get(1))) {
            throw new ShapeException("dense: bias of shape " + bias + " does not match the kernel " + kernel
                    + " (expected (" + kernel.get(1) + ",))");
        }
        return x.withDim(-1, kernel.get(1));
    }

    static Tensor apply(Tensor x, Tensor kernel, Tensor bias, String activationName) {
        Activation act = Activation.of(activationName);
        Shape out = shape(x.shape(), kernel.shape(), bias == null ? null : bias.shape());
        if (x.isSymbolic() || kernel.isSymbolic() || (bias != null && bias.isSymbolic())) {
            OpSpec.Args args = SPEC.args(act.name().toLowerCase(Locale.ROOT));
            return bias == null
                    ? OpSupport.record(args, out, in -> apply(in.get(0), in.get(1), null, activationName), x, kernel)
                    : OpSupport.record(args, out, in -> apply(in.get(0), in.get(1), in.get(2), activationName), x,
                    kernel, bias);
        }
        int k = kernel.shape().get(0);
        int n = kernel.shape().get(1);
        int rows = x.size() / Math.max(1, k);
        float[] y = OpSupport.newArray(rows * n);
        forward(OpSupport.data(x), OpSupport.data(kernel), bias == null ? null : OpSupport.data(bias), rows, k, n,
                act, y);
        Tensor result = OpSupport.wrap(y, out);
        if (Tape.isRecording()) { // (not even the rule's closure otherwise: inference calls this from many threads)
            Tensor[] inputs = bias == null ? new Tensor[] {x, kernel} : new Tensor[] {x, kernel, bias};
            OpSupport.gradient(result, inputs, (g, needed) -> Tape.isRecordingNow()
                    ? composedGradient(g, needed, x, kernel, bias, result, act)
                    : rawGradient(g, needed, x, kernel, bias, y, act, rows, k, n));
        }
        return result;
    }

    /**
     * y = activation(x · kernel + bias): relu and linear in one sweep over y (the kernels' dense), the others as a
     * pass after it.
     */
    private static void forward(float[] x, float[] kernel, float[] b, int rows, int k, int n, Activation act,
                                float[] y) {
        Kernels kernels = KernelProvider.get();
        kernels.dense(rows, n, k, x, 0, kernel, 0, b, 0, act == Activation.RELU, y, 0);
        switch (act) {
            case LINEAR, RELU -> {
            }
            case SIGMOID -> {
                for (int i = 0; i < y.length; i++) {
                    y[i] = sigmoid(y[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < y.length; i++) {
                    y[i] = (float) Math.tanh(y[i]);
                }
            }
        }
    }

    private static float sigmoid(float v) {
        return v >= 0 ? (float) (1.0 / (1.0 + Math.exp(-v))) : (float) (Math.exp(v) / (1.0 + Math.exp(v)));
    }

    private static Tensor[] rawGradient(Tensor g, boolean[] needed, Tensor x, Tensor kernel, Tensor bias, float[] y,
                                        Activation act, int rows, int k, int n) {
        float[] up = OpSupport.data(g);
        int len = up.length;
        // The gradient before the activation is needed only here: a per-thread scratch array, not a new one
        // per step (it was an eighth of what a training step allocated).
        float[] gz = act == Activation.LINEAR ? up : scratch(len);
        Kernels kernels = KernelProvider.get();
        switch (act) {
            case LINEAR -> {
            }
            case RELU -> {
                // branch-free on SIMD kernels: mask = (y > 0), then gz = up * mask
                kernels.binaryScalarRight(BinaryOp.GREATER, y, 0, 0f, gz, 0, len);
                kernels.binary(BinaryOp.MULTIPLY, gz, 0, up, 0, gz, 0, len);
            }
            case SIGMOID -> {
                for (int i = 0; i < len; i++) {
                    gz[i] = up[i] * y[i] * (1f - y[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < len; i++) {
                    gz[i] = up[i] * (1f - y[i] * y[i]);
                }
            }
        }
        Tensor[] grads = new Tensor[bias == null ? 2 : 3];
        if (needed[0]) {
            float[] dx = OpSupport.newArray(rows * k);
            kernels.gemm(false, true, rows, k, n, 1f, gz, 0, n, OpSupport.data(kernel), 0, n, 0f, dx, 0, k);
            grads[0] = OpSupport.wrap(dx, x.shape());
        }
        if (needed[1]) {
            float[] dw = OpSupport.newArray(k * n);
            kernels.gemm(true, false, k, n, rows, 1f, OpSupport.data(x), 0, k, gz, 0, n, 0f, dw, 0, n);
            grads[1] = OpSupport.wrap(dw, kernel.shape());
        }
        if (bias != null && needed[2]) {
            float[] db = OpSupport.newArray(n);
            Arrays.fill(db, 0f); // the kernel adds into it
            kernels.sumRowsInto(gz, 0, rows, n, db, 0);
            grads[2] = OpSupport.wrap(db, bias.shape());
        }
        return grads;
    }

    /** Scratch arrays larger than this (4 MB) are not kept between calls. */
    private static final int MAX_KEPT_SCRATCH = 1 << 20;
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    /** An array of at least {@code size} floats owned by this thread, its contents undefined. */
    private static float[] scratch(int size) {
        float[] s = SCRATCH.get();
        if (s.length >= size) {
            return s;
        }
        float[] grown = new float[size];
        if (size <= MAX_KEPT_SCRATCH) {
            SCRATCH.set(grown);
        }
        return grown;
    }

    /** The same rule from differentiable ops, for when a tape records the backward pass. */
    private static Tensor[] composedGradient(Tensor g, boolean[] needed, Tensor x, Tensor kernel, Tensor bias,
                                             Tensor y, Activation act) {
        Tensor gz = switch (act) {
            case LINEAR -> g;
            case RELU -> Multiply.apply(g, Comparison.greater(y, Tensor.scalar(0f)));
            case SIGMOID -> Multiply.apply(g, Multiply.apply(y, Subtract.apply(Tensor.scalar(1f), y)));
            case TANH -> Multiply.apply(g, Subtract.apply(Tensor.scalar(1f), Square.apply(y)));
        };
        int k = kernel.shape().get(0);
        Tensor x2 = Reshape.apply(x, -1, k);
        Tensor gz2 = Reshape.apply(gz, -1, kernel.shape().get(1));
        Tensor[] grads = new Tensor[bias == null ? 2 : 3];
        if (needed[0]) {
            grads[0] = Reshape.apply(MatMul.apply(gz2, kernel, false, true), x.shape());
        }
        if (needed[1]) {
            grads[1] = MatMul.apply(x2, gz2, true, false);
        }
        if (bias != null && needed[2]) {
            grads[2] = Sum.apply(gz2, new int[] {0}, false);
        }
        return grads;
    }
}
