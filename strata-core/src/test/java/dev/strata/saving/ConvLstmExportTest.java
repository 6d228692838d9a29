package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.merging.Concatenate;
import dev.strata.layers.reshaping.Flatten;
import dev.strata.layers.rnn.ConvLSTM1D;
import dev.strata.layers.rnn.ConvLSTM2D;
import dev.strata.layers.rnn.ConvLSTM3D;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.Adam;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.FitOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Strata-saved models of ConvLSTM1D, ConvLSTM2D (channels first, states returned) and ConvLSTM3D, trained one epoch
 * with Adam, left in {@code target/keras-saved-convlstm/} with their inputs, predictions and one more training step,
 * where {@code tools/keras-interop/check_saved.py} loads them in Python Keras (as {@link SavedFilesExportTest}).
 */
class ConvLstmExportTest {
    static final Path DIR = Path.of("target", "keras-saved-convlstm");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static Tensor random(int... shape) {
        return Tensor.uniform(Shape.of(shape), -1f, 1f);
    }

    private static void fit(Model model, Tensor x, Tensor y) {
        model.compile(new Adam(0.01f), "mse");
        model.fit(x, y, new FitOptions().epochs(1).batchSize(8).verbose(0));
    }

    @Test
    void exportSavedModelsForPythonKeras() throws IOException {
        Files.createDirectories(DIR);
        Model one = new Sequential(new InputLayer(4, 6, 2), new ConvLSTM1D(3, 2).padding("same")
                .returnSequences(true), new ConvLSTM1D(2, 3).goBackwards(true).recurrentActivation("hard_sigmoid"),
                new Flatten(), new Dense(2));
        fit(one, random(16, 4, 6, 2), random(16, 2));
        SavedFilesExportTest.export(DIR, "conv_lstm1d_sequential", one, List.of(random(3, 4, 6, 2)), 1, true);

        Tensor frames = Input.of(3, 2, 5, 5);
        Tensors states = new ConvLSTM2D(2, 3).dataFormat("channels_first").padding("same").returnState(true)
                .apply(List.of(frames));
        Tensor joined = new Concatenate(1).apply(List.of(states.get(0), states.get(2))).get(0);
        Tensor pooled = new ConvLSTM2D(1, 2).strides(2).apply(List.of(frames)).get(0);
        Tensor out = new Dense(1).apply(new Concatenate().apply(List.of(new Flatten().apply(joined),
                new Flatten().apply(pooled))).get(0));
        Model two = Model.of(frames, out);
        fit(two, random(16, 3, 2, 5, 5), random(16, 1));
        SavedFilesExportTest.export(DIR, "conv_lstm2d_functional", two, List.of(random(2, 3, 2, 5, 5)), 1, true);

        Model three = new Sequential(new InputLayer(2, 3, 3, 3, 1), new ConvLSTM3D(2, 2).unitForgetBias(false),
                new Flatten(), new Dense(1));
        fit(three, random(8, 2, 3, 3, 3, 1), random(8, 1));
        SavedFilesExportTest.export(DIR, "conv_lstm3d_sequential", three, List.of(random(2, 2, 3, 3, 3, 1)), 1, true);
        assertThat(Files.list(DIR).filter(p -> p.toString().endsWith(".keras")).count()).isEqualTo(3);
    }
}
