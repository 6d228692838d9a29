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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's array manipulation ops in a model Python Keras saved ({@code keras-golden/ops16_shape.keras}, made by
 * {@code tools/golden/ops16_shape.py --interop}): Strata reads every op entry as Keras wrote it (flip's and roll's
 * axis as None, an integer or a list, rot90's axes, the splits' several outputs, full_like's positional value, the
 * dtype None of the fills, Python slicing as GetItem with slices, None and Ellipsis), predicts Keras's values, writes the same op configs back, and its own saved file reloads
 * with the same predictions. (The other direction, Python Keras loading the configs Strata writes, is
 * {@code OpSpecRoundTripTest.everyOp} through {@code tools/keras-interop/check_config.py}.)
 */
class Ops16ShapeInteropTest {
    private static final KerasOpsInterop KERAS = new KerasOpsInterop("ops16_shape");
    private static final Path FILE = KERAS.file();
    /** The Keras classes of these ops (the model also uses others to make their inputs). */
    private static final java.util.Set<Object> OURS = java.util.Set.of("Flip", "Fliplr", "Flipud", "Roll", "Rot90",
            "Moveaxis", "Swapaxes", "Ravel", "Hstack", "Vstack", "Dstack", "Append", "ArraySplit", "Hsplit", "Vsplit",
            "Dsplit", "Diag", "Diagflat", "Diagonal", "Trace", "ZerosLike", "OnesLike", "FullLike", "EmptyLike",
            "Copy", "Meshgrid", "Vander", "UnravelIndex", "Size", "GetItem", "Select");

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
        // as a multiset without names: Strata names the op entries in its own order
        List<String> kerasOps = opConfigs(KerasArchive.read(FILE).configJson());
        List<String> strataOps = opConfigs(KerasConfig.modelToJson(m));
        assertThat(kerasOps).hasSizeGreaterThan(40);
        assertThat(strataOps).containsExactlyInAnyOrderElementsOf(kerasOps);
    }

    @Test
    void strataSavedFileReloadsWithTheSamePredictions(@TempDir Path dir) {
        KERAS.assertPredictsKeras(KERAS.savedAgain(dir), 1e-5, 1e-6);
    }

    /** Each op entry's class and config without its name. */
    private static List<String> opConfigs(String json) {
        return KerasOpsInterop.opConfigStringsWithoutNames(json, OURS);
    }
}
