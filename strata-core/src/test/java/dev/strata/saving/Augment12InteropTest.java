package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.internal.io.KerasArchive;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.convolutional.ConvGolden;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.preprocessing.AutoContrast;
import dev.strata.layers.preprocessing.RandomColorDegeneration;
import dev.strata.layers.preprocessing.RandomGrayscale;
import dev.strata.layers.preprocessing.RandomHue;
import dev.strata.layers.preprocessing.RandomInvert;
import dev.strata.layers.preprocessing.RandomPosterization;
import dev.strata.layers.preprocessing.RandomSaturation;
import dev.strata.layers.preprocessing.RandomSharpness;
import dev.strata.layers.preprocessing.Solarization;
import dev.strata.layers.reshaping.Flatten;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.tensor.Tensor;
import dev.strata.training.PredictOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's colour augmentation layers between Keras and Strata: the model {@code tools/golden/augment12.py
 * --interop} saves with Keras ({@code keras-golden/augment12.keras}: RandomGrayscale, RandomInvert, Solarization,
 * RandomPosterization, RandomSharpness, RandomColorDegeneration, RandomSaturation, RandomHue, AutoContrast, Flatten,
 * Dense) loads in Strata and predicts Keras's values (inference: only
 * AutoContrast acts); the same model built in Strata writes Keras's config and is saved to {@code
 * target/keras-saved-augment12/} for {@code tools/keras-interop/check_saved.py}. (Equalization is not in it: Keras
 * 3.15 cannot trace it inside a model.)
 */
class Augment12InteropTest {
    static final Path DIR = Path.of("target", "keras-saved-augment12");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static Path file() {
        try {
            return Path.of(Augment12InteropTest.class.getResource("/keras-golden/augment12.keras").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static Tensor golden(String values, String shape) {
        Map<?, ?> g = ConvGolden.read("augment12_golden.json");
        List<?> v = (List<?>) g.get(values);
        float[] data = new float[v.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = ((Number) v.get(i)).floatValue();
        }
        return Tensor.of(data, ((List<?>) g.get(shape)).stream().mapToInt(d -> ((Number) d).intValue()).toArray());
    }

    private static void assertPredictsKeras(Model m) {
        Tensor y = m.predict(golden("x", "x_shape"), new PredictOptions());
        Tensor expected = golden("y", "y_shape");
        assertThat(y.shape()).isEqualTo(expected.shape());
        LayerChecks.assertClose(y.toFloatArray(), expected.toFloatArray(), 1e-4, 1e-3);
    }

    @Test
    void loadsKerassFileAndPredictsKerassValues() {
        Model m = Saving.loadModel(file());
        assertThat(m.getLayer("random_grayscale")).isInstanceOf(RandomGrayscale.class);
        assertThat(m.getLayer("auto_contrast")).isInstanceOf(AutoContrast.class);
        assertThat(m.getLayer("random_hue")).isInstanceOf(RandomHue.class);
        assertPredictsKeras(m);
    }

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
            return l.stream().map(Augment12InteropTest::withoutObjectIds).toList();
        }
        return v;
    }

    @Test
    void theSameModelBuiltInStrataWritesKerassConfigAndGoesToKeras() throws IOException {
        Model keras = Saving.loadModel(file());
        Strata.clearSession();
        Model strata = new Sequential(new InputLayer(6, 7, 3), new RandomGrayscale(0.3), new RandomInvert(0.5),
                new Solarization(0.2, 0.5), new RandomPosterization(4), new RandomSharpness(0.4),
                new RandomColorDegeneration(0.5), new RandomSaturation(0.5), new RandomHue(0.3), new AutoContrast(),
                new Flatten(), new Dense(3));
        strata.setWeights(keras.getWeights());
        assertPredictsKeras(strata);
        Object written = withoutObjectIds(KerasConfig.parseJson(KerasConfig.modelToJson(strata)));
        Object expected = withoutObjectIds(KerasConfig.parseJson(KerasArchive.read(file()).configJson()));
        assertThat(KerasConfig.toJson(((Map<?, ?>) written).get("config")))
                .isEqualTo(KerasConfig.toJson(((Map<?, ?>) expected).get("config")));
        Files.createDirectories(DIR);
        SavedFilesExportTest.export(DIR, "augment12_strata", strata, List.of(golden("x", "x_shape")), 1, false);
    }
}
