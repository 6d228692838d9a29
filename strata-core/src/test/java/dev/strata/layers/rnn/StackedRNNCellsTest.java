package dev.strata.layers.rnn;

import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import java.util.List;

/** StackedRNNCells's cases for the layer contract (its values against Keras: {@link RnnGoldenTest}). */
class StackedRNNCellsTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new StackedRNNCells(List.of(new LSTMCell(3), new SimpleRNNCell(2))), Shape.of(4),
                        Shape.of(3), Shape.of(3), Shape.of(2))
                        .wrongRank(Shape.of(4, 2, 4), Shape.of(4, 3), Shape.of(4, 3), Shape.of(4, 2)));
    }
}
