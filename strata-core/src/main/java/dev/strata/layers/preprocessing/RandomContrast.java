package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * Changes the contrast of each image of a batch by a random factor in training, like {@code
 * keras.layers.RandomContrast(factor, value_range=(0, 255), seed=None)}: per image and channel,
 * {@code (x - mean) · c + mean} with the mean over the pixels, then clipped to {@code value_range}; {@code c} is drawn
 * uniformly in {@code [1 - lower, 1 + upper]}. The factor is Keras's: a number {@code f} in [0, 1] gives
 * {@code (lower, upper) = (0, f)} (so Keras 3's single factor only raises the contrast), a pair is sorted. Outside
 * training the input is returned unchanged. Seeded as {@link RandomFlip}; differentiable in the images.
 */
public class RandomContrast extends RandomImageLayer<RandomContrast> {
    private final double[] factor;
    private double[] valueRange = {0, 255};

    /**
     * Contrast factors in {@code [1, 1 + factor]}, as Keras 3 reads one number.
     *
     * @throws IllegalArgumentException if {@code factor} is not in [0, 1]
     */
    public RandomContrast(double factor) {
        this(new double[] {factor});
    }

    /**
     * Contrast factors in {@code [1 - factor[0], 1 + factor[1]]} for a pair.
     *
     * @throws IllegalArgumentException if the factor is out of [0, 1]
     */
    public RandomContrast(double[] factor) {
        this.factor = Images.baseFactor(describe(), factor, 0, 1);
    }

    /** The range outputs are clipped to (default [0, 255]), as given. */
    public RandomContrast valueRange(double low, double high) {
        requireNotBuilt("valueRange");
        this.valueRange = new double[] {low, high};
        return this;
    }

    @Override
    Tensor augment(Tensor input, int batch) {
        float[] c = Images.uniform(batch, 1.0 - factor[0], 1.0 + factor[1], generator);
        return adjust(input, c, valueRange, dataFormat);
    }

    /** Keras's {@code _adjust_contrast} with one factor per image, clipped to {@code valueRange}. */
    static Tensor adjust(Tensor images, float[] factors, double[] valueRange, String dataFormat) {
        int h = Images.heightAxis(dataFormat);
        Tensor mean = Ops.mean(Ops.mean(images, new int[] {h}, true), new int[] {h + 1}, true);
        Tensor c = Tensor.of(factors, factors.length, 1, 1, 1);
        Tensor out = Ops.add(Ops.multiply(Ops.subtract(images, mean), c), mean);
        return Ops.clip(out, (float) valueRange[0], (float) valueRange[1]);
    }

    /** Keras's {@code RandomContrast.from_config}. */
    public static RandomContrast fromConfig(Config c) {
        RandomContrast r = new RandomContrast(Images.readFactor(c, "factor"))
                .dataFormat(c.string("data_format", null));
        double[] range = Images.readValueRange(c);
        if (range != null) {
            r.valueRange(range[0], range[1]);
        }
        return r.readSeed(c);
    }

    @Override
    public Map<String, Object> getConfig() {
        return valueRangeConfig(factor, valueRange);
    }
}
