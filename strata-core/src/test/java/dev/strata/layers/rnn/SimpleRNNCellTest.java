package dev.strata.layers.rnn;

import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import java.util.List;

/** SimpleRNNCell's cases for the layer contract (its values against Keras: {@link RnnGoldenTest}). */
class SimpleRNNCellTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new SimpleRNNCell(3), Shape.of(4), Shape.of(3))
                        .wrongRank(Shape.of(4, 2, 4), Shape.of(4, 3)));
    }
}
