package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ModelFormatException;
import dev.strata.Strata;
import dev.strata.config.KerasConfigException;
import dev.strata.config.SavingRegistry;
import dev.strata.internal.io.H5DataType;
import dev.strata.internal.io.H5Group;
import dev.strata.internal.io.KerasArchive;
import dev.strata.internal.io.WeightsFile;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Model;
import dev.strata.models.Models;
import dev.strata.models.Sequential;
import dev.strata.optimizers.Adam;
import dev.strata.optimizers.SGD;
import dev.strata.saving.ConfigOptions.SubclassedForm;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import dev.strata.testing.Fixtures;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.PredictOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model.save} / {@code Models.loadModel} and {@code saveWeights} / {@code loadWeights}: Keras's weight paths
 * (compared with the listings of the files Python Keras wrote for the same models, MANIFEST.json), exact round trips
 * of the three styles with their optimizer state, the subclass and graph forms, and loading that checks everything
 * before it changes anything.
 */
class SaveLoadTest {
    @TempDir
    Path dir;

    @BeforeEach
    @AfterEach
    void forget() {
        SavingRegistry.unregister(WideAndDeepModel.class);
        SavingRegistry.unregister(StatefulModel.class);
    }

    static List<String> manifest(String file) {
        try {
            Map<?, ?> m = (Map<?, ?>) KerasConfig.parseJson(Files.readString(Fixtures.file("MANIFEST.json")));
            Map<?, ?> entry = (Map<?, ?>) ((Map<?, ?>) m.get("files")).get(file);
            List<String> out = new ArrayList<>();
            for (Object o : (List<?>) entry.get("weights")) {
                out.add((String) o);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> withoutNames(List<String> listing) {
        return listing.stream().map(l -> l.replaceAll("/ name=.*", "/")).toList();
    }

    private static List<Tensor> wideDeepX(int n) {
        return List.of(Tensor.normal(Shape.of(n, 5), 0, 1), Tensor.normal(Shape.of(n, 6), 0, 1));
    }

    private static void fitTwoOutputs(Model m, int epochs) {
        List<Tensor> x = wideDeepX(64);
        Tensor y = Tensor.normal(Shape.of(64, 1), 0, 1);
        m.fit(x, List.of(y, y), new FitOptions().epochs(epochs).verbose(0));
    }

    private static Tensors predict(Model m, List<Tensor> x) {
        return m.predict(x, new PredictOptions());
    }

    private static void assertSamePredictions(Tensors a, Tensors b) {
        assertThat(a.size()).isEqualTo(b.size());
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).toFloatArray()).containsExactly(a.get(i).toFloatArray());
        }
    }

    private static void assertSameOptimizerState(Model a, Model b) {
        List<Variable> va = a.optimizer().get().variables();
        List<Variable> vb = b.optimizer().get().variables();
        assertThat(vb).hasSameSizeAs(va);
        for (int i = 0; i < va.size(); i++) {
            assertThat(vb.get(i).toFloatArray()).as("optimizer variable %d", i).containsExactly(va.get(i).toFloatArray());
        }
        assertThat(b.optimizer().get().iterations()).isEqualTo(a.optimizer().get().iterations());
    }

    // ---- Keras's paths ---------------------------------------------------------------------------------------------

    @Test
    void functionalWideAndDeepHasExactlyTheListingOfThePythonFile() {
        Strata.setRandomSeed(1);
        Model m = WideAndDeepStyles.functional(); // the book's model with the fixture's layer names, SGD named "sgd"
        fitTwoOutputs(m, 2);
        Path p = dir.resolve("f.keras");
        m.save(p);
        assertThat(KerasArchive.read(p).weights().listing()).containsExactlyElementsOf(
                manifest("book_functional_wide_deep.keras"));
    }

    @Test
    void sequentialHasExactlyTheListingOfThePythonFile() {
        Strata.setRandomSeed(2);
        Sequential s = new Sequential().named("sequential");
        s.add(new InputLayer(8));
        s.add(new Dense(30, "relu").named("dense_2"));
        s.add(new Dense(1).named("dense_3"));
        s.compile(new SGD().name("sgd_1"), "mse");
        s.fit(Tensor.normal(Shape.of(64, 8), 0, 1), Tensor.normal(Shape.of(64, 1), 0, 1), new FitOptions().verbose(0));
        Path p = dir.resolve("s.keras");
        s.save(p);
        assertThat(KerasArchive.read(p).weights().listing()).containsExactlyElementsOf(
                manifest("book_sequential_mlp.keras"));
    }

