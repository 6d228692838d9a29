package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.Adadelta;
import dev.strata.optimizers.Adafactor;
import dev.strata.optimizers.Adagrad;
import dev.strata.optimizers.Adam;
import dev.strata.optimizers.Adamax;
import dev.strata.optimizers.Ftrl;
import dev.strata.optimizers.Lamb;
import dev.strata.optimizers.Lion;
import dev.strata.optimizers.Muon;
import dev.strata.optimizers.Nadam;
import dev.strata.optimizers.Optimizer;
import dev.strata.optimizers.RMSprop;
import dev.strata.optimizers.SGD;
import dev.strata.optimizers.schedules.CosineDecay;
import dev.strata.optimizers.schedules.ExponentialDecay;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import dev.strata.training.FitOptions;
import dev.strata.training.PredictOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models saved with the optimizers of issue 14 move between Python Keras and Strata with their optimizer state.
 * Keras's files ({@code keras-golden/opt14_*.keras}, made by {@code tools/golden/make_optimizers14_keras.py}: Nadam,
 * Ftrl, Lamb, Muon, Adagrad, Adafactor, each trained 4 steps, and Keras's base options: Adam with a CosineDecay
 * (warm-up) or ExponentialDecay schedule, SGD with {@code use_ema}, RMSprop with {@code gradient_accumulation_steps},
 * trained 3 steps) load with Keras's optimizer class, config and variables (Nadam's {@code u_product}, Adafactor's
 * factored moments and scalar placeholders, EMA averages and accumulators included), predict Keras's values within
 * 1e-5, and one more training step from the saved state gives Keras's next step. Strata's files with each of the
 * nine optimizers are left in
 * {@code target/keras-saved-opt14/} in the form {@code tools/keras-interop/check_saved.py} reads, for Python Keras to
 * load, compare and train one more step.
 */
class Optimizers14InteropTest {
    @TempDir
    Path dir;

