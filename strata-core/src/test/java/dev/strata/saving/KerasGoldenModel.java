package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.Config;
import dev.strata.internal.config.KerasForms;
import dev.strata.internal.io.KerasArchive;
import dev.strata.layers.LayerChecks;
import dev.strata.models.Model;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.PredictOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model a golden script saved with Keras ({@code keras-golden/<name>.keras} and {@code <name>_golden.json}: inputs
 * and Keras's predictions), and the three interop checks a new layer's test makes with it: Strata loads it and
 * predicts Keras's values; the same model made in Strata writes Keras's config and weights layout; and Strata's save
 * of it, with inputs and outputs, is left in a directory for {@code tools/keras-interop/check_saved.py}.
 */
final class KerasGoldenModel {
    private final String name;

    private KerasGoldenModel(String name) {
        this.name = name;
    }

    /** The golden model {@code keras-golden/<name>.keras}. */
    static KerasGoldenModel named(String name) {
        return new KerasGoldenModel(name);
    }

    Path file() {
        try {
            return Path.of(KerasGoldenModel.class.getResource("/keras-golden/" + name + ".keras").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private Map<?, ?> golden() {
        try (InputStream in = KerasGoldenModel.class.getResourceAsStream("/keras-golden/" + name + "_golden.json")) {
            return (Map<?, ?>) KerasConfig.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Tensor> tensors(Object nested) {
        List<Tensor> out = new ArrayList<>();
        for (Object o : (List<?>) nested) {
            out.add(Config.of(Map.of("v", o), "golden").tensor("v"));
        }
        return out;
    }

    /** Loads the Keras file and checks its predictions on the recorded inputs against Keras's; returns the model. */
    Model assertLoadsAndPredictsKerasValues(double rtol, double atol) {
        Model m = Saving.loadModel(file());
        Map<?, ?> g = golden();
        Tensors predicted = m.predict(tensors(g.get("inputs")), new PredictOptions());
        List<Tensor> expected = tensors(g.get("outputs"));
        assertThat(predicted.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(predicted.get(i).shape()).as("output %d of %s", i, name).isEqualTo(expected.get(i).shape());
            LayerChecks.assertClose(predicted.get(i).toFloatArray(), expected.get(i).toFloatArray(), rtol, atol);
        }
        return m;
    }

    /** The Strata-made model's config.json is Keras's, key by key (compiled as the script compiled it). */
    void assertConfigIsKeras(Model strata) {
        List<String> differences = new ArrayList<>();
        KerasConfigComparisonTest.compare("", KerasConfig.parseJson(KerasConfig.modelToJson(strata)),
                KerasConfig.parseJson(KerasArchive.read(file()).configJson()), differences);
        assertThat(differences).isEmpty();
    }

    /**
     * Saves the (trained) Strata model to {@code dir}: its weights listing must be the Keras file's, its reload must
     * predict the same bits on {@code probe}, and the files with the inputs and outputs are left for
     * {@code check_saved.py}.
     */
    void assertSavesForKeras(Model strata, Path dir, List<Tensor> probe) throws IOException {
        Files.createDirectories(dir);
        Path saved = dir.resolve(name + ".keras");
        strata.save(saved);
        assertThat(KerasArchive.read(saved).weights().listing()).isEqualTo(KerasArchive.read(file()).weights()
                .listing());
        Tensors expected = strata.predict(probe, new PredictOptions());
        Tensors again = Saving.loadModel(saved).predict(probe, new PredictOptions());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(again.get(i).toFloatArray()).containsExactly(expected.get(i).toFloatArray());
        }
        Path weights = dir.resolve(name + ".weights.h5");
        strata.saveWeights(weights);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", saved.getFileName().toString());
        doc.put("weights_file", weights.getFileName().toString());
        doc.put("inputs", probe.stream().map(KerasForms::nested).toList());
        doc.put("outputs", expected.stream().map(KerasForms::nested).toList());
        doc.put("listing", KerasArchive.read(saved).weights().listing());
        Files.writeString(dir.resolve(name + ".json"), KerasConfig.toJson(doc), StandardCharsets.UTF_8);
    }
}
