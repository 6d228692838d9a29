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
 * Issue 16's {@code keras.ops.nn} functions in a model Python Keras saved ({@code keras-golden/ops16_nn.keras}, made
 * by {@code tools/golden/ops16_nn.py --interop}): Strata reads every op entry as Keras wrote it (None tensor
 * arguments of batch_normalization and layer_normalization, rms_normalization's and dot_product_attention's keyword
 * tensors, moments' two outputs), predicts Keras's values, writes the same op configs back (numbers compared as
 * numbers: Keras writes squareplus's b as the integer 4; names aside: Keras names three of these nodes after their
 * class, Strata after the function), and its own saved file reloads with the same predictions. (The other direction, Python Keras loading the
 * configs Strata writes, is {@code OpSpecRoundTripTest.everyOp} through {@code tools/keras-interop/check_config.py}.)
 */
class Ops16NnInteropTest {
    private static final KerasOpsInterop KERAS = new KerasOpsInterop("ops16_nn");
    private static final Path FILE = KERAS.file();
    /** The Keras classes of issue 13's ops (the model also uses others to make their inputs). */
    private static final java.util.Set<Object> OURS = java.util.Set.of("Moments", "BatchNorm", "LayerNorm", "RMSNorm",
            "Normalize", "MultiHot", "BinaryCrossentropy", "CategoricalCrossentropy", "SparseCategoricalCrossentropy",
            "DotProductAttention", "Celu", "Glu", "HardShrink", "HardSilu", "HardTanh", "LogSigmoid", "SoftShrink",
            "SparsePlus", "SparseSigmoid", "Sparsemax", "Squareplus", "TanhShrink", "Threshold", "PSNR", "DepthToSpace", "SpaceToDepth", "AdaptiveAveragePool",
            "AdaptiveMaxPool");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static void assertPredictsKeras(Model m) {
        // one batch: the flattened (axis None) outputs mix samples
        KERAS.assertPredictsKeras(m, List.of(KERAS.tensor("a", 2, 3, 4), KERAS.tensor("b", 2, 3, 4),
                KERAS.tensor("q", 2, 3, 2, 2)), 1e-4, 1e-5);
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
        assertThat(kerasOps).hasSize(strataOps.size()).hasSizeGreaterThan(35);
        assertThat(strataOps).isEqualTo(kerasOps);
    }

    @Test
    void strataSavedFileReloadsWithTheSamePredictions(@TempDir Path dir) {
        assertPredictsKeras(KERAS.savedAgain(dir));
    }

    /**
     * Each op entry's class and config, by class and order, without the name (Keras auto-names BatchNorm, LayerNorm
     * and RMSNorm nodes after the class (batch_norm), Strata every op node after its function (batch_normalization)),
     * numbers as doubles.
     */
    private static Map<String, Object> opConfigs(String json) {
        Map<String, Object> out = KerasOpsInterop.opConfigsWithoutNames(json, OURS);
        out.replaceAll((k, c) -> KerasOpsInterop.numbersAsDoubles(c));
        return out;
    }
}
