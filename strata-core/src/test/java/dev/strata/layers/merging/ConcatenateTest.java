package dev.strata.layers.merging;

import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import java.util.List;

/**
 * Concatenate's contract cases: along the last axis and along an inner one. Its values against Keras's, and its
 * errors, are tested with the other merge layers in {@link MergingTest}.
 */
class ConcatenateTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(Concatenate::new, Shape.of(2), Shape.of(3)).wrongRank(Shape.of(4, 2), Shape.of(4, 3, 1)),
                LayerCase.of(() -> new Concatenate(1), Shape.of(2, 3), Shape.of(1, 3))
                        .wrongRank(Shape.of(4, 2, 3), Shape.of(4, 3)));
    }
}
