package dev.strata.models;

import static dev.strata.models.WeightedMetricsGolden.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.Strata;
import dev.strata.data.Batch;
import dev.strata.data.Dataset;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.metrics.MeanSquaredError;
import dev.strata.optimizers.SGD;
import dev.strata.saving.LoadOptions;
import dev.strata.saving.Saving;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import dev.strata.training.EvaluateOptions;
import dev.strata.training.FitOptions;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * compile's {@code weightedMetrics} against Keras 3's fit and evaluate logs ({@link WeightedMetricsGolden}, from
 * {@code tools/golden/train14_weighted.py}): metrics without the sample or class weights, weighted metrics with them,
 * Keras's log names ({@code weighted_<name>}, {@code <output>_weighted_<name>}), one and several outputs, weighted
 * validation data, metric objects; a Keras-saved model compiled with weighted metrics loads with them.
 */
class WeightedMetricsTest {
    /** float32 training over a few steps: Keras's and Strata's sums differ in the last bits. */
    private static final double TOL = 2e-5;

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static Tensor t(float[] data, int[] shape) {
        return Tensor.of(data, shape);
    }

    private static Sequential sequential(int units, String activation, String name) {
        // (name: Keras's, for the record; a Sequential with an input is built, so it keeps its own)
        return new Sequential(new InputLayer(3), new Dense(4, "relu"), activation == null ? new Dense(units)
                : new Dense(units, activation));
    }

