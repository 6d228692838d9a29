package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Changes the brightness of each image of a batch by a random amount in training, like {@code
 * keras.layers.RandomBrightness(factor, value_range=(0, 255), seed=None)}: adds {@code d · (high - low)} to every
 * value of an image, then clips to {@code value_range = (low, high)} (sorted); {@code d} is drawn uniformly in
 * {@code [lower, upper]}, where a factor {@code f} in [-1, 1] gives {@code (-|f|, |f|)} and a pair is sorted. Outside
 * training the input is returned unchanged. Seeded as {@link RandomFlip}; differentiable in the images.
 */
public class RandomBrightness extends Layer {
    private final double[] factor;
    private double[] valueRange = {0, 255};
    private Long seed;
    private RandomGenerator generator;
    private String dataFormat = Images.CHANNELS_LAST;

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

    @Override
    public RandomBrightness named(String name) {
        super.named(name);
        return this;
    }

    /** The range of the values (default [0, 255]), sorted: deltas scale with it, outputs are clipped to it. */
    public RandomBrightness valueRange(double a, double b) {
        requireNotBuilt("valueRange");
        this.valueRange = new double[] {Math.min(a, b), Math.max(a, b)};
        return this;
    }

    /** Draws from the layer's own generator seeded with {@code seed} (Keras's {@code seed}). */
    public RandomBrightness seed(long seed) {
        requireNotBuilt("seed");
        this.seed = seed;
        this.generator = Images.generator(seed);
        return this;
    }

    /** "channels_last" (default, null too) or "channels_first". */
    public RandomBrightness dataFormat(String dataFormat) {
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
