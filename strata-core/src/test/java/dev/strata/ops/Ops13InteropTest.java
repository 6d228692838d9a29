package dev.strata.ops;

import dev.strata.Strata;
import dev.strata.saving.Saving;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
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
    /** The Keras classes of issue 13's ops (the model also uses others to make their inputs). */
    private static final KerasOpsInterop KERAS = new KerasOpsInterop("ops13", Set.of("Sin", "Cos", "Tan", "Arcsin",
            "Arccos", "Arctan", "Arctan2", "Sinh", "Cosh", "Arcsinh", "Arccosh", "Arctanh", "Floor", "Ceil", "Trunc",
            "Round", "Cumsum", "Cumprod", "Sort", "Argsort", "TopK", "LogicalAnd", "LogicalOr", "LogicalXor",
            "LogicalNot", "Isnan", "Isinf", "Isfinite", "NanToNum", "Tril", "Triu"));

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
        KERAS.assertWritesKerassOpConfigs(Saving.loadModel(KERAS.file()), 38);
    }

    @Test
    void strataSavedFileReloadsWithTheSamePredictions(@TempDir Path dir) {
        Path file = dir.resolve("ops13.keras");
        Saving.saveModel(Saving.loadModel(KERAS.file()), file);
        Strata.clearSession();
        KERAS.assertPredictsKeras(Saving.loadModel(file));
    }
}
