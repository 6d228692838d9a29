package dev.strata.layers.rnn;

import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import java.util.List;

/** SimpleRNN's cases for the layer contract (its values against Keras: {@link RnnGoldenTest}). */
class SimpleRNNTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new SimpleRNN(3), Shape.of(5, 4)).tracedWith(Shape.of(Shape.UNKNOWN, 4))
                        .wrongRank(Shape.of(4, 4)),
                LayerCase.of(() -> new SimpleRNN(2).returnSequences(true).goBackwards(true), Shape.of(3, 2))
                        .label("sequences, backwards").tracedWith(Shape.of(Shape.UNKNOWN, 2)).wrongRank(Shape.of(4, 2, 3, 2)));
    }
}
