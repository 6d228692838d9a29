package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns each RGB image of a batch to grayscale with probability {@code factor} in training, like {@code
 * keras.layers.RandomGrayscale(factor=0.5, data_format=None, seed=None)}: a chosen image gets {@code 0.2989·r +
 * 0.587·g + 0.114·b} ({@code Ops.rgbToGrayscale}) in each of its 3 channels; an image is chosen when its uniform
 * draw is below {@code factor}. A one-channel image stays as it is. Outside training the input is returned
 * unchanged. Keras writes no {@code seed} in its config, and neither does this layer. Differentiable in the images.
 */
public class RandomGrayscale extends RandomImageLayer<RandomGrayscale> {
    private final Number factor;

    /** Keras's default: each image turned gray with probability 1/2. */
    public RandomGrayscale() {
        this(0.5);
    }

    /**
     * Each image turned gray with probability {@code factor}.
     *
     * @throws IllegalArgumentException if {@code factor} is not in [0, 1]
     */
    public RandomGrayscale(double factor) {
        this((Number) factor);
    }

    private RandomGrayscale(Number factor) {
        if (!(factor.doubleValue() >= 0 && factor.doubleValue() <= 1)) {
            throw new IllegalArgumentException(describe() + ": factor should be between 0 and 1, got " + factor);
        }
        this.factor = factor;
    }

    /** The probability of turning an image gray. */
    public double factor() {
        return factor.doubleValue();
    }

    @Override
    protected Tensor call(Tensor input) {
        Images.requireImages(this, input.shape(), dataFormat);
        ColorLayers.requireRgb(this, input.shape(), dataFormat, true);
        return super.call(input);
    }

    @Override
    Tensor augment(Tensor input, int batch) {
        float[] u = Images.uniform(batch, 0, 1, generator);
        boolean[] apply = new boolean[batch];
        for (int i = 0; i < batch; i++) {
            apply[i] = u[i] < factor.floatValue();
        }
        return transform(input, apply, dataFormat);
    }

    /** Keras's {@code transform_images} for given choices: the gray image in every channel where chosen. */
    static Tensor transform(Tensor images, boolean[] apply, String dataFormat) {
        return Ops.where(ColorLayers.perImage(apply), Ops.rgbToGrayscale(images, dataFormat), images);
    }

    /** Keras's {@code RandomGrayscale.from_config} ({@code seed}, not in Keras's config, is read when present). */
    public static RandomGrayscale fromConfig(Config c) {
        Number[] f = ColorLayers.readNumbers(c, "factor");
        if (f != null && f.length != 1) {
            throw c.error("'factor' must be a number, got " + ColorLayers.describe(f));
        }
        return new RandomGrayscale(f == null ? 0.5 : f[0]).dataFormat(c.string("data_format", null)).readSeed(c);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("data_format", dataFormat);
        config.put("factor", ColorLayers.write(new Number[] {factor}));
        return config;
    }
}
