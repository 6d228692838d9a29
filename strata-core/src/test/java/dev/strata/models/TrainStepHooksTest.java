package dev.strata.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.callbacks.EarlyStopping;
import dev.strata.data.Batch;
import dev.strata.layers.core.Dense;
import dev.strata.metrics.Mean;
import dev.strata.metrics.MeanAbsoluteError;
import dev.strata.metrics.Metric;
import dev.strata.ops.Ops;
import dev.strata.optimizers.SGD;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import dev.strata.training.CompileOptions;
import dev.strata.training.EvaluateOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import dev.strata.training.PredictOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Customizing what happens in fit, as Keras's guide does it: overriding trainStep, testStep, predictStep,
 * computeLoss, computeMetrics and metrics, with callbacks, progress and metrics still working.
 */
class TrainStepHooksTest {
    private Tensor x;
    private Tensor y;

    @BeforeEach
    void data() {
        Strata.clearSession();
        Strata.setRandomSeed(5);
        x = Tensor.normal(Shape.of(96, 3), 0, 1);
        y = Ops.add(Ops.matmul(x, Tensor.of(new float[] {1, -2, 0.5f}, 3, 1)), 0.25f);
    }

    /** A linear model with a fixed start, so that two of them train alike. */
    static class Linear extends Model {
        final Dense dense = new Dense(1);

        @Override
        protected Tensors call(Tensors inputs) {
            return Tensors.of(dense.apply(inputs.get(0)));
        }

        void start() {
            buildForSamples(Shape.of(3));
            dense.setWeights(List.of(Tensor.of(new float[] {0.1f, 0.2f, -0.3f}, 3, 1), Tensor.of(new float[] {0f}, 1)));
        }
    }

    /** Keras's guide: its own loss tracker and MAE metric, compiled without a loss, its own gradient step. */
    static final class CustomStep extends Linear {
        final Mean lossTracker = new Mean("loss");
        final MeanAbsoluteError mae = new MeanAbsoluteError("mae");
        int steps;

        @Override
        public Map<String, Double> trainStep(Batch data) {
            steps++;
            Tensor xb = data.x().getFirst();
            Tensor yb = data.y().getFirst();
            List<Variable> weights = trainableWeights();
            try (GradientTape tape = GradientTape.record()) {
                Tensor yPred = apply(xb, true);
                Tensor loss = Ops.mean(Ops.square(Ops.subtract(yb, yPred)));
                optimizer().orElseThrow().apply(tape.gradient(loss, weights), weights);
                lossTracker.updateState(loss);
                mae.update(yb, yPred);
            }
            return Map.of("loss", lossTracker.result(), "mae", mae.result());
        }

        @Override
        public List<Metric> metrics() {
            return List.of(lossTracker, mae);
        }
    }

    @Test
    void aCustomTrainStepTrainsAsTheDefaultStepDoes() {
        CustomStep custom = new CustomStep();
        custom.start();
        custom.compile(new SGD(0.05f));
        History mine = custom.fit(x, y, new FitOptions().epochs(3).batchSize(32).shuffle(false).verbose(0));

        Linear plain = new Linear();
        plain.start();
        plain.compile(new SGD(0.05f), new CompileOptions().loss("mse").metrics("mae"));
        History keras = plain.fit(x, y, new FitOptions().epochs(3).batchSize(32).shuffle(false).verbose(0));

        assertThat(custom.steps).isEqualTo(9);
        assertThat(mine.keys()).containsExactlyInAnyOrder("loss", "mae");
        for (String key : List.of("loss", "mae")) {
            for (int e = 0; e < 3; e++) {
                // the trackers were reset each epoch: epoch means, as the default step's
                assertThat(mine.get(key).get(e)).isCloseTo(keras.get(key).get(e), within(1e-6));
            }
        }
        assertThat(custom.dense.getWeights().getFirst().toFloatArray())
                .containsExactly(plain.dense.getWeights().getFirst().toFloatArray(), org.assertj.core.data.Offset
                        .offset(1e-6f));
    }

