package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Erases a random rectangle of each image of a batch with some probability in training, like {@code
 * keras.layers.RandomErasing(factor=1.0, scale=(0.02, 0.33), fill_value=None, value_range=(0, 255), seed=None,
 * data_format=None)}. Per image, as Keras draws them: two ratios in {@code scale} (their square roots are the
 * rectangle's width and height as fractions of the image's), the rectangle's left and top edges uniformly where it
 * fits, a probability {@code p} in {@code factor} and a threshold {@code t} in [0, 1); the image is erased where
 * {@code t < p}. The rectangle holds the pixels {@code x0 <= x < x1, y0 <= y < y1}, on every channel. Erased pixels
 * take {@code fill_value} (a number, or three numbers, one per channel), or with none a normal draw times
 * {@code value_range[1]}, either clipped to {@code value_range}. Both factors are Keras's (bounds 0 and 1): a number
 * {@code f} gives {@code (0, f)}, a pair is sorted. Outside training the input is returned unchanged.
 * Differentiable in the images (zero where erased).
 *
 * <p>Keras 3.15 broadcasts a three-number fill value over the last axis in both data formats; Strata puts it on the
 * channel axis, so channels-first images are erased as their channels-last transpose.
 */
public class RandomErasing extends RandomImageLayer<RandomErasing> {
    private final Number[] factor;
    private Number[] scale = {0.02, 0.33};
    private Number[] fillValue;
    private double[] valueRange = {0, 255};

    /** Keras's default factor 1.0: each image's probability is drawn in [0, 1], so about half are erased. */
    public RandomErasing() {
        this(ColorLayers.floats(1.0));
    }

    /**
     * Erases an image with a probability drawn in {@code [0, factor]}.
     *
     * @throws IllegalArgumentException if {@code factor} is not in [0, 1]
     */
    public RandomErasing(double factor) {
        this(ColorLayers.floats(factor));
    }

    /**
     * Erases an image with a probability drawn in {@code [factor[0], factor[1]]} (sorted).
     *
     * @throws IllegalArgumentException unless a pair with its first entry at most 1 and its second at least 0
     */
    public RandomErasing(double[] factor) {
        this(factor == null ? null : ColorLayers.floats(factor));
    }

    private RandomErasing(Number[] factor) {
        this.factor = ColorLayers.baseFactor(describe(), "factor", factor, 0, 1);
    }

    /**
     * The range of the area ratios (default [0.02, 0.33]): a number {@code s} in [0, 1] gives {@code (0, s)}, a pair
     * is sorted.
     *
     * @throws IllegalArgumentException if it is out of [0, 1]
     */
    public RandomErasing scale(double... scale) {
        requireNotBuilt("scale");
        return scale(scale == null ? null : ColorLayers.floats(scale));
    }

    private RandomErasing scale(Number[] scale) {
        this.scale = ColorLayers.baseFactor(describe(), "scale", scale, 0, 1);
        return this;
    }

    /**
     * The value of erased pixels: one number, or three (one per channel); none (the default) draws it. Whole numbers
     * are kept as Python's ints ({@code fill_value=0} in the config, as Keras users write it).
     *
     * @throws IllegalArgumentException unless one or three numbers (or null)
     */
    public RandomErasing fillValue(double... fillValue) {
        requireNotBuilt("fillValue");
        return fillValue(fillValue == null ? null
                : Arrays.stream(fillValue).mapToObj(v -> (Number) Images.num(v)).toArray(Number[]::new));
    }

    private RandomErasing fillValue(Number[] fillValue) {
        if (fillValue != null && fillValue.length != 1 && fillValue.length != 3) {
            throw new IllegalArgumentException(describe() + ": the fill_value argument should be a number (or a "
                    + "list of three numbers), got " + ColorLayers.describe(fillValue));
        }
        this.fillValue = fillValue == null ? null : fillValue.clone();
        return this;
    }

    /** The range of the values (default [0, 255]), as given: fills are clipped to it. */
    public RandomErasing valueRange(double low, double high) {
        requireNotBuilt("valueRange");
        this.valueRange = new double[] {low, high};
        return this;
    }

    @Override
    protected Tensor call(Tensor input) {
        Images.requireImages(this, input.shape(), dataFormat);
        if (fillValue != null && fillValue.length == 3) {
            ColorLayers.requireRgb(this, input.shape(), dataFormat, false);
        }
        return super.call(input);
    }

