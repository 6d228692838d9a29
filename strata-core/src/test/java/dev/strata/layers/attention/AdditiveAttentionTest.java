package dev.strata.layers.attention;

import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import java.util.List;

/** AdditiveAttention's contract cases; its Keras goldens are checked in {@link AttentionTest}. */
class AdditiveAttentionTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(AdditiveAttention::new, Shape.of(3, 4), Shape.of(5, 4))
                        .wrongRank(Shape.of(2, 4), Shape.of(2, 5, 4)),
                LayerCase.of(() -> new AdditiveAttention().useScale(false).useCausalMask(true)
                        .returnAttentionScores(true), Shape.of(4, 3), Shape.of(4, 2), Shape.of(4, 3))
                        .label("no scale, causal, key").wrongRank(Shape.of(2, 3), Shape.of(2, 4, 2), Shape.of(2, 4, 3)));
    }
}
