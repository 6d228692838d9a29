package dev.strata.layers.rnn;

import dev.strata.layers.convolutional.ConvGolden;
import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Reference values of the recurrent layers from Keras 3.15 (JAX backend, float32), made by {@code tools/golden/rnn.py}
 * into {@code keras-golden/rnn_*.json}. Gradients are those of {@code sum_k sum(outputs[k] * r)} with the fixed
 * weights {@link ConvGolden#outputWeights}.
 */
final class RnnGolden {
    private RnnGolden() {
    }

    /** One case: Keras's class and config (null after a class's first case), weights, inputs and results. */
    record Case(String name, String className, Map<String, Object> config, List<String> weightNames,
                List<Tensor> weights, Tensor x, List<Tensor> states, Tensor mask, List<Tensor> outputs, Tensor dx,
                List<Tensor> dweights, Tensor x2, List<Tensor> outputs2) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Case> cases;

    /** Every case of {@code rnn_cases_golden.json}. */
    static synchronized List<Case> cases() {
        if (cases == null) {
            Map<?, ?> doc = ConvGolden.read("rnn_cases_golden.json");
            cases = ((List<?>) doc.get("cases")).stream().map(o -> (Map<?, ?>) o).map(m -> new Case(
                    (String) m.get("name"), (String) m.get("class_name"), cast(m.get("config")),
                    ((List<?>) m.get("weight_names")).stream().map(String.class::cast).toList(),
                    tensors(m.get("weights")), ConvGolden.tensor(m.get("x")), tensors(m.get("states")),
                    m.get("mask") == null ? null : ConvGolden.tensor(m.get("mask")), tensors(m.get("outputs")),
                    m.get("dx") == null ? null : ConvGolden.tensor(m.get("dx")), tensors(m.get("dweights")),
                    m.get("x2") == null ? null : ConvGolden.tensor(m.get("x2")), tensors(m.get("outputs2"))))
                    .toList();
        }
        return cases;
    }

    /** The case named {@code name}. */
    static Case get(String name) {
        return cases().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no golden rnn case " + name));
    }

    /** The model's input and Keras's predictions ({@code rnn_models_golden.json}). */
    static List<Tensor> model() {
        Map<?, ?> doc = ConvGolden.read("rnn_models_golden.json");
        return List.of(ConvGolden.tensor(doc.get("x")), ConvGolden.tensor(doc.get("y")));
    }

    private static List<Tensor> tensors(Object o) {
        return o == null ? List.of() : ((List<?>) o).stream().map(ConvGolden::tensor).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
