package dev.strata.layers.rnn;

import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import java.util.List;

/** GRUCell's cases for the layer contract (its values against Keras: {@link RnnGoldenTest}). */
class GRUCellTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new GRUCell(3), Shape.of(4), Shape.of(3)).wrongRank(Shape.of(4, 2, 4), Shape.of(4, 3)),
                LayerCase.of(() -> new GRUCell(2).resetAfter(false), Shape.of(4), Shape.of(2)).label("reset before")
                        .wrongRank(Shape.of(4, 2, 4), Shape.of(4, 2)));
    }
}
