package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.SavingRegistry;
import dev.strata.models.Model;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensors;
import dev.strata.testing.Fixtures;
import dev.strata.training.PredictOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fixtures without a {@code NAME.io.json}, against outputs computed by {@code tools/golden/fixture_outputs.py}
 * ({@code keras-golden/fixture_outputs.json}): Keras 3.15.1's predictions for the Hands-On ML subclassed model (given
 * its Python class), and a numpy computation from the weights of the Keras 2.15 custom-layer file, which Keras 3
 * cannot read.
 */
class FixtureGoldenTest {
    @BeforeEach
    @AfterEach
    void forget() {
        SavingRegistry.unregister(HomlWideAndDeepModel.class);
        SavingRegistry.unregister(MyDense.class);
    }

    private static Map<?, ?> golden(String name) {
        try (InputStream in = FixtureGoldenTest.class.getResourceAsStream("/keras-golden/fixture_outputs.json")) {
            Map<?, ?> all = (Map<?, ?>) KerasConfig.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return (Map<?, ?>) all.get(name);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertPredicts(Model m, String name) {
        Map<?, ?> g = golden(name);
        List<?> inputs = (List<?>) g.get("inputs");
        List<?> outputs = (List<?>) g.get("outputs");
        Tensors out = m.predict(inputs.stream().map(IoJson::tensor).toList(), new PredictOptions());
        assertThat(out.size()).isEqualTo(outputs.size());
        for (int i = 0; i < out.size(); i++) {
            IoJson.assertClose(out.get(i), IoJson.tensor(outputs.get(i)), 1e-5, name + " output " + i);
        }
    }

    @Test
    void handsOnMlSubclassedModelWithNormalizationKeras38() {
        // Python class WideAndDeepModel (registered_name "WideAndDeepModel"); its Java twin has the same fields
        Model m = Saving.loadModel(Fixtures.file("k3_haiderareeb_subclassed_wide_deep.keras"),
                new LoadOptions().customObject("WideAndDeepModel", HomlWideAndDeepModel.class));
        assertThat(m).isInstanceOf(HomlWideAndDeepModel.class);
        // weights at aux_output/, hidden1/, hidden2/, layers/normalization{,_1} and layers/dense_2 (= main_output)
        assertPredicts(m, "k3_haiderareeb_subclassed_wide_deep.keras");
        assertThat(m.optimizer().get().iterations()).isPositive();
    }

    @Test
    void itsModelCheckpointWeightsIntoABuiltInstance() {
        HomlWideAndDeepModel m = new HomlWideAndDeepModel();
        m.buildForSamples(Shape.of(5), Shape.of(6));
        // a traced subclass: its Functional form does not fit this file, its fields' walk does
        m.loadWeights(Fixtures.file("k3_haiderareeb_subclassed_wide_deep_checkpoint.weights.h5"));
        assertPredicts(m, "k3_haiderareeb_subclassed_wide_deep_checkpoint.weights.h5");
    }

    @Test
    void keras215CustomLayerSequentialWithBackslashGroupNames() {
        SavingRegistry.register("MyDense", MyDense.class);
        // "optimizer": "nadam" in its compile config: Strata has no Nadam, so load without compiling
        Model m = Saving.loadModel(Fixtures.file("k2.15_homl3e_custom_layer_sequential.keras"),
                new LoadOptions().compile(false));
        assertPredicts(m, "k2.15_homl3e_custom_layer_sequential.keras");
    }
}
