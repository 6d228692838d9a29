package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.SavingRegistry;
import dev.strata.Strata;
import dev.strata.models.Model;
import dev.strata.optimizers.Adam;
import dev.strata.optimizers.AdamW;
import dev.strata.optimizers.SGD;
import dev.strata.saving.ConfigOptions.SubclassedForm;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training 10 epochs gives, to the last bit, what training 5, saving, loading (without compiling again) and training 5
 * more gives: weights, optimizer slots and step count, BatchNormalization's moving statistics, and the random
 * generator behind shuffling and dropout (restored with {@link LoadOptions#restoreRandomState(boolean)}). On one
 * thread, with shuffling and dropout on.
 */
class TrainingResumeTest {
    @TempDir
    Path dir;

    private static int threads;

    @BeforeAll
    static void oneThread() {
        threads = Strata.numThreads();
        Strata.setNumThreads(1);
    }

    @AfterAll
    static void restoreThreads() {
        Strata.setNumThreads(threads);
    }

    @AfterEach
    void forget() {
        SavingRegistry.unregister(StatefulModel.class);
    }

    private static final int N = 200;

    private static Tensor[] data() {
        Strata.setRandomSeed(2024);
        return new Tensor[] {Tensor.normal(Shape.of(N, 4), 3, 2), Tensor.normal(Shape.of(N, 1), 0, 1)};
    }

    private static StatefulModel stateful(Tensor x) {
        StatefulModel m = new StatefulModel(16);
        m.norm().adapt(x);
        m.compile(new Adam(0.01f), new CompileOptions().loss("mse").metrics("mae"));
        return m;
    }

    private static FitOptions options(int epochs) {
        return new FitOptions().epochs(epochs).batchSize(32).validationSplit(0.2).verbose(0);
    }

    private void assertResumeIsExact(Supplier<Model> make, Tensor x, Tensor y, ConfigOptions saveOptions) {
        Strata.setRandomSeed(7);
        Model straight = make.get();
        History all = straight.fit(x, y, options(10));

        Strata.setRandomSeed(7);
        Model first = make.get();
        History firstHalf = first.fit(x, y, options(5));
        Path p = dir.resolve("half.keras");
        first.save(p, saveOptions);
        Tensor.normal(Shape.of(1000), 0, 1); // the program draws other random numbers in between
        Model resumed = Saving.loadModel(p, new LoadOptions().restoreRandomState(true));
        assertThat(resumed.isCompiled()).isTrue();
        History secondHalf = resumed.fit(x, y, options(10).initialEpoch(5));

        for (String key : all.keys()) {
            List<Double> expected = all.get(key);
            assertThat(firstHalf.get(key)).as(key).containsExactlyElementsOf(expected.subList(0, 5));
            assertThat(secondHalf.get(key)).as(key).containsExactlyElementsOf(expected.subList(5, 10));
        }
        List<Tensor> w1 = straight.getWeights();
        List<Tensor> w2 = resumed.getWeights();
        assertThat(w2).hasSameSizeAs(w1);
        for (int i = 0; i < w1.size(); i++) {
            assertThat(w2.get(i).toFloatArray()).as("weight %d", i).containsExactly(w1.get(i).toFloatArray());
        }
        var o1 = straight.optimizer().get().variables();
        var o2 = resumed.optimizer().get().variables();
        for (int i = 0; i < o1.size(); i++) {
            assertThat(o2.get(i).toFloatArray()).as("optimizer variable %d", i).containsExactly(o1.get(i).toFloatArray());
        }
        assertThat(resumed.optimizer().get().iterations()).isEqualTo(straight.optimizer().get().iterations());
    }

    @Test
    void subclassedWithNormalizationBatchNormDropoutAndAdamSavedAsItsGraph() {
        Tensor[] d = data();
        assertResumeIsExact(() -> stateful(d[0]), d[0], d[1], new ConfigOptions());
    }

    @Test
    void subclassedSavedInItsNativeForm() {
        Tensor[] d = data();
        assertResumeIsExact(() -> stateful(d[0]), d[0], d[1],
                new ConfigOptions().subclassedForm(SubclassedForm.NATIVE));
    }

    @Test
    void sequentialWithMomentum() {
        Tensor[] d = data();
        Tensor x = Tensor.normal(Shape.of(N, 8), 0, 1);
        assertResumeIsExact(() -> {
            Model m = WideAndDeepStyles.sequential();
            m.compile(new SGD(0.01f, 0.9f, false), new CompileOptions().loss("mse").metrics("RootMeanSquaredError"));
            return m;
        }, x, d[1], new ConfigOptions());
    }

    @Test
    void sequentialWithAdamWAndAmsgrad() {
        Tensor[] d = data();
        Tensor x = Tensor.normal(Shape.of(N, 8), 0, 1);
        assertResumeIsExact(() -> {
            Model m = WideAndDeepStyles.sequential();
            m.compile(new AdamW(0.01f, 0.05f).amsgrad(true), new CompileOptions().loss("mse"));
            return m;
        }, x, d[1], new ConfigOptions());
    }

    @Test
    void subclassedWithWeightDecayOnAdamSavedAsItsGraph() {
        Tensor[] d = data();
        assertResumeIsExact(() -> {
            Model m = stateful(d[0]);
            m.compile(new Adam(0.01f).weightDecay(0.02f), new CompileOptions().loss("mse").metrics("mae"));
            return m;
        }, d[0], d[1], new ConfigOptions());
    }

    @Test
    void exclusionsFromWeightDecayAreNotSavedSoCompileAgainAndLoadTheWeightsAndState() {
        // Keras does not save exclude_from_weight_decay either; the optimizer state is restored into a new one.
        Tensor[] d = data();
        Tensor x = Tensor.normal(Shape.of(N, 8), 0, 1);
        Supplier<AdamW> optimizer = () -> new AdamW(0.01f, 0.1f).excludeFromWeightDecay("bias");
        Strata.setRandomSeed(7);
        Model straight = WideAndDeepStyles.sequential();
        straight.compile(optimizer.get(), "mse");
        straight.fit(x, d[1], options(10));

        Strata.setRandomSeed(7);
        Model first = WideAndDeepStyles.sequential();
        first.compile(optimizer.get(), "mse");
        first.fit(x, d[1], options(5));
        Path p = dir.resolve("excluded.keras");
        first.save(p);
        Model resumed = Saving.loadModel(p, new LoadOptions().compile(false).restoreRandomState(true));
        resumed.compile(optimizer.get(), "mse");
        resumed.loadWeights(p);
        assertThat(resumed.optimizer().get().iterations()).isEqualTo(first.optimizer().get().iterations());
        resumed.fit(x, d[1], options(10).initialEpoch(5));
        List<Tensor> w1 = straight.getWeights();
        List<Tensor> w2 = resumed.getWeights();
        for (int i = 0; i < w1.size(); i++) {
            assertThat(w2.get(i).toFloatArray()).as("weight %d", i).containsExactly(w1.get(i).toFloatArray());
        }
    }

    @Test
    void functionalWithSgdMomentum() {
        Strata.setRandomSeed(3);
        Tensor wide = Tensor.normal(Shape.of(N, 5), 0, 1);
        Tensor y = Tensor.normal(Shape.of(N, 1), 0, 1);
        Supplier<Model> make = () -> {
            Model m = WideAndDeepStyles.functional();
            m.compile(new SGD(0.01f, 0.9f, true), new CompileOptions().losses("mse", "mse").lossWeights(0.9, 0.1));
            return m;
        };
        Tensor deep = Tensor.normal(Shape.of(N, 6), 0, 1);
        Strata.setRandomSeed(7);
        Model straight = make.get();
        History all = straight.fit(List.of(wide, deep), List.of(y, y), options(10));
        Strata.setRandomSeed(7);
        Model first = make.get();
        first.fit(List.of(wide, deep), List.of(y, y), options(5));
        Path p = dir.resolve("f.keras");
        first.save(p);
        Model resumed = Saving.loadModel(p, new LoadOptions().restoreRandomState(true));
        History second = resumed.fit(List.of(wide, deep), List.of(y, y), options(10).initialEpoch(5));
        assertThat(second.get("val_loss")).containsExactlyElementsOf(all.get("val_loss").subList(5, 10));
        List<Tensor> w1 = straight.getWeights();
        List<Tensor> w2 = resumed.getWeights();
        for (int i = 0; i < w1.size(); i++) {
            assertThat(w2.get(i).toFloatArray()).containsExactly(w1.get(i).toFloatArray());
        }
    }

    @Test
    void withoutRestoringTheRandomStateShufflingDiffers() {
        Tensor[] d = data();
        Strata.setRandomSeed(7);
        Model straight = stateful(d[0]);
        straight.fit(d[0], d[1], options(6));
        Strata.setRandomSeed(7);
        Model first = stateful(d[0]);
        first.fit(d[0], d[1], options(5));
        Path p = dir.resolve("norestore.keras");
        first.save(p);
        Model resumed = Saving.loadModel(p); // the loaded layers drew their initial weights from the generator
        resumed.fit(d[0], d[1], options(6).initialEpoch(5));
        assertThat(resumed.getWeights().getFirst().toFloatArray())
                .isNotEqualTo(straight.getWeights().getFirst().toFloatArray());
    }
}
