package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The structural similarity index of two images or batches of images, like {@code keras.ops.image.ssim(image1,
 * image2, max_val=1.0, filter_size=11, filter_sigma=1.5, k1=0.01, k2=0.03, data_format=None)}: Keras's own
 * backend-independent formula, step by step with the same ops (each channel a one-channel image, local means and
 * (co)variances by a "valid" convolution with the {@code filter_size}² Gaussian, the SSIM map averaged over space,
 * then over channels): a scalar for one image, {@code (batch,)} for a batch. Differentiable in both images (the
 * gradient of the composed ops). Images smaller than the filter give NaN, as Keras's mean of an empty map.
 */
final class Ssim {
    /** {@code keras.src.ops.image.SSIM}. */
    static final OpSpec SPEC = OpSpec.op("ssim").keras(OpSpec.Module.IMAGE, "SSIM").binary()
            .config("max_val", Type.FLOAT, 1f).config("filter_size", Type.INT, 11)
            .config("filter_sigma", Type.FLOAT, 1.5f).config("k1", Type.FLOAT, 0.01f).config("k2", Type.FLOAT, 0.03f)
            .config("data_format", Type.STRING, "channels_last")
            .rebuild((in, a) -> apply(in.get(0), in.get(1), a.number("max_val"), a.integer("filter_size"),
                    a.number("filter_sigma"), a.number("k1"), a.number("k2"), a.string("data_format")));

    private Ssim() {
    }

    static Tensor apply(Tensor image1, Tensor image2, float maxVal, int filterSize, float filterSigma, float k1,
            float k2, String dataFormat) {
        String format = Resize.dataFormat(dataFormat);
        Shape s = image1.shape();
        Resize.spatialAxes("ssim", s, format);
        Resize.spatialAxes("ssim", image2.shape(), format);
        if (!s.isCompatibleWith(image2.shape())) {
            throw new ShapeException("ssim: image1 and image2 must have the same shape, got " + s + " and "
                    + image2.shape());
        }
        if (filterSize <= 0) {
            throw new IllegalArgumentException("ssim: filter_size must be a positive integer, got " + filterSize);
        }
        Shape out = s.rank() == 3 ? Shape.of() : Shape.of(s.get(0));
        if (image1.isSymbolic() || image2.isSymbolic()) {
            return OpSupport.record(SPEC.args(maxVal, filterSize, filterSigma, k1, k2, format), out,
                    in -> apply(in.get(0), in.get(1), maxVal, filterSize, filterSigma, k1, k2, format), image1,
                    image2);
        }
        boolean unbatched = s.rank() == 3;
        Tensor x1 = unbatched ? ExpandDims.apply(image1, 0) : image1;
        Tensor x2 = unbatched ? ExpandDims.apply(image2, 0) : image2;
        // to one-channel images (batch · channels, height, width, 1)
        int[] toChannelsFirst = format.equals("channels_last") ? new int[] {0, 3, 1, 2} : new int[] {0, 1, 2, 3};
        Shape b = x1.shape();
        int batch = b.get(0);
        int channels = format.equals("channels_last") ? b.get(3) : b.get(1);
        int height = format.equals("channels_last") ? b.get(1) : b.get(2);
        int width = format.equals("channels_last") ? b.get(2) : b.get(3);
        if (height < filterSize || width < filterSize) {
            float[] nan = new float[out.size()];
            java.util.Arrays.fill(nan, Float.NaN);
            return Tensor.of(nan, out.toArray());
        }
        Tensor a1 = Reshape.apply(Transpose.apply(x1, toChannelsFirst), batch * channels, height, width, 1);
        Tensor a2 = Reshape.apply(Transpose.apply(x2, toChannelsFirst), batch * channels, height, width, 1);
        Tensor kernel = kernel(filterSize, filterSigma);
        float c1 = (float) Math.pow((double) k1 * maxVal, 2);
        float c2 = (float) Math.pow((double) k2 * maxVal, 2);
        Tensor mu1 = conv(a1, kernel);
        Tensor mu2 = conv(a2, kernel);
        Tensor mu1Sq = Multiply.apply(mu1, mu1);
        Tensor mu2Sq = Multiply.apply(mu2, mu2);
        Tensor mu12 = Multiply.apply(mu1, mu2);
        Tensor sigma1Sq = Subtract.apply(conv(Multiply.apply(a1, a1), kernel), mu1Sq);
        Tensor sigma2Sq = Subtract.apply(conv(Multiply.apply(a2, a2), kernel), mu2Sq);
        Tensor sigma12 = Subtract.apply(conv(Multiply.apply(a1, a2), kernel), mu12);
        Tensor two = Tensor.scalar(2f);
        Tensor numerator = Multiply.apply(Add.apply(Multiply.apply(two, mu12), Tensor.scalar(c1)),
                Add.apply(Multiply.apply(two, sigma12), Tensor.scalar(c2)));
        Tensor denominator = Multiply.apply(Add.apply(Add.apply(mu1Sq, mu2Sq), Tensor.scalar(c1)),
                Add.apply(Add.apply(sigma1Sq, sigma2Sq), Tensor.scalar(c2)));
        Tensor map = Divide.apply(numerator, denominator);
        Tensor perChannel = Reshape.apply(Mean.apply(map, new int[] {1, 2, 3}, false), batch, channels);
        Tensor result = Mean.apply(perChannel, new int[] {-1}, false);
        return unbatched ? Squeeze.apply(result, new int[] {0}) : result;
    }

    private static Tensor conv(Tensor x, Tensor kernel) {
        return Conv.apply(x, kernel, new int[] {1, 1}, "valid", "channels_last", new int[] {1, 1});
    }

    /** Keras's {@code _create_gaussian_kernel}, float32: {@code outer(g, g)} of the normalised 1-D Gaussian. */
    private static Tensor kernel(int size, float sigma) {
        float[] g = new float[size];
        float centre = (float) ((size - 1) / 2.0);
        float twoSigmaSq = (float) (2.0 * Math.pow(sigma, 2));
        float sum = 0f;
        for (int i = 0; i < size; i++) {
            float x = (float) i - centre;
            g[i] = (float) Math.exp(-(x * x) / twoSigmaSq);
            sum += g[i];
        }
        float[] k = new float[size * size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                k[i * size + j] = (g[i] / sum) * (g[j] / sum);
            }
        }
        return Tensor.of(k, size, size, 1, 1);
    }
}
