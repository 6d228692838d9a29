package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Shifts each image of a batch by a random amount in training, like {@code keras.layers.RandomTranslation(
 * height_factor, width_factor, fill_mode="reflect", interpolation="bilinear", seed=None, fill_value=0.0,
 * data_format=None)}: the shift of an axis is drawn uniformly in {@code [lower, upper]} times its size (a factor
 * {@code f} gives {@code (-|f|, |f|)}, a pair is sorted; entries in [-1, 1]); a positive shift moves the picture
 * down or right. Sampled as Keras's {@code affine_transform}; fill modes and seeding as {@link RandomRotation}.
 * Outside training the input is returned unchanged. Differentiable in the images.
 */
public class RandomTranslation extends Layer {
    private final double[] heightGiven;
    private final double[] widthGiven;
    private final double[] height;
    private final double[] width;
    private String fillMode = "reflect";
    private String interpolation = "bilinear";
    private double fillValue;
    private Long seed;
    private RandomGenerator generator;
    private String dataFormat = Images.CHANNELS_LAST;

    /**
     * Shifts by up to {@code ±heightFactor} of the height and {@code ±widthFactor} of the width.
     *
     * @throws IllegalArgumentException if a factor is not in [-1, 1]
     */
    public RandomTranslation(double heightFactor, double widthFactor) {
        this(new double[] {heightFactor}, new double[] {widthFactor});
    }

    /**
     * Factors each as one number or a {@code (lower, upper)} pair, in fractions of the size.
     *
     * @throws IllegalArgumentException if an entry is not in [-1, 1]
     */
    public RandomTranslation(double[] heightFactor, double[] widthFactor) {
        this.height = Images.axisFactor(describe(), "height_factor", heightFactor, false);
        this.width = Images.axisFactor(describe(), "width_factor", widthFactor, false);
        this.heightGiven = heightFactor.clone();
        this.widthGiven = widthFactor.clone();
    }

    @Override
    public RandomTranslation named(String name) {
        super.named(name);
        return this;
    }

    /** "reflect" (default), "wrap", "constant" or "nearest". */
    public RandomTranslation fillMode(String fillMode) {
        requireNotBuilt("fillMode");
        this.fillMode = Images.oneOf(describe(), "fill_mode", fillMode, Images.FILL_MODES);
        return this;
    }

    /** "bilinear" (default) or "nearest". */
    public RandomTranslation interpolation(String interpolation) {
        requireNotBuilt("interpolation");
        this.interpolation = Images.oneOf(describe(), "interpolation", interpolation, Images.INTERPOLATIONS);
        return this;
    }

    /** The value outside the image with fill mode "constant" (default 0). */
    public RandomTranslation fillValue(double fillValue) {
        requireNotBuilt("fillValue");
        this.fillValue = fillValue;
        return this;
    }

    /** Draws from the layer's own generator seeded with {@code seed} (Keras's {@code seed}). */
    public RandomTranslation seed(long seed) {
        requireNotBuilt("seed");
        this.seed = seed;
        this.generator = Images.generator(seed);
        return this;
    }

    /** "channels_last" (default, null too) or "channels_first". */
    public RandomTranslation dataFormat(String dataFormat) {
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
        int h = Images.heightAxis(dataFormat);
        float[] dy = Images.uniform(batch, height[0], height[1], generator);
        float[] dx = Images.uniform(batch, width[0], width[1], generator);
        for (int i = 0; i < batch; i++) {
            dy[i] *= input.shape().get(h);
            dx[i] *= input.shape().get(h + 1);
        }
        return translate(input, dx, dy, interpolation, fillMode, (float) fillValue, dataFormat);
    }

    /** The images shifted by {@code dx} columns and {@code dy} rows (one each per image), as Keras does. */
    static Tensor translate(Tensor images, float[] dx, float[] dy, String interpolation, String fillMode,
            float fillValue, String dataFormat) {
        float[] m = new float[dx.length * 8];
        for (int i = 0; i < dx.length; i++) {
            // Keras's _get_translation_matrix: output (x, y) reads input (x - dx, y - dy).
            m[i * 8] = 1f;
            m[i * 8 + 2] = -dx[i];
            m[i * 8 + 4] = 1f;
            m[i * 8 + 5] = -dy[i];
        }
        return Images.affine(images, m, interpolation, fillMode, fillValue, dataFormat);
    }

    /** Keras's {@code RandomTranslation.from_config}. */
    public static RandomTranslation fromConfig(Config c) {
        double[] h = Images.readFactor(c, "height_factor");
        double[] w = Images.readFactor(c, "width_factor");
        if (h == null || w == null) {
            throw c.error("'height_factor' and 'width_factor' are required");
        }
        RandomTranslation t = new RandomTranslation(h, w).fillMode(c.string("fill_mode", "reflect"))
                .interpolation(c.string("interpolation", "bilinear")).fillValue(c.number("fill_value", 0.0))
                .dataFormat(c.string("data_format", null));
        Integer seed = c.integer("seed", null);
        if (seed != null) {
            t.seed(seed);
        }
        return t;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("data_format", dataFormat);
        config.put("height_factor", Images.given(heightGiven));
        config.put("width_factor", Images.given(widthGiven));
        config.put("fill_mode", fillMode);
        config.put("interpolation", interpolation);
        config.put("seed", seed);
        config.put("fill_value", fillValue);
        return config;
    }
}