    private static Path golden(String name) {
        try {
            return Path.of(Optimizers14InteropTest.class.getResource("/keras-golden/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<?, ?> expected(String file) {
        try (InputStream in = Optimizers14InteropTest.class.getResourceAsStream("/keras-golden/opt14_golden.json")) {
            Map<?, ?> all = (Map<?, ?>) KerasConfig.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return (Map<?, ?>) all.get(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Tensor> tensors(Object nested) {
        return ((List<?>) nested).stream().map(IoJson::tensor).toList();
    }

    private static void assertOutputs(Tensors got, Object expected, String what) {
        List<Tensor> e = tensors(expected);
        assertThat(got.size()).isEqualTo(e.size());
        for (int i = 0; i < e.size(); i++) {
            IoJson.assertClose(got.get(i), e.get(i), 1e-5, what + " output " + i);
        }
    }

    private void checkKerasFile(String file, Class<? extends Optimizer> type) {
        checkKerasFile(file, type, 5);
    }

    private void checkKerasFile(String file, Class<? extends Optimizer> type, long iterationsAfter) {
        Map<?, ?> g = expected(file);
        Model m = Saving.loadModel(golden(file));
        Optimizer opt = m.optimizer().orElseThrow();
        assertThat(opt).isExactlyInstanceOf(type);
        assertThat(opt.getConfig()).isEqualTo(g.get("optimizer_config"));
        List<Variable> state = opt.variables();
        List<?> saved = (List<?>) g.get("optimizer_variables");
        assertThat(state).hasSameSizeAs(saved);
        for (int i = 0; i < state.size(); i++) {
            List<?> values = (List<?>) ((List<?>) saved.get(i)).get(1);
            float[] want = new float[values.size()];
            for (int k = 0; k < want.length; k++) {
                want[k] = ((Number) values.get(k)).floatValue();
            }
            assertThat(state.get(i).toFloatArray()).as("%s: optimizer variable %d (%s)", file, i,
                    ((List<?>) saved.get(i)).get(0)).containsExactly(want, offset(0f));
        }
        List<Tensor> x = tensors(g.get("inputs"));
        assertOutputs(m.predict(x, new PredictOptions()), g.get("outputs"), file);

        Map<?, ?> step = (Map<?, ?>) g.get("train_on_batch");
        Strata.setRandomSeed(0);
        m.trainOnBatch(tensors(step.get("x")), tensors(step.get("y")));
        assertOutputs(m.predict(x, new PredictOptions()), step.get("outputs_after"), file + " after a step");
        assertThat(opt.iterations()).isEqualTo(iterationsAfter);

        // and Strata's file of it loads back to the same optimizer and state
        Path p = dir.resolve(file);
        m.save(p);
        Optimizer back = Saving.loadModel(p).optimizer().orElseThrow();
        assertThat(new LinkedHashMap<>(back.getConfig())).isEqualTo(new LinkedHashMap<>(opt.getConfig()));
        for (int i = 0; i < state.size(); i++) {
            assertThat(back.variables().get(i).toFloatArray()).containsExactly(state.get(i).toFloatArray());
        }
    }

    @Test
    void kerasNadamFileKeepsItsRunningProduct() {
        checkKerasFile("opt14_nadam.keras", Nadam.class);
    }

    @Test
    void kerasFtrlFile() {
        checkKerasFile("opt14_ftrl.keras", Ftrl.class);
    }

    @Test
    void kerasLambFile() {
        checkKerasFile("opt14_lamb.keras", Lamb.class);
    }

    @Test
    void kerasMuonFile() {
        checkKerasFile("opt14_muon.keras", Muon.class);
    }

    @Test
    void kerasAdagradFile() {
        checkKerasFile("opt14_adagrad.keras", Adagrad.class);
    }

    @Test
    void kerasAdamWithCosineDecayWarmupFile() {
        checkKerasFile("opt14_adam_cosine.keras", Adam.class);
        assertThat(Saving.loadModel(golden("opt14_adam_cosine.keras")).optimizer().orElseThrow().learningRateSchedule())
                .isInstanceOf(CosineDecay.class);
    }

    @Test
    void kerasAdamWithExponentialDecayFile() {
        checkKerasFile("opt14_adam_expdecay.keras", Adam.class);
    }

    @Test
    void kerasSgdWithEmaFileKeepsTheAverages() {
        checkKerasFile("opt14_sgd_ema.keras", SGD.class);
    }

    @Test
    void kerasRmspropWithGradientAccumulationFileKeepsTheAccumulators() {
        // trained 3 steps (one micro-batch pending); Keras's iterations counts applied updates: 4 steps with
        // gradient_accumulation_steps 2 are 2 updates
        checkKerasFile("opt14_rmsprop_accum.keras", RMSprop.class, 2);
    }

    @Test
    void kerasAdafactorFileKeepsItsFactoredMoments() {
        checkKerasFile("opt14_adafactor.keras", Adafactor.class);
    }

    @Test
    void strataFilesForPythonKeras() throws IOException {
        Path out = Path.of("target", "keras-saved-opt14");
        Files.createDirectories(out);
        Map<String, Supplier<Optimizer>> optimizers = new LinkedHashMap<>();
        optimizers.put("adagrad", () -> new Adagrad(0.05f));
        optimizers.put("adadelta", () -> new Adadelta(1f).weightDecay(0.01f));
        optimizers.put("adamax", () -> new Adamax(0.01f));
        optimizers.put("nadam", () -> new Nadam(0.01f).clipnorm(1f));
        optimizers.put("ftrl", () -> new Ftrl(0.05f).l1RegularizationStrength(0.01f));
        optimizers.put("lion", () -> new Lion(0.003f));
        optimizers.put("lamb", () -> new Lamb(0.01f).weightDecay(0.01f));
        optimizers.put("muon", () -> new Muon(0.01f));
        // the base options: a schedule's serialized form, EMA averages and gradient accumulators in the file
        optimizers.put("adam_cosine", () -> new Adam().learningRate(new CosineDecay(1e-3f, 10, 0.1f, "CosineDecay",
                1e-2f, 3)));
        optimizers.put("adam_expdecay", () -> new Adam().learningRate(new ExponentialDecay(1e-2f, 3, 0.5f, true)));
        // overwriting every 5th step: the step check_saved.py takes from the file (the 5th) writes the saved
        // averages into the weights, so Keras's result depends on them being read in Keras's order
        optimizers.put("sgd_ema", () -> new SGD(0.05f, 0.5f, false).useEma(true).emaMomentum(0.8f)
                .emaOverwriteFrequency(5));
        optimizers.put("rmsprop_accum", () -> new RMSprop(0.01f).gradientAccumulationSteps(2));
        optimizers.put("adafactor", () -> new Adafactor(0.05f).clipThreshold(0.5f));
        Strata.setRandomSeed(14);
        Tensor x = Tensor.normal(Shape.of(32, 4), 0, 1);
        Tensor y = Tensor.normal(Shape.of(32, 1), 0, 1);
        Tensor probe = Tensor.normal(Shape.of(4, 4), 0, 1);
        for (Map.Entry<String, Supplier<Optimizer>> e : optimizers.entrySet()) {
            Model model = new Sequential(new InputLayer(4), new Dense(6, "relu"), new Dense(1));
            model.compile(e.getValue().get(), "mse");
            // 3 steps with gradient accumulation, so that the file holds a micro-batch's gradients not yet applied
            boolean accumulating = e.getKey().endsWith("_accum");
            model.fit(x, y, new FitOptions().epochs(accumulating ? 1 : 2).batchSize(accumulating ? 12 : 16).verbose(0)
                    .shuffle(false));
            SavedFilesExportTest.export(out, "opt14_" + e.getKey(), model, List.of(probe), 1, true);
        }
    }
}
