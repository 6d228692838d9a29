package dev.strata.layers.rnn;

import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import java.util.List;

/** ConvLSTM1D's cases for the layer contract (its values against Keras: {@link ConvLstmGoldenTest}). */
class ConvLSTM1DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new ConvLSTM1D(3, 2), Shape.of(4, 5, 2))
                        .tracedWith(Shape.of(Shape.UNKNOWN, 5, 2)).wrongRank(Shape.of(2, 4, 5)),
                LayerCase.of(() -> new ConvLSTM1D(2, 3).padding("same").dilationRate(2).returnSequences(true)
                        .goBackwards(true), Shape.of(3, 6, 2)).label("dilated, backwards sequences")
                        .wrongRank(Shape.of(2, 3, 6, 2, 1)));
    }
}
