package dev.strata.layers.attention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.autodiff.GradientTape;
import dev.strata.layers.Layer;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.convolutional.ConvGolden;
import dev.strata.ops.Ops;
import dev.strata.tensor.Variable;
import java.util.function.Function;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reference values of einsum and the attention layers from Keras 3.15 (JAX backend, float32), made by
 * {@code tools/golden/attention.py} into {@code keras-golden/attention_*_golden.json}. Gradients are those of
 * {@code sum(out0 * r) + sum(out1 * r)} with the fixed weights {@link #outputWeights} (the second term when the
 * layer returns attention scores).
 */
public final class AttentionGolden {
    private static final List<String> FILES = List.of("attention_einsum_golden.json", "attention_mha_golden.json",
            "attention_gqa_golden.json", "attention_dot_golden.json");

    private AttentionGolden() {
    }

    /** One keras.ops.einsum call. */
    public record EinsumCase(String equation, List<Tensor> operands, Tensor y, List<Tensor> grads) {
        @Override
        public String toString() {
            return equation;
        }
    }

    /**
     * One layer call: Keras's class and config, weights (Keras's paths and order), positional inputs, keyword
     * tensors (e.g. {@code attention_mask}; {@code mask} is a list), other keyword arguments, outputs, gradients.
     */
    public record LayerCall(String name, String className, Map<String, Object> config, List<String> weightPaths,
                            List<Tensor> weights, List<Tensor> inputs, Map<String, List<Tensor>> keywordTensors,
                            Map<String, Object> kwargs, List<Tensor> outputs, List<Tensor> dinputs,
                            List<Tensor> dweights) {
        @Override
        public String toString() {
            return name;
        }

        /** A keyword tensor, or null. */
        public Tensor keyword(String key) {
            List<Tensor> t = keywordTensors.get(key);
            return t == null ? null : t.getFirst();
        }

        /** A boolean keyword argument (false if absent). */
        public boolean flag(String key) {
            return Boolean.TRUE.equals(kwargs.get(key));
        }
    }

    /** The einsum cases. */
    public static List<EinsumCase> einsum() {
        Map<?, ?> doc = ConvGolden.read(FILES.getFirst());
        return ((List<?>) doc.get("einsum")).stream().map(o -> (Map<?, ?>) o).map(m -> new EinsumCase(
                (String) m.get("equation"), tensors(m.get("operands")), ConvGolden.tensor(m.get("y")),
                tensors(m.get("grads")))).toList();
    }

    /** Every layer case. */
    public static List<LayerCall> layers() {
        List<LayerCall> out = new ArrayList<>();
        for (String file : FILES) {
            Map<?, ?> doc = ConvGolden.read(file);
            for (Object o : (List<?>) doc.get("layers")) {
                Map<?, ?> m = (Map<?, ?>) o;
                Map<String, List<Tensor>> kw = new LinkedHashMap<>();
                ((Map<?, ?>) m.get("keyword_tensors")).forEach((k, v) -> kw.put((String) k,
                        v instanceof List<?> l ? nullableTensors(l) : List.of(ConvGolden.tensor(v))));
                out.add(new LayerCall((String) m.get("name"), (String) m.get("class_name"), cast(m.get("config")),
                        ((List<?>) m.get("weight_names")).stream().map(String.class::cast).toList(),
                        tensors(m.get("weights")), tensors(m.get("inputs")), kw, cast(m.get("kwargs")),
                        tensors(m.get("outputs")), tensors(m.get("dinputs")), tensors(m.get("dweights"))));
            }
        }
        return out;
    }

    /** The layer cases whose name starts with {@code prefix}. */
    public static List<LayerCall> layers(String prefix) {
        return layers().stream().filter(c -> c.name().startsWith(prefix)).toList();
    }

    /** The layer case named {@code name}. */
    public static LayerCall layer(String name) {
        return layers().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no golden layer case " + name));
    }

    /** Keras's get_config() of a class with default arguments. */
    public static Map<String, Object> defaultConfig(String className) {
        return cast(((Map<?, ?>) ConvGolden.read(FILES.getFirst()).get("default_configs")).get(className));
    }

