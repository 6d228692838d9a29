package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Randomly changes the brightness, contrast, saturation and hue of each image of a batch in training, in that order,
 * like {@code keras.layers.RandomColorJitter(value_range=(0, 255), brightness_factor=None, contrast_factor=None,
 * saturation_factor=None, hue_factor=None, seed=None, data_format=None)}. As Keras, each given factor makes a
 * {@link RandomBrightness}, {@link RandomContrast}, {@link RandomSaturation} or {@link RandomHue} with that factor and
 * the {@code value_range} (so those names are taken, as in Keras), and every draw comes from this layer's generator,
 * one component after the other. A factor left null skips its component; with none the layer is the identity.
 * Outside training the input is returned unchanged. Differentiable in the images as its components are.
 *
 * <p>Keras 3.15 does not pass {@code data_format} to its components (they use the default, channels last); Strata
 * does, so channels-first images are jittered as their channels-last transpose.
 */
public class RandomColorJitter extends RandomImageLayer<RandomColorJitter> {
    private double[] valueRange = {0, 255};
    private Number[] brightnessFactor;
    private Number[] contrastFactor;
    private Number[] saturationFactor;
    private Number[] hueFactor;
    private RandomBrightness randomBrightness;
    private RandomContrast randomContrast;
    private RandomSaturation randomSaturation;
    private RandomHue randomHue;

    /** No component yet: add them with the factor setters. */
    public RandomColorJitter() {
    }

    /**
     * The range of the values (default [0, 255]), given to every component as Keras does.
     *
     * @throws IllegalArgumentException where a component refuses it (RandomSaturation: two equal values)
     */
    public RandomColorJitter valueRange(double low, double high) {
        requireNotBuilt("valueRange");
        this.valueRange = new double[] {low, high};
        rebuildComponents();
        return this;
    }

    /**
     * A {@link RandomBrightness} with this factor (a number in [-1, 1] or a pair), or none when null.
     *
     * @throws IllegalArgumentException if RandomBrightness refuses the factor
     */
    public RandomColorJitter brightnessFactor(double... factor) {
        requireNotBuilt("brightnessFactor");
        return setFactors(factor == null ? null : ColorLayers.floats(factor), contrastFactor, saturationFactor,
                hueFactor);
    }

    /**
     * A {@link RandomContrast} with this factor (a number in [0, 1] or a pair), or none when null.
     *
     * @throws IllegalArgumentException if RandomContrast refuses the factor
     */
    public RandomColorJitter contrastFactor(double... factor) {
        requireNotBuilt("contrastFactor");
        return setFactors(brightnessFactor, factor == null ? null : ColorLayers.floats(factor), saturationFactor,
                hueFactor);
    }

    /**
     * A {@link RandomSaturation} with this factor (a number in [-1, 1] or a pair), or none when null.
     *
     * @throws IllegalArgumentException if RandomSaturation refuses the factor
     */
    public RandomColorJitter saturationFactor(double... factor) {
        requireNotBuilt("saturationFactor");
        return setFactors(brightnessFactor, contrastFactor, factor == null ? null : ColorLayers.floats(factor),
                hueFactor);
    }

    /**
     * A {@link RandomHue} with this factor (a number in [0, 1] or a pair), or none when null.
     *
     * @throws IllegalArgumentException if RandomHue refuses the factor
     */
    public RandomColorJitter hueFactor(double... factor) {
        requireNotBuilt("hueFactor");
        return setFactors(brightnessFactor, contrastFactor, saturationFactor,
                factor == null ? null : ColorLayers.floats(factor));
    }

