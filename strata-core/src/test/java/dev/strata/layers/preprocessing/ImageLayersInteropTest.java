package dev.strata.layers.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.internal.io.KerasArchive;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.reshaping.Flatten;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import dev.strata.tensor.Tensor;
import dev.strata.training.PredictOptions;
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

/**
 * The image preprocessing layers between Strata and Python Keras: Strata loads the {@code .keras} file Keras saved
 * ({@code keras-golden/image_layers.keras}, made by {@code tools/golden/image.py --interop}: Rescaling, Resizing,
 * CenterCrop, the augmentation layers (identity at inference), Flatten and Dense) and predicts Keras's values; the
 * same model built in Strata writes Keras's config key by key, and its saved file reloads with the same predictions.
 */
class ImageLayersInteropTest {
    private static final Path FILE = resource("/keras-golden/image_layers.keras");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static Path resource(String name) {
        try {
            return Path.of(ImageLayersInteropTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<?, ?> golden() {
        try (InputStream in = ImageLayersInteropTest.class.getResourceAsStream(
                "/keras-golden/image_layers_golden.json")) {
            return (Map<?, ?>) KerasConfig.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Tensor tensor(String values, String shape) {
        List<?> v = (List<?>) golden().get(values);
        List<?> s = (List<?>) golden().get(shape);
        float[] data = new float[v.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = ((Number) v.get(i)).floatValue();
        }
        return Tensor.of(data, s.stream().mapToInt(d -> ((Number) d).intValue()).toArray());
    }

    private static void assertPredictsKeras(Model m) {
        Tensor y = m.predict(tensor("x", "x_shape"), new PredictOptions());
        Tensor expected = tensor("y", "y_shape");
        assertThat(y.shape()).isEqualTo(expected.shape());
        LayerChecks.assertClose(y.toFloatArray(), expected.toFloatArray(), 1e-4, 1e-4);
    }

    static Model strataModel() {
        return new Sequential(new InputLayer(10, 12, 3), new Rescaling(1 / 255.0), new Resizing(8, 8),
                new CenterCrop(6, 6), new RandomFlip(), new RandomRotation(0.1), new RandomZoom(0.1),
                new RandomTranslation(0.1, 0.1), new RandomContrast(0.2), new RandomBrightness(0.1), new Flatten(),
                new Dense(3));
    }

    /** Drops {@code shared_object_id} (a Python object id), which Strata does not write. */
    private static Object withoutObjectIds(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, value) -> {
                if (!"shared_object_id".equals(k)) {
                    out.put(k, withoutObjectIds(value));
                }
            });
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(ImageLayersInteropTest::withoutObjectIds).toList();
        }
        return v;
    }

    @Test
    void loadsKerassFileAndPredictsKerassValues() {
        Model m = Saving.loadModel(FILE);
        assertThat(m.getLayer("resizing")).isInstanceOf(Resizing.class);
        assertThat(m.getLayer("random_rotation")).isInstanceOf(RandomRotation.class);
        assertPredictsKeras(m);
    }

    @Test
    void theSameModelBuiltInStrataWritesKerassConfigAndReloads() throws IOException {
        Model keras = Saving.loadModel(FILE);
        Strata.clearSession();
        Model strata = strataModel();
        strata.setWeights(keras.getWeights());
        assertPredictsKeras(strata);
        Object written = withoutObjectIds(KerasConfig.parseJson(KerasConfig.modelToJson(strata)));
        Object expected = withoutObjectIds(KerasConfig.parseJson(KerasArchive.read(FILE).configJson()));
        assertThat(((Map<?, ?>) written).get("config")).isEqualTo(((Map<?, ?>) expected).get("config"));
        assertThat(KerasConfig.toJson(((Map<?, ?>) written).get("config")))
                .isEqualTo(KerasConfig.toJson(((Map<?, ?>) expected).get("config")));

        Path dir = Files.createDirectories(Path.of("target", "keras-saved-image"));
        Path file = dir.resolve("image_layers_strata.keras");
        strata.save(file);
        Tensor x = tensor("x", "x_shape");
        assertThat(Saving.loadModel(file).predict(x, new PredictOptions()).toFloatArray())
                .containsExactly(strata.predict(x, new PredictOptions()).toFloatArray());
    }
}
