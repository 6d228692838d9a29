package dev.strata.layers.rnn;

import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import java.util.List;

/** Bidirectional's cases for the layer contract (its values against Keras: {@link RnnGoldenTest}). */
class BidirectionalTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new Bidirectional(new LSTM(3)), Shape.of(4, 2)).tracedWith(Shape.of(Shape.UNKNOWN, 2))
                        .wrongRank(Shape.of(4, 2)),
                LayerCase.of(() -> new Bidirectional(new GRU(2).returnSequences(true), "ave"), Shape.of(3, 2))
                        .label("ave, sequences").tracedWith(Shape.of(Shape.UNKNOWN, 2)).wrongRank(Shape.of(4, 2)),
                LayerCase.of(() -> new Bidirectional(new SimpleRNN(2).returnSequences(true).returnState(true), null),
                        Shape.of(3, 2)).label("no merge, states").tracedWith(Shape.of(Shape.UNKNOWN, 2))
                        .wrongRank(Shape.of(4, 2)));
    }
}
