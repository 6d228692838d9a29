package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * Fixed-kernel filters of images, as Keras's JAX backend runs them: depthwise convolutions with JAX's "SAME" padding
 * (zeros, the smaller half before), so their gradients are the convolution's.
 * <ul>
 * <li>{@code keras.ops.image.gaussian_blur(images, kernel_size=(3, 3), sigma=(1.0, 1.0), data_format=None)}: the
 * kernel is {@code outer(k(kernel_size[1], sigma[1]), k(kernel_size[0], sigma[0]))} with {@code k(n, s)} the
 * normalised float32 Gaussian {@code exp(-0.5·((i - (n-1)/2) / s)²)}; so, as Keras's JAX code has it, the first
 * values apply along the width and the second along the height (the documentation says height, width).</li>
 * <li>{@code keras.ops.image.sobel_edges(images, data_format=None)}: batches only; the output gains a last axis
 * of 2, {@code [dy, dx]}: the Sobel kernels {@code [[-1,-2,-1],[0,0,0],[1,2,1]]} and its transpose, one
 * convolution with two outputs per channel.</li>
 * </ul>
 * Keras's eager {@code gaussian_blur} with {@code data_format=None} reads the images as channels first (its JAX
 * backend tests {@code data_format == "channels_last"} before standardising it), while its symbolic op and every
 * saved model read them as channels last; Strata takes None as channels last everywhere.
 */
final class ImageFilters {
    /** {@code keras.src.ops.image.GaussianBlur}. */
    static final OpSpec GAUSSIAN_BLUR = OpSpec.op("gaussian_blur").keras(OpSpec.Module.IMAGE, "GaussianBlur")
            .config("kernel_size", Type.INTS, new int[] {3, 3}).config("sigma", Type.FLOATS, new float[] {1f, 1f})
            .config("data_format", Type.STRING, "channels_last")
            .rebuild((in, a) -> gaussianBlur(in.get(0), a.ints("kernel_size"), a.floats("sigma"),
                    a.string("data_format")));
    /** {@code keras.src.ops.image.SobelEdges}. */
    static final OpSpec SOBEL_EDGES = OpSpec.op("sobel_edges").keras(OpSpec.Module.IMAGE, "SobelEdges")
            .config("data_format", Type.STRING, "channels_last")
            .rebuild((in, a) -> sobelEdges(in.get(0), a.string("data_format")));

    private static final float[] SOBEL_Y = {-1, -2, -1, 0, 0, 0, 1, 2, 1};
    private static final float[] SOBEL_X = {-1, 0, 1, -2, 0, 2, -1, 0, 1};

    private ImageFilters() {
    }

    static Tensor gaussianBlur(Tensor images, int[] kernelSize, float[] sigma, String dataFormat) {
        String format = Resize.dataFormat(dataFormat);
        int[] size = pair("kernel_size", kernelSize);
        if (size[0] <= 0 || size[1] <= 0) {
            throw new IllegalArgumentException("gaussian_blur: kernel_size must be positive, got "
                    + Arrays.toString(kernelSize));
        }
        if (sigma == null || (sigma.length != 1 && sigma.length != 2)) {
            throw new IllegalArgumentException("gaussian_blur: sigma must be one or two numbers, got "
                    + Arrays.toString(sigma));
        }
        float[] sg = sigma.length == 1 ? new float[] {sigma[0], sigma[0]} : sigma.clone();
        Shape s = images.shape();
        int axis = ColorSpace.channelAxis("gaussian_blur", s, format);
        if (images.isSymbolic()) {
            return OpSupport.record(GAUSSIAN_BLUR.args(size, sg, format), s,
                    in -> gaussianBlur(in.get(0), size, sg, format), images);
        }
        float[] kx = gaussian(size[0], sg[0]);
        float[] ky = gaussian(size[1], sg[1]);
        int channels = s.get(axis);
        float[] k = new float[ky.length * kx.length * channels];
        for (int i = 0; i < ky.length; i++) {
            for (int j = 0; j < kx.length; j++) {
                Arrays.fill(k, (i * kx.length + j) * channels, (i * kx.length + j + 1) * channels, ky[i] * kx[j]);
            }
        }
        Tensor kernel = Tensor.of(k, ky.length, kx.length, channels, 1);
        return depthwise(images, kernel, format);
    }

    static Tensor sobelEdges(Tensor images, String dataFormat) {
        String format = Resize.dataFormat(dataFormat);
        Shape s = images.shape();
        if (s.rank() != 4) {
            throw new ShapeException("sobel_edges: invalid images rank: expected rank 4 (batch of images), got shape "
                    + s + " (data_format " + format + ")");
        }
        int[] out = Arrays.copyOf(s.toArray(), 5);
        out[4] = 2;
        if (images.isSymbolic()) {
            return OpSupport.record(SOBEL_EDGES.args(format), Shape.of(out), in -> sobelEdges(in.get(0), format),
                    images);
        }
        int channels = s.get(format.equals("channels_last") ? 3 : 1);
        // depth multiplier 2: output channel 2c is dy of channel c, 2c + 1 its dx
        float[] k = new float[9 * channels * 2];
        for (int t = 0; t < 9; t++) {
            for (int c = 0; c < channels; c++) {
                k[(t * channels + c) * 2] = SOBEL_Y[t];
                k[(t * channels + c) * 2 + 1] = SOBEL_X[t];
            }
        }
        Tensor y = depthwise(images, Tensor.of(k, 3, 3, channels, 2), format);
        if (format.equals("channels_last")) {
            return Reshape.apply(y, Shape.of(out));
        }
        Tensor split = Reshape.apply(y, s.get(0), channels, 2, s.get(2), s.get(3));
        return Transpose.apply(split, new int[] {0, 1, 3, 4, 2});
    }

    /** A depthwise "same" convolution of one image or a batch. */
    private static Tensor depthwise(Tensor images, Tensor kernel, String format) {
        boolean unbatched = images.shape().rank() == 3;
        Tensor x = unbatched ? ExpandDims.apply(images, 0) : images;
        Tensor y = DepthwiseConv.apply(x, kernel, new int[] {1, 1}, "same", format, new int[] {1, 1});
        return unbatched ? Squeeze.apply(y, new int[] {0}) : y;
    }

    /** JAX's {@code _get_gaussian_kernel1d} in float32. */
    static float[] gaussian(int size, float sigma) {
        float[] k = new float[size];
        float centre = (float) ((size - 1) / 2.0);
        float sum = 0f;
        for (int i = 0; i < size; i++) {
            float z = ((float) i - centre) / sigma;
            k[i] = (float) Math.exp(-0.5f * (z * z));
            sum += k[i];
        }
        for (int i = 0; i < size; i++) {
            k[i] /= sum;
        }
        return k;
    }

    private static int[] pair(String what, int[] v) {
        if (v == null || (v.length != 1 && v.length != 2)) {
            throw new IllegalArgumentException("gaussian_blur: " + what + " must be one or two integers, got "
                    + Arrays.toString(v));
        }
        return v.length == 1 ? new int[] {v[0], v[0]} : v.clone();
    }
}
