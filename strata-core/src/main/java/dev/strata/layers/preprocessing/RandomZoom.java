package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Zooms each image of a batch by a random amount in training, like {@code keras.layers.RandomZoom(height_factor,
 * width_factor=None, fill_mode="reflect", interpolation="bilinear", seed=None, fill_value=0.0, data_format=None)}:
 * the zoom of an axis is drawn uniformly in {@code [1 + lower, 1 + upper]}, where a factor {@code f} gives
 * {@code (-|f|, |f|)} and a pair is sorted; each entry must be in (-1, 1]. As in Keras a zoom above 1 samples a larger
 * area (zooms out: a positive factor shrinks the picture), one below 1 zooms in. Without a width factor the width
 * takes the height's zoom (the aspect ratio is kept). About the image centre, sampled as Keras's
 * {@code affine_transform}; fill modes and seeding as {@link RandomRotation}. Outside training the input is returned
 * unchanged. Differentiable in the images.
 */
public class RandomZoom extends Layer {
    private final double[] heightGiven;
    private final double[] height;
    private double[] widthGiven;
    private double[] width;
    private String fillMode = "reflect";
    private String interpolation = "bilinear";
    private double fillValue;
    private Long seed;
    private RandomGenerator generator;
    private String dataFormat = Images.CHANNELS_LAST;

    /**
     * Zooms both axes alike by {@code 1 ± heightFactor}.
     *
     * @throws IllegalArgumentException if not in (-1, 1]
     */
    public RandomZoom(double heightFactor) {
        this(new double[] {heightFactor}, null);
    }

    /**
     * Zooms the height by {@code 1 ± heightFactor} and the width by {@code 1 ± widthFactor}, independently.
     *
     * @throws IllegalArgumentException if not in (-1, 1]
     */
    public RandomZoom(double heightFactor, double widthFactor) {
        this(new double[] {heightFactor}, new double[] {widthFactor});
    }

    /**
     * Factors each as one number or a {@code (lower, upper)} pair; {@code widthFactor} null keeps the aspect ratio.
     *
     * @throws IllegalArgumentException if an entry is not in (-1, 1]
     */
    public RandomZoom(double[] heightFactor, double[] widthFactor) {
        this.height = Images.axisFactor(describe(), "height_factor", heightFactor, true);
        this.heightGiven = heightFactor.clone();
        if (widthFactor != null) {
            this.width = Images.axisFactor(describe(), "width_factor", widthFactor, true);
            this.widthGiven = widthFactor.clone();
        }
    }

    @Override
    public RandomZoom named(String name) {
        super.named(name);
        return this;
    }

    /** "reflect" (default), "wrap", "constant" or "nearest". */
    public RandomZoom fillMode(String fillMode) {
        requireNotBuilt("fillMode");
        this.fillMode = Images.oneOf(describe(), "fill_mode", fillMode, Images.FILL_MODES);
        return this;
    }

    /** "bilinear" (default) or "nearest". */
    public RandomZoom interpolation(String interpolation) {
        requireNotBuilt("interpolation");
        this.interpolation = Images.oneOf(describe(), "interpolation", interpolation, Images.INTERPOLATIONS);
        return this;
    }

    /** The value outside the image with fill mode "constant" (default 0). */
    public RandomZoom fillValue(double fillValue) {
        requireNotBuilt("fillValue");
        this.fillValue = fillValue;
        return this;
    }

    /** Draws from the layer's own generator seeded with {@code seed} (Keras's {@code seed}). */
    public RandomZoom seed(long seed) {
        requireNotBuilt("seed");
        this.seed = seed;
        this.generator = Images.generator(seed);
        return this;
    }

    /** "channels_last" (default, null too) or "channels_first". */
    public RandomZoom dataFormat(String dataFormat) {
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
        float[] hz = Images.uniform(batch, 1.0 + height[0], 1.0 + height[1], generator);
        float[] wz = width == null ? hz : Images.uniform(batch, 1.0 + width[0], 1.0 + width[1], generator);
        return zoom(input, hz, wz, interpolation, fillMode, (float) fillValue, dataFormat);
    }

    /** The images zoomed by {@code heightZoom} and {@code widthZoom} (one each per image), as Keras does. */
    static Tensor zoom(Tensor images, float[] heightZoom, float[] widthZoom, String interpolation, String fillMode,
            float fillValue, String dataFormat) {
        int h = Images.heightAxis(dataFormat);
        float height = images.shape().get(h);
        float width = images.shape().get(h + 1);
        float[] m = new float[heightZoom.length * 8];
        for (int i = 0; i < heightZoom.length; i++) {
            // Keras's _get_zoom_matrix: scale about the centre ((size - 1) / 2).
            m[i * 8] = widthZoom[i];
            m[i * 8 + 2] = ((width - 1f) / 2f) * (1f - widthZoom[i]);
            m[i * 8 + 4] = heightZoom[i];
            m[i * 8 + 5] = ((height - 1f) / 2f) * (1f - heightZoom[i]);
        }
        return Images.affine(images, m, interpolation, fillMode, fillValue, dataFormat);
    }

    /** Keras's {@code RandomZoom.from_config}. */
    public static RandomZoom fromConfig(Config c) {
        double[] h = Images.readFactor(c, "height_factor");
        if (h == null) {
            throw c.error("'height_factor' is required");
        }
        RandomZoom z = new RandomZoom(h, Images.readFactor(c, "width_factor"))
                .fillMode(c.string("fill_mode", "reflect")).interpolation(c.string("interpolation", "bilinear"))
                .fillValue(c.number("fill_value", 0.0)).dataFormat(c.string("data_format", null));
        Integer seed = c.integer("seed", null);
        if (seed != null) {
            z.seed(seed);
        }
        return z;
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
