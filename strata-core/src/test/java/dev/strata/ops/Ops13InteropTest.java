package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.internal.io.KerasArchive;
import dev.strata.models.Model;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's ops in a model Python Keras saved ({@code keras-golden/ops13.keras}, made by
 * {@code tools/golden/ops13.py --interop}): Strata reads every op entry as Keras wrote it (axis None, dtype None,
 * top_k's two outputs and {@code sorted}, nan_to_num's None), predicts Keras's values, writes the same op configs
 * back, and its own saved file reloads with the same predictions. (The other direction, Python Keras loading the
 * configs Strata writes, is {@code OpSpecRoundTripTest.everyOp} through {@code tools/keras-interop/check_config.py}.)
 */
class Ops13InteropTest {
    private static final KerasOpsInterop KERAS = new KerasOpsInterop("ops13");
    private static final Path FILE = KERAS.file();
    /** The Keras classes of issue 13's ops (the model also uses others to make their inputs). */
    private static final java.util.Set<Object> OURS = java.util.Set.of("Sin", "Cos", "Tan", "Arcsin", "Arccos",
            "Arctan", "Arctan2", "Sinh", "Cosh", "Arcsinh", "Arccosh", "Arctanh", "Floor", "Ceil", "Trunc", "Round",
            "Cumsum", "Cumprod", "Sort", "Argsort", "TopK", "LogicalAnd", "LogicalOr", "LogicalXor", "LogicalNot",
            "Isnan", "Isinf", "Isfinite", "NanToNum", "Tril", "Triu");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void loadsKerassFileAndPredictsKerassValues() {
        KERAS.assertPredictsKeras(Saving.loadModel(FILE), 1e-5, 1e-6);
    }

    @Test
    void writesKerassOpConfigsBack() throws IOException {
        Model m = Saving.loadModel(FILE);
        Map<String, Object> kerasOps = KerasOpsInterop.opConfigs(KerasArchive.read(FILE).configJson(), OURS);
        Map<String, Object> strataOps = KerasOpsInterop.opConfigs(KerasConfig.modelToJson(m), OURS);
        assertThat(kerasOps).hasSize(strataOps.size()).hasSizeGreaterThan(38);
        assertThat(strataOps).isEqualTo(kerasOps);
    }

    @Test
    void strataSavedFileReloadsWithTheSamePredictions(@TempDir Path dir) {
        KERAS.assertPredictsKeras(KERAS.savedAgain(dir), 1e-5, 1e-6);
    }
}
