package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.internal.io.KerasArchive;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keras.ops.nn.unfold}, {@code fold} and {@code ctc_decode} (greedy) in a model Python Keras saved ({@code keras-golden/ops16_nnrest.keras},
 * made by {@code tools/golden/ops16_nnrest.py --interop}; arguments as one integer or a pair): Strata reads every op
 * entry as Keras wrote it, predicts Keras's values, writes the same op configs back, and its own saved file reloads
 * with the same predictions. (Python Keras loading Strata's configs is {@code OpSpecRoundTripTest.everyOp} through
 * {@code tools/keras-interop/check_config.py}.)
 */
class Ops16NnRestInteropTest {
    private static final KerasOpsInterop KERAS = new KerasOpsInterop("ops16_nnrest");
    private static final Set<Object> OURS = Set.of("Unfold", "Fold", "CTCDecode");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void loadsKerassFileAndPredictsKerassValues() {
        KERAS.assertPredictsKeras(Saving.loadModel(KERAS.file()), 1e-6, 1e-6);
    }

    @Test
    void writesKerassOpConfigsBack() throws IOException {
        Map<String, Object> kerasOps = KerasOpsInterop.opConfigs(KerasArchive.read(KERAS.file()).configJson(), OURS);
        Map<String, Object> strataOps = KerasOpsInterop.opConfigs(
                KerasConfig.modelToJson(Saving.loadModel(KERAS.file())), OURS);
        assertThat(kerasOps).hasSize(10);
        assertThat(withoutNames(strataOps)).containsExactlyInAnyOrderElementsOf(withoutNames(kerasOps));
    }

    /** The configs without their node names (Strata numbers the nodes in its own order of the graph). */
    @SuppressWarnings("unchecked")
    private static List<String> withoutNames(Map<String, Object> configs) {
        return configs.entrySet().stream().map(e -> {
            Map<String, Object> c = new TreeMap<>((Map<String, Object>) e.getValue());
            c.remove("name");
            return e.getKey().substring(0, e.getKey().indexOf(' ')) + " " + c;
        }).toList();
    }

    @Test
    void strataSavedFileReloadsWithTheSamePredictions(@TempDir Path dir) {
        Path file = dir.resolve("ops16_nnrest.keras");
        Saving.saveModel(Saving.loadModel(KERAS.file()), file);
        Strata.clearSession();
        KERAS.assertPredictsKeras(Saving.loadModel(file), 1e-6, 1e-6);
    }
}
