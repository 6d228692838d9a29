package dev.strata.layers.rnn;

import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import java.util.List;

/** LSTM's cases for the layer contract (its values against Keras: {@link RnnGoldenTest}). */
class LSTMTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new LSTM(3), Shape.of(5, 4)).tracedWith(Shape.of(Shape.UNKNOWN, 4))
                        .wrongRank(Shape.of(4, 4)),
                LayerCase.of(() -> new LSTM(2).returnSequences(true).returnState(true), Shape.of(3, 2))
                        .label("sequences and states").tracedWith(Shape.of(Shape.UNKNOWN, 2)).wrongRank(Shape.of(4, 2)));
    }
}
