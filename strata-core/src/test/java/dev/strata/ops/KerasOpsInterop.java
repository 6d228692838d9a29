package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * What the ops' interop tests share: a Keras-saved model of ops with two inputs {@code a} and {@code b} (made by a
 * golden script's {@code --interop}) and its JSON of inputs and Keras's predictions ({@code a}, {@code b},
 * {@code shape}, {@code outputs}, {@code output_shapes}).
 */
final class KerasOpsInterop {
    private final Path file;
    private final Map<?, ?> golden;

    /** The model {@code /keras-golden/<name>.keras} and its {@code <name>_golden.json}. */
    KerasOpsInterop(String name) {
        try {
            file = Path.of(KerasOpsInterop.class.getResource("/keras-golden/" + name + ".keras").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
        try (InputStream in = KerasOpsInterop.class.getResourceAsStream("/keras-golden/" + name + "_golden.json")) {
            golden = (Map<?, ?>) KerasConfig.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    Path file() {
        return file;
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

    /** The inputs a and b Keras predicted on. */
    List<Tensor> inputs() {
        int[] shape = ints(golden.get("shape"));
        return List.of(Tensor.of(floats(golden.get("a")), shape), Tensor.of(floats(golden.get("b")), shape));
    }

    /** The model predicts Keras's values (one batch: outputs without a batch axis mix samples) within tolerance. */
    void assertPredictsKeras(Model m, double rtol, double atol) {
        Tensors got = m.predictOnBatch(inputs());
        List<?> expected = (List<?>) golden.get("outputs");
        List<?> shapes = (List<?>) golden.get("output_shapes");
        assertThat(got).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            Tensor y = got.get(i);
            assertThat(y.shape().toArray()).as("output " + i + " shape").containsExactly(ints(shapes.get(i)));
            Ops13Checks.assertGolden("output " + i, y, y.shape(), floats(expected.get(i)), rtol, atol);
        }
    }

    /** Each op entry of a model config whose class is one of {@code classes}: its class and config, in order. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> opConfigs(String json, Set<Object> classes) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) KerasConfig.parseJson(json))
                .get("config");
        for (Object l : (List<Object>) config.get("layers")) {
            Map<String, Object> e = (Map<String, Object>) l;
            if (String.valueOf(e.get("module")).startsWith("keras.src.ops") && classes.contains(e.get("class_name"))) {
                out.put(e.get("class_name") + " " + e.get("name"), e.get("config"));
            }
        }
        return out;
    }
}
