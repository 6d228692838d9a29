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
import java.util.List;
import java.util.Map;

/**
 * A Functional model of keras.ops that Python Keras saved under {@code keras-golden/<name>.keras}, with its inputs
 * {@code a} and {@code b} and Keras's predictions in {@code <name>_golden.json} (written by a golden script's
 * {@code --interop}): what the op interop tests share.
 */
final class KerasOpsFile {
    private final String name;

    KerasOpsFile(String name) {
        this.name = name;
    }

    /** The .keras file. */
    Path file() {
        try {
            return Path.of(KerasOpsFile.class.getResource("/keras-golden/" + name + ".keras").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private Map<?, ?> golden() {
        try (InputStream in = KerasOpsFile.class.getResourceAsStream("/keras-golden/" + name + "_golden.json")) {
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

    /** The inputs a and b Keras predicted on. */
    List<Tensor> inputs() {
        Map<?, ?> g = golden();
        int[] shape = ints(g.get("shape"));
        return List.of(Tensor.of(floats(g.get("a")), shape), Tensor.of(floats(g.get("b")), shape));
    }

    /** {@code m} predicts Keras's outputs, shapes and values (within 1e-5 relative, 1e-6 absolute). */
    void assertPredictsKeras(Model m) {
        Tensors got = m.predictOnBatch(inputs()); // one batch: the flattened (axis None) outputs mix samples
        List<?> expected = (List<?>) golden().get("outputs");
        List<?> shapes = (List<?>) golden().get("output_shapes");
        assertThat(got).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            Tensor y = got.get(i);
            assertThat(y.shape().toArray()).as("output " + i + " shape").containsExactly(ints(shapes.get(i)));
            Ops13Checks.assertGolden("output " + i, y, y.shape(), floats(expected.get(i)), 1e-5, 1e-6);
        }
    }
}
