package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;

/**
 * Shifts the hue of each RGB image of a batch by a random amount in training, like {@code
 * keras.layers.RandomHue(factor, value_range=(0, 255), data_format=None, seed=None)}: per image a sign (negative
 * when a uniform draw is above 1/2) and {@code f} in {@code [lower, upper]} are drawn, the shift is {@code ±f / 2};
 * with the images mapped to [0, 1] and to HSV, the hue moves by the shift and wraps once into [0, 1], then back to RGB,
 * clipped to [0, 1] and mapped back to {@code value_range} (as given: Keras does not sort this layer's range). The
 * factor is Keras's (bounds 0 and 1): a number {@code f} gives {@code (0, f)}, a pair is sorted. Images need 3
 * channels. Outside training the input is returned unchanged. Differentiable in the images (as HSV is, away from
 * ties between channels and the hue's wrap).
 */
public class RandomHue extends FactorColorLayer<RandomHue> {

    /**
     * Hue shifts of at most {@code factor / 2}.
     *
     * @throws IllegalArgumentException if {@code factor} is not in [0, 1]
     */
    public RandomHue(double factor) {
        this(ColorLayers.floats(factor));
    }

    /**
     * Hue shifts of {@code [factor[0], factor[1]] / 2} (sorted), either sign.
     *
     * @throws IllegalArgumentException unless a pair with its first entry at most 1 and its second at least 0
     */
    public RandomHue(double[] factor) {
        this(factor == null ? null : ColorLayers.floats(factor));
    }

    private RandomHue(Number[] factor) {
        super(factor, 0, 1, false);
    }

    @Override
    protected Tensor call(Tensor input) {
        Images.requireImages(this, input.shape(), dataFormat);
        ColorLayers.requireRgb(this, input.shape(), dataFormat, false);
        return super.call(input);
    }

    @Override
    Tensor augment(Tensor input, int batch) {
        double[] f = factorRange();
        float[] sign = Images.uniform(batch, 0, 1, generator);
        float[] shift = Images.uniform(batch, f[0], f[1], generator);
        for (int i = 0; i < batch; i++) {
            shift[i] = (sign[i] > 0.5f ? -1f : 1f) * shift[i] * 0.5f;
        }
        return transform(input, shift, valueRange, dataFormat);
    }

    /** Keras's {@code transform_images} for given hue shifts, one per image. */
    static Tensor transform(Tensor images, float[] shifts, double[] valueRange, String dataFormat) {
        double[] unit = {0, 1};
        Tensor x = ColorLayers.toRange(images, valueRange, unit);
        Tensor[] hsv = ColorLayers.channels(Ops.rgbToHsv(x, dataFormat), dataFormat);
        Tensor h = Ops.add(hsv[0], ColorLayers.perImage(shifts));
        h = Ops.where(Ops.greater(h, 1f), Ops.subtract(h, 1f), h);
        h = Ops.where(Ops.less(h, 0f), Ops.add(h, 1f), h);
        hsv[0] = h;
        Tensor rgb = Ops.clip(Ops.hsvToRgb(ColorLayers.stack(hsv, dataFormat), dataFormat), 0f, 1f);
        return ColorLayers.toRange(rgb, unit, valueRange);
    }

    /** Keras's {@code RandomHue.from_config}. */
    public static RandomHue fromConfig(Config c) {
        return readConfig(c, RandomHue::new);
    }
}
