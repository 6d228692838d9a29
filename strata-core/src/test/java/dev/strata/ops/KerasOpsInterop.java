package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What the ops' interop tests share: a Keras-saved model of ops (made by a golden script's {@code --interop}) and its
 * JSON of inputs and Keras's predictions ({@code outputs}, {@code output_shapes}; by default two inputs {@code a} and
 * {@code b} of one {@code shape}, else whatever arrays {@link #tensor} and {@link #shape} read), and the op entries of
 * a model config, read the ways the tests compare them.
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

    /**
     * Keras's model loaded and saved by Strata into {@code dir}, then loaded again in a fresh session: what the
     * round trip through Strata's own file gives.
     */
    Model savedAgain(Path dir) {
        Path again = dir.resolve(file.getFileName());
        Saving.saveModel(Saving.loadModel(file), again);
        Strata.clearSession();
        return Saving.loadModel(again);
    }

    /** The golden JSON's integer list {@code key} (an input's shape). */
    int[] shape(String key) {
        return ints(golden.get(key));
    }

    /** The golden JSON's number list {@code key} as a tensor of {@code shape}. */
    Tensor tensor(String key, int... shape) {
        return Tensor.of(floats(golden.get(key)), shape);
    }

    /** The inputs a and b Keras predicted on. */
    List<Tensor> inputs() {
        int[] shape = shape("shape");
        return List.of(tensor("a", shape), tensor("b", shape));
    }

    /** The model predicts Keras's values (one batch: outputs without a batch axis mix samples) within tolerance. */
    void assertPredictsKeras(Model m, double rtol, double atol) {
        assertPredictsKeras(m, inputs(), rtol, atol);
    }

    /** The model given {@code inputs} predicts Keras's values (as one batch) within tolerance. */
    void assertPredictsKeras(Model m, List<Tensor> inputs, double rtol, double atol) {
        Tensors got = m.predictOnBatch(inputs);
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
    static Map<String, Object> opConfigs(String json, Set<Object> classes) {
        Map<String, Object> out = new LinkedHashMap<>();
        forEachOp(json, classes, e -> out.put(e.get("class_name") + " " + e.get("name"), e.get("config")));
        return out;
    }

    /**
     * Each op entry of a model config whose class is one of {@code classes}, in order, without its name: keyed by
     * position and class. For models whose node names differ between Keras and Strata while every other key must
     * be equal (Strata names an op node after its keras.ops function and numbers repeats in graph order; Keras
     * after its class, in creation order).
     */
    static Map<String, Object> opConfigsWithoutNames(String json, Set<Object> classes) {
        Map<String, Object> out = new LinkedHashMap<>();
        forEachOp(json, classes, e -> out.put(out.size() + " " + e.get("class_name"), withoutName(e)));
        return out;
    }

    /**
     * Each op entry of a model config whose class is one of {@code classes}, as its class and its config without the
     * name, keys sorted ({@code "Flip {axis=1}"}), in graph order: to compare as a multiset where Strata and Keras
     * order and name the nodes differently.
     */
    static List<String> opConfigStringsWithoutNames(String json, Set<Object> classes) {
        List<String> out = new ArrayList<>();
        forEachOp(json, classes, e -> out.add(e.get("class_name") + " " + new TreeMap<>(withoutName(e))));
        return out;
    }

    /** A config value with every number (in lists and maps too) as a double: Keras writes 4 where Strata 4.0. */
    static Object numbersAsDoubles(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, numbersAsDoubles(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(KerasOpsInterop::numbersAsDoubles).toList();
        }
        return o;
    }

    /** A copy of an op entry's config without its name. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutName(Map<String, Object> entry) {
        Map<String, Object> c = new LinkedHashMap<>((Map<String, Object>) entry.get("config"));
        c.remove("name");
        return c;
    }

    /** Calls {@code action} with each op entry (class_name, name, module, config, ...) of our classes, in order. */
    @SuppressWarnings("unchecked")
    private static void forEachOp(String json, Set<Object> classes, Consumer<Map<String, Object>> action) {
        Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) KerasConfig.parseJson(json))
                .get("config");
        for (Object l : (List<Object>) config.get("layers")) {
            Map<String, Object> e = (Map<String, Object>) l;
            if (String.valueOf(e.get("module")).startsWith("keras.src.ops") && classes.contains(e.get("class_name"))) {
                action.accept(e);
            }
        }
    }
}
