package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.internal.io.KerasArchive;
import dev.strata.models.Model;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import dev.strata.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's fuller keras.ops arguments, part a, in a model Python Keras saved ({@code keras-golden/ops16_args_a.keras},
 * made by {@code tools/golden/ops16_args_a.py --interop}): linspace/logspace/geomspace of tensor bounds with axis,
 * endpoint, dtype and base; scatter with broadcast values; scatter_update with max, min and mul. Strata reads every op
 * entry as Keras wrote it, predicts Keras's values, writes the same op configs back, and its own saved file reloads
 * with the same predictions.
 */
class Ops16ArgsAInteropTest {
    private static final KerasOpsInterop KERAS = new KerasOpsInterop("ops16_args_a");
    private static final Path FILE = KERAS.file();
    private static final java.util.Set<Object> OURS = java.util.Set.of("Linspace", "Logspace", "Geomspace", "Scatter",
            "ScatterUpdate");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static List<Tensor> inputs() {
        return List.of(KERAS.tensor("a", KERAS.shape("a_shape")), KERAS.tensor("b", KERAS.shape("b_shape")));
    }

    @Test
    void loadsKerassFileAndPredictsKerassValues() {
        KERAS.assertPredictsKeras(Saving.loadModel(FILE), inputs(), 1e-5, 1e-6);
    }

    @Test
    void writesKerassOpConfigsBack() throws IOException {
        Model m = Saving.loadModel(FILE);
        Map<String, Object> kerasOps = KerasOpsInterop.opConfigs(KerasArchive.read(FILE).configJson(), OURS);
        Map<String, Object> strataOps = KerasOpsInterop.opConfigs(KerasConfig.modelToJson(m), OURS);
        assertThat(kerasOps).hasSize(strataOps.size()).hasSize(12);
        assertThat(strataOps).isEqualTo(kerasOps);
    }

    @Test
    void strataSavedFileReloadsWithTheSamePredictions(@TempDir Path dir) {
        KERAS.assertPredictsKeras(KERAS.savedAgain(dir), inputs(), 1e-5, 1e-6);
    }
}