    private static void setWeights(Model m, float[][] values, int[][] shapes) {
        List<Tensor> ws = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            ws.add(t(values[i], shapes[i]));
        }
        m.setWeights(ws);
    }

    private static void assertLogs(Map<String, ?> actual, String[] keys, double[][] expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrder(keys);
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

    @Test
    void singleOutputWeighsOnlyTheWeightedMetricsAndNamesTheTwinWeighted() {
        Sequential m = sequential(1, null, "single");
        m.compile(new SGD(0.05f), new CompileOptions().loss("mse").metrics("mae").weightedMetrics("mae", "mse"));
        setWeights(m, SINGLE_WEIGHTS, SINGLE_WEIGHT_SHAPES);
        Tensor x = t(SINGLE_X, SINGLE_X_SHAPE);
        Tensor y = t(SINGLE_Y, SINGLE_Y_SHAPE);
        Tensor w = t(SINGLE_W, SINGLE_W_SHAPE);
        var h = m.fit(List.of(x), List.of(y), new FitOptions().sampleWeight(w).batchSize(4).epochs(2).shuffle(false)
                .verbose(0).validationData(List.of(t(SINGLE_XV, SINGLE_XV_SHAPE)), List.of(t(SINGLE_YV,
                        SINGLE_YV_SHAPE)), List.of(t(SINGLE_WV, SINGLE_WV_SHAPE))));
        assertLogs(h.history(), SINGLE_HISTORY_KEYS, SINGLE_HISTORY);
        assertLogs(m.evaluate(x, y, new EvaluateOptions().sampleWeight(w).batchSize(4).verbose(0)),
                SINGLE_EVAL_WEIGHTED_KEYS, SINGLE_EVAL_WEIGHTED);
        assertLogs(m.evaluate(x, y, new EvaluateOptions().batchSize(4).verbose(0)), SINGLE_EVAL_KEYS, SINGLE_EVAL);
    }

    @Test
    void aDatasetWhoseBatchesHoldWeightsLogsAsArraysDo() {
        Sequential m = sequential(1, null, "single");
        m.compile(new SGD(0.05f), new CompileOptions().loss("mse").metrics("mae").weightedMetrics("mae", "mse"));
        setWeights(m, SINGLE_WEIGHTS, SINGLE_WEIGHT_SHAPES);
        Dataset<Batch> train = Dataset.fromTensorSlices(new Batch(List.of(t(SINGLE_X, SINGLE_X_SHAPE)),
                List.of(t(SINGLE_Y, SINGLE_Y_SHAPE)), List.of(t(SINGLE_W, SINGLE_W_SHAPE)))).batch(4);
        Dataset<Batch> val = Dataset.fromTensorSlices(new Batch(List.of(t(SINGLE_XV, SINGLE_XV_SHAPE)),
                List.of(t(SINGLE_YV, SINGLE_YV_SHAPE)), List.of(t(SINGLE_WV, SINGLE_WV_SHAPE)))).batch(4);
        var h = m.fit(train, new FitOptions().epochs(2).shuffle(false).verbose(0).validationData(val));
        assertLogs(h.history(), SINGLE_HISTORY_KEYS, SINGLE_HISTORY);
    }

    @Test
    void classWeightsWeighTheWeightedMetricsOfTrainingOnly() {
        Sequential m = sequential(1, "sigmoid", "class_weight");
        m.compile(new SGD(0.1f), new CompileOptions().loss("binary_crossentropy").metrics("accuracy")
                .weightedMetrics("accuracy", "binary_crossentropy"));
        setWeights(m, CLASS_WEIGHTS, CLASS_WEIGHT_SHAPES);
        var h = m.fit(t(CLASS_X, CLASS_X_SHAPE), t(CLASS_Y, CLASS_Y_SHAPE), new FitOptions()
                .classWeight(Map.of(0, 1.0, 1, 3.0)).batchSize(4).epochs(2).shuffle(false).verbose(0)
                .validationData(t(CLASS_XV, CLASS_XV_SHAPE), t(CLASS_YV, CLASS_YV_SHAPE)));
        assertLogs(h.history(), CLASS_HISTORY_KEYS, CLASS_HISTORY);
    }

    private static Model multi() {
        Tensor in = Input.of("x", 3);
        Tensor hidden = new Dense(4, "relu").named("h").apply(in);
        Model m = Model.of(List.of(in), List.of(new Dense(1).named("a").apply(hidden),
                new Dense(2).named("b").apply(hidden)));
        setWeights(m, MULTI_WEIGHTS, MULTI_WEIGHT_SHAPES);
        return m;
    }

    @Test
    void severalOutputsTakeWeightedMetricsPerOutputWithTheirOwnWeights() {
        Model m = multi();
        m.compile(new SGD(0.05f), new CompileOptions().losses("mse", "mse").lossWeights(1.0, 0.5)
                .metrics(Map.of("a", List.of("mae")))
                .weightedMetricsPerOutput(List.of(List.of("mae"), List.of("mae", "mse"))));
        Tensor x = t(MULTI_X, MULTI_X_SHAPE);
        List<Tensor> y = List.of(t(MULTI_YA, MULTI_YA_SHAPE), t(MULTI_YB, MULTI_YB_SHAPE));
        Tensor wa = t(MULTI_WA, MULTI_WA_SHAPE);
        var h = m.fit(List.of(x), y, new FitOptions().sampleWeight(List.of(wa, t(MULTI_WB, MULTI_WB_SHAPE)))
                .batchSize(4).epochs(2).shuffle(false).verbose(0));
        assertLogs(h.history(), MULTI_HISTORY_KEYS, MULTI_HISTORY);
        // one weight vector for two outputs weighs both, as Keras repeats it
        assertLogs(m.evaluate(List.of(x), y, new EvaluateOptions().sampleWeight(wa).batchSize(4).verbose(0)),
                MULTI_EVAL_ONE_WEIGHT_KEYS, MULTI_EVAL_ONE_WEIGHT);
        assertLogs(m.evaluate(List.of(x), y, new EvaluateOptions().sampleWeight(List.of(wa, t(MULTI_WB,
                MULTI_WB_SHAPE))).batchSize(4).verbose(0)), MULTI_EVAL_SAVED_KEYS, MULTI_EVAL_SAVED);
    }

    @Test
    void metricObjectsKeepTheirNamesAndAWeightedTwinIsPrefixed() {
        Sequential m = sequential(1, null, "objects");
        m.compile(new SGD(0.05f), new CompileOptions().loss("mse").metrics(new MeanSquaredError("msq"))
                .weightedMetrics("mae", new MeanSquaredError("msq")));
        setWeights(m, OBJECTS_WEIGHTS, OBJECTS_WEIGHT_SHAPES);
        var h = m.fit(t(OBJECTS_X, OBJECTS_X_SHAPE), t(OBJECTS_Y, OBJECTS_Y_SHAPE), new FitOptions()
                .sampleWeight(t(OBJECTS_W, OBJECTS_W_SHAPE)).batchSize(4).epochs(1).shuffle(false).verbose(0));
        assertLogs(h.history(), OBJECTS_HISTORY_KEYS, OBJECTS_HISTORY);
    }

    private static Path kerasFile() {
        try {
            return Path.of(WeightedMetricsTest.class.getResource("/keras-golden/train14_weighted.keras").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aKerasSavedModelWithWeightedMetricsLoadsWithThemAndEvaluatesToKerassLogs() {
        List<String> warnings = new ArrayList<>();
        Model m = Saving.loadModel(kerasFile(), new LoadOptions().warnings(warnings::add));
        assertThat(warnings).isEmpty();
        CompileOptions co = m.compileOptions().orElseThrow();
        assertThat(co.metricsByName()).isEqualTo(Map.of("a", List.of("mae")));
        assertThat(co.weightedMetricsByPosition()).isEqualTo(List.of(List.of("mae"), List.of("mae", "mse")));
        Tensor x = t(MULTI_X, MULTI_X_SHAPE);
        List<Tensor> y = List.of(t(MULTI_YA, MULTI_YA_SHAPE), t(MULTI_YB, MULTI_YB_SHAPE));
        assertLogs(m.evaluate(List.of(x), y, new EvaluateOptions().sampleWeight(List.of(t(MULTI_WA, MULTI_WA_SHAPE),
                t(MULTI_WB, MULTI_WB_SHAPE))).batchSize(4).verbose(0)), MULTI_EVAL_SAVED_KEYS, MULTI_EVAL_SAVED);
    }

    @Test
    void strataWritesKerassCompileConfigForTheSameCompile() throws Exception {
        Model m = multi();
        m.compile(new SGD(0.05f), new CompileOptions().losses("mse", "mse").lossWeights(1.0, 0.5)
                .metrics(Map.of("a", List.of("mae")))
                .weightedMetricsPerOutput(List.of(List.of("mae"), List.of("mae", "mse"))));
        Map<String, Object> ours = dev.strata.saving.KerasConfig.compileConfig(m);
        Map<?, ?> theirs = (Map<?, ?>) ((Map<?, ?>) dev.strata.saving.KerasConfig.parseJson(
                dev.strata.internal.io.KerasArchive.read(kerasFile()).configJson())).get("compile_config");
        for (String key : List.of("loss", "loss_weights", "metrics", "weighted_metrics")) {
            assertThat(dev.strata.saving.KerasConfig.toJson(ours.get(key))).as(key)
                    .isEqualTo(dev.strata.saving.KerasConfig.toJson(theirs.get(key)));
        }
    }

    /** Written for {@code tools/keras-interop/check_saved.py}: Python Keras loads and compiles it. */
    @Test
    void aStrataSavedModelWithWeightedMetricsLoadsBackWithThem() throws Exception {
        Model m = multi();
        Map<String, List<?>> byName = new LinkedHashMap<>();
        byName.put("b", List.of("mae", new MeanSquaredError("msq")));
        m.compile(new SGD(0.05f), new CompileOptions().losses("mse", "mse").metrics(Map.of("a", List.of("mae")))
                .weightedMetrics(byName));
        Tensor x = t(MULTI_X, MULTI_X_SHAPE);
        List<Tensor> y = List.of(t(MULTI_YA, MULTI_YA_SHAPE), t(MULTI_YB, MULTI_YB_SHAPE));
        EvaluateOptions weighted = new EvaluateOptions().sampleWeight(List.of(t(MULTI_WA, MULTI_WA_SHAPE),
                t(MULTI_WB, MULTI_WB_SHAPE))).batchSize(4).verbose(0);
        Map<String, Double> logs = m.evaluate(List.of(x), y, weighted);
        assertThat(logs.keySet()).containsExactly("a_loss", "a_mae", "b_loss", "b_mae", "b_msq", "loss");
        Path dir = Path.of("target", "keras-saved-weighted");
        java.nio.file.Files.createDirectories(dir);
        Path file = dir.resolve("weighted_metrics.keras");
        m.save(file);
        Model back = Saving.loadModel(file);
        assertThat(back.compileOptions().orElseThrow().weightedMetricsByName().get("b")).hasSize(2);
        assertThat(back.evaluate(List.of(x), y, weighted)).isEqualTo(logs);

        Path weights = dir.resolve("weighted_metrics.weights.h5");
        m.saveWeights(weights);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", file.getFileName().toString());
        doc.put("weights_file", weights.getFileName().toString());
        doc.put("inputs", List.of(dev.strata.internal.config.KerasForms.nested(x)));
        doc.put("outputs", m.predict(List.of(x)).stream().map(dev.strata.internal.config.KerasForms::nested).toList());
        doc.put("listing", dev.strata.internal.io.KerasArchive.read(file).weights().listing());
        java.nio.file.Files.writeString(dir.resolve("weighted_metrics.json"), dev.strata.saving.KerasConfig.toJson(doc));
    }

    @Test
    void aMetricObjectGivenTwiceOrForUnknownOutputsIsAClearError() {
        MeanSquaredError shared = new MeanSquaredError("msq");
        Sequential s = sequential(1, null, "twice");
        s.compile(new SGD(0.05f), new CompileOptions().loss("mse").metrics(shared).weightedMetrics(shared));
        assertThatThrownBy(() -> s.fit(Tensor.ones(4, 3), Tensor.ones(4, 1), new FitOptions().verbose(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("msq")
                .hasMessageContaining("given twice");
        Model m = multi();
        Map<String, List<?>> byName = new LinkedHashMap<>();
        byName.put("c", List.of("mae"));
        m.compile(new SGD(0.05f), new CompileOptions().loss("mse").weightedMetrics(byName));
        List<Tensor> y = List.of(Tensor.ones(4, 1), Tensor.ones(4, 2));
        assertThatThrownBy(() -> m.fit(List.of(Tensor.ones(4, 3)), y, new FitOptions().verbose(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid `weighted_metrics`: they are given for output(s) [c] the model does "
                        + "not have").hasMessageContaining("[a, b]");
        m.compile(new SGD(0.05f), new CompileOptions().loss("mse").weightedMetricsPerOutput(List.of(List.of("mae"))));
        assertThatThrownBy(() -> m.fit(List.of(Tensor.ones(4, 3)), y, new FitOptions().verbose(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid `weighted_metrics`: a list of 1 entry for 2 outputs");
        // Keras 3: one metric in a list for two outputs is not that metric for each (nor one object shared)
        m.compile(new SGD(0.05f), new CompileOptions().loss("mse").weightedMetrics(new MeanSquaredError()));
        assertThatThrownBy(() -> m.fit(List.of(Tensor.ones(4, 3)), y, new FitOptions().verbose(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid `weighted_metrics`: a list of 1 entry for 2 outputs");
        assertThatThrownBy(() -> new CompileOptions().weightedMetrics(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Keras metric name or a Metric");
    }
}
