package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.Strata;
import dev.strata.internal.io.H5Group;
import dev.strata.internal.io.KerasArchive;
import dev.strata.internal.io.WeightsFile;
import dev.strata.models.Model;
import dev.strata.tensor.Tensor;
import dev.strata.training.PredictOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Keras Applications, made by Python Keras with {@code weights=None} ({@code tools/keras-interop/make_applications.py}),
 * load in Strata and predict Keras's outputs within 1e-4 (relative to 1 + |y|); Strata saves each again, and the
 * saved file reloads in Strata with the same outputs (and is left with its golden in
 * {@code target/keras-saved-applications/} for the script's {@code check} mode, which loads it in Python Keras, with
 * each model's distance to Keras in {@code accuracy.txt}); and Strata's {@code config.json} is Keras's.
 *
 * <p>Five small ones are committed ({@code keras-applications/}, 0.5 to 1.7 MB each: the applications' own code at
 * small widths, see the script). The others are 1 to 110 MB
 * and CI has no Python to make them, so they are read from the directory named by the system property
 * {@code strata.applications.dir} or the environment variable {@code STRATA_APPLICATIONS_DIR}, filled by
 * {@code make_applications.py make DIR}; without it (or without a model's file) the case is skipped, saying so.
 */
class ApplicationsInteropTest {
    private static final Path SAVED = Path.of("target", "keras-saved-applications");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    static Stream<String> committed() {
        return Stream.of("mobilenet_v2_a02", "mobilenet_v3_small_a05", "resnet_mini", "densenet_mini", "convnext_mini",
                "efficientnet_mini");
    }

    static Stream<String> generated() {
        return Stream.of("mobilenet_v2", "mobilenet_v3_small", "efficientnet_b0", "resnet50",
                "densenet121", "vgg16", "xception", "inception_v3", "convnext_tiny");
    }

    @ParameterizedTest
    @MethodSource("committed")
    void committedApplicationPredictsKerassOutputs(String name) throws IOException, URISyntaxException {
        URL url = ApplicationsInteropTest.class.getResource("/keras-applications/" + name + ".keras");
        assertThat(url).as(name + ".keras in the test resources").isNotNull();
        check(Path.of(url.toURI()).getParent(), name);
    }

    @ParameterizedTest
    @MethodSource("generated")
    void generatedApplicationPredictsKerassOutputs(String name) throws IOException {
        String dir = System.getProperty("strata.applications.dir", System.getenv("STRATA_APPLICATIONS_DIR"));
        assumeTrue(dir != null, "skipped: set -Dstrata.applications.dir or STRATA_APPLICATIONS_DIR to a directory "
                + "filled by tools/keras-interop/make_applications.py make DIR to check " + name);
        Path d = Path.of(dir);
        assumeTrue(Files.exists(d.resolve(name + ".keras")), "skipped: no " + name + ".keras in " + d);
        check(d, name);
    }

    private static void check(Path dir, String name) throws IOException {
        H5Group golden = WeightsFile.read(dir.resolve(name + "_golden.h5")).root();
        Tensor x = golden.dataset("input").toTensor();
        Tensor expected = golden.dataset("output").toTensor();
        Model model = Saving.loadModel(dir.resolve(name + ".keras"));
        Tensor y = model.predict(x, new PredictOptions().batchSize(2));
        assertThat(y.shape()).isEqualTo(expected.shape());
        double worst = assertClose(name, y.toFloatArray(), expected.toFloatArray());

        Files.createDirectories(SAVED);
        Files.writeString(SAVED.resolve("accuracy.txt"), String.format("%s: max |strata - keras| / (1 + |keras|) = "
                + "%.2e%n", name, worst), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Path saved = SAVED.resolve(name + "_strata.keras");
        model.save(saved);
        Files.copy(dir.resolve(name + "_golden.h5"), SAVED.resolve(name + "_golden.h5"),
                StandardCopyOption.REPLACE_EXISTING);
        Strata.clearSession();
        Tensor again = Saving.loadModel(saved).predict(x, new PredictOptions().batchSize(2));
        assertThat(again.toFloatArray()).as(name + " reloaded from Strata's file").containsExactly(y.toFloatArray());
        assertWritesKerassConfig(name, dir.resolve(name + ".keras"), saved);
    }

    /**
     * Strata's {@code config.json} is Keras's, key by key, but for what Strata does not write: {@code shared_object_id}
     * (a Python object id), a call's {@code "mask": null} and {@code training} keywords (Keras records the training
     * flag of MobileNetV3's Dropout call; Strata records no call-time flags), the names of {@code keras.ops} nodes,
     * which Keras numbers by a process-wide counter ({@code add_21}) and Strata by its session's ({@code add}), and
     * the last digits of a number passed to a call (Keras writes the double 1 / 6, Strata the float it computes with).
     */
    private static void assertWritesKerassConfig(String name, Path kerasFile, Path strataFile) {
        Map<?, ?> expected = (Map<?, ?>) ((Map<?, ?>) KerasConfig.parseJson(KerasArchive.read(kerasFile).configJson()))
                .get("config");
        Map<?, ?> written = (Map<?, ?>) ((Map<?, ?>) KerasConfig.parseJson(KerasArchive.read(strataFile).configJson()))
                .get("config");
        List<?> kerasLayers = (List<?>) expected.get("layers");
        List<?> strataLayers = (List<?>) written.get("layers");
        assertThat(strataLayers).as(name + " layers").hasSameSizeAs(kerasLayers);
        Map<Object, Object> opNames = new HashMap<>();
        for (int i = 0; i < kerasLayers.size(); i++) {
            Map<?, ?> k = (Map<?, ?>) kerasLayers.get(i);
            if (String.valueOf(k.get("module")).startsWith("keras.src.ops")) {
                opNames.put(((Map<?, ?>) strataLayers.get(i)).get("name"), k.get("name"));
            }
        }
        assertThat(KerasConfig.toJson(comparable(written, opNames, false))).as(name + " config.json")
                .isEqualTo(KerasConfig.toJson(comparable(expected, Map.of(), false)));
    }

    private static Object comparable(Object v, Map<Object, Object> renames, boolean inArgs) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, value) -> {
                boolean dropped = "shared_object_id".equals(k) || ("mask".equals(k) && value == null)
                        || ("training".equals(k) && value instanceof Boolean);
                if (!dropped) {
                    out.put(k, comparable(value, renames, inArgs || "args".equals(k)));
                }
            });
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(o -> comparable(o, renames, inArgs)).toList();
        }
        if (inArgs && v instanceof Double d) {
            return (double) d.floatValue(); // a call's number (MobileNetV3's x * (1 / 6)): Strata keeps it as a float
        }
        return v == null ? null : renames.getOrDefault(v, v);
    }

    /** Within 1e-4 of Keras, relative to 1 + |expected| (the logits are of order 0.1 to 3). */
    private static double assertClose(String name, float[] actual, float[] expected) {
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / (1 + Math.abs(expected[i])));
        }
        assertThat(worst).as(name + ": max |strata - keras| / (1 + |keras|)").isLessThanOrEqualTo(1e-4);
        return worst;
    }
}
