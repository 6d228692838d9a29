package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.internal.io.KerasArchive;
import dev.strata.models.Model;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.PredictOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
    private static final Path FILE = resource("/keras-golden/ops16_elem.keras");
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

    private static Path resource(String name) {
        try {
            return Path.of(Ops16ElemInteropTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<?, ?> golden() {
        try (InputStream in = Ops16ElemInteropTest.class.getResourceAsStream("/keras-golden/ops16_elem_golden.json")) {
            return (Map<?, ?>) KerasConfig.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static float[] floats(Object list) {
        List<?> v = (List<?>) list;
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) v.get(i)).floatValue();
        }
        return out;
    }

    private static int[] ints(Object list) {
        return ((List<?>) list).stream().mapToInt(d -> ((Number) d).intValue()).toArray();
    }

    private static List<Tensor> inputs() {
        Map<?, ?> g = golden();
        int[] shape = ints(g.get("shape"));
        return List.of(Tensor.of(floats(g.get("a")), shape), Tensor.of(floats(g.get("b")), shape),
                Tensor.of(floats(g.get("i")), shape), Tensor.of(floats(g.get("j")), shape));
    }

    private static void assertPredictsKeras(Model m) {
        Tensors got = m.predictOnBatch(inputs()); // one batch: allclose is one value over the whole batch
        List<?> expected = (List<?>) golden().get("outputs");
        List<?> shapes = (List<?>) golden().get("output_shapes");
        assertThat(got).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            Tensor y = got.get(i);
            assertThat(y.shape().toArray()).as("output " + i + " shape").containsExactly(ints(shapes.get(i)));
            Ops13Checks.assertGolden("output " + i, y, y.shape(),
                    floats(expected.get(i)), 1e-5, 1e-6);
        }
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
        Path file = dir.resolve("ops16_elem.keras");
        Saving.saveModel(Saving.loadModel(FILE), file);
        Strata.clearSession();
        assertPredictsKeras(Saving.loadModel(file));
    }

    /**
     * Each op entry's class and config, in order. The node names are left out: Strata names a node after the op's
     * function ({@code abs}, {@code allclose}) where Keras uses its class in snake_case ({@code absolute},
     * {@code all_close}); they are only names, and every other key must be equal.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> opConfigs(String json) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) KerasConfig.parseJson(json))
                .get("config");
        for (Object l : (List<Object>) config.get("layers")) {
            Map<String, Object> e = (Map<String, Object>) l;
            if (String.valueOf(e.get("module")).startsWith("keras.src.ops") && OURS.contains(e.get("class_name"))) {
                Map<String, Object> c = new LinkedHashMap<>((Map<String, Object>) e.get("config"));
                c.remove("name");
                out.put(e.get("class_name") + " #" + out.size(), c);
            }
        }
        return out;
    }
}
