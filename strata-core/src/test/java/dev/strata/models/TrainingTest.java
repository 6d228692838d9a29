package dev.strata.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.callbacks.EarlyStopping;
import dev.strata.callbacks.LambdaCallback;
import dev.strata.callbacks.TerminateOnNaN;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.ops.Ops;
import dev.strata.optimizers.Adam;
import dev.strata.optimizers.SGD;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import dev.strata.training.TrainingListener;
import dev.strata.training.TrainingState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrainingTest {
    private Tensor x;
    private Tensor y;

    @BeforeEach
    void data() {
        Strata.clearSession();
        Strata.setRandomSeed(3);
        x = Tensor.normal(Shape.of(256, 4), 0, 1);
        Tensor w = Tensor.of(new float[] {1, -2, 0.5f, 3}, 4, 1);
        y = Ops.add(Ops.matmul(x, w), 0.5f);
    }

    @Test
    void fitLowersTheLossAndRecordsHistory() {
        Model model = new Sequential(new InputLayer(4), new Dense(8, "relu"), new Dense(1));
        model.compile(new Adam(0.01f), "mse");
        History h = model.fit(x, y, new FitOptions().epochs(30).verbose(0).validationSplit(0.25));
        assertThat(h.keys()).containsExactly("loss", "val_loss");
        List<Double> loss = h.get("loss");
        assertThat(loss).hasSize(30);
        assertThat(loss.getLast()).isLessThan(loss.getFirst() / 10);
        Map<String, Double> eval = model.evaluate(List.of(x), List.of(y));
        assertThat(eval).containsOnlyKeys("loss");
        assertThat(model.predict(x).shape()).isEqualTo(Shape.of(256, 1));
    }

    /** The seed's compile: one loss for two outputs, two weights (which Keras 3 rejects). */
    @Test
    void oneLossForSeveralOutputsWithWeights() {
        ModelStylesTest.TwoTower model = new ModelStylesTest.TwoTower();
        Tensor wide = Tensor.normal(Shape.of(64, 3), 0, 1);
        model.compile(new SGD(0.01f), new CompileOptions().loss("mse").lossWeights(0.9, 0.1));
        History h = model.fit(List.of(wide, x.shape().get(0) == 256 ? Tensor.normal(Shape.of(64, 6), 0, 1) : x),
                List.of(Tensor.ones(64, 1), Tensor.zeros(64, 1)), new FitOptions().epochs(2).verbose(0));
        assertThat(h.keys()).containsExactly("aux_output_loss", "loss", "main_output_loss");
        Map<String, Double> logs = h.history().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getLast()));
        assertThat(logs.get("loss")).isGreaterThan(0);
    }

    @Test
    void totalLossIsTheWeightedSumOfOutputLosses() {
        ModelStylesTest.TwoTower model = new ModelStylesTest.TwoTower();
        model.compile(new SGD(0f), new CompileOptions().loss("mse").lossWeights(0.9, 0.1));
        List<Tensor> in = List.of(Tensor.normal(Shape.of(32, 3), 0, 1), Tensor.normal(Shape.of(32, 6), 0, 1));
        List<Tensor> out = List.of(Tensor.ones(32, 1), Tensor.zeros(32, 1));
        Map<String, Double> logs = model.evaluate(in, out, new dev.strata.training.EvaluateOptions().verbose(0));
        assertThat(logs.get("loss")).isCloseTo(0.9 * logs.get("main_output_loss") + 0.1 * logs.get("aux_output_loss"),
                within(1e-5));
    }

    @Test
    void badInputsFailBeforeTheFirstStep() {
        Model model = new Sequential(new InputLayer(4), new Dense(1));
        model.compile("sgd", "mse");
        int[] steps = new int[1];
        LambdaCallback counter = new LambdaCallback().onBatchEnd((b, l) -> steps[0]++);
        assertThatThrownBy(() -> model.fit(Tensor.ones(10, 5), Tensor.ones(10, 1),
                new FitOptions().verbose(0).callbacks(counter)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("fit: input 0 ('input_layer') of Model 'sequential' (Sequential) expects shape "
                        + "(None, 4), got (10, 5)");
        assertThatThrownBy(() -> model.fit(Tensor.ones(10, 4), Tensor.ones(9, 1), new FitOptions().verbose(0)))
                .hasMessageContaining("target 0 has 9 samples but input 0 has 10");
        assertThat(steps[0]).isZero();
        Model uncompiled = new Sequential(new Dense(1));
        assertThatThrownBy(() -> uncompiled.fit(x, y)).hasMessageContaining("must be compiled before fit");
    }

    @Test
    void earlyStoppingStopsAndRestoresTheBestWeights() {
        Model model = new Sequential(new InputLayer(4), new Dense(1));
        model.compile(new SGD(0.5f), "mse"); // too large a rate: the loss diverges
        EarlyStopping stop = new EarlyStopping().monitor("loss").patience(1).restoreBestWeights(true);
        List<List<Tensor>> weights = new ArrayList<>();
        History h = model.fit(x, y, new FitOptions().epochs(50).verbose(0).callbacks(stop,
                new LambdaCallback().onEpochEnd((e, l) -> weights.add(model.getWeights()))));
        assertThat(h.get("loss").size()).isLessThan(50);
        int best = stop.bestEpoch();
        assertThat(model.getWeights().getFirst().toFloatArray())
                .containsExactly(weights.get(best).getFirst().toFloatArray());
    }

    @Test
    void terminateOnNaNStopsWithinTheEpoch() {
        Model model = new Sequential(new InputLayer(4), new Dense(1));
        model.compile(new SGD(1e6f), "mse");
        History h = model.fit(x, Ops.multiply(y, 1e20f), new FitOptions().epochs(5).verbose(0)
                .callbacks(new TerminateOnNaN()));
        assertThat(h.get("loss")).hasSize(1);
    }

    @Test
    void progressOutputFollowsKeras() {
        Model model = new Sequential(new InputLayer(4), new Dense(1));
        model.compile("sgd", "mse");
        var bytes = new java.io.ByteArrayOutputStream();
        var out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        model.fit(x, y, new FitOptions().epochs(2).verbose(1).callbacks(new dev.strata.training.ProgbarLogger(out,
                false, true)));
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("Epoch 1/2\n\u001b[1m8/8\u001b[0m \u001b[32m━━━━━━━━━━━━━━━━━━━━\u001b[0m"
                + "\u001b[37m\u001b[0m \u001b[1m0s\u001b[0m ");
        assertThat(text).containsPattern("\\d+(us|ms)/step - loss: \\d+\\.\\d{4}\n");
        assertThat(text.lines().count()).isEqualTo(4);
    }

    /** Keras colours the bar everywhere; Strata only on a terminal, so files and pipes get plain text. */
    @Test
    void progressOutputToAFileOrPipeHasNoColourCodes() {
        Model model = new Sequential(new InputLayer(4), new Dense(1));
        model.compile("sgd", "mse");
        var bytes = new java.io.ByteArrayOutputStream();
        var out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        model.fit(x, y, new FitOptions().epochs(2).verbose(1).callbacks(new dev.strata.training.ProgbarLogger(out,
                false)));
        model.evaluate(x, y, new dev.strata.training.EvaluateOptions().callbacks(
                new dev.strata.training.ProgbarLogger(out, false)));
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\u001b").doesNotContain("\b").doesNotContain("\r");
        assertThat(text).startsWith("Epoch 1/2\n8/8 ━━━━━━━━━━━━━━━━━━━━ 0s ");
        assertThat(text).containsPattern("\n8/8 ━━━━━━━━━━━━━━━━━━━━ 0s \\d+(us|ms)/step - loss: \\d+\\.\\d{4}\n$");
        assertThat(text.lines().count()).isEqualTo(5);
    }

    /**
     * The last line of evaluate shows the loss evaluate returns, also when the last batch is short (Keras 3's
     * ProgbarLogger shows every metric as logged; averaging the logged running means over steps would weigh the short
     * batch as a full one).
     */
    @Test
    void evaluatesLastProgressLineShowsWhatItReturns() {
        Model model = new Sequential(new InputLayer(4), new Dense(1));
        model.compile("sgd", "mse");
        Tensor xs = Tensor.uniform(Shape.of(70, 4), -3f, 3f);
        Tensor ys = Tensor.uniform(Shape.of(70, 1), -3f, 3f);
        var bytes = new java.io.ByteArrayOutputStream();
        var out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        Map<String, Double> logs = model.evaluate(xs, ys, new dev.strata.training.EvaluateOptions().batchSize(32)
                .callbacks(new dev.strata.training.ProgbarLogger(out, false)));
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).endsWith(String.format(java.util.Locale.ROOT, "/step - loss: %.4f%n", logs.get("loss")));
    }

    /** Keras's idiom, {@code self.model.stop_training = True}, reaches the fit under way through its state. */
    @Test
    void aCallbackStopsTrainingTheKerasWayThroughTheModel() {
        Model model = new Sequential(new InputLayer(4), new Dense(1));
        model.compile("sgd", "mse");
        History h = model.fit(x, y, new FitOptions().epochs(5).verbose(0).callbacks(new LambdaCallback()
                .onEpochEnd((epoch, logs) -> model.setStopTraining(epoch == 1))));
        assertThat(h.epochs()).containsExactly(0, 1);
        assertThat(model.stopTraining()).isTrue();
        model.fit(x, y, new FitOptions().epochs(2).verbose(0));
        assertThat(model.stopTraining()).as("a new fit starts with stop_training false").isFalse();
    }

    /** What BackupAndRestore does: a listener moves the start of the beginning fit, from onTrainBegin only. */
    @Test
    void aListenerResumesTheBeginningFitThroughTheRunsState() {
        Model model = new Sequential(new InputLayer(4), new Dense(1));
        model.compile("sgd", "mse");
        List<Integer> epochsRun = new ArrayList<>();
        TrainingListener resume = new TrainingListener() {
            private TrainingState state;

            @Override
            public void setState(TrainingState state) {
                this.state = state;
            }

            @Override
            public void onTrainBegin(Map<String, Double> logs) {
                assertThat(state.model()).isSameAs(model);
                assertThat(state.params()).containsEntry("epochs", 5).containsEntry("steps", 8);
                state.resumeAtEpoch(3);
            }

            @Override
            public void onEpochBegin(int epoch, Map<String, Double> logs) {
                epochsRun.add(epoch);
                state.resumeAtEpoch(0); // too late to matter
            }
        };
        History h = model.fit(x, y, new FitOptions().epochs(5).verbose(0).callbacks(resume));
        assertThat(epochsRun).containsExactly(3, 4);
        assertThat(h.epochs()).containsExactly(3, 4);
        model.fit(x, y, new FitOptions().epochs(1).verbose(0).callbacks(new LambdaCallback()
                .onEpochBegin((epoch, logs) -> epochsRun.add(10 + epoch))));
        assertThat(epochsRun).as("a resume request does not outlive its fit").endsWith(10);
    }

    /** Multi-input, multi-output data by position or by name, with and without an options object. */
    @Test
    void multiInputModelsTrainEvaluateAndPredictWithoutAnOptionsObject() {
        Tensor wide = Input.of("wide", 3);
        Tensor deep = Input.of("deep", 6);
        Tensor hidden = new Dense(4, "relu").apply(deep);
        Tensor main = new Dense(1).named("main").apply(Ops.add(wide, new Dense(3).apply(hidden)));
        Tensor aux = new Dense(1).named("aux").apply(hidden);
        Model model = Model.of(List.of(wide, deep), List.of(main, aux));
        model.compile("sgd", "mse");
        Tensor a = Tensor.normal(Shape.of(64, 3), 0, 1);
        Tensor b = Tensor.normal(Shape.of(64, 6), 0, 1);
        Tensor t = Tensor.normal(Shape.of(64, 1), 0, 1);
        assertThat(model.fit(List.of(a, b), List.of(t, t)).get("loss")).hasSize(1);
        assertThat(model.fit(Map.of("deep", b, "wide", a), Map.of("aux", t, "main", t)).keys())
                .containsExactly("aux_loss", "loss", "main_loss");
        Map<String, Double> byPosition = model.evaluate(List.of(a, b), List.of(t, t));
        assertThat(model.evaluate(Map.of("deep", b, "wide", a), Map.of("aux", t, "main", t))).isEqualTo(byPosition);
        assertThat(model.evaluate(Map.of("deep", b, "wide", a), Map.of("aux", t, "main", t),
                new dev.strata.training.EvaluateOptions().verbose(0))).isEqualTo(byPosition);
        Tensors byList = model.predict(List.of(a, b));
        Tensors byName = model.predict(Map.of("deep", b, "wide", a));
        assertThat(byList.size()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            assertThat(byName.get(i).toFloatArray()).containsExactly(byList.get(i).toFloatArray());
        }
        assertThat(model.testOnBatch(List.of(a, b), List.of(t, t), Tensor.ones(64))).containsKey("loss");

        Model single = new Sequential(new InputLayer(4), new Dense(1));
        single.compile("sgd", "mse");
        assertThat(single.evaluate(x, y, new dev.strata.training.EvaluateOptions().verbose(0)))
                .isEqualTo(single.evaluate(List.of(x), List.of(y), new dev.strata.training.EvaluateOptions().verbose(0)));
    }

    @Test
    void predictIsSafeFromManyThreads() throws Exception {
        Model model = new Sequential(new InputLayer(4), new Dense(8, "relu"), new Dense(1));
        Tensor expected = model.predict(x);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new ArrayList<java.util.concurrent.Future<Tensor>>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> model.predict(x)));
            }
            for (var f : futures) {
                assertThat(f.get().toFloatArray()).containsExactly(expected.toFloatArray());
            }
        } finally {
            pool.shutdown();
        }
        Tensors named = new Sequential(new Dense(1).named("out")).predict(List.of(x),
                new dev.strata.training.PredictOptions());
        assertThat(named.get(0).shape()).isEqualTo(Shape.of(256, 1));
    }
}
