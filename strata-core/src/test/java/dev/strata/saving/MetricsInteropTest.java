package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.config.Config;
import dev.strata.internal.config.KerasForms;
import dev.strata.internal.io.KerasArchive;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.metrics.AUC;
import dev.strata.metrics.BinaryIoU;
import dev.strata.metrics.F1Score;
import dev.strata.metrics.FBetaScore;
import dev.strata.metrics.Metric;
import dev.strata.metrics.Metrics;
import dev.strata.metrics.Precision;
import dev.strata.metrics.PrecisionAtRecall;
import dev.strata.metrics.R2Score;
import dev.strata.metrics.Recall;
import dev.strata.metrics.TruePositives;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import dev.strata.training.EvaluateOptions;
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
import org.junit.jupiter.api.Test;

/**
 * The metrics of issue 14 in compiled models, between Strata and Python Keras. A model Keras compiled with
 * {@code "AUC"}, {@code "precision"}, {@code "AUC"} again and AUC, Recall, F1Score, FBetaScore, R2Score,
 * TruePositives, PrecisionAtRecall and BinaryIoU objects ({@code keras-golden/metrics14_compiled.keras}, from
 * {@code tools/golden/metrics14.py interop}) loads in Strata with every metric, no warning, and evaluates to Keras's
 * logs under Keras's names ({@code AUC}, {@code AUC_1}, ...). A model Strata compiles with them saves to
 * {@code target/keras-saved-metrics/} for {@code tools/keras-interop/check_saved.py}.
 */
class MetricsInteropTest {
    static final Path DIR = Path.of("target", "keras-saved-metrics");

    private static Path kerasFile() {
        try {
            return Path.of(MetricsInteropTest.class.getResource("/keras-golden/metrics14_compiled.keras").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<?, ?> golden() {
        try (InputStream in = MetricsInteropTest.class.getResourceAsStream("/keras-golden/metrics14_compiled.json")) {
            return (Map<?, ?>) KerasConfig.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Tensor tensor(Object nested) {
        return Config.of(Map.of("v", nested), "golden").tensor("v");
    }

    @Test
    void kerassCompiledModelLoadsWithItsMetricsAndEvaluatesToKerassLogs() {
        List<String> warnings = new ArrayList<>();
        Model m = Saving.loadModel(kerasFile(), new LoadOptions().warnings(warnings::add));
        assertThat(warnings).isEmpty();
        List<Object> metrics = m.compileOptions().get().metrics();
        assertThat(metrics).hasSize(11);
        assertThat(metrics.subList(0, 3)).containsExactly("AUC", "precision", "AUC");
        assertThat(metrics.subList(3, 11)).extracting(o -> o.getClass().getSimpleName()).containsExactly("AUC",
                "Recall", "F1Score", "FBetaScore", "R2Score", "TruePositives", "PrecisionAtRecall", "BinaryIoU");

        Map<?, ?> g = golden();
        Map<String, Double> logs = m.evaluate(tensor(g.get("x")), tensor(g.get("y")),
                new EvaluateOptions().batchSize(8).verbose(0));
        Map<?, ?> expected = (Map<?, ?>) g.get("logs");
        assertThat(logs.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet().stream()
                .map(String::valueOf).toList());
        for (Map.Entry<?, ?> e : expected.entrySet()) {
            double want;
            if (e.getValue() instanceof List<?> vector) { // Keras's vector result; Strata logs its mean
                want = vector.stream().mapToDouble(v -> ((Number) v).doubleValue()).average().orElseThrow();
            } else {
                want = ((Number) e.getValue()).doubleValue();
            }
            assertThat(logs.get(String.valueOf(e.getKey()))).as("%s", e.getKey())
                    .isCloseTo(want, org.assertj.core.api.Assertions.within(2e-5 + 2e-5 * Math.abs(want)));
        }
    }

    private static List<Object> strataMetrics() {
        return List.of("AUC", "precision", "AUC", new AUC(50, "PR", "interpolation", "pr_auc", null, false, null,
                        null, false), new Recall(List.of(0.3, 0.7), null, null, "recalls"),
                new F1Score("macro", null, "f1_score"), new FBetaScore("weighted", 2.0, 0.5, "fbeta_score"),
                new R2Score(), new TruePositives(), new PrecisionAtRecall(0.5),
                new BinaryIoU(new int[] {1}, 0.5, "binary_io_u", "int32"));
    }

    @Test
    void strataWritesKerassCompileConfigAndSavesForKeras() throws IOException {
        Strata.clearSession();
        Strata.setRandomSeed(14);
        Sequential s = new Sequential().named("metrics14");
        s.add(new InputLayer(4));
        s.add(new Dense(3, "sigmoid"));
        s.compile("adam", new CompileOptions().loss("binary_crossentropy").metrics(strataMetrics().toArray()));
        Map<String, Object> ours = compileConfigMetrics(KerasConfig.modelToJson(s));
        Map<String, Object> theirs = compileConfigMetrics(KerasArchive.read(kerasFile()).configJson());
        assertThat(dev.strata.testing.KerasConfigGolden.canonical(ours))
                .isEqualTo(dev.strata.testing.KerasConfigGolden.canonical(theirs));

        Tensor x = Tensor.normal(Shape.of(16, 4), 0, 1);
        Tensor y = dev.strata.ops.Ops.greater(Tensor.uniform(Shape.of(16, 3), 0f, 1f), 0.5f);
        Map<String, List<Double>> history = s.fit(x, y, new FitOptions().epochs(1).batchSize(8).verbose(0)).history();
        assertThat(history.keySet()).contains("AUC", "AUC_1", "precision", "pr_auc", "recalls", "f1_score",
                "binary_io_u");
        Files.createDirectories(DIR);
        Path file = DIR.resolve("metrics14.keras");
        s.save(file);
        Model back = Saving.loadModel(file);
        assertThat(back.compileOptions().get().metrics()).hasSize(11);
        Map<String, Double> before = s.evaluate(x, y, new EvaluateOptions().verbose(0));
        assertThat(back.evaluate(x, y, new EvaluateOptions().verbose(0))).isEqualTo(before);

        Path weights = DIR.resolve("metrics14.weights.h5");
        s.saveWeights(weights);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", file.getFileName().toString());
        doc.put("weights_file", weights.getFileName().toString());
        doc.put("inputs", List.of(KerasForms.nested(x)));
        doc.put("outputs", List.of(KerasForms.nested(s.predict(x))));
        doc.put("listing", KerasArchive.read(file).weights().listing());
        Files.writeString(DIR.resolve("metrics14.json"), KerasConfig.toJson(doc), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compileConfigMetrics(String configJson) {
        Map<String, Object> config = (Map<String, Object>) KerasConfig.parseJson(configJson);
        Map<String, Object> compile = (Map<String, Object>) config.get("compile_config");
        return Map.of("metrics", compile.get("metrics"));
    }

    @Test
    void metricsByNameLogUnderTheGivenName() {
        Metric auc = Metrics.get("AUC", Shape.of(Shape.UNKNOWN, 3), Shape.of(Shape.UNKNOWN, 3));
        assertThat(auc).isInstanceOf(AUC.class);
        assertThat(auc.name()).isEqualTo("AUC");
        assertThat(Metrics.get("precision", Shape.of(2), Shape.of(2))).isInstanceOf(Precision.class);
    }
}
