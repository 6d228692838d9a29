package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.internal.io.KerasArchive;
import dev.strata.models.Model;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keras.ops.linalg ops in a model Python Keras saved ({@code keras-golden/ops16_linalg.keras}, made by
 * {@code tools/golden/ops16_linalg.py --interop}): Strata reads every op entry as Keras wrote it (norm's ord as
 * None, an integer, a float, inf or a string and its axes as lists; the multi-output slogdet, qr, svd, eigh and
 * lu_factor), predicts Keras's values, writes the same op configs back, and its own saved file reloads with the same
 * predictions. (Python Keras loading what Strata writes is {@code OpSpecRoundTripTest.everyOp} through
 * {@code tools/keras-interop/check_config.py}.)
 */
class Ops16LinalgInteropTest {
    private static final KerasOpsInterop KERAS = new KerasOpsInterop("ops16_linalg");
    private static final Path FILE = KERAS.file();
    private static final Set<Object> OURS = Set.of("Inv", "Solve", "Det", "Slogdet", "Logdet", "Cholesky",
            "CholeskyInverse", "SolveTriangular", "Qr", "SVD", "Eigh", "LuFactor", "Norm", "Pinv", "MatrixRank");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static void assertPredictsKeras(Model m) {
        // float32 LAPACK (Keras) against Strata's double: a few float32 ulps, scaled by the conditioning
        KERAS.assertPredictsKeras(m, List.of(KERAS.tensor("a", KERAS.shape("a_shape")),
                KERAS.tensor("b", KERAS.shape("b_shape"))), 1e-4, 1e-5);
    }

    @Test
    void loadsKerassFileAndPredictsKerassValues() {
        assertPredictsKeras(Saving.loadModel(FILE));
    }

    @Test
    void writesKerassOpConfigsBack() throws IOException {
        Model m = Saving.loadModel(FILE);
        Map<String, Object> kerasOps = opConfigs(KerasArchive.read(FILE).configJson());
        Map<String, Object> strataOps = opConfigs(KerasConfig.modelToJson(m));
        assertThat(kerasOps).hasSize(strataOps.size()).hasSizeGreaterThan(25);
        assertThat(strataOps).isEqualTo(kerasOps);
    }

    @Test
    void strataSavedFileReloadsWithTheSamePredictions(@TempDir Path dir) {
        assertPredictsKeras(KERAS.savedAgain(dir));
    }

    /**
     * Each op entry's class and config, in order, without its name (Strata numbers repeated op names in graph order,
     * Keras in creation order: the first cholesky made is not the first in the graph here).
     */
    private static Map<String, Object> opConfigs(String json) {
        return KerasOpsInterop.opConfigsWithoutNames(json, OURS);
    }
}
