package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;

/**
 * Changes the saturation of each RGB image of a batch by a random amount in training, like {@code
 * keras.layers.RandomSaturation(factor, value_range=(0, 255), data_format=None, seed=None)}: per image {@code f} is
 * drawn in {@code [lower, upper]} and turned into {@code a = f / (1 - f + 1e-7)}; in HSV ({@code Ops.rgbToHsv} of the
 * images as they are, as Keras does) the saturation becomes {@code clip(s · a, value_range)}, and the images go back
 * to RGB. The factor is Keras's (bounds -1 and 1): a number {@code f} gives {@code (-|f|, |f|)}, a pair is sorted.
 * Images need 3 channels. Outside training the input is returned unchanged. Differentiable in the images (as HSV is,
 * away from ties between channels).
 */
public class RandomSaturation extends FactorColorLayer<RandomSaturation> {
    /** Keras's {@code backend.epsilon()}. */
    private static final float EPSILON = 1e-7f;

    /**
     * Saturation factors drawn in {@code [-|factor|, |factor|]}.
     *
     * @throws IllegalArgumentException if {@code factor} is not in [-1, 1]
     */
    public RandomSaturation(double factor) {
        this(ColorLayers.floats(factor));
    }

    /**
     * Saturation factors drawn in {@code [factor[0], factor[1]]} (sorted).
     *
     * @throws IllegalArgumentException unless a pair with its first entry at most 1 and its second at least -1
     */
    public RandomSaturation(double[] factor) {
        this(factor == null ? null : ColorLayers.floats(factor));
    }

    private RandomSaturation(Number[] factor) {
        super(factor, -1, 1, true);
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
        float[] a = Images.uniform(batch, f[0], f[1], generator);
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i] / ((1f - a[i]) + EPSILON);
        }
        return transform(input, a, valueRange, dataFormat);
    }

    /** Keras's {@code transform_images} for given adjustment factors {@code a}, one per image. */
    static Tensor transform(Tensor images, float[] adjust, double[] valueRange, String dataFormat) {
        Tensor[] hsv = ColorLayers.channels(Ops.rgbToHsv(images, dataFormat), dataFormat);
        hsv[1] = Ops.clip(Ops.multiply(hsv[1], ColorLayers.perImage(adjust)), (float) valueRange[0],
                (float) valueRange[1]);
        return Ops.hsvToRgb(ColorLayers.stack(hsv, dataFormat), dataFormat);
    }

    /** Keras's {@code RandomSaturation.from_config}. */
    public static RandomSaturation fromConfig(Config c) {
        return readConfig(c, RandomSaturation::new);
    }
}
