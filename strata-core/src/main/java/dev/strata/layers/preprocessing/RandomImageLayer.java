package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What the random image augmentation layers share (Keras's {@code BaseImagePreprocessingLayer} with a
 * {@code SeedGenerator}): the {@code seed} (the layer's own generator, else Strata's global one), the
 * {@code data_format}, the check that the input is a batch of images, and the rule that outside training (or while
 * tracing) the input is returned unchanged. Each layer draws and applies its own transform.
 *
 * @param <L> the concrete layer, so that the fluent setters return it
 */
abstract class RandomImageLayer<L extends RandomImageLayer<L>> extends Layer {
    Long seed;
    RandomGenerator generator;
    String dataFormat = Images.CHANNELS_LAST;

    RandomImageLayer() {
    }

    @SuppressWarnings("unchecked")
    final L self() {
        return (L) this;
    }

    @Override
    public L named(String name) {
        super.named(name);
        return self();
    }

    /** Draws from the layer's own generator seeded with {@code seed} (Keras's {@code seed}). */
    public L seed(long seed) {
        requireNotBuilt("seed");
        this.seed = seed;
        this.generator = Images.generator(seed);
        return self();
    }

    /** "channels_last" (default, null too) or "channels_first". */
    public L dataFormat(String dataFormat) {
        requireNotBuilt("dataFormat");
        this.dataFormat = Images.dataFormat(describe(), dataFormat);
        return self();
    }

    /** The transform of a training batch of {@code batch} images, drawn from {@link #generator}. */
    abstract Tensor augment(Tensor images, int batch);

    /** Called on its own it augments, as Keras's {@code call(data, training=True)}; predict and evaluate do not. */
    @Override
    protected boolean trainingByDefault() {
        return true;
    }

    @Override
    protected Tensor call(Tensor input) {
        Images.requireImages(this, input.shape(), dataFormat);
        if (!training() || input.isSymbolic()) {
            return input;
        }
        return augment(input, input.shape().get(0));
    }

    /** The config of a layer with a factor and a value range (RandomBrightness's and RandomContrast's, as Keras's). */
    final Map<String, Object> valueRangeConfig(double[] factor, double[] valueRange) {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("data_format", dataFormat);
        config.put("factor", Images.pair(factor));
        config.put("value_range", Images.pair(valueRange));
        config.put("seed", seed);
        return config;
    }

    /** Reads Keras's {@code seed} (null: none). */
    final L readSeed(Config c) {
        Integer s = c.integer("seed", null);
        if (s != null) {
            seed(s);
        }
        return self();
    }
}
