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
 * Issue 16's keras.ops.math ops (and rearrange) in a model Python Keras saved ({@code keras-golden/ops16_math.keras},
 * made by {@code tools/golden/ops16_math.py --interop}): Strata reads every op entry as Keras wrote it (segment ops
 * with an int32 ids input, the Fourier ops' {@code (real, imag)} list arguments and two outputs, stft's window None),
 * predicts Keras's values, writes the same op configs back, and its own saved file reloads with the same
 * predictions. (The other direction, Python Keras loading the
 * configs Strata writes, is {@code OpSpecRoundTripTest.everyOp} through {@code tools/keras-interop/check_config.py}.)
 */
class Ops16MathInteropTest {
    private static final KerasOpsInterop KERAS = new KerasOpsInterop("ops16_math");
    private static final Path FILE = KERAS.file();
    /** The Keras classes of this part's ops (the model also uses others to make their inputs). */
    private static final java.util.Set<Object> OURS = java.util.Set.of("SegmentSum", "SegmentMax", "SegmentMin",
            "SegmentProd", "InTopK", "CDist", "ExtractSequences", "FFT", "FFT2", "IFFT2", "RFFT", "IRFFT", "STFT",
            "ISTFT", "Rearrange");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static void assertPredictsKeras(Model m) {
        int[] shape = KERAS.shape("shape");
        // one batch: segment and rearrange outputs mix samples
        KERAS.assertPredictsKeras(m, List.of(KERAS.tensor("a", shape), KERAS.tensor("ids", shape[0])), 1e-4, 2e-5);
    }

    @Test
    void loadsKerassFileAndPredictsKerassValues() {
        assertPredictsKeras(Saving.loadModel(FILE));
    }

    @Test
    void writesKerassOpConfigsBack() throws IOException {
        Model m = Saving.loadModel(FILE);
        // as a multiset without names (Strata names op nodes after the keras.ops function, cdist, where Keras's
        // automatic name is c_dist, and numbers repeated names in its own order)
        List<String> kerasOps = KerasOpsInterop.opConfigStringsWithoutNames(KerasArchive.read(FILE).configJson(), OURS);
        List<String> strataOps = KerasOpsInterop.opConfigStringsWithoutNames(KerasConfig.modelToJson(m), OURS);
        assertThat(java.util.Set.copyOf(kerasOps)).hasSizeGreaterThanOrEqualTo(20);
        assertThat(strataOps).containsExactlyInAnyOrderElementsOf(kerasOps);
    }

    @Test
    void strataSavedFileReloadsWithTheSamePredictions(@TempDir Path dir) {
        assertPredictsKeras(KERAS.savedAgain(dir));
    }
}
