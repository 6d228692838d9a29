package dev.strata.layers.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.initializers.Initializers;
import dev.strata.internal.config.KerasForms;
import dev.strata.layers.Layer;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.convolutional.ConvGolden;
import dev.strata.layers.core.Dense;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.optimizers.Adam;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import dev.strata.testing.GradientCheck;
import dev.strata.training.FitOptions;
import dev.strata.training.PredictOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * StackedRNNCells whose cells have several states against Keras 3 ({@code tools/golden/seq13_stacked.py},
 * {@link Seq13StackedGolden}): LSTM cells and a user's two-state cell in a stack, initial states (Keras's nested
 * {@code [[h1, c1], [h2]]}, Strata's flat list in the same order), return_state, masks; outputs and gradients of the
 * sequence, the initial states and the weights; a Keras-saved model with nested initial_state and nested outputs
 * loads, and Strata's saves them as Keras nests them (for {@code check_saved.py}).
 */
class StackedRNNCellsNestedTest {
    static final Path DIR = TimeDistributedMaskTest.DIR;

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(14);
    }

    /** The script's TwoStateCell: h' = tanh(x K + h R), c' = c + h' / 2, output h' * sigmoid(c'). */
    public static class TwoStateCell extends RNNCell {
        private final int units;
        private Variable kernel;
        private Variable recurrentKernel;

        public TwoStateCell(int units) {
            this.units = units;
        }

        @Override
        public List<Integer> stateSize() {
            return List.of(units, units);
        }

        @Override
        protected void build(Shape inputShape) {
            kernel = addWeight("kernel", Shape.of(inputShape.get(-1), units), Initializers.glorotUniform(), true);
            recurrentKernel = addWeight("recurrent_kernel", Shape.of(units, units), Initializers.glorotUniform(), true);
        }

        @Override
        protected Tensors call(Tensor input, List<Tensor> states) {
            Tensor h = Ops.tanh(Ops.add(Ops.matmul(input, kernel), Ops.matmul(states.get(0), recurrentKernel)));
            Tensor c = Ops.add(states.get(1), Ops.multiply(h, 0.5f));
            return Tensors.of(Ops.multiply(h, Ops.sigmoid(c)), h, c);
        }
    }

    record Case(String name, Supplier<RNN> layer) {
        Object field(String key) {
            try {
                return Seq13StackedGolden.class.getDeclaredField(name.toUpperCase() + "_" + key).get(null);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }

        List<Tensor> tensors(String values, String shapes) {
            float[][] v = (float[][]) field(values);
            int[][] s = (int[][]) field(shapes);
            List<Tensor> out = new ArrayList<>();
            for (int i = 0; i < v.length; i++) {
                out.add(Tensor.of(v[i], s[i]));
            }
            return out;
        }

        /** The sequence (with its mask, if any), then the initial states, flat. */
        List<Tensor> inputs() {
            int[] shape = (int[]) field("X_SHAPE");
            Tensor x = Tensor.of((float[]) field("X"), shape);
            float[] mask = (float[]) field("MASK");
            List<Tensor> in = new ArrayList<>();
            in.add(mask == null ? x : x.withMask(Tensor.of(mask, shape[0], shape[1])));
            in.addAll(tensors("STATES", "STATE_SHAPES"));
            return in;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("lstm_gru_simple", () -> new RNN(new StackedRNNCells(List.of(new LSTMCell(3), new GRUCell(2),
                        new SimpleRNNCell(2)))).returnSequences(true).returnState(true)),
                new Case("lstm_two_state", () -> new RNN(List.of(new LSTMCell(2), new TwoStateCell(3)))
                        .returnState(true).goBackwards(true)),
                new Case("two_state_lstm_initial", () -> new RNN(List.of(new TwoStateCell(3), new LSTMCell(2)))
                        .returnState(true)),
                new Case("two_lstms_masked", () -> new RNN(List.of(new LSTMCell(3), new LSTMCell(2)))
                        .returnSequences(true).returnState(true)))
                .map(Arguments::of);
    }

    private static RNN withKerasWeights(Case c) {
        RNN rnn = c.layer().get();
        rnn.apply(c.inputs());
        List<Tensor> weights = c.tensors("WEIGHTS", "WEIGHT_SHAPES");
        String[] paths = (String[]) c.field("WEIGHT_PATHS");
        assertThat(rnn.weights()).hasSize(weights.size());
        for (int i = 0; i < paths.length; i++) {
            assertThat(paths[i]).endsWith("/" + rnn.weights().get(i).name());
        }
        rnn.setWeights(weights);
        return rnn;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputsStatesAndGradientsMatchKeras(Case c) {
        RNN rnn = withKerasWeights(c);
        List<Tensor> expected = c.tensors("OUTPUTS", "OUTPUT_SHAPES");
        Tensors out = rnn.apply(c.inputs());
        assertThat(out.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(out.get(i).shape()).as("output " + i).isEqualTo(expected.get(i).shape());
            LayerChecks.assertClose(out.get(i).toFloatArray(), expected.get(i).toFloatArray(), 1e-5, 1e-5);
        }
        List<Variable> weights = rnn.trainableWeights();
        try (GradientTape tape = GradientTape.record()) {
            List<Tensor> in = c.inputs();
            in.forEach(tape::watch);
            Tensor loss = null;
            for (Tensor o : rnn.apply(in)) {
                Tensor term = Ops.sum(Ops.multiply(o, ConvGolden.outputWeights(o.shape())));
                loss = loss == null ? term : Ops.add(loss, term);
            }
            List<Tensor> sources = new ArrayList<>(in);
            sources.addAll(weights);
            List<Tensor> grads = tape.gradient(loss, sources);
            LayerChecks.assertClose(grads.get(0).toFloatArray(), (float[]) c.field("DX"), 1e-5, 1e-5);
            float[][] ds = (float[][]) c.field("DSTATES");
            for (int i = 0; i < ds.length; i++) {
                LayerChecks.assertClose(grads.get(1 + i).toFloatArray(), ds[i], 1e-5, 1e-5);
            }
            float[][] dw = (float[][]) c.field("DWEIGHTS");
            assertThat(weights).hasSize(dw.length);
            for (int i = 0; i < dw.length; i++) {
                LayerChecks.assertClose(grads.get(in.size() + i).toFloatArray(), dw[i], 1e-5, 1e-5);
            }
        }
    }

    @Test
    void gradientsOfTheSequenceAndTheNestedInitialStatesAgreeWithFiniteDifferences() {
        RNN rnn = new RNN(List.of(new TwoStateCell(3), new LSTMCell(2), new GRUCell(2))).returnState(true);
        Tensor mask = Tensor.of(new float[] {1, 0, 1, 1, 1, 1, 0, 1}, 2, 4);
        GradientCheck.of().tolerance(2e-2, 2e-3).verify(xs -> {
            List<Tensor> in = new ArrayList<>(xs);
            in.set(0, xs.get(0).withMask(mask));
            Tensors out = rnn.apply(in);
            return Ops.concatenate(out.toList(), -1);
        }, GradientCheck.random(1, Shape.of(2, 4, 3), -1, 1), GradientCheck.random(2, Shape.of(2, 3), -1, 1),
                GradientCheck.random(3, Shape.of(2, 3), -1, 1), GradientCheck.random(4, Shape.of(2, 2), -1, 1),
                GradientCheck.random(5, Shape.of(2, 2), -1, 1), GradientCheck.random(6, Shape.of(2, 2), -1, 1));
    }

    // ---- files -----------------------------------------------------------------------------------------------------

    private static Path kerasFile() {
        try {
            return Path.of(StackedRNNCellsNestedTest.class.getResource("/keras-golden/seq13_stacked.keras").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Tensor> modelInputs() {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < Seq13StackedGolden.MODEL_INPUTS.length; i++) {
            out.add(Tensor.of(Seq13StackedGolden.MODEL_INPUTS[i], Seq13StackedGolden.MODEL_INPUT_SHAPES[i]));
        }
        return out;
    }

    private static void assertKerasOutputs(Tensors actual) {
        assertThat(actual.size()).isEqualTo(Seq13StackedGolden.MODEL_OUTPUTS.length);
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i).shape().toArray()).containsExactly(Seq13StackedGolden.MODEL_OUTPUT_SHAPES[i]);
            LayerChecks.assertClose(actual.get(i).toFloatArray(), Seq13StackedGolden.MODEL_OUTPUTS[i], 1e-5, 1e-6);
        }
    }

    @Test
    void aKerasSavedModelWithNestedInitialStatesAndOutputsLoadsAndPredictsKerassValues() {
        Model m = Saving.loadModel(kerasFile());
        assertKerasOutputs(m.predict(modelInputs(), new PredictOptions()));
    }

    /** The script's model, made in Strata. */
    static Model strataModel() {
        Tensor x = Input.of("x", 5, 3);
        Tensor h1 = Input.of("h1", 3);
        Tensor c1 = Input.of("c1", 3);
        Tensor h2 = Input.of("h2", 2);
        Tensors s = new RNN(new StackedRNNCells(List.of(new LSTMCell(3), new GRUCell(2)))).returnState(true)
                .named("stack").apply(List.of(x, h1, c1, h2));
        Tensor out = new Dense(1).named("out").apply(s.get(0));
        return Model.of(List.of(x, h1, c1, h2), List.of(out, s.get(1), s.get(2), s.get(3)), "seq13_stacked");
    }

    @Test
    void strataWritesTheInitialStatesNestedPerCellAndItsFileLoadsBack() throws IOException {
        Model keras = Saving.loadModel(kerasFile());
        Model s = strataModel();
        s.setWeights(keras.getWeights());
        List<Tensor> xs = modelInputs();
        assertKerasOutputs(s.predict(xs, new PredictOptions()));

        // Keras's call: initial_state=[[h1, c1], h2] (the GRU cell's one state as a tensor, as its state_size is an
        // int), and its build config's initial_state_shape nested the same way
        Map<?, ?> config = (Map<?, ?>) KerasConfig.parseJson(KerasConfig.modelToJson(s));
        Map<?, ?> stack = ((List<?>) ((Map<?, ?>) config.get("config")).get("layers")).stream()
                .map(l -> (Map<?, ?>) l).filter(l -> "stack".equals(((Map<?, ?>) l.get("config")).get("name")))
                .findFirst().orElseThrow();
        Map<?, ?> node = (Map<?, ?>) ((List<?>) stack.get("inbound_nodes")).getFirst();
        List<?> initial = (List<?>) ((Map<?, ?>) node.get("kwargs")).get("initial_state");
        assertThat(initial).hasSize(2);
        assertThat((List<?>) initial.get(0)).hasSize(2);
        assertThat(initial.get(1)).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) stack.get("build_config")).toString())
                .contains("initial_state_shape=[[[null, 3], [null, 3]], [null, 2]]");

        s.compile(new Adam(0.01f), "mse");
        s.fit(xs, List.of(Tensor.zeros(3, 1), Tensor.zeros(3, 3), Tensor.zeros(3, 3), Tensor.zeros(3, 2)),
                new FitOptions().epochs(1).batchSize(3).verbose(0));
        Files.createDirectories(DIR);
        Path file = DIR.resolve("seq13_stacked.keras");
        s.save(file);
        Model back = Saving.loadModel(file);
        Tensors predicted = s.predict(xs, new PredictOptions());
        Tensors again = back.predict(xs, new PredictOptions());
        List<Object> outs = new ArrayList<>();
        for (int i = 0; i < predicted.size(); i++) {
            assertThat(again.get(i).toFloatArray()).containsExactly(predicted.get(i).toFloatArray());
            outs.add(KerasForms.nested(predicted.get(i)));
        }
        TimeDistributedMaskTest.export("seq13_stacked", file, s, xs.stream().map(KerasForms::nested).toList(), outs);
    }

    @Test
    void aStackWithAUserCellTakesAndReturnsItsStatesSavesAndLoads() throws IOException {
        Tensor x = Input.of("x", 4, 3);
        List<Tensor> states = List.of(Input.of("h", 3), Input.of("c", 3), Input.of("h2", 2), Input.of("c2", 2));
        List<Tensor> in = new ArrayList<>();
        in.add(x);
        in.addAll(states);
        // the output then each cell's final states: the user cell's two, then the LSTM cell's two
        Tensors s = new RNN(List.of(new TwoStateCell(3), new LSTMCell(2))).returnState(true).apply(in);
        assertThat(s.size()).isEqualTo(5);
        Model m = Model.of(in, s.toList());
        Path file = Files.createTempDirectory("stacked").resolve("m.keras");
        m.save(file);
        Model back = Saving.loadModel(file);
        List<Tensor> probe = List.of(GradientCheck.random(9, Shape.of(2, 4, 3), -1, 1),
                GradientCheck.random(10, Shape.of(2, 3), -1, 1), GradientCheck.random(11, Shape.of(2, 3), -1, 1),
                GradientCheck.random(12, Shape.of(2, 2), -1, 1), GradientCheck.random(13, Shape.of(2, 2), -1, 1));
        Tensors expected = m.predict(probe, new PredictOptions());
        Tensors actual = back.predict(probe, new PredictOptions());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).toFloatArray()).containsExactly(expected.get(i).toFloatArray());
        }
        // the file nests the initial states per cell, as Keras would: [[h, c], [h2, c2]]
        assertThat(KerasConfig.modelToJson(m)).contains("\"initial_state\": [[");
    }
}