    @Test
    void subclassedInItsNativeFormHasThePathsOfThePythonSubclass() {
        Strata.setRandomSeed(3);
        Model m = WideAndDeepStyles.subclassed();
        fitTwoOutputs(m, 1);
        Path p = dir.resolve("native.keras");
        m.save(p, new ConfigOptions().subclassedForm(SubclassedForm.NATIVE));
        // main_output is reached first through the layers list: layers/dense_2, as in the Python file
        assertThat(withoutNames(KerasArchive.read(p).weights().listing())).containsExactlyElementsOf(
                withoutNames(manifest("seed_subclassed_wide_deep.keras")));
    }

    @Test
    void subclassedInTheDefaultFormHasThePathsOfItsFunctionalGraph() {
        Strata.setRandomSeed(4);
        Model m = WideAndDeepStyles.subclassed();
        fitTwoOutputs(m, 1);
        Path p = dir.resolve("graph.keras");
        m.save(p);
        List<String> listing = KerasArchive.read(p).weights().listing();
        assertThat(withoutNames(listing)).containsExactly(
                "layers/dense/vars/", "layers/dense/vars/0 [6, 30] float32", "layers/dense/vars/1 [30] float32",
                "layers/dense_1/vars/", "layers/dense_1/vars/0 [30, 30] float32", "layers/dense_1/vars/1 [30] float32",
                "layers/dense_2/vars/", "layers/dense_2/vars/0 [35, 1] float32", "layers/dense_2/vars/1 [1] float32",
                "layers/dense_3/vars/", "layers/dense_3/vars/0 [30, 1] float32", "layers/dense_3/vars/1 [1] float32",
                "layers/input_layer/vars/", "layers/input_layer_1/vars/",
                "optimizer/vars/", "optimizer/vars/0 [] int32", "optimizer/vars/1 [] float32", "vars/");
        assertThat(listing).contains("layers/dense/vars/ name=hidden1", "layers/dense_2/vars/ name=main_output",
                "vars/ name=" + m.name());
    }

    // ---- round trips ---------------------------------------------------------------------------------------------

    @Test
    void functionalRoundTripIsExactWithOptimizerAndCompileSettings() {
        Strata.setRandomSeed(5);
        Model m = WideAndDeepStyles.functional();
        fitTwoOutputs(m, 2);
        Path p = dir.resolve("functional.keras");
        m.save(p);
        Model back = Saving.loadModel(p);
        List<Tensor> x = wideDeepX(7);
        assertSamePredictions(predict(m, x), predict(back, x));
        assertSameOptimizerState(m, back);
        assertThat(back.compileOptions().get().lossWeights()).containsExactly(0.9, 0.1);
        assertThat(back.name()).isEqualTo(m.name());
    }

    @Test
    void sequentialRoundTripIsExact() {
        Strata.setRandomSeed(6);
        Model m = WideAndDeepStyles.sequential();
        m.compile(new Adam(), new CompileOptions().loss("mse"));
        m.fit(Tensor.normal(Shape.of(40, 8), 0, 1), Tensor.normal(Shape.of(40, 1), 0, 1), new FitOptions().verbose(0));
        Path p = dir.resolve("seq.keras");
        m.save(p);
        Model back = Saving.loadModel(p);
        Tensor x = Tensor.normal(Shape.of(5, 8), 0, 1);
        assertThat(back.predict(x).toFloatArray()).containsExactly(m.predict(x).toFloatArray());
        assertSameOptimizerState(m, back);
    }

