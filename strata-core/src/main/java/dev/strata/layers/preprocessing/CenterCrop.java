package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Crops the centre {@code height × width} of a batch of images, like {@code keras.layers.CenterCrop(height, width,
 * data_format=None)}, in training and inference alike. An image smaller than the target on an axis is instead
 * cropped to the target's aspect ratio and resized (bilinear) to it, as Keras's {@code smart_resize}. The crop
 * starts at {@code (H - height) / 2} (rounded down). Differentiable.
 *
 * <pre>{@code
 * Tensor centre = new CenterCrop(224, 224).apply(images);
 * }</pre>
 */
public class CenterCrop extends Layer {
    private final int height;
    private final int width;
    private String dataFormat = Images.CHANNELS_LAST;

    /**
     * Crops to {@code height × width}.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public CenterCrop(int height, int width) {
        this.height = Images.size(describe(), "height", height);
        this.width = Images.size(describe(), "width", width);
    }

    @Override
    public CenterCrop named(String name) {
        super.named(name);
        return this;
    }

    /**
     * "channels_last" (default, null too) or "channels_first".
     *
     * @throws IllegalArgumentException for another value
     */
    public CenterCrop dataFormat(String dataFormat) {
        requireNotBuilt("dataFormat");
        this.dataFormat = Images.dataFormat(describe(), dataFormat);
        return this;
    }

    /** The target height. */
    public int height() {
        return height;
    }

    /** The target width. */
    public int width() {
        return width;
    }

    @Override
    protected Tensor call(Tensor input) {
        Images.requireImages(this, input.shape(), dataFormat);
        return centerCrop(input, height, width, dataFormat);
    }

    /** Keras's CenterCrop of a concrete batch: the centre box, or {@code smart_resize} if the image is smaller. */
    static Tensor centerCrop(Tensor input, int height, int width, String dataFormat) {
        int h = Images.heightAxis(dataFormat);
        Shape s = input.shape();
        int dh = s.get(h) - height;
        int dw = s.get(h + 1) - width;
        if (dh >= 0 && dw >= 0) {
            int[] start = new int[4];
            start[h] = dh / 2;
            start[h + 1] = dw / 2;
            return Ops.slice(input, start, s.withDim(h, height).withDim(h + 1, width).toArray());
        }
        return Ops.resize(input, new int[] {height, width}, "bilinear", false, true, false, "constant", 0f,
                dataFormat);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        Images.requireImages(this, inputShape, dataFormat);
        int h = Images.heightAxis(dataFormat);
        return inputShape.withDim(h, height).withDim(h + 1, width);
    }

    /** Keras's {@code CenterCrop.from_config}. */
    public static CenterCrop fromConfig(Config c) {
        return new CenterCrop(c.requireInt("height"), c.requireInt("width"))
                .dataFormat(c.string("data_format", null));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("data_format", dataFormat);
        config.put("height", height);
        config.put("width", width);
        return config;
    }
}