    /** The weights r of the loss {@code sum(y * r)}: {@code r[i] = ((7 i) mod 11 - 5) / 4}. */
    public static Tensor outputWeights(Shape shape) {
        return ConvGolden.outputWeights(shape);
    }

    /**
     * Sets {@code layer}'s weights to the case's (after checking Keras's names and order), runs {@code call} on the
     * case's inputs, and compares the outputs and the gradients of the case's loss with respect to the inputs and
     * the trainable weights with Keras's, within {@code tol} (relative and absolute).
     */
    public static void check(LayerCall c, Layer layer, Function<List<Tensor>, List<Tensor>> call, double tol) {
        List<Tensor> inputs = new ArrayList<>();
        for (Tensor t : c.inputs()) {
            inputs.add(Tensor.of(t.toFloatArray(), t.shape().toArray()));
        }
        call.apply(inputs); // builds
        assertThat(layer.weights()).as(c.name() + ": weights").hasSize(c.weights().size());
        for (int i = 0; i < c.weights().size(); i++) {
            String path = c.weightPaths().get(i);
            String kerasName = path.substring(path.lastIndexOf('/') + 1);
            assertThat(layer.weights().get(i).name()).as(c.name() + ": weight " + i + " (" + path + ")")
                    .isEqualTo(kerasName);
        }
        List<Tensor> values = new ArrayList<>(); // (the reader makes a scalar a vector of one)
        for (int i = 0; i < c.weights().size(); i++) {
            values.add(Ops.reshape(c.weights().get(i), layer.weights().get(i).shape()));
        }
        layer.setWeights(values);
        List<Tensor> outs;
        List<Tensor> grads;
        List<Variable> trainable = layer.trainableWeights();
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(inputs.toArray(Tensor[]::new));
            outs = call.apply(inputs);
            Tensor loss = null;
            for (Tensor o : outs) {
                Tensor term = Ops.sum(Ops.multiply(o, outputWeights(o.shape())));
                loss = loss == null ? term : Ops.add(loss, term);
            }
            List<Tensor> sources = new ArrayList<>(inputs);
            sources.addAll(trainable);
            grads = tape.gradient(loss, sources);
        }
        assertThat(outs).as(c.name() + ": outputs").hasSize(c.outputs().size());
        for (int i = 0; i < outs.size(); i++) {
            assertThat(outs.get(i).shape()).as(c.name() + ": output " + i).isEqualTo(c.outputs().get(i).shape());
            LayerChecks.assertClose(outs.get(i).toFloatArray(), c.outputs().get(i).toFloatArray(), tol, tol);
        }
        for (int i = 0; i < inputs.size(); i++) {
            float[] g = grads.get(i) == null ? new float[c.dinputs().get(i).size()] : grads.get(i).toFloatArray();
            LayerChecks.assertClose(g, c.dinputs().get(i).toFloatArray(), tol, tol);
        }
        assertThat(trainable).as(c.name() + ": trainable weights").hasSize(c.dweights().size());
        for (int i = 0; i < trainable.size(); i++) {
            Tensor g = grads.get(inputs.size() + i);
            float[] got = g == null ? new float[c.dweights().get(i).size()] : g.toFloatArray();
            LayerChecks.assertClose(got, c.dweights().get(i).toFloatArray(), tol, tol);
        }
    }

    private static List<Tensor> nullableTensors(List<?> l) {
        List<Tensor> out = new ArrayList<>();
        for (Object o : l) {
            out.add(o == null ? null : ConvGolden.tensor(o));
        }
        return out;
    }

    /**
     * The inputs with the case's input masks attached ({@code input_masks}: Keras's {@code _keras_mask} of each
     * input, null for none), as a Masking or Embedding layer would have attached them.
     */
    public static List<Tensor> masked(LayerCall c, List<Tensor> inputs) {
        List<Tensor> masks = c.keywordTensors().get("input_masks");
        if (masks == null) {
            return inputs;
        }
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor m = i < masks.size() ? masks.get(i) : null;
            // (through an op: withMask on a watched leaf itself loses its gradient, see the mask API's alias)
            out.add(m == null ? inputs.get(i) : Ops.multiply(inputs.get(i), 1f).withMask(m));
        }
        return out;
    }

    private static List<Tensor> tensors(Object o) {
        return ((List<?>) o).stream().map(ConvGolden::tensor).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
