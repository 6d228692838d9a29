package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.internal.io.KerasArchive;
import dev.strata.models.Model;
import dev.strata.saving.KerasConfig;
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
import java.util.function.BiConsumer;

/**
 * A model of {@code keras.ops} that Python Keras saved ({@code keras-golden/<name>.keras}) with its inputs and Keras's
 * predictions ({@code keras-golden/<name>_golden.json}, inputs {@code a} and {@code b}), as the golden scripts' {@code
 * --interop} write them: what the ops' interop tests load, predict and compare.
 *
 * @param name the files' base name ({@code "ops13"})
 * @param ours the Keras classes of the ops under test (the model uses others to make their inputs)
 * @param normalise adjusts one entry's config (class name, config) before comparing, for a form Keras reads the same
 */
record KerasOpsInterop(String name, Set<Object> ours, BiConsumer<Object, Map<String, Object>> normalise) {
    KerasOpsInterop(String name, Set<Object> ours) {
        this(name, ours, (c, config) -> { });
    }

    /** The Keras-saved model. */
    Path file() {
        try {
            return Path.of(KerasOpsInterop.class.getResource("/keras-golden/" + name + ".keras").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private Map<?, ?> golden() {
        try (InputStream in = KerasOpsInterop.class.getResourceAsStream("/keras-golden/" + name + "_golden.json")) {
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

    /** m predicts Keras's outputs from the golden inputs, in one batch (ops over all axes mix the samples). */
    void assertPredictsKeras(Model m) {
        Map<?, ?> g = golden();
        int[] shape = ints(g.get("shape"));
        Tensors got = m.predictOnBatch(List.of(Tensor.of(floats(g.get("a")), shape), Tensor.of(floats(g.get("b")),
                shape)));
        List<?> expected = (List<?>) g.get("outputs");
        List<?> shapes = (List<?>) g.get("output_shapes");
        assertThat(got).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            Tensor y = got.get(i);
            assertThat(y.shape().toArray()).as("output " + i + " shape").containsExactly(ints(shapes.get(i)));
            Ops13Checks.assertGolden("output " + i, y, y.shape(), floats(expected.get(i)), 1e-5, 1e-6);
        }
    }

    /** The op entries of the Keras file and of {@code m} written by Strata, each as class + name to config. */
    void assertWritesKerassOpConfigs(Model m, int atLeast) throws IOException {
        Map<String, Object> kerasOps = opConfigs(KerasArchive.read(file()).configJson());
        Map<String, Object> strataOps = opConfigs(KerasConfig.modelToJson(m));
        assertThat(kerasOps).hasSize(strataOps.size()).hasSizeGreaterThan(atLeast);
        assertThat(strataOps).isEqualTo(kerasOps);
    }

    /** Each of our op entries' class and config (name included), in order. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> opConfigs(String json) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) KerasConfig.parseJson(json))
                .get("config");
        for (Object l : (List<Object>) config.get("layers")) {
            Map<String, Object> e = (Map<String, Object>) l;
            if (String.valueOf(e.get("module")).startsWith("keras.src.ops") && ours.contains(e.get("class_name"))) {
                Map<String, Object> c = new LinkedHashMap<>((Map<String, Object>) e.get("config"));
                normalise.accept(e.get("class_name"), c);
                out.put(e.get("class_name") + " " + e.get("name"), c);
            }
        }
        return out;
    }
}
