package dev.strata.layers.rnn;

import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import java.util.List;

/** RNN's cases for the layer contract (its values against Keras: {@link RnnGoldenTest}). */
class RNNTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new RNN(new SimpleRNNCell(3)), Shape.of(5, 4)).tracedWith(Shape.of(Shape.UNKNOWN, 4))
                        .wrongRank(Shape.of(4, 4)),
                LayerCase.of(() -> new RNN(List.of(new GRUCell(3), new LSTMCell(2))).returnSequences(true)
                        .returnState(true), Shape.of(3, 4)).label("stacked, sequences and states")
                        .tracedWith(Shape.of(Shape.UNKNOWN, 4)).wrongRank(Shape.of(4, 4)));
    }
}
