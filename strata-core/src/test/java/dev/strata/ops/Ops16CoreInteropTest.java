package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.internal.io.KerasArchive;
import dev.strata.models.Model;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import dev.strata.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's keras.ops.core ops in a model Python Keras saved ({@code keras-golden/ops16_core.keras}, made by
 * {@code tools/golden/ops16_core.py --interop}): Strata reads every op entry as Keras wrote it (unstack's several
 * outputs, the casts' dtypes, ConvertToTensor's None keys, scatter's and scatter_update's constant indices,
 * slice_update's start list between two tensors), predicts Keras's values, writes the same op configs back, and its own
 * saved file reloads with the same predictions. Also: custom_gradient and vectorized_map in a traced model keep their
 * behaviour when the graph runs, and saving them fails naming the op.
 */
class Ops16CoreInteropTest {
    private static final KerasOpsInterop KERAS = new KerasOpsInterop("ops16_core");
    private static final Path FILE = KERAS.file();
    /** The Keras classes of these ops (the model also uses others to make their inputs). */
    private static final java.util.Set<Object> OURS = java.util.Set.of("Unstack", "Cast", "SaturateCast",
            "ConvertToTensor", "Scatter", "ScatterUpdate", "SliceUpdate");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void loadsKerassFileAndPredictsKerassValues() {
        KERAS.assertPredictsKeras(Saving.loadModel(FILE), 1e-6, 1e-6);
    }

    @Test
    void writesKerassOpConfigsBack() throws IOException {
        Model m = Saving.loadModel(FILE);
        Map<String, Object> kerasOps = KerasOpsInterop.opConfigs(KerasArchive.read(FILE).configJson(), OURS);
        Map<String, Object> strataOps = KerasOpsInterop.opConfigs(KerasConfig.modelToJson(m), OURS);
        assertThat(kerasOps).hasSize(strataOps.size()).hasSize(17);
        assertThat(strataOps).isEqualTo(kerasOps);
    }

    @Test
    void strataSavedFileReloadsWithTheSamePredictions(@TempDir Path dir) {
        KERAS.assertPredictsKeras(KERAS.savedAgain(dir), 1e-6, 1e-6);
    }

    @Test
    void customGradientTracesRunsFromTheGraphWithItsGradientAndRefusesToSave(@TempDir Path dir) {
        var in = dev.strata.models.Input.of(8);
        Tensor out = Ops.customGradient(CoreOps16Test.CLIP_GRAD).apply(Ops.multiply(in, 3f));
        assertThat(out.shape()).isEqualTo(dev.strata.tensor.Shape.of(dev.strata.tensor.Shape.UNKNOWN, 8));
        Model m = Model.of(in, out);
        Tensor x = Tensor.of(CoreOps16Test.golden("CX"), 1, 8);
        assertThat(m.apply(x).toFloatArray()).containsExactly(Ops.multiply(x, 3f).toFloatArray());
        Tensor g;
        try (var tape = dev.strata.autodiff.GradientTape.record()) {
            tape.watch(x);
            g = tape.gradient(Ops.sum(Ops.multiply(m.apply(x), Tensor.of(CoreOps16Test.golden("CW"), 1, 8))), x);
        }
        // the clipped upstream, times 3 from the multiply before it: the custom rule ran in the graph's replay
        float[] cw = CoreOps16Test.golden("CW");
        float[] expected = new float[8];
        for (int i = 0; i < 8; i++) {
            expected[i] = 3 * Math.min(Math.max(cw[i], -0.5f), 0.5f);
        }
        assertThat(g.toFloatArray()).containsExactly(expected);
        assertThatThrownBy(() -> Saving.saveModel(m, dir.resolve("custom.keras")))
                .hasMessageContaining("custom_gradient").hasMessageContaining("Java function");
    }

    @Test
    void vectorizedMapTracesRunsFromTheGraphAndRefusesToSave(@TempDir Path dir) {
        var in = dev.strata.models.Input.of(4);
        Tensor out = Ops.vectorizedMap(e -> Ops.multiply(e, Ops.sum(e)), in);
        Model m = Model.of(in, out);
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, -1, 0, 1, 2}, 2, 4);
        assertThat(m.apply(x).toFloatArray()).containsExactly(10, 20, 30, 40, -2, 0, 2, 4);
        assertThatThrownBy(() -> Saving.saveModel(m, dir.resolve("vmap.keras")))
                .hasMessageContaining("vectorized_map");
    }
}
