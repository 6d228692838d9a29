package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.config.Config;
import dev.strata.internal.config.KerasForms;
import dev.strata.internal.io.KerasArchive;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.core.Dense;
import dev.strata.layers.merging.Dot;
import dev.strata.layers.normalization.RMSNormalization;
import dev.strata.layers.reshaping.Flatten;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.optimizers.Adam;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.FitOptions;
import dev.strata.training.PredictOptions;
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
 * Dot and RMSNormalization between Strata and Python Keras. Strata loads the {@code .keras} file Keras saved
 * ({@code keras-golden/dot_rms.keras}, made by {@code tools/golden/dot_rms.py --interop}: a normalized Dot of two
 * Dense towers, and RMSNormalization → Dense → a Dot of the sequence with itself) and predicts Keras's values; the
 * same model made in Strata writes Keras's config.json key by key and its weights layout; and Strata saves it to
 * {@code target/keras-saved-dot-rms/} for {@code tools/keras-interop/check_saved.py}.
 */
class DotRmsInteropTest {
    static final Path DIR = Path.of("target", "keras-saved-dot-rms");

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(43);
    }

    private static Path kerasFile() {
        try {
            return Path.of(DotRmsInteropTest.class.getResource("/keras-golden/dot_rms.keras").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<?, ?> golden() {
        try (InputStream in = DotRmsInteropTest.class.getResourceAsStream("/keras-golden/dot_rms_golden.json")) {
            return (Map<?, ?>) KerasConfig.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Tensor tensor(Object nested) {
        return Config.of(Map.of("v", nested), "golden").tensor("v");
    }

    @Test
    void loadsKerassFileAndPredictsKerassValues() {
        Model m = Saving.loadModel(kerasFile());
        assertThat(((Dot) m.getLayer("dot")).normalizes()).isTrue();
        assertThat(((Dot) m.getLayer("dot_1")).axes()).containsExactly(2, 2);
        assertThat(((RMSNormalization) m.getLayer("rms_normalization")).scale().shape()).isEqualTo(Shape.of(6));
        Map<?, ?> g = golden();
        List<Tensor> x = ((List<?>) g.get("inputs")).stream().map(DotRmsInteropTest::tensor).toList();
        Tensors predicted = m.predict(x, new PredictOptions());
        List<?> outputs = (List<?>) g.get("outputs");
        for (int i = 0; i < outputs.size(); i++) {
            Tensor expected = tensor(outputs.get(i));
            assertThat(predicted.get(i).shape()).isEqualTo(expected.shape());
            LayerChecks.assertClose(predicted.get(i).toFloatArray(), expected.toFloatArray(), 1e-5, 1e-5);
        }
    }

    /** The Keras script's model, made in Strata with the same (automatic) names. */
    static Model strataModel() {
        Tensor a = Input.of("a", 5);
        Tensor b = Input.of("b", 5);
        Tensor s = Input.of("s", 4, 6);
        Tensor sim = new Dot(1).normalize(true).apply(List.of(new Dense(8).apply(a), new Dense(8).apply(b)))
                .getFirst();
        Tensor h = new Dense(6).apply(new RMSNormalization().apply(s));
        Tensor gram = new Dot(2, 2).apply(List.of(h, h)).getFirst();
        Tensor value = new Dense(1).apply(new Flatten().apply(gram));
        return Model.of(List.of(a, b, s), List.of(sim, value), "dot_rms");
    }

    @Test
    void strataWritesKerassConfigAndWeightsLayout() throws IOException {
        Model m = strataModel();
        m.compile(new Adam(0.01f), new dev.strata.training.CompileOptions().losses("mse", "mse"));
        KerasArchive keras = KerasArchive.read(kerasFile());
        List<String> differences = new ArrayList<>();
        KerasConfigComparisonTest.compare("", KerasConfig.parseJson(KerasConfig.modelToJson(m)),
                KerasConfig.parseJson(keras.configJson()), differences);
        assertThat(differences).isEmpty();

        Files.createDirectories(DIR);
        Path file = DIR.resolve("dot_rms.keras");
        List<Tensor> xs = List.of(Tensor.normal(Shape.of(32, 5), 0, 1), Tensor.normal(Shape.of(32, 5), 0, 1),
                Tensor.normal(Shape.of(32, 4, 6), 0, 1));
        List<Tensor> ys = List.of(Tensor.uniform(Shape.of(32, 1), 0f, 1f), Tensor.uniform(Shape.of(32, 1), 0f, 1f));
        m.fit(xs, ys, new FitOptions().epochs(2).verbose(0));
        m.save(file);
        assertThat(KerasArchive.read(file).weights().listing()).isEqualTo(keras.weights().listing());
        Model back = Saving.loadModel(file);
        List<Tensor> probe = List.of(Tensor.normal(Shape.of(3, 5), 0, 1), Tensor.normal(Shape.of(3, 5), 0, 1),
                Tensor.normal(Shape.of(3, 4, 6), 0, 1));
        Tensors expected = m.predict(probe, new PredictOptions());
        Tensors again = back.predict(probe, new PredictOptions());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(again.get(i).toFloatArray()).containsExactly(expected.get(i).toFloatArray());
        }
        Path weights = DIR.resolve("dot_rms.weights.h5");
        m.saveWeights(weights);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", file.getFileName().toString());
        doc.put("weights_file", weights.getFileName().toString());
        doc.put("inputs", probe.stream().map(KerasForms::nested).toList());
        doc.put("outputs", expected.stream().map(KerasForms::nested).toList());
        doc.put("listing", KerasArchive.read(file).weights().listing());
        Files.writeString(DIR.resolve("dot_rms.json"), KerasConfig.toJson(doc), StandardCharsets.UTF_8);
    }
}
