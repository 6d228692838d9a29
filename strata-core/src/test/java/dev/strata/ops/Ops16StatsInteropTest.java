package dev.strata.ops;

import dev.strata.Strata;
import dev.strata.saving.Saving;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's statistics, products and searching ops in a model Python Keras saved ({@code
 * keras-golden/ops16_stats.keras}, made by {@code tools/golden/ops16_stats.py --interop}): Strata reads every op entry
 * as Keras wrote it, predicts Keras's values, writes the same op configs back, and its own saved file reloads with the
 * same predictions. (Python Keras loading Strata's configs is {@code OpSpecRoundTripTest.everyOp} through
 * {@code tools/keras-interop/check_config.py}.)
 */
class Ops16StatsInteropTest {
    private static final KerasOpsInterop KERAS = new KerasOpsInterop("ops16_stats");
    private static final Set<Object> OURS = Set.of("Tensordot", "Outer",
            "Inner", "Vdot", "Kron", "Cross", "Diff", "Trapezoid", "Correlate", "Average", "Amax", "Amin", "Ptp",
            "Median", "Quantile", "Percentile", "CountNonzero", "Nansum", "Nanmean", "Nanmax", "Nanmin", "Nanprod",
            "Nanstd", "Nanvar", "Nanmedian", "Nanquantile", "Nanpercentile", "Nanargmax", "Nanargmin", "Nancumsum",
            "Nancumprod", "SearchSorted", "Digitize", "IsIn", "Argpartition", "Corrcoef");

    /** Our op entries' configs by class and name; a lone axis of amax, amin, median and ptp as a list of one. */
    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> opConfigs(String json) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        KerasOpsInterop.opConfigs(json, OURS).forEach((key, value) -> {
            java.util.Map<String, Object> c = new java.util.LinkedHashMap<>((java.util.Map<String, Object>) value);
            // Strata writes a lone axis of these as a list of one, which Keras reads the same
            if (c.get("axis") instanceof Number n && List.of("Amax", "Amin", "Median", "Ptp")
                    .contains(key.substring(0, key.indexOf(' ')))) {
                c.put("axis", List.of(n));
            }
            out.put(key, c);
        });
        return out;
    }

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
        java.util.Map<String, Object> kerasOps = opConfigs(
                dev.strata.internal.io.KerasArchive.read(KERAS.file()).configJson());
        java.util.Map<String, Object> strataOps = opConfigs(
                dev.strata.saving.KerasConfig.modelToJson(Saving.loadModel(KERAS.file())));
        org.assertj.core.api.Assertions.assertThat(kerasOps).hasSizeGreaterThan(45);
        org.assertj.core.api.Assertions.assertThat(strataOps).isEqualTo(kerasOps);
    }

    @Test
    void strataSavedFileReloadsWithTheSamePredictions(@TempDir Path dir) {
        KERAS.assertPredictsKeras(KERAS.savedAgain(dir), 1e-5, 1e-6);
    }
}