    private RandomColorJitter setFactors(Number[] brightness, Number[] contrast, Number[] saturation, Number[] hue) {
        Number[][] old = {brightnessFactor, contrastFactor, saturationFactor, hueFactor};
        brightnessFactor = brightness;
        contrastFactor = contrast;
        saturationFactor = saturation;
        hueFactor = hue;
        // only a component whose factor changed is made again, so that names are taken once, as in Keras
        if (old[0] != brightness) {
            randomBrightness = brightness == null ? null
                    : component("brightness_factor", brightness, () -> new RandomBrightness(ColorLayers.doubles(
                            brightness)).valueRange(valueRange[0], valueRange[1]));
        }
        if (old[1] != contrast) {
            randomContrast = contrast == null ? null
                    : component("contrast_factor", contrast, () -> new RandomContrast(ColorLayers.doubles(contrast))
                            .valueRange(valueRange[0], valueRange[1]));
        }
        if (old[2] != saturation) {
            randomSaturation = saturation == null ? null
                    : component("saturation_factor", saturation, () -> new RandomSaturation(
                            ColorLayers.doubles(saturation)).valueRange(valueRange[0], valueRange[1]));
        }
        if (old[3] != hue) {
            randomHue = hue == null ? null
                    : component("hue_factor", hue, () -> new RandomHue(ColorLayers.doubles(hue))
                            .valueRange(valueRange[0], valueRange[1]));
        }
        return this;
    }

    private void rebuildComponents() {
        if (randomBrightness != null) {
            randomBrightness.valueRange(valueRange[0], valueRange[1]);
        }
        if (randomContrast != null) {
            randomContrast.valueRange(valueRange[0], valueRange[1]);
        }
        if (randomSaturation != null) {
            component("value_range", ColorLayers.floats(valueRange),
                    () -> randomSaturation.valueRange(valueRange[0], valueRange[1]));
        }
        if (randomHue != null) {
            randomHue.valueRange(valueRange[0], valueRange[1]);
        }
    }

    /** Makes a component, naming this layer and the argument when the component refuses it. */
    private <T> T component(String argument, Number[] value, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe() + ": bad " + argument + " " + ColorLayers.describe(value)
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected Tensor call(Tensor input) {
        Images.requireImages(this, input.shape(), dataFormat);
        if (randomSaturation != null || randomHue != null) {
            ColorLayers.requireRgb(this, input.shape(), dataFormat, false);
        }
        return super.call(input);
    }

    @Override
    Tensor augment(Tensor images, int batch) {
        Tensor x = images;
        if (randomBrightness != null) {
            x = withOwnDraws(randomBrightness).augment(x, batch);
        }
        if (randomContrast != null) {
            x = withOwnDraws(randomContrast).augment(x, batch);
        }
        if (randomSaturation != null) {
            x = withOwnDraws(randomSaturation).augment(x, batch);
        }
        if (randomHue != null) {
            x = withOwnDraws(randomHue).augment(x, batch);
        }
        return x;
    }

    /** A component drawing from this layer's generator (Keras passes its own seed generator to each), in its format. */
    private <L extends RandomImageLayer<L>> L withOwnDraws(L component) {
        component.generator = generator;
        component.dataFormat = dataFormat;
        return component;
    }

    /** Keras's {@code RandomColorJitter.from_config}. */
    public static RandomColorJitter fromConfig(Config c) {
        RandomColorJitter j = new RandomColorJitter().dataFormat(c.string("data_format", null));
        double[] range = ColorLayers.readRange(c);
        if (range != null) {
            j.valueRange(range[0], range[1]);
        }
        j.setFactors(ColorLayers.readNumbers(c, "brightness_factor"), ColorLayers.readNumbers(c, "contrast_factor"),
                ColorLayers.readNumbers(c, "saturation_factor"), ColorLayers.readNumbers(c, "hue_factor"));
        return j.readSeed(c);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("data_format", dataFormat);
        config.put("value_range", Images.pair(valueRange));
        config.put("brightness_factor", brightnessFactor == null ? null : ColorLayers.write(brightnessFactor));
        config.put("contrast_factor", contrastFactor == null ? null : ColorLayers.write(contrastFactor));
        config.put("saturation_factor", saturationFactor == null ? null : ColorLayers.write(saturationFactor));
        config.put("hue_factor", hueFactor == null ? null : ColorLayers.write(hueFactor));
        config.put("seed", seed);
        return config;
    }
}
