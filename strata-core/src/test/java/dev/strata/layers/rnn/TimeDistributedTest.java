package dev.strata.layers.rnn;

import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import java.util.List;

/** TimeDistributed's cases for the layer contract (its values against Keras: {@link RnnGoldenTest}). */
class TimeDistributedTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new TimeDistributed(new dev.strata.layers.core.Dense(3, "tanh")), Shape.of(4, 2))
                        .tracedWith(Shape.of(Shape.UNKNOWN, 2)).wrongRank(Shape.of(4, 2)));
    }
}
