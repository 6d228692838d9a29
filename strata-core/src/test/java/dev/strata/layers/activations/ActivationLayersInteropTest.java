package dev.strata.layers.activations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.config.Config;
import dev.strata.initializers.Constant;
import dev.strata.internal.config.KerasForms;
import dev.strata.internal.io.KerasArchive;
import dev.strata.layers.Layer;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.Identity;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.Adam;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.PredictOptions;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The six activation layers between Strata and Python Keras. Strata loads the {@code .keras} file Keras saved
 * ({@code keras-golden/activation_layers.keras}, made by {@code tools/golden/make_activation_layers_keras.py}) and
 * predicts Keras's values; and Strata saves models using all six to {@code target/keras-saved-activations/} for
 * {@code tools/keras-interop/check_saved.py} (Python Keras loads them, predicts the same, trains one more step to the
 * same values; CI does not run Python, so here the files are checked to reload in Strata).
 */
class ActivationLayersInteropTest {
    static final Path DIR = Path.of("target", "keras-saved-activations");

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(19);
    }

    private static Map<?, ?> golden() {
        try (InputStream in = ActivationLayersInteropTest.class.getResourceAsStream(
                "/keras-golden/activation_layers_golden.json")) {
            return (Map<?, ?>) KerasConfig.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Tensor tensor(Object nested) {
        return Config.of(Map.of("v", nested), "golden").tensor("v");
    }

    @Test
    void loadsKerassFileAndPredictsKerassValues() throws URISyntaxException {
        Map<?, ?> g = golden();
        Model m = Saving.loadModel(Path.of(getClass().getResource("/keras-golden/activation_layers.keras").toURI()));
        List<Class<?>> classes = m.layers().stream().<Class<?>>map(Object::getClass).toList();
        assertThat(classes).contains(ReLU.class, LeakyReLU.class, PReLU.class, ELU.class, Identity.class,
                Softmax.class);
        PReLU prelu = (PReLU) m.getLayer("p_re_lu");
        assertThat(prelu.sharedAxes()).containsExactly(1);
        LayerChecks.assertClose(prelu.alpha().toFloatArray(), tensor(g.get("prelu_alpha")).toFloatArray(), 0, 0);
        assertThat(((ReLU) m.getLayer("re_lu")).maxValue()).isEqualTo(2.0);
        assertThat(((Softmax) m.getLayer("axes_1_2")).axes()).containsExactly(1, 2);

        List<Tensor> x = ((List<?>) g.get("inputs")).stream().map(ActivationLayersInteropTest::tensor).toList();
        Tensors predicted = m.predict(x, new PredictOptions());
        List<?> expected = (List<?>) g.get("outputs");
        assertThat(predicted.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            Tensor e = tensor(expected.get(i));
            assertThat(predicted.get(i).shape()).isEqualTo(e.shape());
            LayerChecks.assertClose(predicted.get(i).toFloatArray(), e.toFloatArray(), 1e-5, 1e-7);
        }
    }

    /** The Keras script's model, made in Strata. */
    static Model functional() {
        Tensor in = Input.of("x", 4, 3);
        Tensor h = new Dense(6).apply(in);
        h = new ReLU(2).negativeSlope(0.1).threshold(0.5).apply(h);
        h = new LeakyReLU(0.2).apply(h);
        h = new PReLU().alphaInitializer(new Constant(0.25f)).sharedAxes(1).apply(h);
        h = new ELU(0.7).apply(h);
        h = new Identity().apply(h);
        return Model.of(List.of(in), List.of(new Softmax().named("last_axis").apply(h),
                new Softmax().axis(1, 2).named("axes_1_2").apply(h)));
    }

    @Test
    void exportSavedModelsForPythonKeras() throws IOException {
        Files.createDirectories(DIR);
        Tensor x = Tensor.normal(Shape.of(64, 4, 3), 0, 2);
        Tensor y = Tensor.uniform(Shape.of(64, 4, 6), 0f, 1f);

        Model functional = functional();
        functional.compile(new Adam(0.01f), new CompileOptions().losses("mse", "mse"));
        functional.fit(List.of(x), List.of(y, y), new FitOptions().epochs(2).verbose(0));
        export("activation_layers_functional", functional, Tensor.normal(Shape.of(5, 4, 3), 0, 2), 2);

        List<Layer> six = List.of(new InputLayer(4, 3), new Dense(6), new ReLU(6).threshold(0.1),
                new PReLU().alphaInitializer(new Constant(0.5f)), new LeakyReLU(), new ELU(), new Identity(),
                new Softmax(1));
        Model sequential = new Sequential(six);
        sequential.compile(new Adam(0.01f), "mse");
        sequential.fit(x, y, new FitOptions().epochs(2).verbose(0));
        export("activation_layers_sequential", sequential, Tensor.normal(Shape.of(5, 4, 3), 0, 2), 1);
        assertThat(Files.list(DIR).count()).isGreaterThanOrEqualTo(6);
    }

    /**
     * Saves the model and its weights, checks that it reloads in Strata and predicts the same, and writes what
     * {@code check_saved.py} reads: inputs, Strata's outputs, the weights listing, and one training step of the
     * reloaded model on a fixed batch with its predictions after.
     */
    private static void export(String name, Model model, Tensor probe, int outputs) throws IOException {
        Path file = DIR.resolve(name + ".keras");
        Path weights = DIR.resolve(name + ".weights.h5");
        model.save(file);
        model.saveWeights(weights);
        List<Tensor> inputs = List.of(probe);
        Tensors predicted = model.predict(inputs, new PredictOptions());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", file.getFileName().toString());
        doc.put("weights_file", weights.getFileName().toString());
        doc.put("inputs", nested(inputs));
        doc.put("outputs", nested(predicted));
        doc.put("listing", KerasArchive.read(file).weights().listing());

        Model back = Saving.loadModel(file);
        Tensors again = back.predict(inputs, new PredictOptions());
        for (int i = 0; i < predicted.size(); i++) {
            assertThat(again.get(i).toFloatArray()).containsExactly(predicted.get(i).toFloatArray());
        }
        Tensor bx = Tensor.normal(Shape.of(8, 4, 3), 0, 2);
        Tensor by = Tensor.uniform(Shape.of(8, 4, 6), 0f, 1f);
        List<Tensor> ys = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            ys.add(by);
        }
        back.trainOnBatch(List.of(bx), ys);
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("x", nested(List.of(bx)));
        step.put("y", nested(ys));
        step.put("outputs_after", nested(back.predict(inputs, new PredictOptions())));
        doc.put("train_on_batch", step);
        Files.writeString(DIR.resolve(name + ".json"), KerasConfig.toJson(doc), StandardCharsets.UTF_8);
    }

    private static List<Object> nested(List<Tensor> ts) {
        List<Object> out = new ArrayList<>();
        for (Tensor t : ts) {
            out.add(KerasForms.nested(t));
        }
        return out;
    }
}
