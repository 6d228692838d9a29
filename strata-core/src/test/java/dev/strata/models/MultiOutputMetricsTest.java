package dev.strata.models;

import static dev.strata.models.MultiOutputMetricsGolden.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.optimizers.SGD;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.LoadOptions;
import dev.strata.saving.Saving;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import dev.strata.training.EvaluateOptions;
import dev.strata.training.FitOptions;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * compile's metrics and weighted metrics on a model with two outputs, mapped to the outputs as Keras 3's
 * {@code CompileMetrics} maps them, against Keras's fit and evaluate logs ({@link MultiOutputMetricsGolden}, from
 * {@code tools/golden/train14_multi_metrics.py}): a list is one entry per output, a list of lists one list per
 * output, a map by output name; a list of another length is Keras's error; a Keras-saved compile config loads with
 * the same metrics, and Strata's is Keras's.
 */
class MultiOutputMetricsTest {
    /** float32 training over a few steps: Keras's and Strata's sums differ in the last bits. */
    private static final double TOL = 2e-5;

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static Tensor t(float[] data, int[] shape) {
        return Tensor.of(data, shape);
    }

    private static Model model(boolean two, float[][] weights, int[][] shapes) {
        Tensor in = Input.of("x", 3);
        Tensor hidden = new Dense(4, "relu").named("h").apply(in);
        List<Tensor> outs = new ArrayList<>();
        outs.add(new Dense(2).named("output_1").apply(hidden));
        if (two) {
            outs.add(new Dense(1).named("output_2").apply(hidden));
        }
        Model m = Model.of(List.of(in), outs);
        if (weights != null) {
            List<Tensor> ws = new ArrayList<>();
            for (int i = 0; i < weights.length; i++) {
                ws.add(t(weights[i], shapes[i]));
            }
            m.setWeights(ws);
        }
        return m;
    }

    private static List<Tensor> y(boolean two) {
        return two ? List.of(t(Y1, Y1_SHAPE), t(Y2, Y2_SHAPE)) : List.of(t(Y1, Y1_SHAPE));
    }

    private static List<Tensor> sw(boolean two) {
        return two ? List.of(t(W1, W1_SHAPE), t(W2, W2_SHAPE)) : List.of(t(W1, W1_SHAPE));
    }

    private static void assertLogs(Map<String, ?> actual, String[] keys, double[][] expected) {
        assertThat(actual.keySet()).containsExactly(keys); // sorted, as Keras's
        for (int k = 0; k < keys.length; k++) {
            Object v = actual.get(keys[k]);
            List<?> values = v instanceof List<?> l ? l : List.of(v);
            assertThat(values).as(keys[k]).hasSize(expected[k].length);
            for (int e = 0; e < values.size(); e++) {
                assertThat((Double) values.get(e)).as("%s[%d]", keys[k], e).isCloseTo(expected[k][e],
                        within(TOL + TOL * Math.abs(expected[k][e])));
            }
        }
    }

    /** Fits 2 epochs with sample weights and evaluates with and without them, as the golden script does. */
    private static void fitAndEvaluate(Model m, boolean two, String[][] keys, double[][][] logs) {
        List<Tensor> x = List.of(t(X, X_SHAPE));
        var h = m.fit(x, y(two), new FitOptions().sampleWeight(sw(two)).batchSize(4).epochs(2).shuffle(false)
                .verbose(0));
        assertLogs(h.history(), keys[0], logs[0]);
        assertLogs(m.evaluate(x, y(two), new EvaluateOptions().sampleWeight(sw(two)).batchSize(4).verbose(0)),
                keys[1], logs[1]);
        assertLogs(m.evaluate(x, y(two), new EvaluateOptions().batchSize(4).verbose(0)), keys[2], logs[2]);
    }

    private static CompileOptions mse2() {
        return new CompileOptions().losses("mse", "mse");
    }

    @Test
    void aListIsOneEntryPerOutputAndAnEntryMayBeAList() {
        Model m = model(true, LIST_WEIGHTS, LIST_WEIGHT_SHAPES);
        m.compile(new SGD(0.05f), mse2().metrics("mae", "mse").weightedMetrics("mse", List.of("mae", "mse")));
        fitAndEvaluate(m, true, new String[][] {LIST_HISTORY_KEYS, LIST_EVAL_WEIGHTED_KEYS, LIST_EVAL_KEYS},
                new double[][][] {LIST_HISTORY, LIST_EVAL_WEIGHTED, LIST_EVAL});
    }

    @Test
    void aListOfListsIsOneListPerOutput() {
        Model m = model(true, LISTS_WEIGHTS, LISTS_WEIGHT_SHAPES);
        m.compile(new SGD(0.05f), mse2().metricsPerOutput(List.of(List.of("mae"), List.of("mse", "mae"))));
        fitAndEvaluate(m, true, new String[][] {LISTS_HISTORY_KEYS, LISTS_EVAL_WEIGHTED_KEYS, LISTS_EVAL_KEYS},
                new double[][][] {LISTS_HISTORY, LISTS_EVAL_WEIGHTED, LISTS_EVAL});
    }

