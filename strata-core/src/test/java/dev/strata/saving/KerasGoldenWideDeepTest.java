package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ModelFormatException;
import dev.strata.Strata;
import dev.strata.config.SavingRegistry;
import dev.strata.internal.io.KerasArchive;
import dev.strata.models.Model;
import dev.strata.saving.ConfigOptions.SubclassedForm;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.PredictOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three Wide &amp; Deep styles saved by Python Keras 3.15.1 ({@code keras-golden/}, made by
 * {@code tools/golden/make_wide_deep_keras.py}): Strata loads them, predicts Keras's values within 1e-5, continues
 * training from the saved optimizer state (without compiling) to the values Keras reached with the same step, and
 * saves them again at the same weight paths.
 */
class KerasGoldenWideDeepTest {
    @TempDir
    Path dir;

    @BeforeEach
    @AfterEach
    void forget() {
        SavingRegistry.unregister(WideAndDeepModel.class);
    }

    private static Path golden(String name) {
        try {
            return Path.of(KerasGoldenWideDeepTest.class.getResource("/keras-golden/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<?, ?> expected(String file) {
        try (InputStream in = KerasGoldenWideDeepTest.class.getResourceAsStream("/keras-golden/wide_deep_golden.json")) {
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

    /** Loads, predicts, takes Keras's training step, and returns the loaded model (before the step). */
    private Model check(String file) {
        Map<?, ?> g = expected(file);
        Model m = Saving.loadModel(golden(file));
        List<Tensor> x = tensors(g.get("inputs"));
        assertOutputs(m.predict(x, new PredictOptions()), g.get("outputs"), file);

        Model again = Saving.loadModel(golden(file));
        Map<?, ?> step = (Map<?, ?>) g.get("train_on_batch");
        Strata.setRandomSeed(0);
        again.trainOnBatch(tensors(step.get("x")), tensors(step.get("y")));
        assertOutputs(again.predict(x, new PredictOptions()), step.get("outputs_after"), file + " after a step");
        return m;
    }

    private static List<String> listing(Map<?, ?> g) {
        return ((List<?>) g.get("listing")).stream().map(String::valueOf).toList();
    }

    @Test
    void functional() {
        Model m = check("wide_deep_functional.keras");
        Path p = dir.resolve("f.keras");
        m.save(p);
        assertThat(KerasArchive.read(p).weights().listing()).containsExactlyElementsOf(
                listing(expected("wide_deep_functional.keras")));
    }

    @Test
    void sequential() {
        Model m = check("wide_deep_sequential.keras");
        Path p = dir.resolve("s.keras");
        m.save(p);
        assertThat(KerasArchive.read(p).weights().listing()).containsExactlyElementsOf(
                listing(expected("wide_deep_sequential.keras")));
    }

    @Test
    void subclassedLoadsAsTheRegisteredClass() {
        assertThatThrownBy(() -> Saving.loadModel(golden("wide_deep_subclassed.keras")))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("Custom>WideAndDeepModel");
        SavingRegistry.register(WideAndDeepModel.class);
        Model m = check("wide_deep_subclassed.keras");
        assertThat(m).isInstanceOf(WideAndDeepModel.class);
        Path p = dir.resolve("sub.keras");
        m.save(p, new ConfigOptions().subclassedForm(SubclassedForm.NATIVE));
        // the same paths as the Python subclass (layer names differ: Python's are auto names, Strata's the fields')
        assertThat(KerasArchive.read(p).weights().listing().stream().map(l -> l.replaceAll("/ name=.*", "/")))
                .containsExactlyElementsOf(listing(expected("wide_deep_subclassed.keras")).stream()
                        .map(l -> l.replaceAll("/ name=.*", "/")).toList());
    }
}
