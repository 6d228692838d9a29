package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.internal.io.KerasArchive;
import dev.strata.models.Model;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's image ops in a model Python Keras saved ({@code keras-golden/ops16_image.keras}, made by
 * {@code tools/golden/ops16_image.py --interop}): Strata reads every op entry as Keras wrote it, predicts Keras's
 * values, writes the same op configs back (Keras's {@code data_format: None} as the "channels_last" it stands for),
 * and its own saved file reloads with the same predictions. The other direction (Python Keras loading what Strata
 * writes) is {@code OpSpecRoundTripTest.everyOp} through {@code tools/keras-interop/check_config.py}.
 */
class Ops16ImageInteropTest {
    private static final KerasOpsInterop KERAS = new KerasOpsInterop("ops16_image");
    private static final Path FILE = KERAS.file();
    private static final Set<Object> OURS = Set.of("RGBToGrayscale", "RGBToHSV", "HSVToRGB", "CropImages",
            "PadImages", "ExtractPatches", "GaussianBlur", "SobelEdges", "PerspectiveTransform", "SSIM", "Resize",
            "AffineTransform", "ScaleAndTranslate", "ElasticTransform");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static void assertPredictsKeras(Model m) {
        int[] points = KERAS.shape("points_shape");
        // perspective_transform solves its homography in double where JAX solves in float32
        KERAS.assertPredictsKeras(m, List.of(KERAS.tensor("img", KERAS.shape("img_shape")),
                KERAS.tensor("start", points), KERAS.tensor("end", points),
                KERAS.tensor("transform", points[0], 8)), 1e-4, 1e-5);
    }

    @Test
    void loadsKerassFileAndPredictsKerassValues() {
        assertPredictsKeras(Saving.loadModel(FILE));
    }

    @Test
    void writesKerassOpConfigsBack() throws IOException {
        Model m = Saving.loadModel(FILE);
        Map<String, Object> kerasOps = opConfigs(KerasArchive.read(FILE).configJson());
        Map<String, Object> strataOps = opConfigs(KerasConfig.modelToJson(m));
        // ExtractPatches.get_config omits the name Keras's other ops write; Strata writes it (Keras takes it back)
        strataOps.forEach((k, c) -> {
            if (!((Map<?, ?>) kerasOps.get(k)).containsKey("name")) {
                ((Map<?, ?>) c).remove("name");
            }
        });
        assertThat(kerasOps).hasSize(strataOps.size()).hasSizeGreaterThan(20);
        assertThat(strataOps).isEqualTo(kerasOps);
    }

    @Test
    void strataSavedFileReloadsWithTheSamePredictions(@TempDir Path dir) {
        assertPredictsKeras(KERAS.savedAgain(dir));
    }

    /**
     * Each op entry's class and config, in order, with Keras's None data_format read as "channels_last" and
     * numbers as doubles (Keras writes {@code fill_value=0}, Strata 0.0).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> opConfigs(String json) {
        Map<String, Object> out = KerasOpsInterop.opConfigs(json, OURS);
        out.replaceAll((name, config) -> {
            Map<String, Object> c = new LinkedHashMap<>();
            ((Map<String, Object>) config).forEach((k, v) -> c.put(k, normal(k, v)));
            return c;
        });
        return out;
    }

    private static Object normal(String key, Object v) {
        if (key.equals("data_format") && v == null) {
            return "channels_last";
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(x -> normal("", x)).toList();
        }
        return v;
    }
}