    @Test
    void aMapGivesMetricsToTheOutputsItNames() {
        Model m = model(true, DICT_WEIGHTS, DICT_WEIGHT_SHAPES);
        m.compile(new SGD(0.05f), mse2().metrics(Map.of("output_2", List.of("mae", "mse")))
                .weightedMetrics(Map.of("output_1", List.of("mae"))));
        fitAndEvaluate(m, true, new String[][] {DICT_HISTORY_KEYS, DICT_EVAL_WEIGHTED_KEYS, DICT_EVAL_KEYS},
                new double[][][] {DICT_HISTORY, DICT_EVAL_WEIGHTED, DICT_EVAL});
    }

    @Test
    void aNullEntryGivesItsOutputNoMetric() {
        Model m = model(true, NONE_ENTRY_WEIGHTS, NONE_ENTRY_WEIGHT_SHAPES);
        m.compile(new SGD(0.05f), mse2().metrics(null, "mae").weightedMetrics("mae", null));
        fitAndEvaluate(m, true, new String[][] {NONE_ENTRY_HISTORY_KEYS, NONE_ENTRY_EVAL_WEIGHTED_KEYS,
                NONE_ENTRY_EVAL_KEYS}, new double[][][] {NONE_ENTRY_HISTORY, NONE_ENTRY_EVAL_WEIGHTED, NONE_ENTRY_EVAL});
    }

    @Test
    void aNameTakenTwiceGetsUnderscoreOneAndAWeightedTwinIsPrefixed() {
        Model m = model(true, TWICE_WEIGHTS, TWICE_WEIGHT_SHAPES);
        m.compile(new SGD(0.05f), mse2().metricsPerOutput(List.of(List.of("mae"), List.of("mae", "mae")))
                .weightedMetricsPerOutput(List.of(List.of("mae"), List.of("mae"))));
        fitAndEvaluate(m, true, new String[][] {TWICE_HISTORY_KEYS, TWICE_EVAL_WEIGHTED_KEYS, TWICE_EVAL_KEYS},
                new double[][][] {TWICE_HISTORY, TWICE_EVAL_WEIGHTED, TWICE_EVAL});
    }

    @Test
    void forOneOutputEveryMetricGivenAppliesToIt() {
        Model m = model(false, SINGLE_WEIGHTS, SINGLE_WEIGHT_SHAPES);
        m.compile(new SGD(0.05f), new CompileOptions().loss("mse").metricsPerOutput(List.of(List.of("mae"),
                List.of("mse"))).weightedMetrics(Map.of("z", List.of("mae"))));
        fitAndEvaluate(m, false, new String[][] {SINGLE_HISTORY_KEYS, SINGLE_EVAL_WEIGHTED_KEYS, SINGLE_EVAL_KEYS},
                new double[][][] {SINGLE_HISTORY, SINGLE_EVAL_WEIGHTED, SINGLE_EVAL});
    }

