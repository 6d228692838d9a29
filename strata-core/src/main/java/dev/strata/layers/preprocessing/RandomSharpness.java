package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;

/**
 * Sharpens or blurs each image of a batch by a random amount in training, like {@code
 * keras.layers.RandomSharpness(factor, value_range=(0, 255), data_format=None, seed=None)}: with {@code s = 2 · f}
 * ({@code f} drawn per image), {@code x + (1 - s) · (smooth(x) - x)} clipped to {@code value_range}, where {@code
 * smooth} is the 3×3 kernel {@code [[1, 1, 1], [1, 5, 1], [1, 1, 1]] / 13} on each channel with zero padding (Keras's
 * depthwise convolution, padding "same"). {@code f} below 0.5 blurs, above sharpens. The factor is Keras's (bounds 0
 * and 1): a number {@code f} gives {@code (0, f)}, a pair is sorted. Outside training the input is returned
 * unchanged. Differentiable in the images.
 */
public class RandomSharpness extends FactorColorLayer<RandomSharpness> {

    /**
     * Sharpness factors drawn in {@code [0, factor]}.
     *
     * @throws IllegalArgumentException if {@code factor} is not in [0, 1]
     */
    public RandomSharpness(double factor) {
        this(ColorLayers.floats(factor));
    }

    /**
     * Sharpness factors drawn in {@code [factor[0], factor[1]]} (sorted).
     *
     * @throws IllegalArgumentException unless a pair with its first entry at most 1 and its second at least 0
     */
    public RandomSharpness(double[] factor) {
        this(factor == null ? null : ColorLayers.floats(factor));
    }

    private RandomSharpness(Number[] factor) {
        super(factor, 0, 1, true);
    }

    @Override
    Tensor augment(Tensor input, int batch) {
        double[] f = factorRange();
        return transform(input, Images.uniform(batch, f[0], f[1], generator), valueRange, dataFormat);
    }

    /** Keras's {@code transform_images} for given factors, one per image. */
    static Tensor transform(Tensor images, float[] factors, double[] valueRange, String dataFormat) {
        int channels = images.shape().get(dataFormat.equals(Images.CHANNELS_FIRST) ? 1 : 3);
        float a = 1f / 13f;
        float b = 5f / 13f;
        float[] k = new float[9 * channels];
        for (int i = 0; i < 9; i++) {
            java.util.Arrays.fill(k, i * channels, (i + 1) * channels, i == 4 ? b : a);
        }
        Tensor kernel = Tensor.of(k, 3, 3, channels, 1);
        Tensor smoothed = Ops.depthwiseConv(images, kernel, new int[] {1, 1}, "same", dataFormat, new int[] {1, 1});
        float[] oneMinusS = new float[factors.length];
        for (int i = 0; i < factors.length; i++) {
            oneMinusS[i] = 1f - factors[i] * 2f;
        }
        Tensor out = Ops.add(images, Ops.multiply(ColorLayers.perImage(oneMinusS), Ops.subtract(smoothed, images)));
        return Ops.clip(out, (float) valueRange[0], (float) valueRange[1]);
    }

    /** Keras's {@code RandomSharpness.from_config}. */
    public static RandomSharpness fromConfig(Config c) {
        return readConfig(c, RandomSharpness::new);
    }
}
