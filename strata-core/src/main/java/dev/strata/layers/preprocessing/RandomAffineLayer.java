package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link RandomRotation}, {@link RandomZoom} and {@link RandomTranslation} share beyond
 * {@link RandomImageLayer}: Keras's {@code fill_mode}, {@code interpolation} and {@code fill_value} of the affine
 * transform they sample with ({@code Images.affine}), their setters and how they are read from a config.
 *
 * @param <L> the concrete layer
 */
abstract class RandomAffineLayer<L extends RandomAffineLayer<L>> extends RandomImageLayer<L> {
    String fillMode = "reflect";
    String interpolation = "bilinear";
    double fillValue;

    RandomAffineLayer() {
    }

    /** "reflect" (default), "wrap", "constant" or "nearest". */
    public L fillMode(String fillMode) {
        requireNotBuilt("fillMode");
        this.fillMode = Images.oneOf(describe(), "fill_mode", fillMode, Images.FILL_MODES);
        return self();
    }

    /** "bilinear" (default) or "nearest". */
    public L interpolation(String interpolation) {
        requireNotBuilt("interpolation");
        this.interpolation = Images.oneOf(describe(), "interpolation", interpolation, Images.INTERPOLATIONS);
        return self();
    }

    /** The value outside the image with fill mode "constant" (default 0). */
    public L fillValue(double fillValue) {
        requireNotBuilt("fillValue");
        this.fillValue = fillValue;
        return self();
    }

    /** Reads fill_mode, interpolation, fill_value, data_format and seed, with Keras's defaults. */
    final L readOptions(Config c) {
        fillMode(c.string("fill_mode", "reflect")).interpolation(c.string("interpolation", "bilinear"))
                .fillValue(c.number("fill_value", 0.0)).dataFormat(c.string("data_format", null));
        return readSeed(c);
    }

    /** The config of a layer with a height and a width factor (RandomZoom's and RandomTranslation's, as Keras's). */
    final Map<String, Object> axisFactorConfig(double[] heightGiven, double[] widthGiven) {
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
