package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.attention.AdditiveAttention;
import dev.strata.layers.attention.Attention;
import dev.strata.layers.attention.GroupedQueryAttention;
import dev.strata.layers.attention.MultiHeadAttention;
import dev.strata.layers.convolutional.ConvGolden;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.EinsumDense;
import dev.strata.layers.merging.Add;
import dev.strata.layers.merging.Concatenate;
import dev.strata.layers.normalization.LayerNormalization;
import dev.strata.layers.pooling.GlobalAveragePooling1D;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.optimizers.Adam;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.FitOptions;
import dev.strata.training.PredictOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Models with the attention layers move between Keras and Strata: the files {@code tools/golden/attention.py} saves
 * with Keras ({@code keras-golden/attention_*.keras}: cross- and causal self-attention with an explicit mask and
 * returned scores, a transformer encoder block, Attention/AdditiveAttention/EinsumDense/GroupQueryAttention) load
 * in Strata and predict Keras's outputs within 1e-5; Strata saves them and models it builds with these layers to
 * {@code target/keras-saved-attention/}, where {@code tools/keras-interop/check_saved.py} loads them in Keras.
 */
class AttentionInteropTest {
    static final Path DIR = Path.of("target", "keras-saved-attention");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static Path resource(String name) {
        try {
            return Path.of(AttentionInteropTest.class.getResource("/keras-golden/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void kerassModelsLoadAndPredictKerassValues() throws IOException {
        Files.createDirectories(DIR);
        Map<?, ?> models = (Map<?, ?>) ConvGolden.read("attention_models_golden.json").get("models");
        assertThat(models).hasSize(3);
        for (Map.Entry<?, ?> e : models.entrySet()) {
            String name = (String) e.getKey();
            Map<?, ?> doc = (Map<?, ?>) e.getValue();
            List<Tensor> inputs = ((List<?>) doc.get("inputs")).stream().map(ConvGolden::tensor).toList();
            List<Tensor> expected = ((List<?>) doc.get("outputs")).stream().map(ConvGolden::tensor).toList();
            Model model = Saving.loadModel(resource(name + ".keras"));
            Tensors got = model.predict(inputs, new PredictOptions());
            assertThat(got.size()).as(name).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(got.get(i).shape()).as(name + " output " + i).isEqualTo(expected.get(i).shape());
                LayerChecks.assertClose(got.get(i).toFloatArray(), expected.get(i).toFloatArray(), 1e-5, 1e-5);
            }
            // and back: Strata writes them for Python Keras to load (check_saved.py)
            // (no training step: their dropout layers make one random)
            SavedFilesExportTest.export(DIR, name + "_strata", model, inputs, expected.size(), false);
        }
    }

    @Test
    void strataBuiltModelsAreSavedForKeras() throws IOException {
        Files.createDirectories(DIR);
        Strata.setRandomSeed(5);
        // a transformer encoder block, trained in Strata
        Tensor x = Input.of(8, 12);
        Tensor h = new MultiHeadAttention(3, 4).apply(x, x);
        h = new LayerNormalization().epsilon(1e-6).apply(new Add().apply(List.of(x, h)).get(0));
        Tensor f = new Dense(12).apply(new Dense(24, "relu").apply(h));
        h = new LayerNormalization().epsilon(1e-6).apply(new Add().apply(List.of(h, f)).get(0));
        Tensor y = new Dense(1).apply(new GlobalAveragePooling1D().apply(h));
        Model encoder = Model.of(x, y);
        encoder.compile(new Adam(0.01f), "mse");
        encoder.fit(Tensor.uniform(Shape.of(32, 8, 12), -1f, 1f), Tensor.uniform(Shape.of(32, 1), -1f, 1f),
                new FitOptions().epochs(1).verbose(0));
        SavedFilesExportTest.export(DIR, "strata_encoder", encoder,
                List.of(Tensor.uniform(Shape.of(3, 8, 12), -1f, 1f)), 1, true);

        // every attention layer with Keras's call arguments: a mask input, causal masks, scores, a key
        Tensor q = Input.of(4, 6);
        Tensor v = Input.of(5, 6);
        Tensor m = Input.of(4, 5);
        Tensors cross = new MultiHeadAttention(2, 3).useCausalMask(true).returnAttentionScores(true)
                .apply(List.of(q, v, v, m));
        Tensor gqa = new GroupedQueryAttention(2, 4, 2).apply(q, v, null, m);
        Tensor dot = new Attention().useScale(true).apply(List.of(q, v, v)).get(0);
        Tensors additive = new AdditiveAttention().useCausalMask(true).returnAttentionScores(true)
                .apply(List.of(q, q));
        Tensor joined = new Concatenate().apply(List.of(cross.get(0), gqa, dot, additive.get(0))).get(0);
        Tensor out = new EinsumDense("abc,cd->abd", Shape.UNKNOWN, 3).biasAxes("d").activation("tanh").apply(joined);
        Model all = Model.of(List.of(q, v, m), List.of(out, cross.get(1), additive.get(1)));
        Tensor mask = Tensor.of(new float[] {1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1}, 1, 4, 5);
        SavedFilesExportTest.export(DIR, "strata_attention_layers", all,
                List.of(Tensor.uniform(Shape.of(1, 4, 6), -1f, 1f), Tensor.uniform(Shape.of(1, 5, 6), -1f, 1f),
                        mask), 3, false);
    }
}
