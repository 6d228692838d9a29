package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rotates each image of a batch by a random angle in training, like {@code keras.layers.RandomRotation(factor,
 * fill_mode="reflect", interpolation="bilinear", seed=None, fill_value=0.0, data_format=None)}: the angle is drawn
 * uniformly in {@code [lower · 360°, upper · 360°]}, where a factor {@code f} gives {@code (-|f|, |f|)} and a pair
 * {@code (lower, upper)} is taken as is (positive angles turn counter-clockwise); the rotation is about the image
 * centre, sampled as Keras's {@code affine_transform} ("nearest" or "bilinear"), what falls outside filled by
 * {@code fill_mode} ("reflect", "wrap", "constant" with {@code fill_value}, "nearest"). Outside training the input is
 * returned unchanged. Seeded as {@link RandomFlip}; differentiable in the images.
 */
public class RandomRotation extends RandomAffineLayer<RandomRotation> {
    private final double[] factor;

    /**
     * Angles in {@code [-|factor|, |factor|] · 360°}.
     *
     * @throws IllegalArgumentException if {@code factor} is not in [-1, 1]
     */
    public RandomRotation(double factor) {
        this(new double[] {factor});
    }

    /**
     * Angles in {@code [factor[0], factor[1]] · 360°} (a pair, sorted), or as {@link #RandomRotation(double)} for one
     * number.
     *
     * @throws IllegalArgumentException if the factor is out of [-1, 1]
     */
    public RandomRotation(double[] factor) {
        this.factor = Images.baseFactor(describe(), factor, -1, 1);
    }

    /** The factor as {@code (lower, upper)}, in turns. */
    public double[] factor() {
        return factor.clone();
    }

    @Override
    Tensor augment(Tensor input, int batch) {
        float[] angles = Images.uniform(batch, factor[0] * 360.0, factor[1] * 360.0, generator);
        return rotate(input, angles, interpolation, fillMode, (float) fillValue, dataFormat);
    }

    /** The images rotated by {@code degrees} (one angle per image) about their centres, as Keras does. */
    static Tensor rotate(Tensor images, float[] degrees, String interpolation, String fillMode, float fillValue,
            String dataFormat) {
        int h = Images.heightAxis(dataFormat);
        float[] m = matrices(degrees, images.shape().get(h), images.shape().get(h + 1));
        return Images.affine(images, m, interpolation, fillMode, fillValue, dataFormat);
    }

    /**
     * Keras's {@code _compute_affine_matrix} for rotations alone (centre (0.5, 0.5), no translation, shear or
     * scaling), in float32 in Keras's order of operations.
     */
    static float[] matrices(float[] degrees, int height, int width) {
        float toRadians = (float) (Math.PI / 180.0);
        float cx = 0.5f * (width - 1);
        float cy = 0.5f * (height - 1);
        float[] m = new float[degrees.length * 8];
        for (int i = 0; i < degrees.length; i++) {
            float angle = degrees[i] * toRadians;
            float cos = (float) Math.cos(angle);
            float sin = (float) Math.sin(angle);
            float a0 = 1f * (cos + 0f * sin);
            float a1 = 1f * (-sin + 0f * cos);
            float b0 = 1f * (0f * cos + sin);
            float b1 = 1f * (0f * -sin + cos);
            m[i * 8] = a0;
            m[i * 8 + 1] = a1;
            m[i * 8 + 2] = 0f + cx - cx * a0 - cy * a1;
            m[i * 8 + 3] = b0;
            m[i * 8 + 4] = b1;
            m[i * 8 + 5] = 0f + cy - cx * b0 - cy * b1;
        }
        return m;
    }

    /** Keras's {@code RandomRotation.from_config}. */
    public static RandomRotation fromConfig(Config c) {
        return new RandomRotation(Images.readFactor(c, "factor")).readOptions(c);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("data_format", dataFormat);
        config.put("factor", Images.pair(factor));
        config.put("fill_mode", fillMode);
        config.put("fill_value", fillValue);
        config.put("interpolation", interpolation);
        config.put("seed", seed);
        return config;
    }
}
