package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.internal.io.KerasArchive;
import dev.strata.models.Model;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
    private static final Path FILE = resource("/keras-golden/ops16_linalg.keras");
    private static final Set<Object> OURS = Set.of("Inv", "Solve", "Det", "Slogdet", "Logdet", "Cholesky",
            "CholeskyInverse", "SolveTriangular", "Qr", "SVD", "Eigh", "LuFactor", "Norm", "Pinv", "MatrixRank");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static Path resource(String name) {
        try {
            return Path.of(Ops16LinalgInteropTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<?, ?> golden() {
        try (InputStream in = Ops16LinalgInteropTest.class.getResourceAsStream(
                "/keras-golden/ops16_linalg_golden.json")) {
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

    private static void assertPredictsKeras(Model m) {
        Map<?, ?> g = golden();
        List<Tensor> inputs = List.of(Tensor.of(floats(g.get("a")), ints(g.get("a_shape"))),
                Tensor.of(floats(g.get("b")), ints(g.get("b_shape"))));
        Tensors got = m.predictOnBatch(inputs);
        List<?> expected = (List<?>) g.get("outputs");
        List<?> shapes = (List<?>) g.get("output_shapes");
        assertThat(got).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            Tensor y = got.get(i);
            assertThat(y.shape().toArray()).as("output " + i + " shape").containsExactly(ints(shapes.get(i)));
            // float32 LAPACK (Keras) against Strata's double: a few float32 ulps, scaled by the conditioning
            Ops13Checks.assertGolden("output " + i, y, y.shape(), floats(expected.get(i)), 1e-4, 1e-5);
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
        assertThat(kerasOps).hasSize(strataOps.size()).hasSizeGreaterThan(25);
        assertThat(strataOps).isEqualTo(kerasOps);
    }

    @Test
    void strataSavedFileReloadsWithTheSamePredictions(@TempDir Path dir) {
        Path file = dir.resolve("ops16_linalg.keras");
        Saving.saveModel(Saving.loadModel(FILE), file);
        Strata.clearSession();
        assertPredictsKeras(Saving.loadModel(file));
    }

    /**
     * Each op entry's class and config, in order, without its name (Strata numbers repeated op names in graph order,
     * Keras in creation order: the first cholesky made is not the first in the graph here).
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
                out.put(out.size() + " " + e.get("class_name"), c);
            }
        }
        return out;
    }
}
