package dev.strata.layers.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.layers.LayerChecks;
import dev.strata.models.Model;
import dev.strata.saving.Saving;
import dev.strata.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keras-saved models of ConvLSTM1D and ConvLSTM2D layers ({@code keras-golden/conv_lstm1d_model.keras} and
 * {@code conv_lstm2d_model.keras}, made by {@code tools/golden/conv_lstm.py}) load in Strata and predict Keras's
 * values; Strata's save of them reloads with the same predictions. (Strata-saved files in Python Keras:
 * {@code dev.strata.saving.ConvLstmExportTest} and {@code tools/keras-interop/check_saved.py}.)
 */
class ConvLstmInteropTest {

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static void assertLoadsAndPredicts(String name, Tensor x, Tensor y, Class<?> layerClass)
            throws Exception {
        Model m = Saving.loadModel(RnnInteropTest.resource(name + ".keras"));
        assertThat(m.getLayer("clstm_a")).isInstanceOf(layerClass);
        assertThat(m.getLayer("clstm_b")).isInstanceOf(layerClass);
        Tensor predicted = m.predict(x);
        assertThat(predicted.shape()).isEqualTo(y.shape());
        LayerChecks.assertClose(predicted.toFloatArray(), y.toFloatArray(), 1e-5, 1e-5);
        Path file = Files.createTempDirectory("conv-lstm-interop").resolve("again.keras");
        m.save(file);
        assertThat(Saving.loadModel(file).predict(x).toFloatArray()).containsExactly(predicted.toFloatArray());
    }

    @Test
    void kerasConvLstm1dModelPredictsKerassValues() throws Exception {
        assertLoadsAndPredicts("conv_lstm1d_model", ConvLstmGolden.conv_lstm1d_modelX(),
                ConvLstmGolden.conv_lstm1d_modelY(), ConvLSTM1D.class);
    }

    @Test
    void kerasConvLstm2dModelPredictsKerassValues() throws Exception {
        assertLoadsAndPredicts("conv_lstm2d_model", ConvLstmGolden.conv_lstm2d_modelX(),
                ConvLstmGolden.conv_lstm2d_modelY(), ConvLSTM2D.class);
    }
}
