package dev.strata.layers.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.internal.io.WeightsFile;
import dev.strata.layers.LayerChecks;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.saving.LoadOptions;
import dev.strata.saving.Saving;
import dev.strata.tensor.Tensor;
import dev.strata.testing.Fixtures;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Recurrent models between Strata and Python Keras: Keras's model of every recurrent layer
 * ({@code keras-golden/rnn_models.keras}, made by {@code tools/golden/rnn.py}) and the shared fixtures with LSTM
 * (Keras 3) and SimpleRNN (Keras 2.1 legacy HDF5) load and predict Keras's values; Strata's save of them loads back
 * with the same predictions (and in Python Keras: {@code SavedFilesExportTest}, {@code check_saved.py}).
 */
class RnnInteropTest {

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    static Path resource(String name) {
        try {
            return Path.of(RnnInteropTest.class.getResource("/keras-golden/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void kerasModelOfEveryRecurrentLayerPredictsKerassValues() throws Exception {
        Model m = Saving.loadModel(resource("rnn_models.keras"));
        assertThat(m.layers()).extracting(l -> l.getClass().getSimpleName()).contains("LSTM", "GRU", "Bidirectional",
                "TimeDistributed", "RNN", "SimpleRNN");
        List<Tensor> golden = RnnGolden.model();
        Tensor y = m.predict(golden.get(0));
        LayerChecks.assertClose(y.toFloatArray(), golden.get(1).toFloatArray(), 1e-5, 1e-5);
        Path dir = Files.createTempDirectory("rnn-interop");
        Path file = dir.resolve("again.keras");
        m.save(file);
        Model back = Saving.loadModel(file);
        assertThat(back.predict(golden.get(0)).toFloatArray()).containsExactly(y.toFloatArray());
    }

    @Test
    void keras3WaterLstmFixture() {
        Model m = Saving.loadModel(Fixtures.file("k3_water_sequential_lstm.keras"));
        assertThat(m).isInstanceOf(Sequential.class);
        assertThat(m.layers()).extracting(l -> l.getClass().getSimpleName()).contains("LSTM");
        var io = (java.util.Map<?, ?>) dev.strata.saving.KerasConfig.parseJson(new String(
                Fixtures.bytes("k3_water_sequential_lstm.io.json"), java.nio.charset.StandardCharsets.UTF_8));
        Tensor x = nested(((List<?>) io.get("inputs")).getFirst());
        Tensor expected = nested(((List<?>) io.get("outputs")).getFirst());
        LayerChecks.assertClose(m.predict(x).toFloatArray(), expected.toFloatArray(), 1e-5, 1e-6);
    }

    @Test
    void keras21SimpleRnnFixturePredictsWhatItsAuthorsRecorded() {
        Model m = Saving.loadModel(Fixtures.file("k2.1_dl4j_simple_rnn_model.h5"), new LoadOptions().compile(false));
        assertThat(m.layers()).extracting(l -> l.getClass().getSimpleName()).contains("SimpleRNN");
        WeightsFile io = WeightsFile.read(Fixtures.file("k2.1_dl4j_simple_rnn_inputs_and_outputs.h5"));
        var x = io.root().dataset("inputs/simple_rnn_1_input");
        var y = io.root().dataset("predictions/dense_1"); // ("outputs" holds the training targets)
        Tensor out = m.predict(Tensor.of(x.toFloatArray(), x.shape()));
        assertThat(out.shape().toArray()).containsExactly(y.shape());
        LayerChecks.assertClose(out.toFloatArray(), y.toFloatArray(), 1e-5, 1e-6);
        // the weights-only file of the same model loads into it
        Model fresh = Saving.loadModel(Fixtures.file("k2.1_dl4j_simple_rnn_model.h5"), new LoadOptions().compile(false));
        fresh.loadWeights(Fixtures.file("k2.1_dl4j_simple_rnn_weights.h5"));
        assertThat(fresh.predict(Tensor.of(x.toFloatArray(), x.shape())).toFloatArray())
                .containsExactly(out.toFloatArray());
    }

    /** A nested JSON array of numbers as a tensor. */
    static Tensor nested(Object o) {
        java.util.List<Integer> shape = new java.util.ArrayList<>();
        Object cur = o;
        while (cur instanceof List<?> l) {
            shape.add(l.size());
            cur = l.isEmpty() ? null : l.getFirst();
        }
        java.util.List<Float> values = new java.util.ArrayList<>();
        flatten(o, values);
        float[] data = new float[values.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = values.get(i);
        }
        return Tensor.of(data, shape.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void flatten(Object o, java.util.List<Float> out) {
        if (o instanceof List<?> l) {
            for (Object e : l) {
                flatten(e, out);
            }
        } else {
            out.add(((Number) o).floatValue());
        }
    }
}
