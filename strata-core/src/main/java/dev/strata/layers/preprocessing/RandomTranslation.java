package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * Shifts each image of a batch by a random amount in training, like {@code keras.layers.RandomTranslation(
 * height_factor, width_factor, fill_mode="reflect", interpolation="bilinear", seed=None, fill_value=0.0,
 * data_format=None)}: the shift of an axis is drawn uniformly in {@code [lower, upper]} times its size (a factor
 * {@code f} gives {@code (-|f|, |f|)}, a pair is sorted; entries in [-1, 1]); a positive shift moves the picture
 * down or right. Sampled as Keras's {@code affine_transform}; fill modes and seeding as {@link RandomRotation}.
 * Outside training the input is returned unchanged. Differentiable in the images.
 */
public class RandomTranslation extends RandomAffineLayer<RandomTranslation> {
    private final double[] heightGiven;
    private final double[] widthGiven;
    private final double[] height;
    private final double[] width;

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
    Tensor augment(Tensor input, int batch) {
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
        return new RandomTranslation(h, w).readOptions(c);
    }

    @Override
    public Map<String, Object> getConfig() {
        return axisFactorConfig(heightGiven, widthGiven);
    }
}
