package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shears each image of a batch by a random amount in training, like {@code keras.layers.RandomShear(x_factor=0.0,
 * y_factor=0.0, interpolation="bilinear", fill_mode="reflect", fill_value=0.0, data_format=None, seed=None)}: as
 * Keras draws them, per image a sign (negative when a uniform draw is above 1/2), then {@code sy} in {@code y_factor}
 * and {@code sx} in {@code x_factor}, both times the sign; output {@code (x, y)} reads input
 * {@code (x + sx · y, sy · x + y)} (Keras's {@code _get_shear_matrix}), sampled as {@link RandomRotation}. Each
 * factor is Keras's: every entry in [0, 1]; a number {@code f} gives {@code (-f, f)}, a pair is sorted. Outside
 * training the input is returned unchanged. Differentiable in the images.
 *
 * <p>Keras 3.15 saves a number factor {@code f} as {@code [-f, f]} and then cannot load it back; Strata loads it
 * (a config's pair may hold entries down to -1), so a Strata file with such a shear is one Keras 3.15 cannot read.
 */
public class RandomShear extends RandomAffineLayer<RandomShear> {
    private Number[] xFactor = {-0.0, 0.0};
    private Number[] yFactor = {-0.0, 0.0};

    /** No shear until {@link #xFactor} or {@link #yFactor} are set (Keras's defaults 0.0). */
    public RandomShear() {
    }

    /**
     * Shears along x by {@code ±[0, x]} and along y by {@code ±[0, y]}.
     *
     * @throws IllegalArgumentException if a factor is not in [0, 1]
     */
    public RandomShear(double xFactor, double yFactor) {
        xFactor(xFactor);
        yFactor(yFactor);
    }

    /**
     * The horizontal shear's range: a number {@code f} in [0, 1] gives {@code (-f, f)}, a pair (each in [0, 1]) is
     * sorted.
     *
     * @throws IllegalArgumentException if an entry is out of [0, 1]
     */
    public RandomShear xFactor(double... factor) {
        requireNotBuilt("xFactor");
        this.xFactor = factor(describe(), "x_factor", factor == null ? null : ColorLayers.floats(factor), 0);
        return this;
    }

    /**
     * The vertical shear's range, as {@link #xFactor}.
     *
     * @throws IllegalArgumentException if an entry is out of [0, 1]
     */
    public RandomShear yFactor(double... factor) {
        requireNotBuilt("yFactor");
        this.yFactor = factor(describe(), "y_factor", factor == null ? null : ColorLayers.floats(factor), 0);
        return this;
    }

    /**
     * Keras's {@code _set_factor_with_name}: every entry in [{@code low}, 1] (Keras's 0); a number {@code f} gives
     * {@code (-f, f)}. A config's pair may go down to -1: Keras writes a number {@code f} as {@code [-f, f]}, which
     * Keras 3.15's own {@code from_config} then refuses.
     */
    private static Number[] factor(String who, String what, Number[] f, double low) {
        boolean ok = f != null && (f.length == 1 || f.length == 2);
        for (int i = 0; ok && i < f.length; i++) {
            double v = f[i].doubleValue();
            ok = v >= (f.length == 2 ? low : 0) && v <= 1;
        }
        if (!ok) {
            throw new IllegalArgumentException(who + ": the " + what + " argument should be a number (or a list of "
                    + "two numbers) in the range [0, 1.0], got " + ColorLayers.describe(f));
        }
        if (f.length == 2) {
            return ColorLayers.sorted(f);
        }
        Number abs = f[0] instanceof Double d ? (Number) Math.abs(d) : (Number) Math.abs(f[0].longValue());
        Number neg = abs instanceof Double d ? (Number) (-d) : (Number) (-abs.longValue());
        return new Number[] {neg, abs};
    }

    @Override
    Tensor augment(Tensor input, int batch) {
        double[] x = ColorLayers.doubles(xFactor);
        double[] y = ColorLayers.doubles(yFactor);
        float[] invert = Images.uniform(batch, 0, 1, generator);
        float[] sy = Images.uniform(batch, y[0], y[1], generator);
        float[] sx = Images.uniform(batch, x[0], x[1], generator);
        for (int i = 0; i < batch; i++) {
            float sign = invert[i] > 0.5f ? -1f : 1f;
            sx[i] *= sign;
            sy[i] *= sign;
        }
        return shear(input, sx, sy, interpolation, fillMode, (float) fillValue, dataFormat);
    }

    /** Keras's {@code _transform_images} for given shears, one {@code sx} and {@code sy} per image. */
    static Tensor shear(Tensor images, float[] sx, float[] sy, String interpolation, String fillMode,
            float fillValue, String dataFormat) {
        float[] m = new float[sx.length * 8];
        for (int i = 0; i < sx.length; i++) {
            m[i * 8] = 1f;
            m[i * 8 + 1] = sx[i];
            m[i * 8 + 3] = sy[i];
            m[i * 8 + 4] = 1f;
        }
        return Images.affine(images, m, interpolation, fillMode, fillValue, dataFormat);
    }

    /** Keras's {@code RandomShear.from_config}. */
    public static RandomShear fromConfig(Config c) {
        RandomShear r = new RandomShear();
        Number[] x = ColorLayers.readNumbers(c, "x_factor");
        if (x != null) {
            r.xFactor = factor(r.describe(), "x_factor", x, -1);
        }
        Number[] y = ColorLayers.readNumbers(c, "y_factor");
        if (y != null) {
            r.yFactor = factor(r.describe(), "y_factor", y, -1);
        }
        return r.readOptions(c);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("data_format", dataFormat);
        config.put("x_factor", ColorLayers.write(xFactor));
        config.put("y_factor", ColorLayers.write(yFactor));
        config.put("fill_mode", fillMode);
        config.put("interpolation", interpolation);
        config.put("seed", seed);
        config.put("fill_value", fillValue);
        return config;
    }
}
