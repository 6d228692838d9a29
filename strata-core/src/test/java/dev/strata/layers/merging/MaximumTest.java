package dev.strata.layers.merging;

import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import dev.strata.testing.GradientCheck;
import java.util.List;

/**
 * Maximum's contract cases: inputs of one rank, and of several ranks (aligned after the batch axis, as Keras
 * does). Its values against Keras's, and its errors, are tested with the other merge layers in {@link MergingTest}.
 * A scalar is the one rank a merge layer refuses: it has no batch axis.
 */
class MaximumTest {

    static List<LayerCase> contractCases() {
        // Ties are kinks of the maximum: inputs all different, further apart than twice the finite-difference step.
        return List.of(
                LayerCase.of(Maximum::new, Shape.of(3), Shape.of(3))
                        .inputs(batch -> GradientCheck.distinct(1, 0.05, Shape.of(batch, 3), Shape.of(batch, 3)))
                        .wrongRank(Shape.scalar(), Shape.of(4, 3)),
                LayerCase.of(Maximum::new, Shape.of(3), Shape.of(4, 3), Shape.of(1, 3))
                        .inputs(batch -> GradientCheck.distinct(2, 0.05, Shape.of(batch, 3), Shape.of(batch, 4, 3),
                                Shape.of(batch, 1, 3)))
                        .wrongRank(Shape.of(4, 3), Shape.scalar(), Shape.of(4, 1, 3)));
    }
}
