package dev.strata.layers.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.layers.Layer;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.convolutional.ConvGolden;
import dev.strata.layers.core.Dense;
import dev.strata.ops.Ops;
import dev.strata.saving.KerasConfig;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recurrent layer against Keras ({@code tools/golden/rnn.py}): outputs and final states, the gradients of the
 * sequence and of every weight (jax.grad), and Keras's config of each class, without and with a mask (Keras's
 * {@code mask=}: masked steps keep the previous output and states); stateful layers over two batches.
 */
class RnnGoldenTest {

    /** The Strata layer of each golden case, made through the Java API. */
    static final Map<String, Supplier<Layer>> LAYERS = Map.ofEntries(
            Map.entry("simple_rnn_seq", () -> new SimpleRNN(4).returnSequences(true)),
            Map.entry("simple_rnn_relu_last", () -> new SimpleRNN(3, "relu")),
            Map.entry("lstm_state", () -> new LSTM(4).returnState(true)),
            Map.entry("lstm_seq_backwards", () -> new LSTM(3).returnSequences(true).goBackwards(true)),
            Map.entry("lstm_hard_sigmoid", () -> new LSTM(3).recurrentActivation("hard_sigmoid").returnSequences(true)),
            Map.entry("lstm_initial_state", () -> new LSTM(3).returnState(true)),
            Map.entry("lstm_unroll", () -> new LSTM(3).unroll(true).returnSequences(true)),
            Map.entry("gru_seq", () -> new GRU(4).returnSequences(true)),
            Map.entry("gru_reset_before", () -> new GRU(3).resetAfter(false).returnState(true)),
            Map.entry("gru_no_bias_backwards", () -> new GRU(3).useBias(false).goBackwards(true)),
            Map.entry("rnn_stacked", () -> new RNN(List.of(new LSTMCell(3), new GRUCell(2))).returnSequences(true)),
            Map.entry("rnn_simple_cell", () -> new RNN(new SimpleRNNCell(3)).returnState(true)),
            Map.entry("bidirectional_concat", () -> new Bidirectional(new LSTM(3).returnSequences(true))),
            Map.entry("bidirectional_sum", () -> new Bidirectional(new GRU(2), "sum")),
            Map.entry("bidirectional_mul", () -> new Bidirectional(new SimpleRNN(2).returnSequences(true), "mul")),
            Map.entry("bidirectional_ave", () -> new Bidirectional(new LSTM(2), "ave")),
            Map.entry("bidirectional_none", () -> new Bidirectional(new LSTM(2).returnSequences(true), null)),
            Map.entry("bidirectional_state", () -> new Bidirectional(new LSTM(2).returnState(true))),
            Map.entry("time_distributed_dense", () -> new TimeDistributed(new Dense(2, "tanh"))),
            Map.entry("lstm_masked_seq", () -> new LSTM(3).returnSequences(true)),
            Map.entry("lstm_masked_last", () -> new LSTM(3).returnState(true)),
            Map.entry("gru_masked_backwards", () -> new GRU(3).returnSequences(true).goBackwards(true)),
            Map.entry("simple_rnn_masked_zero_output", () -> new SimpleRNN(3).returnSequences(true)
                    .zeroOutputForMask(true)),
            Map.entry("bidirectional_masked", () -> new Bidirectional(new LSTM(2).returnSequences(true))),
            Map.entry("lstm_stateful", () -> new LSTM(3).stateful(true).returnSequences(true)),
            Map.entry("gru_stateful", () -> new GRU(2).stateful(true)));

    static Stream<Arguments> statelessCases() {
        return RnnGolden.cases().stream().filter(c -> c.x2() == null).map(Arguments::of);
    }

    static Stream<Arguments> statefulCases() {
        return RnnGolden.cases().stream().filter(c -> c.x2() != null).map(Arguments::of);
    }

    /** The layer of a case with Keras's weights, built for the case's inputs. */
    static Layer layerOf(RnnGolden.Case g) {
        return layerOf(LAYERS.get(g.name()), g);
    }

    /** The layer {@code make} gives, checked against the case's Keras class and weights, with those weights. */
    static Layer layerOf(Supplier<Layer> make, RnnGolden.Case g) {
        Strata.clearSession();
        Layer layer = make.get();
        assertThat(layer.getClass().getSimpleName()).isEqualTo(g.className());
        layer.apply(inputs(g));
        assertThat(layer.weights()).hasSize(g.weights().size());
        for (int i = 0; i < g.weights().size(); i++) {
            String keras = g.weightNames().get(i);
            assertThat(keras).as("Keras's weight " + i).endsWith("/" + layer.weights().get(i).name());
            assertThat(layer.weights().get(i).shape()).as(keras).isEqualTo(g.weights().get(i).shape());
        }
        layer.setWeights(g.weights());
        return layer;
    }

    /** The case's sequence (carrying its mask, if any) and initial states. */
    static List<Tensor> inputs(RnnGolden.Case g) {
        List<Tensor> in = new ArrayList<>();
        in.add(g.mask() == null ? g.x() : g.x().withMask(g.mask()));
        in.addAll(g.states());
        return in;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statelessCases")
    void outputsAndGradientsMatchKeras(RnnGolden.Case g) {
        assertMatchesKeras(layerOf(g), g);
    }

    /**
     * The layer (with the case's weights) has Keras's config (if the case records it), outputs, and gradients of the
     * sequence and every weight.
     */
    static void assertMatchesKeras(Layer layer, RnnGolden.Case g) {
        if (g.config() != null) {
            LayerChecks.assertConfigMatches(KerasConfig.getConfig(layer), g.config(), "name");
        }
        assertOutputs(layer.apply(inputs(g)), g.outputs());
        List<Variable> weights = layer.trainableWeights();
        try (GradientTape tape = GradientTape.record()) {
            List<Tensor> in = inputs(g);
            tape.watch(in.getFirst());
            Tensors out = layer.apply(in);
            Tensor loss = null;
            for (Tensor o : out) {
                Tensor term = Ops.sum(Ops.multiply(o, ConvGolden.outputWeights(o.shape())));
                loss = loss == null ? term : Ops.add(loss, term);
            }
            List<Tensor> sources = new ArrayList<>();
            sources.add(in.getFirst());
            sources.addAll(weights);
            List<Tensor> grads = tape.gradient(loss, sources);
            LayerChecks.assertClose(grads.get(0).toFloatArray(), g.dx().toFloatArray(), 1e-5, 1e-5);
            for (int i = 0; i < weights.size(); i++) {
                LayerChecks.assertClose(grads.get(i + 1).toFloatArray(), g.dweights().get(i).toFloatArray(), 1e-5,
                        1e-5);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statefulCases")
    void statefulLayersCarryTheirStatesAcrossBatches(RnnGolden.Case g) {
        assertStatefulMatchesKeras((RNN) layerOf(g), g);
    }

    /** A stateful layer (built by a first call, which is forgotten here) gives Keras's outputs over two batches. */
    static void assertStatefulMatchesKeras(RNN layer, RnnGolden.Case g) {
        layer.resetStates();
        assertOutputs(layer.apply(List.of(g.x())), g.outputs());
        assertOutputs(layer.apply(List.of(g.x2())), g.outputs2());
        layer.resetStates();
        assertOutputs(layer.apply(List.of(g.x())), g.outputs());
    }

    static void assertOutputs(Tensors actual, List<Tensor> expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).shape()).as("output " + i).isEqualTo(expected.get(i).shape());
            LayerChecks.assertClose(actual.get(i).toFloatArray(), expected.get(i).toFloatArray(), 1e-5, 1e-5);
        }
    }
}
