package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * Inverts the colours of some images of a batch in training, like {@code keras.layers.RandomInvert(factor=1.0,
 * value_range=(0, 255), seed=None, data_format=None)}: a chosen image becomes {@code value_range[1] - x} (the
 * second entry as given: Keras does not sort this layer's range). Per image a probability {@code p} is drawn
 * uniformly in {@code [lower, upper]} and the image is chosen when a second uniform draw is below {@code p}; the
 * factor is Keras's: a number {@code f} in [0, 1] gives {@code (0, f)}, a pair is sorted. Outside training the input
 * is returned unchanged. Differentiable in the images.
 */
public class RandomInvert extends RandomImageLayer<RandomInvert> {
    private final Number[] factor;
    private double[] valueRange = {0, 255};

    /** Keras's default: factor 1.0, probabilities in [0, 1]. */
    public RandomInvert() {
        this(1.0);
    }

    /**
     * Inversion probabilities drawn in {@code [0, factor]}.
     *
     * @throws IllegalArgumentException if {@code factor} is not in [0, 1]
     */
    public RandomInvert(double factor) {
        this(ColorLayers.floats(factor));
    }

    /**
     * Inversion probabilities drawn in {@code [factor[0], factor[1]]} (sorted).
     *
     * @throws IllegalArgumentException unless a pair with its first entry at most 1 and its second at least 0
     */
    public RandomInvert(double[] factor) {
        this(factor == null ? null : ColorLayers.floats(factor));
    }

    private RandomInvert(Number[] factor) {
        this.factor = ColorLayers.baseFactor(describe(), "factor", factor, 0, 1);
    }

    /** The range of the values (default [0, 255]), as given: inverted images are {@code high - x}. */
    public RandomInvert valueRange(double low, double high) {
        requireNotBuilt("valueRange");
        this.valueRange = new double[] {low, high};
        return this;
    }

    @Override
    Tensor augment(Tensor input, int batch) {
        double[] f = ColorLayers.doubles(factor);
        float[] p = Images.uniform(batch, f[0], f[1], generator);
        float[] t = Images.uniform(batch, 0, 1, generator);
        boolean[] apply = new boolean[batch];
        for (int i = 0; i < batch; i++) {
            apply[i] = t[i] < p[i];
        }
        return transform(input, apply, valueRange);
    }

    /** Keras's {@code transform_images} for given choices. */
    static Tensor transform(Tensor images, boolean[] apply, double[] valueRange) {
        Tensor inverted = Ops.subtract(Ops.fullLike(images, (float) valueRange[1]), images);
        return Ops.where(ColorLayers.perImage(apply), inverted, images);
    }

    /** Keras's {@code RandomInvert.from_config}. */
    public static RandomInvert fromConfig(Config c) {
        Number[] f = ColorLayers.readNumbers(c, "factor");
        RandomInvert r = new RandomInvert(f == null ? ColorLayers.floats(1.0) : f)
                .dataFormat(c.string("data_format", null));
        double[] range = ColorLayers.readRange(c);
        if (range != null) {
            r.valueRange(range[0], range[1]);
        }
        return r.readSeed(c);
    }

    @Override
    public Map<String, Object> getConfig() {
        return ColorLayers.factorConfig(super.getConfig(), dataFormat, factor, valueRange, seed);
    }
}
