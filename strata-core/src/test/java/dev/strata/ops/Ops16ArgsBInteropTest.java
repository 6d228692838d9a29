package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.saving.Saving;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's second round of op arguments in a model Python Keras saved ({@code keras-golden/ops16_args_b.keras}, made
 * by {@code tools/golden/ops16_args_b.py --interop}): quantile-family and nan* reductions over axis tuples, which Keras
 * writes as lists, and histogram with and without a range (Keras 3.15 cannot run its own histogram node: the golden
 * script patches it, see there). Strata reads every op entry as Keras wrote it, predicts Keras's values, writes the same op configs
 * back, and its own saved file reloads with the same predictions. (Python Keras loading Strata's configs is
 * {@code OpSpecRoundTripTest.everyOp} through {@code tools/keras-interop/check_config.py}.)
 */
class Ops16ArgsBInteropTest {
    private static final KerasOpsInterop KERAS = new KerasOpsInterop("ops16_args_b");
    private static final Set<Object> OURS = Set.of("Quantile", "Percentile", "Nanquantile", "Nanpercentile", "Median",
            "Nanmedian", "Nansum", "Nanmean", "Nanmax", "Nanmin", "Nanprod", "Nanstd", "Nanvar", "Histogram", "Bincount");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void loadsKerassFileAndPredictsKerassValues() {
        KERAS.assertPredictsKeras(Saving.loadModel(KERAS.file()), 1e-5, 1e-6);
    }

    @Test
    void writesKerassOpConfigsBack() throws IOException {
        Map<String, Object> kerasOps = KerasOpsInterop.opConfigs(
                dev.strata.internal.io.KerasArchive.read(KERAS.file()).configJson(), OURS);
        Map<String, Object> strataOps = KerasOpsInterop.opConfigs(
                dev.strata.saving.KerasConfig.modelToJson(Saving.loadModel(KERAS.file())), OURS);
        assertThat(kerasOps).hasSize(18);
        assertThat(kerasOps.toString()).contains("axis=[0, 2]").contains("axis=[-1, 1]").contains("range=[-0.5, 0.5]")
                .contains("range=null").contains("minlength=6");
        assertThat(strataOps).isEqualTo(kerasOps);
    }

    @Test
    void strataSavedFileReloadsWithTheSamePredictions(@TempDir Path dir) {
        KERAS.assertPredictsKeras(KERAS.savedAgain(dir), 1e-5, 1e-6);
    }
}
