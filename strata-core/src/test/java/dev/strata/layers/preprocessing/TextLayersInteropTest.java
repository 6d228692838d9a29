package dev.strata.layers.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ModelFormatException;
import dev.strata.Strata;
import dev.strata.internal.io.KerasArchive;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.Embedding;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.pooling.GlobalAveragePooling1D;
import dev.strata.models.Model;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text and categorical layers in {@code .keras} files: Keras's categorical model loads and predicts Keras's
 * values; Strata's models with learnt vocabularies save them in {@code assets/} as Keras does (at the layer's path
 * in Keras's object walk, named by class: {@code layers/integer_lookup}; TextVectorization's also under its {@code _lookup_layer}) and load them back; a model whose
 * input is text loads and says clearly that it takes strings. Strata's categorical model is also written to
 * {@code target/keras-saved-text/} for {@code tools/keras-interop/check_text_saved.py} (Python Keras loads it).
 */
class TextLayersInteropTest {
    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static Path resource(String name) {
        try {
            return Path.of(TextLayersInteropTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<?, ?> golden() {
        try (InputStream in = TextLayersInteropTest.class.getResourceAsStream(
                "/keras-golden/categorical_golden.json")) {
            return (Map<?, ?>) KerasConfig.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Tensor tensor(Map<?, ?> g, String values, String shape) {
        List<?> v = (List<?>) g.get(values);
        float[] data = new float[v.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = ((Number) v.get(i)).floatValue();
        }
        return Tensor.of(data, ((List<?>) g.get(shape)).stream().mapToInt(d -> ((Number) d).intValue()).toArray());
    }

    @Test
    void kerasCategoricalModelPredictsKerasValues() {
        Model m = Saving.loadModel(resource("/keras-golden/categorical.keras"));
        assertThat(m.getLayer("disc")).isInstanceOf(Discretization.class);
        assertThat(m.getLayer("encode")).isInstanceOf(CategoryEncoding.class);
        Map<?, ?> g = golden();
        Tensor y = m.predict(tensor(g, "x", "x_shape"));
        LayerChecks.assertClose(y.toFloatArray(), tensor(g, "y", "y_shape").toFloatArray(), 1e-5, 1e-5);
    }

    /** Strata's categorical model, as Keras's, for Python Keras to load (check_text_saved.py). */
    @Test
    void strataCategoricalModelForPython() throws IOException {
        Tensor x = Tensor.of(new float[] {-1, 0.2f, 0.7f, 0.1f, -0.3f, 2}, 2, 3);
        Tensor in = new InputLayer(Shape.of(Shape.UNKNOWN, 3), "x").output();
        Tensor h = new Discretization(new double[] {-0.5, 0, 0.5}).named("disc").apply(in);
        h = new CategoryEncoding(4, "count").named("encode").apply(h);
        Model m = Model.of(in, new Dense(2).named("dense").apply(h));
        Path out = Path.of("target", "keras-saved-text");
        Files.createDirectories(out);
        m.save(out.resolve("categorical.keras"));
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("x", toList(x.toFloatArray()));
        g.put("x_shape", List.of(2, 3));
        g.put("y", toList(m.predict(x).toFloatArray()));
        Files.writeString(out.resolve("categorical_golden.json"), dev.strata.internal.config.Json.write(g));
        Model again = Saving.loadModel(out.resolve("categorical.keras"));
        assertThat(again.predict(x).toFloatArray()).containsExactly(m.predict(x).toFloatArray());
    }

    private static List<Double> toList(float[] v) {
        List<Double> out = new java.util.ArrayList<>();
        for (float f : v) {
            out.add((double) f);
        }
        return out;
    }

    @Test
    void learntVocabulariesTravelInAssets() {
        IntegerLookup lookup = new IntegerLookup(new IntegerLookup.Options().maskToken(0L)).named("lookup");
        lookup.adapt(Tensor.of(new float[] {7, 7, 3, 9, 9, 9, 1}, 7));
        Tensor in = new InputLayer(Shape.of(Shape.UNKNOWN, 4), "ids", "int32").output();
        Tensor h = lookup.apply(in);
        Tensor hashed = new Hashing(5).named("hash").outputMode("count").apply(in);
        h = new CategoryEncoding(lookup.vocabularySize(), "multi_hot").named("encode").apply(h);
        Model m = Model.of(in, new Dense(1).named("out").apply(
                new dev.strata.layers.merging.Concatenate().apply(List.of(h, hashed)).get(0)));
        Path file = dir.resolve("ids.keras");
        m.save(file);
        KerasArchive archive = KerasArchive.read(file);
        assertThat(new String(archive.assets().get("layers/integer_lookup/vocabulary.txt"), StandardCharsets.UTF_8))
                .isEqualTo("0\n-1\n9\n7\n3\n1");
        Model again = Saving.loadModel(file);
        assertThat(((IntegerLookup) again.getLayer("lookup")).getVocabulary()).isEqualTo(lookup.getVocabulary());
        Tensor x = Tensor.of(new float[] {7, 0, 3, 42, 9, 9, 1, 0}, 2, 4);
        assertThat(again.predict(x).toFloatArray()).containsExactly(m.predict(x).toFloatArray());
    }

    @Test
    void textModelLoadsWithItsVocabularyAndAsksForStrings() {
        TextVectorization tv = new TextVectorization(new TextVectorization.Options().maxTokens(20)
                .outputSequenceLength(5)).named("text_vectorization");
        tv.adapt(List.of("the cat sat", "the dog ran", "a cat ran"));
        Tensor in = new InputLayer(Shape.of(Shape.UNKNOWN, 1), "text", "string").output();
        Tensor h = new Embedding(tv.vocabularySize(), 4).named("embed").apply(tv.apply(in));
        Model m = Model.of(in, new Dense(1).named("out").apply(new GlobalAveragePooling1D().apply(h)));
        Path file = dir.resolve("text.keras");
        m.save(file);
        KerasArchive archive = KerasArchive.read(file);
        String vocab = "\n[UNK]\nthe\nran\ncat\nsat\ndog\na";
        assertThat(new String(archive.assets().get("layers/text_vectorization/vocabulary.txt"),
                StandardCharsets.UTF_8)).isEqualTo(vocab);
        assertThat(new String(archive.assets().get("layers/text_vectorization/_lookup_layer/vocabulary.txt"),
                StandardCharsets.UTF_8)).isEqualTo(vocab);
        assertThat(archive.configJson()).contains("\"dtype\": \"string\"");
        Model again = Saving.loadModel(file);
        TextVectorization loaded = (TextVectorization) again.getLayer("text_vectorization");
        assertThat(loaded.getVocabulary()).isEqualTo(tv.getVocabulary());
        assertThat(loaded.apply("the cat ran fast").toFloatArray()).containsExactly(2, 4, 3, 1, 0);
        assertThatThrownBy(() -> again.predict(Tensor.of(new float[] {1}, 1, 1)))
                .hasMessageContaining("'text_vectorization'").hasMessageContaining("takes strings");
    }

    @Test
    void tfIdfWeightsTravelAsKerasStoresThem() {
        TextVectorization tv = new TextVectorization(new TextVectorization.Options().outputMode("tf_idf"));
        tv.adapt(List.of("a b", "a", "c a"));
        Tensor in = new InputLayer(Shape.of(Shape.UNKNOWN, 1), "text", "string").output();
        Model m = Model.of(in, new Dense(1).named("out").apply(tv.apply(in)));
        Path file = dir.resolve("tfidf.keras");
        m.save(file);
        KerasArchive archive = KerasArchive.read(file);
        assertThat(archive.weights().root().dataset("layers/text_vectorization/vars/idf_weights")).isNotNull();
        assertThat(archive.weights().root().dataset("layers/text_vectorization/_lookup_layer/vars/idf_weights"))
                .isNotNull();
        TextVectorization loaded = (TextVectorization) Saving.loadModel(file).getLayer(tv.name());
        assertThat(loaded.idfWeights()).containsExactly(tv.idfWeights());
        assertThat(loaded.apply("a c c").toFloatArray()).containsExactly(tv.apply("a c c").toFloatArray());
    }

    @Test
    void aMalformedVocabularyFileIsAFormatErrorNamingTheLayer() throws IOException {
        StringLookup l = new StringLookup().named("words");
        l.adapt(List.of("x", "y"));
        Tensor in = new InputLayer(Shape.of(Shape.UNKNOWN, 2), "w", "string").output();
        Model m = Model.of(in, l.apply(in));
        Path file = dir.resolve("words.keras");
        m.save(file);
        KerasArchive a = KerasArchive.read(file);
        Map<String, byte[]> assets = new LinkedHashMap<>(a.assets());
        assets.put("layers/string_lookup/vocabulary.txt", "[UNK]\nx\nx".getBytes(StandardCharsets.UTF_8));
        Path bad = dir.resolve("bad.keras");
        new KerasArchive(a.metadataJson(), a.configJson(), a.weights(), assets).write(bad);
        assertThatThrownBy(() -> Saving.loadModel(bad)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("assets/layers/string_lookup/").hasMessageContaining("'words'")
                .hasMessageContaining("repeated");
        assets.remove("layers/string_lookup/vocabulary.txt");
        Path missing = dir.resolve("missing.keras");
        new KerasArchive(a.metadataJson(), a.configJson(), a.weights(), assets).write(missing);
        assertThatThrownBy(() -> Saving.loadModel(missing)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("vocabulary.txt");
    }
}