    @Override
    Tensor augment(Tensor images, int batch) {
        int h = images.shape().get(Images.heightAxis(dataFormat));
        int w = images.shape().get(Images.heightAxis(dataFormat) + 1);
        double[] s = ColorLayers.doubles(scale);
        double[] f = ColorLayers.doubles(factor);
        float[] ratios = Images.uniform(2 * batch, s[0], s[1], generator);
        float[] xStart = Images.uniform(batch, 0, 1, generator);
        float[] yStart = Images.uniform(batch, 0, 1, generator);
        float[] probability = Images.uniform(batch, f[0], f[1], generator);
        float[] threshold = Images.uniform(batch, 0, 1, generator);
        float[] x0 = new float[batch];
        float[] x1 = new float[batch];
        float[] y0 = new float[batch];
        float[] y1 = new float[batch];
        boolean[] apply = new boolean[batch];
        for (int b = 0; b < batch; b++) {
            // Keras's (batch, 2) draw: the first of each row is the width's ratio, the second the height's
            float cropW = (float) Math.sqrt(ratios[2 * b]) * w;
            float cropH = (float) Math.sqrt(ratios[2 * b + 1]) * h;
            x0[b] = xStart[b] * (w - cropW);
            x1[b] = x0[b] + cropW;
            y0[b] = yStart[b] * (h - cropH);
            y1[b] = y0[b] + cropH;
            apply[b] = threshold[b] < probability[b];
        }
        Tensor fill = fillValue == null
                ? Ops.multiply(normal(images.shape()), (float) valueRange[1]) : constantFill(fillValue, dataFormat);
        return transform(images, apply, new float[][] {x0, x1, y0, y1}, fill, valueRange, dataFormat);
    }

    private Tensor normal(Shape shape) {
        return generator == null ? Tensor.normal(shape, 0f, 1f) : Tensor.normal(shape, 0f, 1f, generator);
    }

    /** A given fill value as a tensor broadcasting over images: a scalar, or one value per channel. */
    static Tensor constantFill(Number[] fillValue, String dataFormat) {
        float[] v = new float[fillValue.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = fillValue[i].floatValue();
        }
        if (v.length == 1) {
            return Tensor.of(v, 1, 1, 1, 1);
        }
        return dataFormat.equals(Images.CHANNELS_FIRST) ? Tensor.of(v, 1, 3, 1, 1) : Tensor.of(v, 1, 1, 1, 3);
    }

    /**
     * Keras's {@code transform_images}: where {@code apply} holds, the pixels {@code x0 <= x < x1, y0 <= y < y1}
     * ({@code box = {x0, x1, y0, y1}}, one entry per image) take {@code fill} clipped to {@code valueRange}.
     */
    static Tensor transform(Tensor images, boolean[] apply, float[][] box, Tensor fill, double[] valueRange,
            String dataFormat) {
        int batch = images.shape().get(0);
        int hAxis = Images.heightAxis(dataFormat);
        int h = images.shape().get(hAxis);
        int w = images.shape().get(hAxis + 1);
        float[] mask = new float[batch * h * w];
        for (int b = 0; b < batch; b++) {
            if (!apply[b]) {
                continue;
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (x >= box[0][b] && x < box[1][b] && y >= box[2][b] && y < box[3][b]) {
                        mask[(b * h + y) * w + x] = 1f;
                    }
                }
            }
        }
        Tensor m = dataFormat.equals(Images.CHANNELS_FIRST) ? Tensor.of(mask, batch, 1, h, w)
                : Tensor.of(mask, batch, h, w, 1);
        Tensor clipped = Ops.clip(fill, (float) valueRange[0], (float) valueRange[1]);
        return Ops.where(m, clipped, images);
    }

    /** Keras's {@code RandomErasing.from_config}. */
    public static RandomErasing fromConfig(Config c) {
        Number[] f = ColorLayers.readNumbers(c, "factor");
        RandomErasing r = new RandomErasing(f == null ? ColorLayers.floats(1.0) : f)
                .dataFormat(c.string("data_format", null));
        Number[] s = ColorLayers.readNumbers(c, "scale");
        if (s != null) {
            r.scale(s);
        }
        r.fillValue(ColorLayers.readNumbers(c, "fill_value"));
        double[] range = ColorLayers.readRange(c);
        if (range != null) {
            r.valueRange(range[0], range[1]);
        }
        return r.readSeed(c);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("data_format", dataFormat);
        config.put("factor", ColorLayers.write(factor));
        config.put("scale", ColorLayers.write(scale));
        config.put("fill_value", fillValue == null ? null : ColorLayers.write(fillValue));
        config.put("value_range", Images.pair(valueRange));
        config.put("seed", seed);
        return config;
    }
}
