package dev.strata.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.ShapeException;
import dev.strata.autodiff.GradientTape;
import dev.strata.graph.Graph;
import dev.strata.losses.Losses;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keras's docstring examples, accumulation and reset, names, configs and the registry of {@link Metrics}. */
class MetricsTest {
    private static final int U = Shape.UNKNOWN;

    private static Tensor t(float[][] rows) {
        return Tensor.of(rows);
    }

    private static Tensor v(float... values) {
        return Tensor.of(values, values.length);
    }

    /** The docstring pattern: a fresh result, then after reset_state() the same batch with weights. */
    private static void docstring(Metric m, Tensor yTrue, Tensor yPred, Tensor weight, double unweighted,
                                  double weighted) {
        m.update(yTrue, yPred);
        assertThat(m.result()).as("%s", m).isCloseTo(unweighted, within(1e-6));
        m.reset();
        m.update(yTrue, yPred, weight);
        assertThat(m.result()).as("%s weighted", m).isCloseTo(weighted, within(1e-6));
    }

    @Test
    void kerasDocstringExamples() {
        Tensor reg1 = t(new float[][] {{0, 1}, {0, 0}});
        Tensor reg2 = t(new float[][] {{1, 1}, {0, 0}});
        Tensor w10 = v(1, 0);
        docstring(new RootMeanSquaredError(), reg1, reg2, w10, 0.5, 0.70710677);
        docstring(new MeanAbsoluteError(), reg1, reg2, w10, 0.25, 0.5);
        docstring(new MeanSquaredLogarithmicError(), reg1, reg2, w10, 0.12011322, 0.24022643);
        docstring(new LogCoshError(), reg1, reg2, w10, 0.10844523, 0.21689045);
        Metric mape = new MeanAbsolutePercentageError();
        mape.update(reg1, reg2);
        assertThat(mape.result()).isCloseTo(250000000.0, within(1.0));
        Metric mse = new MeanSquaredError();
        mse.update(reg1, reg2);
        assertThat(mse.result()).isEqualTo(0.25);

        Tensor ints = t(new float[][] {{1}, {2}, {3}, {4}});
        docstring(new Accuracy(), ints, t(new float[][] {{0}, {2}, {3}, {4}}), v(1, 1, 0, 0), 0.75, 0.5);
        docstring(new BinaryAccuracy(), t(new float[][] {{1}, {1}, {0}, {0}}),
                t(new float[][] {{0.98f}, {1}, {0}, {0.6f}}), v(1, 0, 0, 1), 0.75, 0.5);
        docstring(new CategoricalAccuracy(), t(new float[][] {{0, 0, 1}, {0, 1, 0}}),
                t(new float[][] {{0.1f, 0.9f, 0.8f}, {0.05f, 0.95f, 0}}), v(0.7f, 0.3f), 0.5, 0.3);
        docstring(new SparseCategoricalAccuracy(), t(new float[][] {{2}, {1}}),
                t(new float[][] {{0.1f, 0.6f, 0.3f}, {0.05f, 0.95f, 0}}), v(0.7f, 0.3f), 0.5, 0.3);
        docstring(new BinaryCrossentropy(), t(new float[][] {{0, 1}, {0, 0}}),
                t(new float[][] {{0.6f, 0.4f}, {0.4f, 0.6f}}), w10, 0.81492424, 0.9162905);

        Mean mean = new Mean();
        mean.updateState(v(1, 3, 5, 7));
        assertThat(mean.result()).isEqualTo(4.0);
        mean.reset();
        mean.updateState(v(1, 3, 5, 7), v(1, 1, 0, 0));
        assertThat(mean.result()).isEqualTo(2.0);
    }

