package dev.strata.layers.merging;

import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import java.util.List;

/**
 * Average's contract cases: inputs of one rank, and of several ranks (aligned after the batch axis, as Keras
 * does). Its values against Keras's, and its errors, are tested with the other merge layers in {@link MergingTest}.
 * A scalar is the one rank a merge layer refuses: it has no batch axis.
 */
class AverageTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(Average::new, Shape.of(3), Shape.of(3)).wrongRank(Shape.scalar(), Shape.of(4, 3)),
                LayerCase.of(Average::new, Shape.of(3), Shape.of(4, 3), Shape.of(1, 3))
                        .wrongRank(Shape.of(4, 3), Shape.scalar(), Shape.of(4, 1, 3)));
    }
}
