package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * Issue 16's keras.ops.core ops in a model Python Keras saved ({@code keras-golden/ops16_core.keras}, made by
 * {@code tools/golden/ops16_core.py --interop}): Strata reads every op entry as Keras wrote it (unstack's several
 * outputs, the casts' dtypes, ConvertToTensor's None keys, scatter's and scatter_update's constant indices,
 * slice_update's start list between two tensors), predicts Keras's values, writes the same op configs back, and its own
 * saved file reloads with the same predictions. Also: custom_gradient and vectorized_map in a traced model keep their
 * behaviour when the graph runs, and saving them fails naming the op.
 */
class Ops16CoreInteropTest {
    private static final Path FILE = resource("/keras-golden/ops16_core.keras");
    /** The Keras classes of issue 13's ops (the model also uses others to make their inputs). */
    private static final java.util.Set<Object> OURS = java.util.Set.of("Unstack", "Cast", "SaturateCast",
            "ConvertToTensor", "Scatter", "ScatterUpdate", "SliceUpdate");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static Path resource(String name) {
        try {
            return Path.of(Ops16CoreInteropTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<?, ?> golden() {
        try (InputStream in = Ops16CoreInteropTest.class.getResourceAsStream("/keras-golden/ops16_core_golden.json")) {
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
        return List.of(Tensor.of(floats(g.get("a")), shape), Tensor.of(floats(g.get("b")), shape));
    }

    private static void assertPredictsKeras(Model m) {
        Tensors got = m.predictOnBatch(inputs()); // one batch: the flattened (axis None) outputs mix samples
        List<?> expected = (List<?>) golden().get("outputs");
        List<?> shapes = (List<?>) golden().get("output_shapes");
        assertThat(got).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            Tensor y = got.get(i);
            assertThat(y.shape().toArray()).as("output " + i + " shape").containsExactly(ints(shapes.get(i)));
            Ops13Checks.assertGolden("output " + i, y, y.shape(), floats(expected.get(i)), 1e-6, 1e-6);
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
        assertThat(kerasOps).hasSize(strataOps.size()).hasSize(17);
        assertThat(strataOps).isEqualTo(kerasOps);
    }

    @Test
    void strataSavedFileReloadsWithTheSamePredictions(@TempDir Path dir) {
        Path file = dir.resolve("ops16_core.keras");
        Saving.saveModel(Saving.loadModel(FILE), file);
        Strata.clearSession();
        assertPredictsKeras(Saving.loadModel(file));
    }

    @Test
    void customGradientTracesRunsFromTheGraphWithItsGradientAndRefusesToSave(@TempDir Path dir) {
        var in = dev.strata.models.Input.of(8);
        Tensor out = Ops.customGradient(CoreOps16Test.CLIP_GRAD).apply(Ops.multiply(in, 3f));
        assertThat(out.shape()).isEqualTo(dev.strata.tensor.Shape.of(dev.strata.tensor.Shape.UNKNOWN, 8));
        Model m = Model.of(in, out);
        Tensor x = Tensor.of(CoreOps16Test.golden("CX"), 1, 8);
        assertThat(m.apply(x).toFloatArray()).containsExactly(Ops.multiply(x, 3f).toFloatArray());
        Tensor g;
        try (var tape = dev.strata.autodiff.GradientTape.record()) {
            tape.watch(x);
            g = tape.gradient(Ops.sum(Ops.multiply(m.apply(x), Tensor.of(CoreOps16Test.golden("CW"), 1, 8))), x);
        }
        // the clipped upstream, times 3 from the multiply before it: the custom rule ran in the graph's replay
        float[] cw = CoreOps16Test.golden("CW");
        float[] expected = new float[8];
        for (int i = 0; i < 8; i++) {
            expected[i] = 3 * Math.min(Math.max(cw[i], -0.5f), 0.5f);
        }
        assertThat(g.toFloatArray()).containsExactly(expected);
        assertThatThrownBy(() -> Saving.saveModel(m, dir.resolve("custom.keras")))
                .hasMessageContaining("custom_gradient").hasMessageContaining("Java function");
    }

    @Test
    void vectorizedMapTracesRunsFromTheGraphAndRefusesToSave(@TempDir Path dir) {
        var in = dev.strata.models.Input.of(4);
        Tensor out = Ops.vectorizedMap(e -> Ops.multiply(e, Ops.sum(e)), in);
        Model m = Model.of(in, out);
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, -1, 0, 1, 2}, 2, 4);
        assertThat(m.apply(x).toFloatArray()).containsExactly(10, 20, 30, 40, -2, 0, 2, 4);
        assertThatThrownBy(() -> Saving.saveModel(m, dir.resolve("vmap.keras")))
                .hasMessageContaining("vectorized_map");
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
                out.put(e.get("class_name") + " " + e.get("name"), e.get("config"));
            }
        }
        return out;
    }
}
