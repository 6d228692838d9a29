package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resizes a batch of images to {@code (height, width)}, like {@code keras.layers.Resizing(height, width,
 * interpolation="bilinear", crop_to_aspect_ratio=False, pad_to_aspect_ratio=False, fill_mode="constant",
 * fill_value=0.0, antialias=False, data_format=None)}, in training and inference alike, with
 * {@link Ops#resize(Tensor, int[], String, boolean, boolean, boolean, String, float, String)} (JAX's numerics).
 * Inputs {@code (batch, height, width, channels)}, or channels first. Differentiable for every interpolation.
 *
 * <pre>{@code
 * Tensor small = new Resizing(64, 64).cropToAspectRatio(true).apply(images);
 * }</pre>
 */
public class Resizing extends Layer {
    private static final List<String> INTERPOLATIONS = List.of("bilinear", "nearest", "lanczos3", "lanczos5",
            "bicubic");

    private final int height;
    private final int width;
    private String interpolation = "bilinear";
    private boolean cropToAspectRatio;
    private boolean padToAspectRatio;
    private String fillMode = "constant";
    private double fillValue;
    private boolean antialias;
    private String dataFormat = Images.CHANNELS_LAST;

    /**
     * Resizes to {@code height × width}.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public Resizing(int height, int width) {
        this.height = Images.size(describe(), "height", height);
        this.width = Images.size(describe(), "width", width);
    }

    @Override
    public Resizing named(String name) {
        super.named(name);
        return this;
    }

    /**
     * "bilinear" (default), "nearest", "bicubic", "lanczos3" or "lanczos5".
     *
     * @throws IllegalArgumentException for another
     */
    public Resizing interpolation(String interpolation) {
        requireNotBuilt("interpolation");
        this.interpolation = Images.oneOf(describe(), "interpolation", interpolation, INTERPOLATIONS);
        return this;
    }

    /** Crops the centred box of the target's aspect ratio before resizing, so the images are not distorted. */
    public Resizing cropToAspectRatio(boolean crop) {
        requireNotBuilt("cropToAspectRatio");
        requireOneOf(crop, padToAspectRatio);
        this.cropToAspectRatio = crop;
        return this;
    }

    /** Pads to the target's aspect ratio with {@link #fillValue} before resizing, so nothing is cut. */
    public Resizing padToAspectRatio(boolean pad) {
        requireNotBuilt("padToAspectRatio");
        requireOneOf(pad, cropToAspectRatio);
        this.padToAspectRatio = pad;
        return this;
    }

    private void requireOneOf(boolean set, boolean other) {
        if (set && other) {
            throw new IllegalArgumentException(describe() + ": only one of crop_to_aspect_ratio and "
                    + "pad_to_aspect_ratio can be true");
        }
    }

    /**
     * How padding is filled: "constant" only, as Keras's resize accepts.
     *
     * @throws IllegalArgumentException for another mode
     */
    public Resizing fillMode(String fillMode) {
        requireNotBuilt("fillMode");
        this.fillMode = Images.oneOf(describe(), "fill_mode", fillMode, List.of("constant"));
        return this;
    }

    /** The value padding is filled with (default 0). */
    public Resizing fillValue(double fillValue) {
        requireNotBuilt("fillValue");
        this.fillValue = fillValue;
        return this;
    }

    /** Widens the kernel when downsampling (anti-aliasing), as {@code jax.image.resize} does; default false. */
    public Resizing antialias(boolean antialias) {
        requireNotBuilt("antialias");
        this.antialias = antialias;
        return this;
    }

    /**
     * "channels_last" (default, null too) or "channels_first".
     *
     * @throws IllegalArgumentException for another value
     */
    public Resizing dataFormat(String dataFormat) {
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
        return Ops.resize(input, new int[] {height, width}, interpolation, antialias, cropToAspectRatio,
                padToAspectRatio, fillMode, (float) fillValue, dataFormat);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        Images.requireImages(this, inputShape, dataFormat);
        int h = Images.heightAxis(dataFormat);
        return inputShape.withDim(h, height).withDim(h + 1, width);
    }

    /** Keras's {@code Resizing.from_config}. */
    public static Resizing fromConfig(Config c) {
        return new Resizing(c.requireInt("height"), c.requireInt("width"))
                .interpolation(c.string("interpolation", "bilinear"))
                .cropToAspectRatio(c.bool("crop_to_aspect_ratio", false))
                .padToAspectRatio(c.bool("pad_to_aspect_ratio", false)).fillMode(c.string("fill_mode", "constant"))
                .fillValue(c.number("fill_value", 0.0)).antialias(c.bool("antialias", false))
                .dataFormat(c.string("data_format", null));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("data_format", dataFormat);
        config.put("height", height);
        config.put("width", width);
        config.put("interpolation", interpolation);
        config.put("crop_to_aspect_ratio", cropToAspectRatio);
        config.put("pad_to_aspect_ratio", padToAspectRatio);
        config.put("fill_mode", fillMode);
        config.put("fill_value", fillValue);
        config.put("antialias", antialias);
        return config;
    }
}
