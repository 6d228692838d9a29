package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * Keeps only the top bits of each colour value in training, like {@code keras.layers.RandomPosterization(factor,
 * value_range=(0, 255), data_format=None, seed=None)}: with the images mapped to [0, 255] and truncated to integers
 * (Keras's cast to uint8; values outside [0, 255] are clamped first, where Keras's cast is undefined), each image
 * keeps {@code b} bits, {@code v >> (8 - b) << (8 - b)}, then back to {@code value_range}. The factor is Keras's
 * (bounds 1 and 8): a number {@code f} gives {@code (1, f)}, a pair is sorted; {@code b} is drawn as Keras's
 * {@code randint(lower, upper)}, upper bound excluded, or is {@code lower} when the two are equal. Outside training
 * the input is returned unchanged. Piecewise constant, so its gradient is zero.
 */
public class RandomPosterization extends RandomImageLayer<RandomPosterization> {
    private static final int MAX_BITS = 8;
    private final Number[] factor;
    private double[] valueRange = {0, 255};

    /**
     * Bits kept drawn in {@code [1, factor)} (always 1 for {@code factor} 1).
     *
     * @throws IllegalArgumentException if {@code factor} is not in [1, 8]
     */
    public RandomPosterization(int factor) {
        this(new Number[] {factor});
    }

    /**
     * Bits kept drawn in {@code [low, high)} (sorted; {@code low} when equal).
     *
     * @throws IllegalArgumentException if the pair is not within [1, 8]
     */
    public RandomPosterization(int low, int high) {
        this(new Number[] {low, high});
    }

    private RandomPosterization(Number[] factor) {
        Number[] f = ColorLayers.baseFactor(describe(), "factor", factor, 1, MAX_BITS);
        for (Number n : f) {
            if (n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 1 || n.doubleValue() > MAX_BITS) {
                throw new IllegalArgumentException(describe() + ": factor must be whole numbers of bits in [1, 8], "
                        + "got " + ColorLayers.describe(factor));
            }
        }
        this.factor = new Number[] {f[0].intValue(), f[1].intValue()};
    }

    /** The range of the values (default [0, 255]), sorted. */
    public RandomPosterization valueRange(double a, double b) {
        requireNotBuilt("valueRange");
        this.valueRange = ColorLayers.sortedRange(describe(), a, b);
        return this;
    }

    @Override
    Tensor augment(Tensor input, int batch) {
        int lo = factor[0].intValue();
        int hi = factor[1].intValue();
        int[] shifts = new int[batch];
        float[] u = lo != hi ? Images.uniform(batch, lo, hi, generator) : null;
        for (int i = 0; i < batch; i++) {
            int bits = u == null ? lo : Math.min(hi - 1, (int) Math.floor(u[i]));
            shifts[i] = MAX_BITS - bits;
        }
        return transform(input, shifts, valueRange, dataFormat);
    }

    /** Keras's {@code transform_images} for given shifts ({@code 8 - bits}), one per image. */
    static Tensor transform(Tensor images, int[] shifts, double[] valueRange, String dataFormat) {
        double[] full = {0, 255};
        float[] x = ColorLayers.toRange(images, valueRange, full).toFloatArray();
        int per = x.length / shifts.length;
        for (int i = 0; i < x.length; i++) {
            int s = shifts[i / per];
            int v = (int) Math.min(255f, Math.max(0f, x[i]));
            x[i] = (v >> s) << s;
        }
        return ColorLayers.toRange(Tensor.of(x, images.shape()), full, valueRange);
    }

    /** Keras's {@code RandomPosterization.from_config}. */
    public static RandomPosterization fromConfig(Config c) {
        Number[] f = ColorLayers.readNumbers(c, "factor");
        if (f == null) {
            throw c.error("'factor' is required");
        }
        RandomPosterization r = new RandomPosterization(f).dataFormat(c.string("data_format", null));
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
