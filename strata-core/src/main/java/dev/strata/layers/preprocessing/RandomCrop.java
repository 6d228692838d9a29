package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.internal.RandomState;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Crops a random {@code height × width} box of a batch of images in training, like {@code keras.layers.RandomCrop(
 * height, width, seed=None, data_format=None)}: one box for the whole batch, its corner drawn uniformly; an image
 * not larger than the box on both axes is instead cut at Keras's centred aspect-ratio box and resized (bilinear) to
 * the target.
 *
 * <p>Outside training the images are centre-cropped (or, if smaller, cropped to the aspect ratio and resized) to
 * {@code height × width}, as {@link CenterCrop}, so the output always has the shape the layer declares. Keras 3.15
 * returns its input unchanged there, although its {@code compute_output_shape} (and so any layer after it) expects
 * the cropped size; Strata keeps the declared shape (Keras 2's behaviour), so a model with a RandomCrop predicts.
 *
 * <p>Like Keras, a layer made without a seed draws one (from the generator {@code Strata.setRandomSeed} seeds) and
 * keeps it in its config. Differentiable in the images.
 */
public class RandomCrop extends Layer {
    private final int height;
    private final int width;
    private long seed;
    private RandomGenerator generator;
    private String dataFormat = Images.CHANNELS_LAST;

    /**
     * Crops {@code height × width} boxes.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public RandomCrop(int height, int width) {
        this.height = Images.size(describe(), "height", height);
        this.width = Images.size(describe(), "width", width);
        // Keras's make_default_seed: a seed in [1, 1e9] when none is given, written to the config.
        this.seed = Math.floorMod(RandomState.nextSeed(), 1_000_000_000L) + 1;
        this.generator = Images.generator(seed);
    }

    @Override
    public RandomCrop named(String name) {
        super.named(name);
        return this;
    }

    /** Draws from a generator seeded with {@code seed} (Keras's {@code seed}). */
    public RandomCrop seed(long seed) {
        requireNotBuilt("seed");
        this.seed = seed;
        this.generator = Images.generator(seed);
        return this;
    }

    /** "channels_last" (default, null too) or "channels_first". */
    public RandomCrop dataFormat(String dataFormat) {
        requireNotBuilt("dataFormat");
        this.dataFormat = Images.dataFormat(describe(), dataFormat);
        return this;
    }

    /** The seed (drawn at construction if none was given). */
    public long seed() {
        return seed;
    }

    /** Called on its own it crops at random, as Keras's {@code call(data, training=True)}; predict does not. */
    @Override
    protected boolean trainingByDefault() {
        return true;
    }

    @Override
    protected Tensor call(Tensor input) {
        Images.requireImages(this, input.shape(), dataFormat);
        if (!training()) {
            return CenterCrop.centerCrop(input, height, width, dataFormat);
        }
        int h = Images.heightAxis(dataFormat);
        int inH = input.shape().get(h);
        int inW = input.shape().get(h + 1);
        int top;
        int left;
        if (inH > height && inW > width) {
            float[] u = Images.uniform(2, 0, 1, generator);
            top = Math.min((int) (u[0] * (inH - height + 1)), inH - height);
            left = Math.min((int) (u[1] * (inW - width + 1)), inW - width);
        } else {
            int cropHeight = Math.max(Math.min(inH, (int) ((double) inW * height / width)), 1);
            int cropWidth = Math.max(Math.min(inW, (int) ((double) inH * width / height)), 1);
            top = (int) ((inH - cropHeight) / 2.0);
            left = (int) ((inW - cropWidth) / 2.0);
        }
        return crop(input, top, left, height, width, dataFormat);
    }

    /**
     * Keras's {@code RandomCrop.transform_images} for a corner: the box {@code [top, top + height) × [left, left +
     * width)} clipped to the image, resized (bilinear) to {@code height × width} if the clipping made it smaller.
     */
    static Tensor crop(Tensor images, int top, int left, int height, int width, String dataFormat) {
        int h = Images.heightAxis(dataFormat);
        Shape s = images.shape();
        int[] start = new int[4];
        start[h] = top;
        start[h + 1] = left;
        int boxH = Math.min(height, s.get(h) - top);
        int boxW = Math.min(width, s.get(h + 1) - left);
        Tensor box = Ops.slice(images, start, s.withDim(h, boxH).withDim(h + 1, boxW).toArray());
        if (boxH == height && boxW == width) {
            return box;
        }
        return Ops.resize(box, new int[] {height, width}, "bilinear", false, false, false, "constant", 0f,
                dataFormat);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        Images.requireImages(this, inputShape, dataFormat);
        int h = Images.heightAxis(dataFormat);
        return inputShape.withDim(h, height).withDim(h + 1, width);
    }

    /** Keras's {@code RandomCrop.from_config}. */
    public static RandomCrop fromConfig(Config c) {
        RandomCrop r = new RandomCrop(c.requireInt("height"), c.requireInt("width"))
                .dataFormat(c.string("data_format", null));
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
        config.put("height", height);
        config.put("width", width);
        config.put("seed", seed);
        return config;
    }
}
