package dev.strata.layers.convolutional;

import dev.strata.saving.KerasConfig;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Reference values of the convolution ops and layers from Keras 3.15 (JAX backend, float32), made by
 * {@code tools/golden/conv.py} into {@code keras-golden/conv_*.json} (JSON rather than Java constants: the arrays
 * would overflow a class initializer). Gradients are those of {@code sum(y * r)} with the fixed weights
 * {@link #outputWeights}.
 */
public final class ConvGolden {
    private ConvGolden() {
    }

    /** One keras.ops call: op name, keyword arguments, input, kernels, output and gradients. */
    public record OpCase(String name, String op, Map<String, Object> args, Tensor x, List<Tensor> kernels, Tensor y,
                         Tensor dx, List<Tensor> dkernels) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One layer: Keras's class and config, weights in Keras's order, input, output and gradients. */
    public record LayerCaseGolden(String name, String className, Map<String, Object> config, List<String> weightNames,
                                  List<Tensor> weights, Tensor x, Tensor y, Tensor dx, List<Tensor> dweights) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The op cases of {@code conv_ops_golden.json}. */
    public static List<OpCase> ops() {
        Map<?, ?> doc = read("conv_ops_golden.json");
        return ((List<?>) doc.get("ops")).stream().map(o -> (Map<?, ?>) o).map(m -> new OpCase(
                (String) m.get("name"), (String) m.get("op"), cast(m.get("args")), tensor(m.get("x")),
                tensors(m.get("kernels")), tensor(m.get("y")), tensor(m.get("dx")), tensors(m.get("dkernels"))))
                .toList();
    }

    /** The layer cases of {@code conv_layers_cases_golden.json}. */
    public static List<LayerCaseGolden> layers() {
        Map<?, ?> doc = read("conv_layers_cases_golden.json");
        return ((List<?>) doc.get("layers")).stream().map(o -> (Map<?, ?>) o).map(m -> new LayerCaseGolden(
                (String) m.get("name"), (String) m.get("class_name"), cast(m.get("config")),
                ((List<?>) m.get("weight_names")).stream().map(String.class::cast).toList(),
                tensors(m.get("weights")), tensor(m.get("x")), tensor(m.get("y")), tensor(m.get("dx")),
                tensors(m.get("dweights")))).toList();
    }

    /** The layer case named {@code name}. */
    public static LayerCaseGolden layer(String name) {
        return layers().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no golden layer case " + name));
    }

    /** Keras's get_config() of a layer class with default arguments (filters 2 and kernel size 3 where needed). */
    public static Map<String, Object> defaultConfig(String className) {
        Map<?, ?> doc = read("conv_layers_cases_golden.json");
        return cast(((Map<?, ?>) doc.get("default_configs")).get(className));
    }

    /** The weights r of the loss {@code sum(y * r)}: {@code r[i] = ((7 i) mod 11 - 5) / 4}. */
    public static Tensor outputWeights(Shape shape) {
        float[] r = new float[shape.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) (((7L * i) % 11 - 5) / 4.0);
        }
        return Tensor.of(r, shape.toArray());
    }

    /** A parsed resource of {@code keras-golden/}. */
    public static Map<?, ?> read(String resource) {
        try (InputStream in = ConvGolden.class.getResourceAsStream("/keras-golden/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource keras-golden/" + resource
                        + " (run tools/golden/conv.py)");
            }
            return (Map<?, ?>) KerasConfig.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {"shape": [...], "values": [...]}} as a tensor. */
    public static Tensor tensor(Object o) {
        Map<?, ?> m = (Map<?, ?>) o;
        int[] shape = ((List<?>) m.get("shape")).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
        List<?> values = (List<?>) m.get("values");
        float[] data = new float[values.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = ((Number) values.get(i)).floatValue();
        }
        return Tensor.of(data, shape);
    }

    private static List<Tensor> tensors(Object o) {
        return ((List<?>) o).stream().map(ConvGolden::tensor).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
