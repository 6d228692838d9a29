package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.config.Config;
import dev.strata.internal.config.KerasForms;
import dev.strata.internal.io.KerasArchive;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.Embedding;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.core.Masking;
import dev.strata.layers.pooling.GlobalAveragePooling1D;
import dev.strata.layers.rnn.Bidirectional;
import dev.strata.layers.rnn.GRU;
import dev.strata.layers.rnn.LSTM;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.optimizers.Adam;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.FitOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A masked text model between Strata and Python Keras: int32 ids, Embedding with {@code mask_zero}, a per-step Dense,
 * GlobalAveragePooling1D over the unmasked steps, Dense. Strata loads the file Keras saved
 * ({@code keras-golden/masked_text.keras}, made by {@code tools/golden/masking.py --interop}) and predicts Keras's
 * values on padded ids; the same model made in Strata writes Keras's config.json; and Strata saves it, trained, to
 * {@code target/keras-saved-masking/} for {@code tools/keras-interop/check_saved.py}.
 */
class MaskedTextInteropTest {
    static final Path DIR = Path.of("target", "keras-saved-masking");

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(47);
    }

    private static Path kerasFile() {
        return kerasFile("masked_text");
    }

    private static Path kerasFile(String name) {
        try {
            return Path.of(MaskedTextInteropTest.class.getResource("/keras-golden/" + name + ".keras").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<?, ?> golden() {
        return golden("masked_text");
    }

    private static Map<?, ?> golden(String name) {
        try (InputStream in = MaskedTextInteropTest.class.getResourceAsStream(
                "/keras-golden/" + name + "_golden.json")) {
            return (Map<?, ?>) KerasConfig.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Tensor tensor(Object nested) {
        return Config.of(Map.of("v", nested), "golden").tensor("v");
    }

    @Test
    void loadsKerassFileAndPredictsKerassValuesOnPaddedIds() {
        Model m = Saving.loadModel(kerasFile());
        assertThat(((InputLayer) m.layers().getFirst()).dtype()).isEqualTo("int32");
        assertThat(((Embedding) m.getLayer("embedding")).maskZero()).isTrue();
        Map<?, ?> g = golden();
        Tensor ids = tensor(((List<?>) g.get("inputs")).getFirst());
        Tensor expected = tensor(((List<?>) g.get("outputs")).getFirst());
        LayerChecks.assertClose(m.predict(ids).toFloatArray(), expected.toFloatArray(), 1e-5, 1e-6);
    }

    /** The Keras script's model, made in Strata with the same names. */
    static Model strataModel() {
        Tensor ids = Input.integers("ids", 8);
        Tensor h = new Embedding(30, 6).maskZero(true).apply(ids);
        h = new Dense(5, "tanh").apply(h);
        h = new GlobalAveragePooling1D().apply(h);
        return Model.of(List.of(ids), List.of(new Dense(1).apply(h)), "masked_text");
    }

    @Test
    void strataWritesKerassConfigAndItsSavedFileLoadsBack() throws IOException {
        Model s = strataModel();
        s.compile(new Adam(0.01f), "mse");
        KerasArchive keras = KerasArchive.read(kerasFile());
        List<String> differences = new ArrayList<>();
        KerasConfigComparisonTest.compare("", KerasConfig.parseJson(KerasConfig.modelToJson(s)),
                KerasConfig.parseJson(keras.configJson()), differences);
        // Strata's symbolic tensors have no dtype (references say float32 where Keras says int32 or bool) and its
        // constants are floats (0.0 where Keras's compute_mask wrote 0): Keras's loader reads neither, as
        // check_saved.py shows on the saved file. Everything else is Keras's, including the NotEqual node that makes
        // the mask and the mask= keyword of GlobalAveragePooling1D's call.
        differences.removeIf(d -> d.matches(".*\\.config\\.dtype: Strata float32, Keras (int32|bool)")
                || d.endsWith(": Strata 0.0, Keras 0"));
        assertThat(differences).isEmpty();
        Object gap = ((List<?>) ((Map<?, ?>) ((Map<?, ?>) KerasConfig.parseJson(KerasConfig.modelToJson(s)))
                .get("config")).get("layers")).get(4);
        assertThat(gap.toString()).contains("kwargs={mask={class_name=__keras_tensor__");

        float[] v = new float[32 * 8];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 8) < 3 + (i / 8) % 5 ? 1 + (i * 11) % 29 : 0; // padded at the end, 3 to 7 real ids
        }
        Tensor x = Tensor.of(v, 32, 8);
        s.fit(x, Tensor.uniform(Shape.of(32, 1), 0f, 1f), new FitOptions().epochs(2).verbose(0));
        Files.createDirectories(DIR);
        Path file = DIR.resolve("masked_text.keras");
        s.save(file);
        assertThat(KerasArchive.read(file).weights().listing()).isEqualTo(keras.weights().listing());
        Model back = Saving.loadModel(file);
        Tensor probe = Tensor.of(java.util.Arrays.copyOf(v, 4 * 8), 4, 8);
        assertThat(back.predict(probe).toFloatArray()).containsExactly(s.predict(probe).toFloatArray());

        export("masked_text", file, s, List.of(KerasForms.nested(probe)),
                List.of(KerasForms.nested(s.predict(probe))));
    }

    /** The Keras script's recurrent model, made in Strata with the same names. */
    static Model strataRecurrentModel() {
        Tensor ids = Input.integers("ids", 8);
        Tensor h = new Embedding(30, 6).maskZero(true).apply(ids);
        h = new Bidirectional(new LSTM(4).returnSequences(true)).apply(h);
        h = new GRU(3).apply(h);
        return Model.of(List.of(ids), List.of(new Dense(1).apply(h)), "masked_lstm");
    }

    @Test
    void aMaskedRecurrentModelGoesBothWays() throws IOException {
        Model m = Saving.loadModel(kerasFile("masked_lstm"));
        Map<?, ?> g = golden("masked_lstm");
        Tensor ids = tensor(((List<?>) g.get("inputs")).getFirst());
        LayerChecks.assertClose(m.predict(ids).toFloatArray(),
                tensor(((List<?>) g.get("outputs")).getFirst()).toFloatArray(), 1e-5, 1e-6);

        Strata.clearSession();
        Model s = strataRecurrentModel();
        s.compile(new Adam(0.01f), "mse");
        KerasArchive keras = KerasArchive.read(kerasFile("masked_lstm"));
        List<String> differences = new ArrayList<>();
        KerasConfigComparisonTest.compare("", KerasConfig.parseJson(KerasConfig.modelToJson(s)),
                KerasConfig.parseJson(keras.configJson()), differences);
        // as above: reference dtypes and the float constant are not Keras's, nothing else
        differences.removeIf(d -> d.matches(".*\\.config\\.dtype: Strata float32, Keras (int32|bool)")
                || d.endsWith(": Strata 0.0, Keras 0"));
        assertThat(differences).isEmpty();

        s.setWeights(m.getWeights());
        Files.createDirectories(DIR);
        Path file = DIR.resolve("masked_lstm.keras");
        s.fit(ids, Tensor.uniform(Shape.of(ids.shape().get(0), 1), 0f, 1f), new FitOptions().epochs(1).verbose(0));
        s.save(file);
        export("masked_lstm", file, s, List.of(KerasForms.nested(ids)), List.of(KerasForms.nested(s.predict(ids))));
    }

    @Test
    void aMaskingLayerBeforeAnLstmGoesBothWays() throws IOException {
        Model m = Saving.loadModel(kerasFile("masked_steps"));
        Map<?, ?> g = golden("masked_steps");
        Tensor steps = tensor(((List<?>) g.get("inputs")).getFirst());
        LayerChecks.assertClose(m.predict(steps).toFloatArray(),
                tensor(((List<?>) g.get("outputs")).getFirst()).toFloatArray(), 1e-5, 1e-6);

        Strata.clearSession();
        Tensor in = Input.of("steps", 6, 3);
        Tensor h = new LSTM(4).apply(new Masking(0.0).apply(in));
        Model s = Model.of(List.of(in), List.of(new Dense(1).apply(h)), "masked_steps");
        s.compile(new Adam(0.01f), "mse");
        List<String> differences = new ArrayList<>();
        KerasConfigComparisonTest.compare("", KerasConfig.parseJson(KerasConfig.modelToJson(s)),
                KerasConfig.parseJson(KerasArchive.read(kerasFile("masked_steps")).configJson()), differences);
        // Keras's Any, NotEqual and the LSTM's mask= are all there; only reference dtypes differ (see above), and
        // Any's axis, which Strata writes as a list of one ([-1]) where Keras wrote the int it was given (both read)
        differences.removeIf(d -> d.matches(".*\\.config\\.dtype: Strata float32, Keras (int32|bool)")
                || d.endsWith("config.axis: Strata [-1], Keras -1"));
        assertThat(differences).isEmpty();
        s.setWeights(m.getWeights());
        LayerChecks.assertClose(s.predict(steps).toFloatArray(), m.predict(steps).toFloatArray(), 0, 0);
        s.fit(steps, Tensor.uniform(Shape.of(steps.shape().get(0), 1), 0f, 1f), new FitOptions().epochs(1).verbose(0));
        Files.createDirectories(DIR);
        Path file = DIR.resolve("masked_steps.keras");
        s.save(file);
        export("masked_steps", file, s, List.of(KerasForms.nested(steps)),
                List.of(KerasForms.nested(s.predict(steps))));
    }

    @Test
    void theSummaryConnectsAMaskTakingLayerToItsMaskAsKerasDoes() {
        Tensor ids = Input.integers("token_ids", 40);
        Tensor h = new LSTM(32).apply(new Embedding(100, 32).maskZero(true).apply(ids));
        Model m = Model.of(ids, new Dense(1, "sigmoid").apply(h));
        StringBuilder text = new StringBuilder();
        m.summary(text::append);
        // Keras 3.15's summary of the same model: not_equal (NotEqual) connected to token_ids[0][0], and lstm
        // connected to embedding[0][0], not_equal[0][0]
        assertThat(text).contains("│ not_equal           │ (None, 40)        │          0 │ token_ids[0][0]   │");
        assertThat(text).contains("│ lstm (LSTM)         │ (None, 32)        │      8,320 │ embedding[0][0],  │");
        assertThat(text).contains("│                     │                   │            │ not_equal[0][0]   │");
    }

    @Test
    void initialStatesAreKerassInitialStateKeyword() throws IOException {
        Model m = Saving.loadModel(kerasFile("init_state"));
        Map<?, ?> g = golden("init_state");
        List<Tensor> xs = ((List<?>) g.get("inputs")).stream().map(MaskedTextInteropTest::tensor).toList();
        List<?> expected = (List<?>) g.get("outputs");
        var predicted = m.predict(xs, new dev.strata.training.PredictOptions());
        for (int i = 0; i < 2; i++) {
            LayerChecks.assertClose(predicted.get(i).toFloatArray(), tensor(expected.get(i)).toFloatArray(), 1e-5,
                    1e-6);
        }

        Strata.clearSession();
        Tensor x = Input.of(5, 3), h = Input.of(4), c = Input.of(4);
        Tensor y = new LSTM(4).apply(List.of(x, h, c)).get(0);
        Tensor z = new GRU(4).apply(List.of(x, h)).get(0);
        Model s = Model.of(List.of(x, h, c), List.of(y, z), "init_state");
        List<String> differences = new ArrayList<>();
        KerasConfigComparisonTest.compare("", KerasConfig.parseJson(KerasConfig.modelToJson(s)),
                KerasConfig.parseJson(KerasArchive.read(kerasFile("init_state")).configJson()), differences);
        // Strata writes the training and mask keywords with every call of a recurrent layer; Keras leaves them out
        // when initial_state is given (its loader takes both)
        differences.removeIf(d -> d.matches("keys at 'config\\.layers\\[\\d]\\.inbound_nodes\\[0]\\.kwargs': "
                + "Strata \\[initial_state, mask, training], Keras \\[initial_state]"));
        assertThat(differences).isEmpty();
        s.setWeights(m.getWeights());
        var again = s.predict(xs, new dev.strata.training.PredictOptions());
        for (int i = 0; i < 2; i++) {
            assertThat(again.get(i).toFloatArray()).containsExactly(predicted.get(i).toFloatArray());
        }
        s.compile(new Adam(0.01f), "mse");
        s.fit(xs, List.of(Tensor.zeros(2, 4), Tensor.zeros(2, 4)), new FitOptions().epochs(1).verbose(0));
        Files.createDirectories(DIR);
        Path file = DIR.resolve("init_state.keras");
        s.save(file);
        var out = s.predict(xs, new dev.strata.training.PredictOptions());
        export("init_state", file, s, xs.stream().map(KerasForms::nested).toList(),
                List.of(KerasForms.nested(out.get(0)), KerasForms.nested(out.get(1))));
    }

    /** What {@code check_saved.py} reads next to a saved file: its weights file, inputs, Strata's outputs, listing. */
    private static void export(String name, Path file, Model model, List<Object> inputs, List<Object> outputs)
            throws IOException {
        Path weights = DIR.resolve(name + ".weights.h5");
        model.saveWeights(weights);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", file.getFileName().toString());
        doc.put("weights_file", weights.getFileName().toString());
        doc.put("inputs", inputs);
        doc.put("outputs", outputs);
        doc.put("listing", KerasArchive.read(file).weights().listing());
        Files.writeString(DIR.resolve(name + ".json"), KerasConfig.toJson(doc), StandardCharsets.UTF_8);
    }
}
