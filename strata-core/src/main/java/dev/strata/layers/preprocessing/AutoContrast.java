package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stretches each image's values over the whole value range, like {@code keras.layers.AutoContrast(value_range=(0,
 * 255))}, in training and inference alike: with the images mapped to [0, 255], {@code (x - low) · 255 / (high -
 * low)} clipped to [0, 255] and mapped back, where {@code low} and {@code high} are the minimum and maximum over axes
 * 1 and 2 (as Keras: per channel for channels_last; for channels_first Keras reduces the channel and height axes,
 * and so does this layer). Where that gives NaN (a constant slice: 0 / 0) the input value is kept. Not random, no
 * seed. Differentiable in the images (through the minimum and maximum).
 */
public class AutoContrast extends Layer {
    private double[] valueRange = {0, 255};
    private String dataFormat = Images.CHANNELS_LAST;

    /** Keras's default: values in [0, 255]. */
    public AutoContrast() {
    }

    @Override
    public AutoContrast named(String name) {
        super.named(name);
        return this;
    }

    /** The range of the values (default [0, 255]), sorted. */
    public AutoContrast valueRange(double a, double b) {
        requireNotBuilt("valueRange");
        this.valueRange = ColorLayers.sortedRange(describe(), a, b);
        return this;
    }

    /** "channels_last" (default, null too) or "channels_first". */
    public AutoContrast dataFormat(String dataFormat) {
        requireNotBuilt("dataFormat");
        this.dataFormat = Images.dataFormat(describe(), dataFormat);
        return this;
    }

    @Override
    protected Tensor call(Tensor input) {
        Images.requireImages(this, input.shape(), dataFormat);
        return transform(input, valueRange);
    }

    /** Keras's {@code transform_images}. */
    static Tensor transform(Tensor images, double[] valueRange) {
        double[] full = {0, 255};
        Tensor x = ColorLayers.toRange(images, valueRange, full);
        int[] axes = {1, 2};
        Tensor low = Ops.min(x, axes, true);
        Tensor high = Ops.max(x, axes, true);
        Tensor span = Ops.subtract(high, low);
        Tensor scale = Ops.divide(Ops.fullLike(span, 255f), span);
        Tensor offset = Ops.negative(Ops.multiply(low, scale));
        Tensor y = Ops.clip(Ops.add(Ops.multiply(x, scale), offset), 0f, 255f);
        y = ColorLayers.toRange(y, full, valueRange);
        return Ops.where(Ops.isNan(y), images, y);
    }

    /** Keras's {@code AutoContrast.from_config}. */
    public static AutoContrast fromConfig(Config c) {
        AutoContrast a = new AutoContrast().dataFormat(c.string("data_format", null));
        double[] range = ColorLayers.readRange(c);
        if (range != null) {
            a.valueRange(range[0], range[1]);
        }
        return a;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("data_format", dataFormat);
        config.put("value_range", Images.pair(valueRange));
        return config;
    }
}