    @Test
    void subclassedLoadsAsItsClassWhenRegisteredAndAsItsGraphOtherwise() {
        Strata.setRandomSeed(7);
        Model m = WideAndDeepStyles.subclassed(); // registers nothing yet
        fitTwoOutputs(m, 2);
        Path p = dir.resolve("sub.keras");
        m.save(p); // saving registers the class (Custom>WideAndDeepModel)
        List<Tensor> x = wideDeepX(6);
        Model asClass = Saving.loadModel(p);
        assertThat(asClass).isInstanceOf(WideAndDeepModel.class);
        assertSamePredictions(predict(m, x), predict(asClass, x));
        assertSameOptimizerState(m, asClass);

        SavingRegistry.unregister(WideAndDeepModel.class); // as in a program without the class
        Model asGraph = Saving.loadModel(p);
        assertThat(Models.isFunctional(asGraph)).isTrue();
        assertSamePredictions(predict(m, x), predict(asGraph, x));
        assertThatThrownBy(() -> Saving.loadModel(p, new LoadOptions().requireSubclass(true)))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("WideAndDeepModel");
    }

    @Test
    void statisticsMovingAveragesAndSlotsSurviveBothForms() {
        Strata.setRandomSeed(8);
        StatefulModel m = new StatefulModel(16);
        Tensor x = Tensor.normal(Shape.of(96, 4), 3, 2);
        Tensor y = Tensor.normal(Shape.of(96, 1), 0, 1);
        m.norm().adapt(x);
        m.compile(new Adam(0.01f), "mse");
        m.fit(x, y, new FitOptions().epochs(2).batchSize(16).verbose(0));
        Path p = dir.resolve("stateful.keras");
        m.save(p);
        // Normalization's count is an integer, as Keras keeps it
        assertThat(KerasArchive.read(p).weights().listing()).contains("layers/normalization/vars/2 [] int32");

        StatefulModel back = (StatefulModel) Saving.loadModel(p);
        Tensor probe = Tensor.normal(Shape.of(9, 4), 3, 2);
        assertThat(back.predict(probe).toFloatArray()).containsExactly(m.predict(probe).toFloatArray());
        assertThat(back.batchNorm().movingMean().toFloatArray()).containsExactly(m.batchNorm().movingMean().toFloatArray());
        assertThat(back.norm().variance().toFloatArray()).containsExactly(m.norm().variance().toFloatArray());
        // the fields are in another order than the graph: the slots were written in the graph's order and mapped back
        assertSameOptimizerState(m, back);

        // the same training step on the original, the reloaded class and the reloaded graph gives the same weights
        SavingRegistry.unregister(StatefulModel.class);
        Model graph = Saving.loadModel(p);
        assertThat(Models.isFunctional(graph)).isTrue();
        Tensor xb = Tensor.normal(Shape.of(16, 4), 3, 2);
        Tensor yb = Tensor.normal(Shape.of(16, 1), 0, 1);
        float[][] after = new float[3][];
        Model[] models = {m, back, graph};
        for (int i = 0; i < 3; i++) {
            Strata.setRandomSeed(99); // the same dropout mask
            models[i].trainOnBatch(List.of(xb), List.of(yb));
            after[i] = models[i].predict(probe).toFloatArray();
        }
        assertThat(after[1]).containsExactly(after[0]);
        assertThat(after[2]).containsExactly(after[0]);
    }