    @Test
    void callbacksAndProgressSeeTheCustomLogs() {
        CustomStep model = new CustomStep();
        model.start();
        model.compile(new SGD(0f)); // nothing learns: the loss never improves
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        History h;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            h = model.fit(x, y, new FitOptions().epochs(20).batchSize(32).verbose(2)
                    .callbacks(new EarlyStopping().monitor("mae").patience(2)));
        } finally {
            System.setOut(old);
        }
        assertThat(h.get("mae")).hasSize(3); // stopped by EarlyStopping on the custom step's own metric
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("mae: ").contains("loss: ");
    }

    /** Only the loss is the model's own: Keras's steps, metrics and trackers stay. */
    static final class ExtraLoss extends Linear {
        @Override
        public Tensor computeLoss(Batch data, Tensors yPred, boolean training) {
            return Ops.add(super.computeLoss(data, yPred, training), 1f);
        }
    }

    @Test
    void computeLossOverridesTheLossOfTheDefaultSteps() {
        ExtraLoss extra = new ExtraLoss();
        extra.start();
        extra.compile(new SGD(0f), new CompileOptions().loss("mse").metrics("mae"));
        Linear plain = new Linear();
        plain.start();
        plain.compile(new SGD(0f), new CompileOptions().loss("mse").metrics("mae"));
        EvaluateOptions quiet = new EvaluateOptions().verbose(0);
        Map<String, Double> a = extra.evaluate(List.of(x), List.of(y), quiet);
        Map<String, Double> b = plain.evaluate(List.of(x), List.of(y), quiet);
        assertThat(a.get("loss")).isCloseTo(b.get("loss") + 1, within(1e-5));
        assertThat(a.get("mae")).isCloseTo(b.get("mae"), within(1e-7));
        Map<String, Double> trained = extra.trainOnBatch(List.of(x), List.of(y));
        assertThat(trained.get("loss")).isCloseTo(b.get("loss") + 1, within(1e-5));
    }

    /** Its own metric computation: the mean of the step numbers, beside the compiled metrics. */
    static final class CountingMetrics extends Linear {
        final Mean seen = new Mean("seen");
        int calls;

        @Override
        public Map<String, Double> computeMetrics(Batch data, Tensors yPred) {
            seen.updateState(++calls, 1);
            return super.computeMetrics(data, yPred);
        }
    }

    @Test
    void metricFieldsAreTrackedAndResetEachEpoch() {
        CountingMetrics model = new CountingMetrics();
        model.start();
        model.compile(new SGD(0.01f), new CompileOptions().loss("mse"));
        assertThat(model.metrics()).contains(model.seen);
        History h = model.fit(x, y, new FitOptions().epochs(2).batchSize(32).verbose(0));
        // Steps 1-3, then 4-6: the mean of each epoch's own steps, as the metric is reset at each epoch's start.
        assertThat(h.get("seen")).containsExactly(2.0, 5.0);
        assertThat(h.keys()).containsExactlyInAnyOrder("loss", "seen");
        model.resetMetrics();
        assertThat(model.seen.result()).isZero();
        assertThat(model.getMetricsResult()).containsOnlyKeys("loss", "seen");
    }

    /** Two outputs and a metric field: the compiled metrics keep their per-output log names beside the field's. */
    static final class TwoOutputsWithAField extends Model {
        final Dense main = new Dense(1);
        final Dense aux = new Dense(1);
        final Mean seen = new Mean("seen");

        @Override
        protected Tensors call(Tensors inputs) {
            return Tensors.of(main.apply(inputs.get(0)), aux.apply(inputs.get(0)));
        }

        @Override
        public Map<String, Double> computeMetrics(Batch data, Tensors yPred) {
            seen.updateState(data.size(), 1);
            return super.computeMetrics(data, yPred);
        }
    }

    @Test
    void metricFieldsKeepTheCompiledLogNames() {
        TwoOutputsWithAField model = new TwoOutputsWithAField();
        model.compile(new SGD(0.01f), new CompileOptions().loss("mse").metrics("mae", "mae")); // one per output
        History h = model.fit(List.of(x), List.of(y, y), new FitOptions().epochs(1).batchSize(32).verbose(0));
        assertThat(h.keys()).containsExactlyInAnyOrder("loss", "main_loss", "aux_loss", "main_mae", "aux_mae", "seen");
    }

    /** Its own evaluation: testStep drives evaluate and fit's validation. */
    static final class CustomTest extends Linear {
        final List<Integer> batches = new ArrayList<>();

        @Override
        public Map<String, Double> testStep(Batch data) {
            batches.add(data.size());
            return Map.of("rows", (double) data.size());
        }
    }

    @Test
    void testStepDrivesEvaluateAndValidation() {
        CustomTest model = new CustomTest();
        model.start();
        model.compile(new SGD(0.01f), new CompileOptions().loss("mse"));
        Map<String, Double> logs = model.evaluate(List.of(x), List.of(y), new EvaluateOptions().batchSize(40)
                .verbose(0));
        assertThat(model.batches).containsExactly(40, 40, 16);
        assertThat(logs).containsExactly(Map.entry("rows", 16.0)); // custom logs: the last step's, as Keras
        model.batches.clear();
        History h = model.fit(x, y, new FitOptions().epochs(1).batchSize(32).verbose(0).validationSplit(0.25));
        assertThat(model.batches).containsExactly(24);
        assertThat(h.keys()).contains("loss", "val_rows");
    }

    /** Its own prediction step: every output doubled. */
    static final class Doubling extends Linear {
        int calls;

        @Override
        public Tensors predictStep(Batch data) {
            calls++;
            return Tensors.of(Ops.multiply(super.predictStep(data).get(0), 2f));
        }
    }

    @Test
    void predictStepShapesPredictions() {
        Doubling model = new Doubling();
        model.start();
        Linear plain = new Linear();
        plain.start();
        Tensor twice = model.predict(x, new PredictOptions().batchSize(40).verbose(0));
        assertThat(model.calls).isEqualTo(3);
        assertThat(twice.toFloatArray()).containsExactly(Ops.multiply(plain.predict(x), 2f).toFloatArray());
        assertThat(model.predictOnBatch(List.of(x)).get(0).toFloatArray()).containsExactly(twice.toFloatArray());
    }

    @Test
    void withoutALossTheDefaultStepSaysWhatToDo() {
        Linear model = new Linear();
        model.start();
        model.compile(new SGD(0.01f));
        assertThatThrownBy(() -> model.fit(x, y, new FitOptions().verbose(0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("compiled without a loss")
                .hasMessageContaining("override computeLoss or trainStep");
    }

    @Test
    void aModelWithMetricFieldsSavesAndLoads(@TempDir Path dir) {
        CustomStep model = new CustomStep();
        model.start();
        model.compile(new SGD(0.05f));
        model.fit(x, y, new FitOptions().epochs(1).verbose(0));
        Path file = dir.resolve("custom.keras");
        model.save(file);
        Model loaded = dev.strata.saving.Saving.loadModel(file);
        assertThat(loaded.predict(x).toFloatArray()).containsExactly(model.predict(x).toFloatArray());
    }
}
