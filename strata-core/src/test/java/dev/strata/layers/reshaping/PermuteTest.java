package dev.strata.layers.reshaping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.pooling.PoolingChecks;
import dev.strata.models.Input;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Permute against Keras: values, gradients, config, shapes and errors. */
class PermuteTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new Permute(2, 1), Shape.of(3, 4))
                        .wrongRank(Shape.of(4, 3, 4, 1)),
                LayerCase.of(() -> new Permute(3, 1, 2), Shape.of(2, 3, 4)).label("3, 1, 2")
                        .wrongRank(Shape.of(4, 2)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("permute_");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new Permute(2, 1), "permute_21");
        PoolingChecks.assertConfigIsKeras(new Permute(3, 1, 2), "permute_312");
    }

    @Test
    void badInputsAndArgumentsAreClear() {
        assertThatThrownBy(() -> new Permute(2, 1).apply(Tensor.ones(2, 5)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(Permute)")
                .hasMessageContaining("permutes 2 sample axes (dims [2, 1]), so it expects inputs of rank 3")
                .hasMessageContaining("(2, 5)");
        assertThatThrownBy(() -> new Permute(0, 1)).hasMessageContaining("permutation of the sample axes");
        assertThatThrownBy(() -> new Permute(1, 3)).hasMessageContaining("consecutive and starting from 1");
        assertThat(new Permute(2, 1).apply(Input.of(-1, 5)).shape()).isEqualTo(Shape.of(-1, 5, -1));
    }
}
