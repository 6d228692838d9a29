package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Solarizes each image of a batch in training, like {@code keras.layers.Solarization(addition_factor=0.0,
 * threshold_factor=0.0, value_range=(0, 255), seed=None)}: with the images mapped to [0, 255], per image an
 * addition {@code a} and a threshold {@code t} are drawn, {@code r = clip(x + a, 0, 255)} and values at or above
 * {@code t} become {@code 255 - r}; then back to {@code value_range}. Each factor is Keras's: a number {@code f} in
 * [0, 1] gives {@code (0, f)}, a pair (entries in [0, 1]) is sorted; as in Keras the draws are uniform in {@code
 * [lower, upper · 255]} (only the upper bound is scaled). With the default threshold (0) every value is inverted.
 * Outside training the input is returned unchanged. Differentiable in the images except at the threshold.
 */
public class Solarization extends RandomImageLayer<Solarization> {
    private final Number[] additionFactor;
    private final Number[] thresholdFactor;
    private double[] valueRange = {0, 255};

    /** Keras's defaults: no addition, threshold 0 (every value inverted). */
    public Solarization() {
        this(0.0, 0.0);
    }

    /**
     * Additions and thresholds drawn up to {@code additionFactor · 255} and {@code thresholdFactor · 255}.
     *
     * @throws IllegalArgumentException if a factor is not in [0, 1]
     */
    public Solarization(double additionFactor, double thresholdFactor) {
        this(ColorLayers.floats(additionFactor), ColorLayers.floats(thresholdFactor));
    }

    /**
     * Each factor a number or a pair of numbers in [0, 1].
     *
     * @throws IllegalArgumentException if a factor is not one or two numbers in [0, 1]
     */
    public Solarization(double[] additionFactor, double[] thresholdFactor) {
        this(additionFactor == null ? null : ColorLayers.floats(additionFactor),
                thresholdFactor == null ? null : ColorLayers.floats(thresholdFactor));
    }

    private Solarization(Number[] additionFactor, Number[] thresholdFactor) {
        this.additionFactor = factor("addition_factor", additionFactor);
        this.thresholdFactor = factor("threshold_factor", thresholdFactor);
    }

    /** Solarization's own {@code _set_factor}: every entry in [0, 1]; a number {@code f} gives {@code (0, f)}. */
    private Number[] factor(String what, Number[] f) {
        if (f == null || (f.length != 1 && f.length != 2)) {
            throw new IllegalArgumentException(describe() + ": " + what + " should be a number (or a list of two "
                    + "numbers) in the range [0, 1], got " + ColorLayers.describe(f));
        }
        for (Number n : f) {
            if (!(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
                throw new IllegalArgumentException(describe() + ": " + what + " should be a number (or a list of "
                        + "two numbers) in the range [0, 1], got " + ColorLayers.describe(f));
            }
        }
        return f.length == 2 ? ColorLayers.sorted(f) : new Number[] {0, f[0]};
    }

    /** The range of the values (default [0, 255]), sorted. */
    public Solarization valueRange(double a, double b) {
        requireNotBuilt("valueRange");
        this.valueRange = ColorLayers.sortedRange(describe(), a, b);
        return this;
    }

    @Override
    Tensor augment(Tensor input, int batch) {
        float[] additions = Images.uniform(batch, additionFactor[0].doubleValue(),
                additionFactor[1].doubleValue() * 255, generator);
        float[] thresholds = Images.uniform(batch, thresholdFactor[0].doubleValue(),
                thresholdFactor[1].doubleValue() * 255, generator);
        return transform(input, additions, thresholds, valueRange);
    }

    /** Keras's {@code transform_images} for given additions and thresholds (on the [0, 255] scale), one per image. */
    static Tensor transform(Tensor images, float[] additions, float[] thresholds, double[] valueRange) {
        double[] full = {0, 255};
        Tensor x = ColorLayers.toRange(images, valueRange, full);
        Tensor r = Ops.clip(Ops.add(x, ColorLayers.perImage(additions)), 0f, 255f);
        Tensor solarized = Ops.where(Ops.less(r, ColorLayers.perImage(thresholds)), r,
                Ops.subtract(Ops.fullLike(r, 255f), r));
        return ColorLayers.toRange(solarized, full, valueRange);
    }

    /** Keras's {@code Solarization.from_config}. */
    public static Solarization fromConfig(Config c) {
        Number[] a = ColorLayers.readNumbers(c, "addition_factor");
        Number[] t = ColorLayers.readNumbers(c, "threshold_factor");
        Solarization s = new Solarization(a == null ? ColorLayers.floats(0.0) : a,
                t == null ? ColorLayers.floats(0.0) : t).dataFormat(c.string("data_format", null));
        double[] range = ColorLayers.readRange(c);
        if (range != null) {
            s.valueRange(range[0], range[1]);
        }
        return s.readSeed(c);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("data_format", dataFormat);
        config.put("value_range", Images.pair(valueRange));
        config.put("addition_factor", ColorLayers.write(additionFactor));
        config.put("threshold_factor", ColorLayers.write(thresholdFactor));
        config.put("seed", seed);
        return config;
    }
}
