package dev.strata.layers.rnn;

import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import java.util.List;

/** ConvLSTM3D's cases for the layer contract (its values against Keras: {@link ConvLstmGoldenTest}). */
class ConvLSTM3DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new ConvLSTM3D(2, 2).returnState(true), Shape.of(2, 3, 3, 3, 1))
                        .tracedWith(Shape.of(Shape.UNKNOWN, 3, 3, 3, 1)).wrongRank(Shape.of(2, 2, 3, 3, 1)));
    }
}
