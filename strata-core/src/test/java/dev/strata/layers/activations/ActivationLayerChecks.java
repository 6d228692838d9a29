package dev.strata.layers.activations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.ConfigContext;
import dev.strata.config.KerasObjects;
import dev.strata.layers.Layer;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.saving.ConfigOptions;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.LoadOptions;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What every activation layer's test checks beyond its numbers: its config against Keras's JSON, the config round
 * trip, symbolic against eager shapes, and use in Sequential, Functional and subclassed models, saved and loaded.
 * (The layer contract test will cover some of this for every layer; until then the activation layers check it here.)
 */
public final class ActivationLayerChecks {
    private ActivationLayerChecks() {
    }

    /**
     * Strata's config is Keras's {@code get_config()}: the same keys in the same order, the same values, nested dicts
     * included; both compared in their JSON form (numbers as JSON reads them).
     */
    public static void assertConfigIsKeras(Map<String, Object> strata, String kerasJson) {
        Object expected = KerasConfig.parseJson(kerasJson);
        Object actual = KerasConfig.parseJson(KerasConfig.toJson(strata));
        assertThat(actual).as("config values").isEqualTo(expected);
        assertThat(KerasConfig.toJson(actual)).as("config key order").isEqualTo(KerasConfig.toJson(expected));
    }

    /**
     * {@code KerasConfig.getConfig} then {@code KerasConfig.fromConfig} makes the same layer: the same config, and (its
     * weights copied, if it has any) the same outputs on {@code x} in inference (a random layer's draws are its
     * own test's business), to the bit. Returns the copy. Also: the layer is
     * saved as Keras's {@code keras.layers} class of its simple name, and {@code KerasObjects.deserialize} finds it by that
     * name (discovery, no registry), built as the saved form says.
     */
    @SuppressWarnings("unchecked")
    public static <T extends Layer> T assertConfigRoundTrip(T layer, Tensor x) {
        float[] expected = layer.apply(x, false).toFloatArray();
        Map<String, Object> config = KerasConfig.getConfig(layer);
        T back = KerasConfig.fromConfig((Class<T>) layer.getClass(), config, new LoadOptions());
        assertThat(back).isNotSameAs(layer).isExactlyInstanceOf(layer.getClass());
        assertThat(KerasConfig.toJson(KerasConfig.getConfig(back))).isEqualTo(KerasConfig.toJson(config));
        back.apply(x, false);
        back.setWeights(layer.getWeights());
        assertThat(back.apply(x, false).toFloatArray()).containsExactly(expected);

        Map<String, Object> serialized = KerasObjects.serialize(layer);
        assertThat(serialized.get("module")).isEqualTo("keras.layers");
        assertThat(serialized.get("class_name")).isEqualTo(layer.getClass().getSimpleName());
        assertThat(serialized.get("registered_name")).isNull();
        Layer byName = KerasObjects.deserialize(serialized, Layer.class, ConfigContext.DEFAULT, "layer");
        assertThat(byName).isExactlyInstanceOf(layer.getClass());
        assertThat(byName.isBuilt()).as("built from its build_config, if it has one")
                .isEqualTo(layer.getBuildConfig() != null);
        assertThat(KerasConfig.toJson(byName.getConfig())).isEqualTo(KerasConfig.toJson(layer.getConfig()));
        return back;
    }

    /** On a symbolic input the layer gives the shape it gives eagerly, with the batch unknown; both are the input's. */
    public static void assertSymbolicShapeIsEager(Supplier<? extends Layer> make, Tensor x) {
        Shape symbolic = make.get().apply(Input.of(perSample(x).toArray())).shape();
        Shape eager = make.get().apply(x).shape();
        assertThat(eager).isEqualTo(x.shape());
        assertThat(symbolic).isEqualTo(x.shape().withDim(0, Shape.UNKNOWN));
    }

    /**
     * The layer predicts the same alone as inside a Sequential model, a Functional model and a subclassed model's
     * {@code call} (each traced before any data), and each model saved to {@code dir} and loaded again predicts the
     * same, to the bit. A layer with weights gets the first layer's weights in every model.
     */
    public static void assertWorksInModels(Supplier<? extends Layer> make, Tensor x, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Layer reference = make.get();
        float[] expected = reference.apply(x).toFloatArray();
        Shape sample = perSample(x);

        Layer inSequential = make.get();
        Sequential sequential = new Sequential(new InputLayer(sample.toArray()), inSequential);
        assertThat(inSequential.isBuilt()).as("built by the Sequential model's input").isTrue();
        inSequential.setWeights(reference.getWeights());

        Layer inFunctional = make.get();
        Tensor input = Input.of(sample.toArray());
        Model functional = Model.of(input, inFunctional.apply(input));
        inFunctional.setWeights(reference.getWeights());

        Holder subclassed = new Holder(make.get());
        subclassed.buildForSamples(sample);
        subclassed.layer.setWeights(reference.getWeights());

        for (Model m : List.of(sequential, functional, subclassed)) {
            String what = m.getClass().getSimpleName();
            assertThat(m.predict(x).toFloatArray()).as(what).containsExactly(expected);
            Path file = dir.resolve(what + ".keras");
            // a subclassed model is saved as the Functional graph Strata traced (its class takes a layer argument)
            m.save(file, new ConfigOptions().subclassedForm(ConfigOptions.SubclassedForm.FUNCTIONAL));
            Model back = Saving.loadModel(file);
            assertThat(back.predict(x).toFloatArray()).as(what + " saved and loaded").containsExactly(expected);
            assertThat(back.layers().stream().anyMatch(l -> l.getClass() == reference.getClass()))
                    .as(what + " loaded holds a " + reference.getClass().getSimpleName()).isTrue();
        }
    }

    private static Shape perSample(Tensor x) {
        return x.shape().subShape(1, x.shape().rank());
    }

    /** Moves values within 0.05 of a kink to 0.1 past it, so that finite differences do not straddle it. */
    public static Tensor awayFrom(Tensor x, float... kinks) {
        float[] v = x.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            for (float k : kinks) {
                if (Math.abs(v[i] - k) < 0.05f) {
                    v[i] = k + 0.1f;
                }
            }
        }
        return Tensor.of(v, x.shape());
    }

    /** A subclassed model whose {@code call} applies one layer. */
    public static final class Holder extends Model {
        private final Layer layer;

        Holder(Layer layer) {
            this.layer = layer;
        }

        @Override
        protected Tensor call(Tensor x) {
            return layer.apply(x);
        }
    }
}