    @Test
    void accumulatesOverBatchesWithWeightsAndResets() {
        RootMeanSquaredError rmse = new RootMeanSquaredError();
        assertThat(rmse.result()).isZero();
        rmse.update(v(0, 0, 0), v(1, 2, 3));                       // squared errors 1, 4, 9
        rmse.update(v(0, 0), v(2, 2), v(3, 0.5f));                 // 4·3 + 4·0.5
        assertThat(rmse.result()).isCloseTo(Math.sqrt((1 + 4 + 9 + 12 + 2) / (3 + 3.5)), within(1e-12));
        rmse.update(v(0), v(10), v(0));                            // zero weight: no effect
        assertThat(rmse.result()).isCloseTo(Math.sqrt(28 / 6.5), within(1e-12));
        rmse.reset();
        assertThat(rmse.result()).isZero();
        rmse.update(v(1), v(4));
        assertThat(rmse.result()).isEqualTo(3.0);

        // many small batches: double sums, exact for integers
        Metric acc = new BinaryAccuracy();
        for (int i = 0; i < 1000; i++) {
            acc.update(v(1, 0, 1), v(0.9f, 0.2f, i % 2 == 0 ? 0.4f : 0.6f));
        }
        assertThat(acc.result()).isEqualTo(2500.0 / 3000.0);
    }

