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
    private static final KerasOpsInterop KERAS = new KerasOpsInterop("ops16_stats", Set.of("Tensordot", "Outer",
            "Inner", "Vdot", "Kron", "Cross", "Diff", "Trapezoid", "Correlate", "Average", "Amax", "Amin", "Ptp",
            "Median", "Quantile", "Percentile", "CountNonzero", "Nansum", "Nanmean", "Nanmax", "Nanmin", "Nanprod",
            "Nanstd", "Nanvar", "Nanmedian", "Nanquantile", "Nanpercentile", "Nanargmax", "Nanargmin", "Nancumsum",
            "Nancumprod", "SearchSorted", "Digitize", "IsIn", "Argpartition", "Corrcoef"),
            (kerasClass, config) -> {
                // Strata writes a lone axis of amax, amin, median and ptp as a list of one, which Keras reads the same
                if (config.get("axis") instanceof Number n && List.of("Amax", "Amin", "Median", "Ptp")
                        .contains(kerasClass)) {
                    config.put("axis", List.of(n));
                }
            });

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void loadsKerassFileAndPredictsKerassValues() {
        KERAS.assertPredictsKeras(Saving.loadModel(KERAS.file()));
    }

    @Test
    void writesKerassOpConfigsBack() throws IOException {
        KERAS.assertWritesKerassOpConfigs(Saving.loadModel(KERAS.file()), 45);
    }

    @Test
    void strataSavedFileReloadsWithTheSamePredictions(@TempDir Path dir) {
        Path file = dir.resolve("ops16_stats.keras");
        Saving.saveModel(Saving.loadModel(KERAS.file()), file);
        Strata.clearSession();
        KERAS.assertPredictsKeras(Saving.loadModel(file));
    }
}
