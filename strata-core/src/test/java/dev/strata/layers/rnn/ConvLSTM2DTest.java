package dev.strata.layers.rnn;

import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import java.util.List;

/** ConvLSTM2D's cases for the layer contract (its values against Keras: {@link ConvLstmGoldenTest}). */
class ConvLSTM2DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new ConvLSTM2D(2, 2), Shape.of(3, 4, 4, 2))
                        .tracedWith(Shape.of(Shape.UNKNOWN, 4, 4, 2)).wrongRank(Shape.of(2, 3, 4, 2)),
                LayerCase.of(() -> new ConvLSTM2D(2, 3).padding("same").returnSequences(true).returnState(true),
                        Shape.of(2, 3, 3, 1)).label("same padding, sequences and states")
                        .tracedWith(Shape.of(Shape.UNKNOWN, 3, 3, 1)).wrongRank(Shape.of(2, 2, 3, 3, 1, 1)),
                LayerCase.of(() -> new ConvLSTM2D(2, 2).dataFormat("channels_first").strides(2), Shape.of(2, 1, 5, 4))
                        .label("channels first, strides 2").wrongRank(Shape.of(2, 2, 1, 5)));
    }
}
