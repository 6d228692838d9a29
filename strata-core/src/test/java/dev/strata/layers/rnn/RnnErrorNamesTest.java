package dev.strata.layers.rnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.Layer;
import dev.strata.layers.convolutional.Conv2D;
import dev.strata.models.Model;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A shape error of a recurrent layer names the layer once: its own message starts by describing it, and the
 * attribution that adds the layer's path and the caller's line does not repeat that (it used to give
 * "Layer 'lstm' (LSTM): Layer 'lstm' (LSTM) expects ..."; a layer held by another is named by its path, "Model.lstm (LSTM 'lstm'): expects ...").
 */
class RnnErrorNamesTest {
    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void aWrongRankNamesTheLayerOnce() {
        List<Layer> layers = List.of(new LSTM(3), new GRU(3), new SimpleRNN(3), new RNN(new SimpleRNNCell(3)),
                new Bidirectional(new LSTM(3)), new ConvLSTM2D(3, 2), new Conv2D(3, 2));
        for (Layer layer : layers) {
            ShapeException e = catchThrowableOfType(ShapeException.class, () -> layer.apply(Tensor.ones(2, 3)));
            String own = layer.describe();
            assertThat(e.getMessage()).as(own).startsWith(own + " expects ").contains("(2, 3)");
            assertThat(e.getMessage().split(java.util.regex.Pattern.quote(own), -1)).as(e.getMessage()).hasSize(2);
        }
    }

    /** A model holding an LSTM in a field. */
    static final class Holder extends Model {
        private final LSTM lstm = new LSTM(3);

        @Override
        protected Tensors call(Tensors inputs) {
            return Tensors.of(lstm.apply(inputs.get(0)));
        }
    }

    @Test
    void aHeldLayerIsNamedByItsPathOnce() {
        Holder model = new Holder();
        ShapeException e = catchThrowableOfType(ShapeException.class, () -> model.apply(Tensor.ones(2, 3)));
        assertThat(e.getMessage()).startsWith("Holder.lstm (LSTM 'lstm'): expects a sequence of rank 3")
                .doesNotContain("Layer 'lstm' (LSTM)");
    }

    @Test
    void aWrongFeatureCountAfterTheBuildNamesTheLayerOnce() {
        LSTM lstm = new LSTM(3);
        lstm.apply(Tensor.ones(2, 3, 4));
        ShapeException e = catchThrowableOfType(ShapeException.class, () -> lstm.apply(Tensor.ones(2, 3, 5)));
        assertThat(e.getMessage()).startsWith(lstm.describe() + " expects 4 features per step")
                .doesNotContain(lstm.describe() + ": " + lstm.describe());
    }
}
