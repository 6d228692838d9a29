package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * Changes the brightness of each image of a batch by a random amount in training, like {@code
 * keras.layers.RandomBrightness(factor, value_range=(0, 255), seed=None)}: adds {@code d · (high - low)} to every
 * value of an image, then clips to {@code value_range = (low, high)} (sorted); {@code d} is drawn uniformly in
 * {@code [lower, upper]}, where a factor {@code f} in [-1, 1] gives {@code (-|f|, |f|)} and a pair is sorted. Outside
 * training the input is returned unchanged. Seeded as {@link RandomFlip}; differentiable in the images.
 */
public class RandomBrightness extends RandomImageLayer<RandomBrightness> {
    private final double[] factor;
    private double[] valueRange = {0, 255};

    /**
     * Deltas in {@code [-|factor|, |factor|]} of the value range.
     *
     * @throws IllegalArgumentException if {@code factor} is not in [-1, 1]
     */
    public RandomBrightness(double factor) {
        this(new double[] {factor});
    }

    /**
     * Deltas in {@code [factor[0], factor[1]]} (sorted) of the value range.
     *
     * @throws IllegalArgumentException if the factor is out of [-1, 1]
     */
    public RandomBrightness(double[] factor) {
        this.factor = Images.baseFactor(describe(), factor, -1, 1);
    }

    /** The range of the values (default [0, 255]), sorted: deltas scale with it, outputs are clipped to it. */
    public RandomBrightness valueRange(double a, double b) {
        requireNotBuilt("valueRange");
        this.valueRange = new double[] {Math.min(a, b), Math.max(a, b)};
        return this;
    }

    @Override
    Tensor augment(Tensor input, int batch) {
        float[] d = Images.uniform(batch, factor[0], factor[1], generator);
        return adjust(input, d, valueRange);
    }

    /** Keras's brightness transform for one delta per image (a fraction of the value range). */
    static Tensor adjust(Tensor images, float[] deltas, double[] valueRange) {
        float span = (float) (valueRange[1] - valueRange[0]);
        float[] shift = new float[deltas.length];
        for (int i = 0; i < shift.length; i++) {
            shift[i] = deltas[i] * span;
        }
        Tensor out = Ops.add(images, Tensor.of(shift, shift.length, 1, 1, 1));
        return Ops.clip(out, (float) valueRange[0], (float) valueRange[1]);
    }

    /** Keras's {@code RandomBrightness.from_config}. */
    public static RandomBrightness fromConfig(Config c) {
        RandomBrightness r = new RandomBrightness(Images.readFactor(c, "factor"))
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
