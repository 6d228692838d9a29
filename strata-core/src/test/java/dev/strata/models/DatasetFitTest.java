package dev.strata.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.data.Batch;
import dev.strata.data.Dataset;
import dev.strata.data.DatasetException;
import dev.strata.data.PyDataset;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.EvaluateOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import dev.strata.training.PredictOptions;
import dev.strata.training.ProgbarLogger;
import dev.strata.training.TrainingListener;
import dev.strata.tensor.Variable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** fit, evaluate and predict on a Dataset or a PyDataset, with Keras's semantics. */
class DatasetFitTest {
    private Tensor x;
    private Tensor y;

    @BeforeEach
    void data() {
        Strata.clearSession();
        Strata.setRandomSeed(3);
        x = Tensor.normal(Shape.of(64, 3), 0, 1);
        float[] t = new float[64];
        float[] xs = x.toFloatArray();
        for (int i = 0; i < 64; i++) {
            t[i] = xs[3 * i] - 2 * xs[3 * i + 1] + 0.5f * xs[3 * i + 2];
        }
        y = Tensor.of(t, 64, 1);
    }

    @AfterEach
    void noThreadsLeft() throws InterruptedException {
        for (int i = 0; i < 100 && !pipelineThreads().isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(pipelineThreads()).as("pipeline threads still running").isEmpty();
    }

    private static List<String> pipelineThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("strata-data-")).toList();
    }

    private static Model model() {
        Strata.setRandomSeed(7);
        Model m = new Sequential(new InputLayer(3), new Dense(4, "tanh"), new Dense(1));
        m.compile("sgd", "mse", "mae");
        return m;
    }

    private static float[] weights(Model m) {
        List<Variable> ws = m.weights();
        int n = 0;
        for (Variable w : ws) {
            n += w.size();
        }
        float[] out = new float[n];
        int pos = 0;
        for (Variable w : ws) {
            float[] v = w.toFloatArray();
            System.arraycopy(v, 0, out, pos, v.length);
            pos += v.length;
        }
        return out;
    }

    @Test
    void aDatasetTrainsAsTheSameArraysDo() {
        Model arrays = model();
        History a = arrays.fit(x, y, new FitOptions().epochs(3).batchSize(16).shuffle(false).verbose(0)
                .validationData(x, y));
        Model stream = model();
        History d = stream.fit(Dataset.fromTensorSlices(x, y).batch(16).prefetch(2), new FitOptions().epochs(3)
                .verbose(0).validationData(Dataset.fromTensorSlices(x, y).batch(16)));
        assertThat(d.history()).isEqualTo(a.history());
        assertThat(weights(stream)).containsExactly(weights(arrays));

        Map<String, Double> ea = arrays.evaluate(x, y, new EvaluateOptions().verbose(0));
        Map<String, Double> ed = arrays.evaluate(Dataset.fromTensorSlices(x, y).batch(32),
                new EvaluateOptions().verbose(0));
        assertThat(ed).isEqualTo(ea);
        Tensor pa = arrays.predict(x);
        Tensors pd = arrays.predict(Dataset.fromTensorSlices(x, y).batch(10), new PredictOptions());
        assertThat(pd.get(0).shape()).isEqualTo(Shape.of(64, 1));
        assertThat(pd.get(0).toFloatArray()).containsExactly(pa.toFloatArray());
        // steps limits evaluate and predict
        assertThat(arrays.predict(Dataset.fromTensorSlices(x).map(t -> Batch.inputs(List.of(t))).batch(10),
                new PredictOptions().steps(2)).get(0).shape()).isEqualTo(Shape.of(20, 1));
    }

    @Test
    void eachEpochIsANewPassAndUnknownStepsAreLearned() {
        AtomicInteger passes = new AtomicInteger();
        Dataset<Batch> gen = Dataset.fromGenerator(() -> {
            passes.incrementAndGet();
            return List.of(Batch.of(x, y), Batch.of(x, y), Batch.of(x, y), Batch.of(x, y)).iterator();
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        History h = model().fit(gen, new FitOptions().epochs(3).verbose(1)
                .callbacks(new ProgbarLogger(out, true, false)));
        assertThat(passes.get()).isEqualTo(3);
        assertThat(h.history().get("loss")).hasSize(3);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        // the first epoch's length is unknown until it ends, as Keras prints it; later epochs know it
        assertThat(printed).contains("1/Unknown");
        String[] epochs = printed.split("Epoch ");
        assertThat(epochs[1]).contains("Unknown");
        assertThat(epochs[2]).doesNotContain("Unknown").contains("4/4");
    }

    @Test
    void stepsPerEpochContinuesARepeatedDatasetAcrossEpochs() {
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger passes = new AtomicInteger();
        Dataset<Batch> data = Dataset.fromGenerator(() -> {
            passes.incrementAndGet();
            return List.of(Batch.of(x, y), Batch.of(x, y), Batch.of(x, y)).iterator();
        }).map(b -> {
            batches.incrementAndGet();
            return b;
        }).repeat();
        assertThatThrownBy(() -> model().fit(data, new FitOptions().verbose(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the dataset is infinite")
                .hasMessageContaining("stepsPerEpoch");
        History h = model().fit(data, new FitOptions().epochs(3).stepsPerEpoch(5).verbose(0));
        assertThat(h.history().get("loss")).hasSize(3);
        assertThat(batches.get()).isEqualTo(15); // one pass of the repeat goes on across the epochs
        assertThat(passes.get()).isEqualTo(5);   // 15 batches of a 3-batch generator

        // a finite dataset that runs out ends the epoch early and starts a new pass in the next one
        AtomicInteger seen = new AtomicInteger();
        TrainingListener count = new TrainingListener() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                seen.incrementAndGet();
            }
        };
        model().fit(Dataset.fromTensorSlices(x, y).batch(16), new FitOptions().epochs(2).stepsPerEpoch(3)
                .verbose(0).callbacks(count));
        // epoch 1: batches 0-2; epoch 2: batch 3, then the data runs out (Keras's "ran out of data")
        assertThat(seen.get()).isEqualTo(4);
    }

    @Test
    void optionsKerasRefusesWithADataset() {
        Dataset<Batch> d = Dataset.fromTensorSlices(x, y).batch(8);
        Model m = model();
        assertThatThrownBy(() -> m.fit(d, new FitOptions().batchSize(8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize must not be given");
        assertThatThrownBy(() -> m.fit(d, new FitOptions().validationSplit(0.2)))
                .hasMessageContaining("validationSplit is only supported for tensors");
        assertThatThrownBy(() -> m.fit(d, new FitOptions().sampleWeight(Tensor.ones(64))))
                .hasMessageContaining("sampleWeight should not be passed");
        assertThatThrownBy(() -> m.evaluate(d, new EvaluateOptions().batchSize(4)))
                .hasMessageContaining("batchSize must not be given");
        assertThatThrownBy(() -> m.predict(d, new PredictOptions().batchSize(4)))
                .hasMessageContaining("batchSize must not be given");
    }

    @Test
    void classWeightWeighsDatasetBatchesAsArrays() {
        float[] labels = new float[64];
        for (int i = 0; i < 64; i++) {
            labels[i] = i % 2;
        }
        Tensor cls = Tensor.of(labels, 64, 1);
        Map<Integer, Double> cw = Map.of(0, 1.0, 1, 3.0);
        Model a = model();
        History ha = a.fit(x, cls, new FitOptions().batchSize(16).shuffle(false).classWeight(cw).verbose(0));
        Model b = model();
        History hb = b.fit(Dataset.fromTensorSlices(x, cls).batch(16), new FitOptions().classWeight(cw).verbose(0));
        assertThat(hb.history()).isEqualTo(ha.history());
    }

    @Test
    void aFailingGeneratorStopsFitNamingTheBatch() {
        Dataset<Batch> failing = Dataset.fromGenerator(() -> new Iterator<Batch>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Batch next() {
                if (i++ == 5) {
                    throw new IllegalStateException("corrupt record");
                }
                return Batch.of(x, y);
            }
        }).map(b -> b, 2).prefetch(3);
        AtomicInteger trained = new AtomicInteger();
        TrainingListener count = new TrainingListener() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                trained.incrementAndGet();
            }
        };
        assertThatThrownBy(() -> model().fit(failing, new FitOptions().epochs(2).stepsPerEpoch(4).verbose(0)
                .callbacks(count)))
                .isInstanceOf(DatasetException.class)
                .hasMessage("fit: the input data failed at batch 1 of epoch 2: java.lang.IllegalStateException: "
                        + "corrupt record")
                .satisfies(e -> {
                    DatasetException de = (DatasetException) e;
                    assertThat(de.batchIndex()).isEqualTo(1);
                    assertThat(de.epoch()).isEqualTo(1);
                    assertThat(de.getCause()).hasMessage("corrupt record");
                });
        assertThat(trained.get()).isEqualTo(5);
        // a map function's failure in evaluate names its batch too
        Dataset<Batch> badMap = Dataset.fromTensorSlices(x, y).batch(8).map(b -> {
            if (b.y().getFirst().toFloatArray()[0] == y.toFloatArray()[24]) {
                throw new IllegalArgumentException("bad batch");
            }
            return b;
        }, 2);
        assertThatThrownBy(() -> model().evaluate(badMap, new EvaluateOptions().verbose(0)))
                .isInstanceOf(DatasetException.class).hasMessageContaining("evaluate: the input data failed at batch 3:");
    }

    @Test
    void earlyStoppingAndInterruptionEndThePipelineThreads() throws Exception {
        Dataset<Batch> endless = Dataset.fromGenerator(() -> new Iterator<Batch>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Batch next() {
                return Batch.of(x, y);
            }
        }).map(b -> b, 2).prefetch(4);
        Model m = model();
        TrainingListener stopper = new TrainingListener() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                if (batch == 2) {
                    m.setStopTraining(true);
                }
            }
        };
        History h = m.fit(endless, new FitOptions().epochs(5).stepsPerEpoch(10).verbose(0).callbacks(stopper));
        assertThat(h.history().get("loss")).hasSize(1);
        assertThat(pipelineThreads()).isEmpty();

        // the training thread interrupted while it waits for a slow source
        Dataset<Batch> slow = Dataset.fromGenerator(() -> new Iterator<Batch>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Batch next() {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                return Batch.of(x, y);
            }
        }).prefetch(2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Model slowModel = model();
        Thread t = new Thread(() -> {
            try {
                slowModel.fit(slow, new FitOptions().epochs(1000).stepsPerEpoch(1000).verbose(0));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        Thread.sleep(300);
        t.interrupt();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(DatasetException.class)
                .hasMessageContaining("interrupted while waiting");
        assertThat(pipelineThreads()).isEmpty();
    }

    @Test
    void aPyDatasetTrainsWithWorkersAndEpochHooks() {
        class Loader extends PyDataset {
            final AtomicInteger epochEnds = new AtomicInteger();
            final AtomicInteger epochBegins = new AtomicInteger();

            Loader(int workers) {
                super(workers, false, 3);
            }

            @Override
            public int size() {
                return 4;
            }

            @Override
            public Batch get(int index) {
                return Batch.of(rows(x, index * 16, 16), rows(y, index * 16, 16));
            }

            @Override
            public void onEpochBegin() {
                epochBegins.incrementAndGet();
            }

            @Override
            public void onEpochEnd() {
                epochEnds.incrementAndGet();
            }
        }
        Loader loader = new Loader(2);
        Model a = model();
        History ha = a.fit(loader, new FitOptions().epochs(3).shuffle(false).verbose(0));
        assertThat(loader.epochEnds.get()).isEqualTo(3);
        assertThat(loader.epochBegins.get()).isEqualTo(3);
        Model b = model();
        History hb = b.fit(x, y, new FitOptions().epochs(3).batchSize(16).shuffle(false).verbose(0));
        assertThat(ha.history()).isEqualTo(hb.history());
        assertThat(a.evaluate(new Loader(1), new EvaluateOptions().verbose(0)))
                .isEqualTo(a.evaluate(x, y, new EvaluateOptions().verbose(0).batchSize(16)));
        assertThat(a.predict(new Loader(3), new PredictOptions()).get(0).toFloatArray())
                .containsExactly(a.predict(x).toFloatArray());
        // shuffled (fit's default) it still trains on every batch
        History shuffled = model().fit(new Loader(2), new FitOptions().epochs(2).verbose(0)
                .validationData(new Loader(1)));
        assertThat(shuffled.history()).containsKeys("loss", "val_loss");
    }

    private static Tensor rows(Tensor t, int from, int n) {
        int width = t.size() / t.shape().get(0);
        float[] out = new float[n * width];
        System.arraycopy(t.toFloatArray(), from * width, out, 0, out.length);
        return Tensor.of(out, t.shape().withDim(0, n));
    }
}
