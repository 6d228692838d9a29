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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's elementwise math, bitwise and integer ops in a model Python Keras saved
 * ({@code keras-golden/ops16_elem.keras}, made by {@code tools/golden/ops16_elem.py --interop}; its integer ops read
 * int32 inputs): Strata reads every op entry as Keras wrote it (isclose's positional rtol and atol, AllClose's
 * config, the alias classes), predicts Keras's values, writes the same op configs back, and its own saved file
 * reloads with the same predictions. (The other direction, Python Keras loading the
 * configs Strata writes, is {@code OpSpecRoundTripTest.everyOp} through {@code tools/keras-interop/check_config.py}.)
 */
class Ops16ElemInteropTest {
    private static final KerasOpsInterop KERAS = new KerasOpsInterop("ops16_elem");
    private static final Path FILE = KERAS.file();
    /** The Keras classes of these ops (the model also uses others to make their inputs). */
    private static final java.util.Set<Object> OURS = java.util.Set.of("Fabs", "Absolute", "Cbrt", "Exp2", "Expm1",
            "Log10", "Log2", "Logaddexp", "Logaddexp2", "Deg2rad", "Rad2deg", "Reciprocal", "Sinc", "Hypot",
            "Heaviside", "Fmod", "Mod", "FloorDivide", "TrueDivide", "DivideNoNan", "Fmax", "Fmin", "Nextafter",
            "Signbit", "Isneginf", "Isposinf", "Isclose", "AllClose", "Isreal", "Real", "Imag", "Conjugate", "Angle",
            "I0", "Erfc", "Erfinv", "BitwiseAnd", "BitwiseOr", "BitwiseXor", "BitwiseNot", "BitwiseInvert",
            "LeftShift", "RightShift", "BitwiseLeftShift", "BitwiseRightShift", "Gcd", "Lcm", "Ldexp");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static void assertPredictsKeras(Model m) {
        int[] shape = KERAS.shape("shape");
        // one batch: allclose is one value over the whole batch
        KERAS.assertPredictsKeras(m, List.of(KERAS.tensor("a", shape), KERAS.tensor("b", shape),
                KERAS.tensor("i", shape), KERAS.tensor("j", shape)), 1e-5, 1e-6);
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
        assertThat(kerasOps).hasSize(strataOps.size()).hasSizeGreaterThan(50);
        assertThat(strataOps).isEqualTo(kerasOps);
    }

    @Test
    void strataSavedFileReloadsWithTheSamePredictions(@TempDir Path dir) {
        assertPredictsKeras(KERAS.savedAgain(dir));
    }

    /**
     * Each op entry's class and config, in order. The node names are left out: Strata names a node after the op's
     * function ({@code abs}, {@code allclose}) where Keras uses its class in snake_case ({@code absolute},
     * {@code all_close}); they are only names, and every other key must be equal.
     */
    private static Map<String, Object> opConfigs(String json) {
        return KerasOpsInterop.opConfigsWithoutNames(json, OURS);
    }
}
