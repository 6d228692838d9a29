package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Changes the contrast of each image of a batch by a random factor in training, like {@code
 * keras.layers.RandomContrast(factor, value_range=(0, 255), seed=None)}: per image and channel,
 * {@code (x - mean) · c + mean} with the mean over the pixels, then clipped to {@code value_range}; {@code c} is drawn
 * uniformly in {@code [1 - lower, 1 + upper]}. The factor is Keras's: a number {@code f} in [0, 1] gives
 * {@code (lower, upper) = (0, f)} (so Keras 3's single factor only raises the contrast), a pair is sorted. Outside
 * training the input is returned unchanged. Seeded as {@link RandomFlip}; differentiable in the images.
 */
public class RandomContrast extends Layer {
    private final double[] factor;
    private double[] valueRange = {0, 255};
    private Long seed;
    private RandomGenerator generator;
    private String dataFormat = Images.CHANNELS_LAST;

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

    @Override
    public RandomContrast named(String name) {
        super.named(name);
        return this;
    }

    /** The range outputs are clipped to (default [0, 255]), as given. */
    public RandomContrast valueRange(double low, double high) {
        requireNotBuilt("valueRange");
        this.valueRange = new double[] {low, high};
        return this;
    }

    /** Draws from the layer's own generator seeded with {@code seed} (Keras's {@code seed}). */
    public RandomContrast seed(long seed) {
        requireNotBuilt("seed");
        this.seed = seed;
        this.generator = Images.generator(seed);
        return this;
    }

    /** "channels_last" (default, null too) or "channels_first". */
    public RandomContrast dataFormat(String dataFormat) {
        requireNotBuilt("dataFormat");
        this.dataFormat = Images.dataFormat(describe(), dataFormat);
        return this;
    }

    @Override
    protected Tensor call(Tensor input) {
        Images.requireImages(this, input.shape(), dataFormat);
        if (!training() || input.isSymbolic()) {
            return input;
        }
        int batch = input.shape().get(0);
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
        double[] range = Images.readFactor(c, "value_range");
        if (range != null) {
            if (range.length != 2) {
                throw c.error("'value_range' must be a list of two numbers");
            }
            r.valueRange(range[0], range[1]);
        }
        Integer seed = c.integer("seed", null);
        if (seed != null) {
            r.seed(seed);
        }
        return r;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("data_format", dataFormat);
        config.put("factor", Images.pair(factor));
        config.put("value_range", Images.pair(valueRange));
        config.put("seed", seed);
        return config;
    }
}
