package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;

/**
 * Moves each RGB image of a batch toward (or away from) its grayscale version by a random amount in training, like
 * {@code keras.layers.RandomColorDegeneration(factor, value_range=(0, 255), data_format=None, seed=None)}: {@code x
 * + f · (gray(x) - x)} clipped to {@code value_range}, {@code f} drawn per image. The factor is Keras's (bounds -1
 * and 1): a number {@code f} gives {@code (-|f|, |f|)}, a pair is sorted (negative draws saturate the colours).
 * Images need 3 channels (1 passes unchanged). Outside training the input is returned unchanged. Differentiable in
 * the images.
 */
public class RandomColorDegeneration extends FactorColorLayer<RandomColorDegeneration> {

    /**
     * Degeneration factors drawn in {@code [-|factor|, |factor|]}.
     *
     * @throws IllegalArgumentException if {@code factor} is not in [-1, 1]
     */
    public RandomColorDegeneration(double factor) {
        this(ColorLayers.floats(factor));
    }

    /**
     * Degeneration factors drawn in {@code [factor[0], factor[1]]} (sorted).
     *
     * @throws IllegalArgumentException unless a pair with its first entry at most 1 and its second at least -1
     */
    public RandomColorDegeneration(double[] factor) {
        this(factor == null ? null : ColorLayers.floats(factor));
    }

    private RandomColorDegeneration(Number[] factor) {
        super(factor, -1, 1, true);
    }

    @Override
    protected Tensor call(Tensor input) {
        Images.requireImages(this, input.shape(), dataFormat);
        ColorLayers.requireRgb(this, input.shape(), dataFormat, true);
        return super.call(input);
    }

    @Override
    Tensor augment(Tensor input, int batch) {
        double[] f = factorRange();
        return transform(input, Images.uniform(batch, f[0], f[1], generator), valueRange, dataFormat);
    }

    /** Keras's {@code transform_images} for given factors, one per image. */
    static Tensor transform(Tensor images, float[] factors, double[] valueRange, String dataFormat) {
        Tensor gray = Ops.rgbToGrayscale(images, dataFormat);
        Tensor out = Ops.add(images, Ops.multiply(ColorLayers.perImage(factors), Ops.subtract(gray, images)));
        return Ops.clip(out, (float) valueRange[0], (float) valueRange[1]);
    }

    /** Keras's {@code RandomColorDegeneration.from_config}. */
    public static RandomColorDegeneration fromConfig(Config c) {
        return readConfig(c, RandomColorDegeneration::new);
    }
}
