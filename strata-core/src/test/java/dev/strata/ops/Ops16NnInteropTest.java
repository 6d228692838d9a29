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
 * Issue 16's {@code keras.ops.nn} functions in a model Python Keras saved ({@code keras-golden/ops16_nn.keras}, made
 * by {@code tools/golden/ops16_nn.py --interop}): Strata reads every op entry as Keras wrote it (None tensor
 * arguments of batch_normalization and layer_normalization, rms_normalization's and dot_product_attention's keyword
 * tensors, moments' two outputs), predicts Keras's values, writes the same op configs back (numbers compared as
 * numbers: Keras writes squareplus's b as the integer 4; names aside: Keras names three of these nodes after their
 * class, Strata after the function), and its own saved file reloads with the same predictions. (The other direction, Python Keras loading the
 * configs Strata writes, is {@code OpSpecRoundTripTest.everyOp} through {@code tools/keras-interop/check_config.py}.)
 */
class Ops16NnInteropTest {
    private static final Path FILE = resource("/keras-golden/ops16_nn.keras");
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

    private static Path resource(String name) {
        try {
            return Path.of(Ops16NnInteropTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<?, ?> golden() {
        try (InputStream in = Ops16NnInteropTest.class.getResourceAsStream("/keras-golden/ops16_nn_golden.json")) {
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
        return List.of(Tensor.of(floats(g.get("a")), 2, 3, 4), Tensor.of(floats(g.get("b")), 2, 3, 4),
                Tensor.of(floats(g.get("q")), 2, 3, 2, 2));
    }

    private static void assertPredictsKeras(Model m) {
        Tensors got = m.predictOnBatch(inputs()); // one batch: the flattened (axis None) outputs mix samples
        List<?> expected = (List<?>) golden().get("outputs");
        List<?> shapes = (List<?>) golden().get("output_shapes");
        assertThat(got).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            Tensor y = got.get(i);
            assertThat(y.shape().toArray()).as("output " + i + " shape").containsExactly(ints(shapes.get(i)));
            Ops13Checks.assertGolden("output " + i, y, y.shape(),
                    floats(expected.get(i)), 1e-4, 1e-5);
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
        assertThat(kerasOps).hasSize(strataOps.size()).hasSizeGreaterThan(35);
        assertThat(strataOps).isEqualTo(kerasOps);
    }

    @Test
    void strataSavedFileReloadsWithTheSamePredictions(@TempDir Path dir) {
        Path file = dir.resolve("ops16_nn.keras");
        Saving.saveModel(Saving.loadModel(FILE), file);
        Strata.clearSession();
        assertPredictsKeras(Saving.loadModel(file));
    }

    /** Each op entry's class and config (name included), in order. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> opConfigs(String json) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) KerasConfig.parseJson(json))
                .get("config");
        for (Object l : (List<Object>) config.get("layers")) {
            Map<String, Object> e = (Map<String, Object>) l;
            if (String.valueOf(e.get("module")).startsWith("keras.src.ops") && OURS.contains(e.get("class_name"))) {
                // by class and order, without the name: Keras auto-names BatchNorm, LayerNorm and RMSNorm nodes after
                // the class (batch_norm), Strata every op node after its function (batch_normalization)
                Map<String, Object> c = new LinkedHashMap<>((Map<String, Object>) numbersAsDoubles(e.get("config")));
                c.remove("name");
                out.put(e.get("class_name") + " " + out.size(), c);
            }
        }
        return out;
    }

    private static Object numbersAsDoubles(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, numbersAsDoubles(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(Ops16NnInteropTest::numbersAsDoubles).toList();
        }
        return o;
    }
}