    @Test
    void aListOfAnotherLengthOrAnUnknownOutputIsKerassError() {
        // Keras's text, for the record: its explanation and what it received
        assertThat(ERROR_ONE_FOR_TWO).contains("Invalid `metrics`. `metrics` should contain metrics objects and "
                + "either be a dict or a list matching the output names").contains("Received: metrics=['mae']");
        List<Tensor> x = List.of(t(X, X_SHAPE));
        Model m = model(true, null, null);
        m.compile(new SGD(0.05f), mse2().metrics("mae"));
        assertThatThrownBy(() -> m.evaluate(x, y(true), new EvaluateOptions().verbose(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid `metrics`: a list of 1 entry for 2 outputs")
                .hasMessageContaining("`metrics` should contain metrics and either be a dict or a list matching the "
                        + "output names of the model [output_1, output_2] or match the output structure of the "
                        + "model: [X, X]. Received: metrics=[mae]");
        m.compile(new SGD(0.05f), mse2().weightedMetrics("mae", "mse", "mae"));
        assertThatThrownBy(() -> m.fit(x, y(true), new FitOptions().verbose(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid `weighted_metrics`: a list of 3 entries for 2 outputs")
                .hasMessageContaining("Received: weighted_metrics=[mae, mse, mae]");
        m.compile(new SGD(0.05f), mse2().metrics(Map.of("output_3", List.of("mae"))));
        assertThatThrownBy(() -> m.evaluate(x, y(true), new EvaluateOptions().verbose(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("they are given for output(s) [output_3] the model does not have")
                .hasMessageContaining("Received: metrics={output_3=[mae]}");
        m.compile(new SGD(0.05f), mse2().metricsPerOutput(List.of(List.of("mae"))));
        assertThatThrownBy(() -> m.evaluate(x, y(true), new EvaluateOptions().verbose(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a list of 1 entry for 2 outputs");
        assertThatThrownBy(() -> new CompileOptions().metrics("mae", List.of(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Keras metric name or a Metric");
    }

    private static Path kerasFile() {
        try {
            return Path.of(MultiOutputMetricsTest.class.getResource("/keras-golden/train14_multi_metrics.keras")
                    .toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aKerasSavedListOfMetricsLoadsAsKerasMapsItAndWritesBackAsKerasWroteIt() {
        List<String> warnings = new ArrayList<>();
        Model m = Saving.loadModel(kerasFile(), new LoadOptions().warnings(warnings::add));
        assertThat(warnings).isEmpty();
        CompileOptions co = m.compileOptions().orElseThrow();
        assertThat(co.metrics()).containsExactly("mae", "mse");
        assertThat(co.weightedMetrics()).containsExactly("mse", List.of("mae", "mse"));
        List<Tensor> x = List.of(t(X, X_SHAPE));
        assertLogs(m.evaluate(x, y(true), new EvaluateOptions().sampleWeight(sw(true)).batchSize(4).verbose(0)),
                LIST_EVAL_WEIGHTED_KEYS, LIST_EVAL_WEIGHTED);
        Map<?, ?> theirs = (Map<?, ?>) KerasConfig.parseJson(LIST_COMPILE_CONFIG);
        Map<String, Object> ours = KerasConfig.compileConfig(m);
        for (String key : List.of("loss", "metrics", "weighted_metrics")) {
            assertThat(KerasConfig.toJson(ours.get(key))).as(key).isEqualTo(KerasConfig.toJson(theirs.get(key)));
        }
    }

    @Test
    void aKerasListWithAMetricStrataLacksKeepsTheOtherOutputsMetricsInPlace() {
        List<String> warnings = new ArrayList<>();
        Model m = model(true, null, null);
        Map<String, Object> c = new LinkedHashMap<>(KerasConfig.compileConfig(compiled(m)));
        c.put("metrics", Arrays.asList("no_such_metric", "mae"));
        KerasConfig.compileFromConfig(m, c, new LoadOptions().warnings(warnings::add));
        assertThat(warnings).singleElement().asString().contains("metrics[0]").contains("no_such_metric");
        assertThat(m.compileOptions().orElseThrow().metrics()).containsExactly(null, "mae");
        Map<String, Double> logs = m.evaluate(List.of(t(X, X_SHAPE)), y(true), new EvaluateOptions().verbose(0));
        assertThat(logs.keySet()).containsExactly("loss", "output_1_loss", "output_2_loss", "output_2_mae");
    }

    private static Model compiled(Model m) {
        m.compile(new SGD(0.05f), mse2());
        return m;
    }

    /**
     * Written for {@code tools/keras-interop/check_saved.py}: Python Keras loads the file, compiles it from Strata's
     * compile config and evaluates to the same logs.
     */
    @Test
    void aStrataSavedListOfMetricsEvaluatesInKerasToTheSameLogs() throws Exception {
        Model m = model(true, LIST_WEIGHTS, LIST_WEIGHT_SHAPES);
        m.compile(new SGD(0.05f), mse2().metrics("mae", List.of("mse", "mae")).weightedMetrics(null, "mse"));
        List<Tensor> x = List.of(t(X, X_SHAPE));
        EvaluateOptions weighted = new EvaluateOptions().sampleWeight(sw(true)).batchSize(4).verbose(0);
        Map<String, Double> logs = m.evaluate(x, y(true), weighted);
        assertThat(logs.keySet()).containsExactly("loss", "output_1_loss", "output_1_mae", "output_2_loss",
                "output_2_mae", "output_2_mse", "output_2_weighted_mse");
        Path dir = Path.of("target", "keras-saved-multi-metrics");
        Files.createDirectories(dir);
        Path file = dir.resolve("multi_metrics.keras");
        m.save(file);
        Model back = Saving.loadModel(file);
        assertThat(back.compileOptions().orElseThrow().metrics()).containsExactly("mae", List.of("mse", "mae"));
        assertThat(back.evaluate(x, y(true), weighted)).isEqualTo(logs);

        Path weights = dir.resolve("multi_metrics.weights.h5");
        m.saveWeights(weights);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", file.getFileName().toString());
        doc.put("weights_file", weights.getFileName().toString());
        doc.put("inputs", List.of(dev.strata.internal.config.KerasForms.nested(x.getFirst())));
        doc.put("outputs", m.predict(x).stream().map(dev.strata.internal.config.KerasForms::nested).toList());
        doc.put("listing", dev.strata.internal.io.KerasArchive.read(file).weights().listing());
        Map<String, Object> evaluate = new LinkedHashMap<>();
        evaluate.put("y", y(true).stream().map(dev.strata.internal.config.KerasForms::nested).toList());
        evaluate.put("sample_weight", sw(true).stream().map(dev.strata.internal.config.KerasForms::nested).toList());
        evaluate.put("batch_size", 4);
        evaluate.put("logs", logs);
        doc.put("evaluate", evaluate);
        Files.writeString(dir.resolve("multi_metrics.json"), KerasConfig.toJson(doc));
    }
}
