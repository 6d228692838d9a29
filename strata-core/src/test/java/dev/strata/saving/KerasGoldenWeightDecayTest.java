package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.strata.Strata;
import dev.strata.models.Model;
import dev.strata.optimizers.Adam;
import dev.strata.optimizers.AdamW;
import dev.strata.optimizers.Optimizer;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import dev.strata.training.PredictOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models that Python Keras 3.15.1 compiled with weight decay and saved ({@code keras-golden/}, made by
 * {@code tools/golden/make_weight_decay_keras.py}): an AdamW Sequential and a Functional model on Adam with
 * {@code weight_decay}. Strata loads them with the same optimizer class, config and state, predicts Keras's values
 * within 1e-5, continues training from the saved optimizer state to the values Keras reached with the same step, and
 * saves a file that loads back to the same optimizer.
 */
class KerasGoldenWeightDecayTest {
    @TempDir
    Path dir;

    private static Path golden(String name) {
        try {
            return Path.of(KerasGoldenWeightDecayTest.class.getResource("/keras-golden/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<?, ?> expected(String file) {
        try (InputStream in = KerasGoldenWeightDecayTest.class.getResourceAsStream(
                "/keras-golden/weight_decay_golden.json")) {
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

    /** Loads, checks the optimizer and predictions, takes Keras's training step; returns the loaded model. */
    private Model check(String file, Class<? extends Optimizer> optimizerClass) {
        Map<?, ?> g = expected(file);
        Model m = Saving.loadModel(golden(file));
        Optimizer opt = m.optimizer().orElseThrow();
        assertThat(opt).isExactlyInstanceOf(optimizerClass);
        assertThat(opt.getConfig()).isEqualTo(g.get("optimizer_config"));
        List<Variable> state = opt.variables();
        List<?> saved = (List<?>) g.get("optimizer_variables");
        assertThat(state).hasSameSizeAs(saved);
        for (int i = 0; i < state.size(); i++) {
            List<?> values = (List<?>) ((List<?>) saved.get(i)).get(1);
            float[] expected = new float[values.size()];
            for (int k = 0; k < expected.length; k++) {
                expected[k] = ((Number) values.get(k)).floatValue();
            }
            assertThat(state.get(i).toFloatArray()).as("%s: optimizer variable %d (%s)", file, i,
                    ((List<?>) saved.get(i)).get(0)).containsExactly(expected, offset(0f));
        }
        List<Tensor> x = tensors(g.get("inputs"));
        assertOutputs(m.predict(x, new PredictOptions()), g.get("outputs"), file);

        Model again = Saving.loadModel(golden(file));
        Map<?, ?> step = (Map<?, ?>) g.get("train_on_batch");
        Strata.setRandomSeed(0);
        again.trainOnBatch(tensors(step.get("x")), tensors(step.get("y")));
        assertOutputs(again.predict(x, new PredictOptions()), step.get("outputs_after"), file + " after a step");
        return m;
    }

    private void assertSavesTheSameOptimizer(Model m, String name) {
        Path p = dir.resolve(name);
        m.save(p);
        Model back = Saving.loadModel(p);
        Optimizer a = m.optimizer().orElseThrow();
        Optimizer b = back.optimizer().orElseThrow();
        assertThat(b.getClass()).isEqualTo(a.getClass());
        assertThat(new LinkedHashMap<>(b.getConfig())).isEqualTo(new LinkedHashMap<>(a.getConfig()));
        for (int i = 0; i < a.variables().size(); i++) {
            assertThat(b.variables().get(i).toFloatArray()).containsExactly(a.variables().get(i).toFloatArray());
        }
    }

    @Test
    void adamWSequential() {
        Model m = check("adamw_sequential.keras", AdamW.class);
        assertThat(m.optimizer().orElseThrow().getConfig()).containsEntry("weight_decay", 0.05)
                .containsEntry("amsgrad", true);
        assertSavesTheSameOptimizer(m, "adamw.keras");
    }

    @Test
    void adamWithWeightDecayFunctional() {
        Model m = check("adam_weight_decay_functional.keras", Adam.class);
        assertThat(m.optimizer().orElseThrow().getConfig()).containsEntry("weight_decay", 0.02);
        assertSavesTheSameOptimizer(m, "adam.keras");
    }
}