    @Test
    void meanRejectsTargetsAndSymbolicInputs() {
        Mean mean = new Mean("loss_mean");
        assertThatThrownBy(() -> mean.update(v(1), v(2)))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("metric 'loss_mean' (Mean) averages values and has no targets: call "
                        + "updateState(values)");
        assertThatThrownBy(() -> new MeanSquaredError().update(Graph.input(Shape.of(U, 1), "y"), v(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric 'mean_squared_error': yTrue is symbolic (None, 1); metrics are computed on "
                        + "concrete values, after the model has run");
        assertThatThrownBy(() -> mean.updateState(v(1, 2, 3), Tensor.ones(3, 2)))
                .isInstanceOf(ShapeException.class)
                .hasMessageStartingWith("metric 'loss_mean': sample weights (3, 2) cannot be broadcast to the "
                        + "per-sample values (3,)");
    }

    @Test
    void wrapperAveragesAnyPerSampleFunction() {
        MeanMetricWrapper m = new MeanMetricWrapper(Losses::meanAbsoluteError, "l1");
        m.update(t(new float[][] {{0, 0}, {1, 1}}), t(new float[][] {{1, 3}, {1, 1}}), v(1, 3));
        assertThat(m.result()).isEqualTo(2.0 / 4);
        assertThat(m.name()).isEqualTo("l1");
        assertThat(new MeanMetricWrapper(Losses::meanAbsoluteError).name()).isEqualTo("mean_metric_wrapper");
        assertThat(m).isInstanceOf(Mean.class);
    }

    @Test
    void updatesInsideATapeRecordNothing() {
        Variable w = new Variable(Tensor.of(new float[] {2}, 1));
        Metric m = new MeanSquaredError();
        try (GradientTape tape = GradientTape.record()) {
            Tensor pred = Ops.multiply(w, 3f);
            m.update(v(1), pred);
            Tensor loss = Ops.sum(pred);
            assertThat(tape.gradient(loss, w).toFloatArray()).containsExactly(3f);
        }
        assertThat(m.result()).isEqualTo(25.0);
    }

    @ParameterizedTest(name = "{0} -> {1} named {2}")
    @CsvSource({
        "mse, MeanSquaredError, mse",
        "MSE, MeanSquaredError, MSE",
        "mean_squared_error, MeanSquaredError, mean_squared_error",
        "MeanSquaredError, MeanSquaredError, MeanSquaredError",
        "RootMeanSquaredError, RootMeanSquaredError, RootMeanSquaredError",
        "root_mean_squared_error, RootMeanSquaredError, root_mean_squared_error",
        "mae, MeanAbsoluteError, mae",
        "MAE, MeanAbsoluteError, MAE",
        "mape, MeanAbsolutePercentageError, mape",
        "msle, MeanSquaredLogarithmicError, msle",
        "log_cosh_error, LogCoshError, log_cosh_error",
        "binary_accuracy, BinaryAccuracy, binary_accuracy",
        "categorical_accuracy, CategoricalAccuracy, categorical_accuracy",
        "SparseCategoricalAccuracy, SparseCategoricalAccuracy, SparseCategoricalAccuracy",
        "bce, BinaryCrossentropy, bce",
        "binary_crossentropy, BinaryCrossentropy, binary_crossentropy",
        "categorical_crossentropy, CategoricalCrossentropy, categorical_crossentropy",
        "sparse_categorical_crossentropy, SparseCategoricalCrossentropy, sparse_categorical_crossentropy",
    })
    void compileResolutionNamesTheMetricWithTheStringGiven(String id, String type, String name) {
        Metric m = Metrics.get(id, Shape.of(U, 1), Shape.of(U, 1));
        assertThat(m.getClass().getSimpleName()).isEqualTo(type);
        assertThat(m.name()).isEqualTo(name);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "mse, mean_squared_error",
        "MeanSquaredError, mean_squared_error",
        "RootMeanSquaredError, root_mean_squared_error",
        "mae, mean_absolute_error",
        "mape, mean_absolute_percentage_error",
        "msle, mean_squared_logarithmic_error",
        "LogCoshError, logcosh",
        "accuracy, accuracy",
        "Accuracy, accuracy",
        "binary_accuracy, binary_accuracy",
        "CategoricalAccuracy, categorical_accuracy",
        "sparse_categorical_accuracy, sparse_categorical_accuracy",
        "BCE, binary_crossentropy",
        "CategoricalCrossentropy, categorical_crossentropy",
        "SparseCategoricalCrossentropy, sparse_categorical_crossentropy",
    })
    void kerasMetricsGetKeepsDefaultNames(String id, String name) {
        assertThat(Metrics.get(id).name()).isEqualTo(name);
    }

    @Test
    void accuracyIsChosenFromTheShapes() {
        // binary: y_pred's last dimension is 1
        assertAccuracy("accuracy", Shape.of(U, 1), Shape.of(U, 1), BinaryAccuracy.class);
        assertAccuracy("acc", Shape.of(U), Shape.of(U, 1), BinaryAccuracy.class);
        // sparse: y_true of lower rank, or y_true's last dimension 1 while y_pred's is larger
        assertAccuracy("accuracy", Shape.of(U), Shape.of(U, 10), SparseCategoricalAccuracy.class);
        assertAccuracy("acc", Shape.of(U, 1), Shape.of(U, 10), SparseCategoricalAccuracy.class);
        assertAccuracy("accuracy", Shape.of(U, 5), Shape.of(U, 5, 10), SparseCategoricalAccuracy.class);
        // categorical otherwise
        assertAccuracy("accuracy", Shape.of(U, 10), Shape.of(U, 10), CategoricalAccuracy.class);
        assertAccuracy("acc", Shape.of(U, U), Shape.of(U, U), CategoricalAccuracy.class);
        // the check is case-insensitive and the metric keeps the string as its name (Keras's str(identifier))
        assertAccuracy("Accuracy", Shape.of(U, 1), Shape.of(U, 1), BinaryAccuracy.class);
        assertAccuracy("ACC", Shape.of(U, 3), Shape.of(U, 3), CategoricalAccuracy.class);
    }

    private static void assertAccuracy(String id, Shape yTrue, Shape yPred, Class<? extends Metric> type) {
        Metric m = Metrics.get(id, yTrue, yPred);
        assertThat(m).as("%s for %s / %s", id, yTrue, yPred).isInstanceOf(type);
        assertThat(m.name()).isEqualTo(id);
    }

    @Test
    void autoSelectedAccuraciesCompute() {
        Metric binary = Metrics.get("accuracy", Shape.of(U, 1), Shape.of(U, 1));
        binary.update(t(new float[][] {{1}, {0}}), t(new float[][] {{0.7f}, {0.5f}}));
        assertThat(binary.result()).isEqualTo(1.0); // 0.5 is not > 0.5
        Metric sparse = Metrics.get("acc", Shape.of(U), Shape.of(U, 3));
        sparse.update(v(2, 0), t(new float[][] {{0, 1, 5}, {1, 1, 0}})); // ties: the first index wins
        assertThat(sparse.result()).isEqualTo(1.0);
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertThatThrownBy(() -> Metrics.get("rmse", Shape.of(U, 1), Shape.of(U, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown metric 'rmse'; known metrics: [")
                .hasMessageContaining("RootMeanSquaredError")
                .hasMessageContaining("root_mean_squared_error")
                .hasMessageContaining("acc");
        assertThatThrownBy(() -> Metrics.get("acc")).isInstanceOf(IllegalArgumentException.class);
        // As keras.metrics.get: every metric class by its name and snake_case (Mean too), and the aliases.
        assertThat(Metrics.names()).contains("mse", "MSE", "accuracy", "log_cosh_error", "Mean", "mean")
                .doesNotContain("acc");
        assertThat(Metrics.get("mean")).isInstanceOf(Mean.class);
    }

    @Test
    void configsAreKeras() {
        assertThat(new RootMeanSquaredError().getConfig()).isEqualTo(config("root_mean_squared_error"));
        assertThat(Metrics.get("mse", Shape.of(U, 1), Shape.of(U, 1)).getConfig()).isEqualTo(config("mse"));
        assertThat(new Mean().getConfig()).isEqualTo(config("mean"));
        Map<String, Object> binary = config("binary_accuracy");
        binary.put("threshold", 0.5);
        assertThat(new BinaryAccuracy().getConfig()).isEqualTo(binary);
        assertThat(new BinaryAccuracy("b", 0.7).threshold()).isEqualTo(0.7);
        Map<String, Object> bce = config("binary_crossentropy");
        bce.put("from_logits", false);
        bce.put("label_smoothing", 0.0);
        assertThat(new BinaryCrossentropy().getConfig()).isEqualTo(bce);
        Map<String, Object> cce = config("categorical_crossentropy");
        cce.put("from_logits", true);
        cce.put("label_smoothing", 0.1);
        cce.put("axis", -1);
        assertThat(new CategoricalCrossentropy("categorical_crossentropy", true, 0.1).getConfig()).isEqualTo(cce);
        Map<String, Object> scce = config("sparse_categorical_crossentropy");
        scce.put("from_logits", false);
        scce.put("ignore_class", null);
        scce.put("axis", -1);
        assertThat(new SparseCategoricalCrossentropy().getConfig()).isEqualTo(scce);
    }

    private static Map<String, Object> config(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("dtype", "float32");
        return m;
    }

    @Test
    void defaultNamesAreKeras() {
        List<Supplier<Metric>> all = List.of(MeanSquaredError::new, RootMeanSquaredError::new, MeanAbsoluteError::new,
                MeanAbsolutePercentageError::new, MeanSquaredLogarithmicError::new, LogCoshError::new, Accuracy::new,
                BinaryAccuracy::new, CategoricalAccuracy::new, SparseCategoricalAccuracy::new, BinaryCrossentropy::new,
                CategoricalCrossentropy::new, SparseCategoricalCrossentropy::new, Mean::new);
        assertThat(all.stream().map(s -> s.get().name()).toList()).containsExactly("mean_squared_error",
                "root_mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
                "mean_squared_logarithmic_error", "logcosh", "accuracy", "binary_accuracy", "categorical_accuracy",
                "sparse_categorical_accuracy", "binary_crossentropy", "categorical_crossentropy",
                "sparse_categorical_crossentropy", "mean");
    }

    @Test
    void accuracyFunctionsFollowKerasShapes() {
        // sparse labels with a trailing 1 give one match per sample
        assertThat(Metrics.sparseCategoricalAccuracy(t(new float[][] {{2}, {1}}),
                t(new float[][] {{0.1f, 0.6f, 0.3f}, {0.05f, 0.95f, 0}})).shape()).isEqualTo(Shape.of(2));
        assertThat(Metrics.categoricalAccuracy(t(new float[][] {{0, 0, 1}, {0, 1, 0}}),
                t(new float[][] {{0.1f, 0.9f, 0.8f}, {0.05f, 0.95f, 0}})).toFloatArray()).containsExactly(0f, 1f);
        assertThat(Metrics.binaryAccuracy(v(1, 1, 0), t(new float[][] {{0.6f}, {0.5f}, {0.4f}}), 0.5)
                .toFloatArray()).containsExactly(1f, 0f, 1f);
        // exact equality: a soft target never matches
        assertThat(Metrics.binaryAccuracy(v(0.7f), v(0.9f), 0.5).toFloatArray()).containsExactly(0f);
        assertThat(Metrics.accuracy(v(1, 2), t(new float[][] {{1}, {2.5f}})).shape()).isEqualTo(Shape.of(2, 1));
    }
}
