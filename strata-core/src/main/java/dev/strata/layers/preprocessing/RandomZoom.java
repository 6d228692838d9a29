package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import java.util.Map;

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
public class RandomZoom extends RandomAffineLayer<RandomZoom> {
    private final double[] heightGiven;
    private final double[] height;
    private double[] widthGiven;
    private double[] width;

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
    Tensor augment(Tensor input, int batch) {
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
        return new RandomZoom(h, Images.readFactor(c, "width_factor")).readOptions(c);
    }

    @Override
    public Map<String, Object> getConfig() {
        return axisFactorConfig(heightGiven, widthGiven);
    }
}