    @Test
    void weightsFilesRoundTripInBothFormsAndLoadingFindsWhichOne() {
        Strata.setRandomSeed(9);
        Model m = WideAndDeepStyles.subclassed();
        fitTwoOutputs(m, 1);
        List<Tensor> x = wideDeepX(4);
        for (SubclassedForm form : SubclassedForm.values()) {
            Path p = dir.resolve(form + ".weights.h5");
            m.saveWeights(p, new ConfigOptions().subclassedForm(form));
            Model fresh = new WideAndDeepModel(30, "relu");
            fresh.buildForSamples(Shape.of(5), Shape.of(6));
            fresh.compile(new SGD(0.01f), new CompileOptions().losses("mse", "mse").lossWeights(0.9, 0.1));
            fresh.loadWeights(p);
            assertSamePredictions(predict(m, x), predict(fresh, x));
            assertSameOptimizerState(m, fresh);
        }
        assertThatThrownBy(() -> m.saveWeights(dir.resolve("w.h5"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".weights.h5");
        assertThatThrownBy(() -> m.save(dir.resolve("m.h5"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".keras");
        assertThatThrownBy(() -> new WideAndDeepModel(3, "relu").saveWeights(dir.resolve("u.weights.h5")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not yet been built");
        assertThatThrownBy(() -> new WideAndDeepModel(30, "relu").loadWeights(dir.resolve("NATIVE.weights.h5")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not built yet");
    }

    @Test
    void aCompiledModelThatNeverTrainedSavesIterationAndRateOnly() {
        Model m = WideAndDeepStyles.functional();
        Path p = dir.resolve("fresh.keras");
        m.save(p);
        assertThat(KerasArchive.read(p).weights().listing()).contains("optimizer/vars/0 [] int32",
                "optimizer/vars/1 [] float32").noneMatch(l -> l.startsWith("optimizer/vars/2"));
        Model back = Saving.loadModel(p);
        assertThat(back.optimizer().get().iterations()).isZero();
        fitTwoOutputs(back, 1); // and it trains
    }

    @Test
    void metadataIsKerasFormPlusTheRandomState() {
        Path p = dir.resolve("meta.keras");
        Strata.setRandomSeed(10);
        WideAndDeepStyles.functional().save(p);
        String meta = KerasArchive.read(p).metadataJson();
        assertThat(meta).matches("\\{\"keras_version\": \"3\\.15\\.1\", \"date_saved\": \"\\d{4}-\\d\\d-\\d\\d@\\d\\d:\\d\\d:\\d\\d\", "
                + "\"strata_random_state\": \\[(\"[0-9a-f]{16}\"(, )?){4}\\]\\}");
    }

    // ---- loading checks everything first ------------------------------------------------------------------------

    private static Model mlp(int hidden) {
        return new Sequential(new InputLayer(8), new Dense(hidden, "relu"), new Dense(1));
    }

    @Test
    void shapeMismatchNamesThePathAndBothShapesAndChangesNothing() {
        Strata.setRandomSeed(11);
        Path p = dir.resolve("mlp.weights.h5");
        mlp(30).saveWeights(p);
        Model other = mlp(31);
        List<Tensor> before = other.getWeights();
        assertThatThrownBy(() -> other.loadWeights(p)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(p.toString())
                .hasMessageContaining("/layers/dense/vars/0: shape (8, 30) in the file, but weight 'kernel'")
                .hasMessageContaining("has shape (8, 31)")
                .hasMessageContaining("/layers/dense_1/vars/0: shape (30, 1)")
                .hasMessageContaining("nothing was loaded")
                .satisfies(e -> assertThat(((ModelFormatException) e).pathInFile()).isEqualTo("/layers/dense/vars/0"));
        List<Tensor> after = other.getWeights();
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i).toFloatArray()).containsExactly(before.get(i).toFloatArray());
        }
    }

    @Test
    void missingAndExtraWeightsAreErrors() {
        Strata.setRandomSeed(12);
        Model m = mlp(30);
        WeightsFile missing = Saving.weights(m, new ConfigOptions());
        missing.root().group("layers/dense_1/vars").remove("1");
        Model target = mlp(30);
        assertThatThrownBy(() -> Saving.loadWeights(target, missing)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("/layers/dense_1/vars: holds 1 weight(s) [0], but 'dense_")
                .hasMessageContaining("has 2 (kernel (30, 1), bias (1,))");

        WeightsFile noGroup = Saving.weights(m, new ConfigOptions());
        noGroup.root().group("layers").remove("dense");
        assertThatThrownBy(() -> Saving.loadWeights(target, noGroup)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("/layers/dense/vars: missing");

        WeightsFile extra = Saving.weights(m, new ConfigOptions());
        extra.root().groupsOrCreate("layers/dense_9/vars").putTensor("0", Tensor.zeros(3));
        assertThatThrownBy(() -> Saving.loadWeights(target, extra)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("no place for").hasMessageContaining("/layers/dense_9/vars/0");

        WeightsFile ok = Saving.weights(m, new ConfigOptions());
        Saving.loadWeights(target, ok);
        Tensor x = Tensor.normal(Shape.of(3, 8), 0, 1);
        assertThat(target.predict(x).toFloatArray()).containsExactly(m.predict(x).toFloatArray());
    }

    @Test
    void anOptimizerStateThatDoesNotFitIsAnError() {
        Strata.setRandomSeed(13);
        Model a = mlp(30);
        a.compile(new Adam(), "mse");
        a.fit(Tensor.normal(Shape.of(8, 8), 0, 1), Tensor.normal(Shape.of(8, 1), 0, 1), new FitOptions().verbose(0));
        Path p = dir.resolve("adam.weights.h5");
        a.saveWeights(p);
        Model b = mlp(30);
        b.compile(new SGD(0.1f, 0.9f, false), "mse"); // one slot per variable, not two
        assertThatThrownBy(() -> b.loadWeights(p)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("/optimizer/vars: holds 10 optimizer variable(s)")
                .hasMessageContaining("has 6");
        Model c = mlp(30); // not compiled: the optimizer state in the file is left alone
        c.loadWeights(p);

        WeightsFile hostile = Saving.weights(a, new ConfigOptions());
        H5Group opt = hostile.root().group("optimizer/vars");
        opt.remove("0");
        opt.putScalar("0", H5DataType.INT64, -5);
        opt.remove("1");
        opt.putScalar("1", Float.NaN);
        Model d = mlp(30);
        d.compile(new Adam(), "mse");
        assertThatThrownBy(() -> Saving.loadWeights(d, hostile)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("/optimizer/vars/0: the step count is -5")
                .hasMessageContaining("/optimizer/vars/1: the learning rate is NaN");
        assertThat(d.optimizer().get().iterations()).isZero();
    }

    @Test
    void aConfigAskingForMoreWeightsThanTheFileHoldsFailsBeforeAllocating() throws IOException {
        Strata.setRandomSeed(14);
        Model m = mlp(30);
        KerasArchive good = Saving.archive(m, new ConfigOptions());
        String hostile = good.configJson().replace("\"units\": 30", "\"units\": 2000000000");
        assertThat(hostile).isNotEqualTo(good.configJson());
        Path p = dir.resolve("hostile.keras");
        new KerasArchive(good.metadataJson(), hostile, good.weights(), Map.of()).write(p);
        assertThatThrownBy(() -> Saving.loadModel(p)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("hostile.keras at config.json")
                .hasMessageContaining("needs 16000000000 values");
    }

    @Test
    void configErrorsAreModelFormatExceptionsNamingFileMemberAndJsonPath() {
        Model m = mlp(30);
        KerasArchive good = Saving.archive(m, new ConfigOptions());
        Path p = dir.resolve("badkey.keras");
        new KerasArchive(good.metadataJson(), good.configJson().replace("\"units\": 30", "\"units\": 30, \"foo\": 1"),
                good.weights(), Map.of()).write(p);
        assertThatThrownBy(() -> Saving.loadModel(p)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("badkey.keras at config.json: model '" + m.name() + "' (Sequential).layers[1]")
                .hasMessageContaining("unknown key [foo]")
                .hasCauseInstanceOf(KerasConfigException.class);
    }

    @Test
    void damagedFilesOnlyEverGiveModelFormatExceptions() throws IOException {
        Strata.setRandomSeed(15);
        Model m = WideAndDeepStyles.functional();
        fitTwoOutputs(m, 1);
        Path good = dir.resolve("good.keras");
        m.save(good);
        byte[] bytes = Files.readAllBytes(good);
        Random r = new Random(15);
        Path bad = dir.resolve("bad.keras");
        int loaded = 0;
        for (int trial = 0; trial < 150; trial++) {
            byte[] b = trial % 3 == 0 ? java.util.Arrays.copyOf(bytes, r.nextInt(bytes.length)) : bytes.clone();
            if (trial % 3 != 0) {
                for (int k = 0; k < 1 + r.nextInt(4); k++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            Files.write(bad, b);
            try {
                Saving.loadModel(bad);
                loaded++; // a flip in a date or a float value still makes a valid file
            } catch (ModelFormatException e) {
                assertThat(e.file()).isEqualTo(bad.toString());
            }
        }
        assertThat(loaded).isLessThan(150);
    }

    @Test
    void notAModelFile() throws IOException {
        Path p = dir.resolve("text.keras");
        Files.writeString(p, "{\"hello\": 1}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Saving.loadModel(p)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("neither a .keras zip archive nor an HDF5 file");
        Path w = dir.resolve("w.weights.h5");
        mlp(3).saveWeights(w);
        assertThatThrownBy(() -> Saving.loadModel(w)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("weights file, not a model");
    }
}
